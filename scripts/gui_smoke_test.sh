#!/usr/bin/env bash
# scripts/gui_smoke_test.sh — the GUI starts, renders a scenario under a
# virtual X server and writes a screenshot that shows something.
#
#   scripts/gui_smoke_test.sh [path/to/kafkasim-viz] [scenario.yaml]
#
# Exit 0 pass; 1 the screenshot is missing or empty; 77 skipped (no xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."

viz="${1:-build/bin/kafkasim-viz}"
scenario="${2:-scenarios/quickstart.yaml}"
out="${KAFKASIM_SCREENSHOT:-/tmp/kafkasim-viz.png}"

if ! command -v xvfb-run >/dev/null; then
  echo "gui_smoke_test: SKIP: xvfb-run is not installed (apt-get install xvfb)"
  exit 77
fi
if [[ ! -x "$viz" ]]; then
  echo "gui_smoke_test: FAIL: $viz is not built (cmake --build build --target kafkasim-viz)"
  exit 1
fi

rm -f "$out"
# Mesa's software rasterizer: no GPU needed.
LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x800x24" \
  "$viz" "$scenario" --run-to 6s --screenshot "$out" --frames 5
if [[ ! -s "$out" ]]; then
  echo "gui_smoke_test: FAIL: no screenshot at $out"
  exit 1
fi
python3 tests/viz/png_check.py "$out" --min-colors 20 --min-foreground 0.05
echo "gui_smoke_test: PASS ($out)"
