#!/usr/bin/env bash
# The README's first command: installs dependencies, builds, and runs the
# default teaching scenario — in the GUI when a display exists, otherwise in
# the terminal (timeline, expectations, seed and trace hash).
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-scenarios/quickstart.yaml}"

bash scripts/install-deps.sh
# Unity build, as the test command does (scripts/test.sh says why): about half
# the compile time on a fresh machine.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=10 >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/bin/kafkasim-viz ]; then
  exec build/bin/kafkasim-viz "$scenario"
fi
exec build/bin/kafkasim run "$scenario"
