#!/usr/bin/env bash
# scripts/gui_smoke_test.sh — the GUI starts, renders a scenario under a
# virtual X server and writes a screenshot that shows something; then, at the
# moments three lessons depend on, checks what the frame was drawn from (the
# view model written by --state-out) and that the picture is not empty:
#   zombie-leader-acks1 at 7 s   broker-1's row says it leads at epoch 0 while
#                                ZooKeeper says broker-2, epoch 2 — in words too
#   unclean-election at 7.5 s    ZooKeeper's ISR is [1] (broker-2 removed at 5 s);
#                                crashed broker-1 shown from its disk
#   pubsub-two-groups at 5 s     both groups listed, members by client id
#   acks1-leader-failure at 3.9 s  acknowledged records at risk, none lost yet;
#                  and at 9 s      ghosts of the lost records, each with the
#                                  election that lost it
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

# shoot NAME TIME: screenshot + view model of scenarios/NAME.yaml at TIME.
dir="$(dirname "$out")"
shoot() {
  rm -f "$dir/kafkasim-$1.png" "$dir/kafkasim-$1.txt"
  LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x800x24" "$viz" "scenarios/$1.yaml" --run-to "$2" \
    --screenshot "$dir/kafkasim-$1.png" --state-out "$dir/kafkasim-$1.txt" --frames 5 >/dev/null
  python3 tests/viz/png_check.py "$dir/kafkasim-$1.png" --min-colors 20 --min-foreground 0.05
}
# expect NAME LINE: the frame's view model holds this exact line.
expect() {
  if ! grep -qxF -- "$2" "$dir/kafkasim-$1.txt"; then
    echo "gui_smoke_test: FAIL: $1: the frame was not drawn from a state with"
    echo "  $2"
    echo "  (view model: $dir/kafkasim-$1.txt)"
    exit 1
  fi
}
# expect_match NAME REGEX: a line of the view model matches.
expect_match() {
  if ! grep -qE -- "$2" "$dir/kafkasim-$1.txt"; then
    echo "gui_smoke_test: FAIL: $1: no line of the view model matches /$2/ ($dir/kafkasim-$1.txt)"
    exit 1
  fi
}

shoot zombie-leader-acks1 7s
expect_match zombie-leader-acks1 '^zk orders-0 leader=broker-2 epoch=2 isr=\[2,3\] '
expect_match zombie-leader-acks1 '^replica orders-0 broker-1 live leader=yes epoch=0 .* zk_leader=no zk_isr=no$'
expect zombie-leader-acks1 "note orders-0 broker-1 still believes it leads, epoch 0; the controller says broker-2, epoch 2"

shoot unclean-election 7.5s
expect_match unclean-election '^zk orders-0 leader=broker-1 epoch=0 isr=\[1\] '
expect_match unclean-election '^replica orders-0 broker-1 crashed start=0 hw=[0-9]+ leo=[1-9][0-9]* only_here_from='
expect_match unclean-election '^replica orders-0 broker-2 live .* zk_isr=no$'
expect_match unclean-election '^note orders-0 broker-1 has crashed; its disk holds offsets [0-9]+-[0-9]+ that no live replica has$'

shoot pubsub-two-groups 5s
expect_match pubsub-two-groups '^group billing coordinator=broker-[0-9]+ state=Stable '
expect_match pubsub-two-groups '^group audit coordinator=broker-[0-9]+ state=Stable '
expect_match pubsub-two-groups '^member billing c1 leader=(yes|no) assignment=\[orders-[0-9]'
expect_match pubsub-two-groups '^member billing c2 leader=(yes|no) assignment=\[orders-[0-9]'
expect pubsub-two-groups "member audit c3 leader=yes assignment=[orders-0,orders-1,orders-2,orders-3]"
for g in billing audit; do
  for p in 0 1 2 3; do
    expect_match pubsub-two-groups "^offsets $g orders-$p owner=c[123] committed=[0-9]+ position=[0-9]+ hw=[0-9]+ lag=[0-9]+$"
  done
done
shoot acks1-leader-failure 3.9s
expect_match acks1-leader-failure '^records orders-0 replica=broker-1 count=[0-9]+ at_risk=[1-9][0-9]* ghosts=0$'
rm -f "$dir/kafkasim-acks1-after.png" "$dir/kafkasim-acks1-after.txt"
LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x800x24" "$viz" scenarios/acks1-leader-failure.yaml --run-to 9s \
  --screenshot "$dir/kafkasim-acks1-after.png" --state-out "$dir/kafkasim-acks1-after.txt" --frames 5 >/dev/null
python3 tests/viz/png_check.py "$dir/kafkasim-acks1-after.png" --min-colors 20 --min-foreground 0.05
expect_match acks1-after '^records orders-0 replica=broker-2 count=[0-9]+ at_risk=0 ghosts=[1-9][0-9]*$'
expect_match acks1-after '^ghost orders-0 offset=[0-9]+ p1#[0-9]+ acks=1 acked=[0-3][.][0-9]+s lost=5[.][0-9]+s event=[0-9]+ cause="broker-2 was elected leader of orders-0 \(epoch 1\)'
echo "gui_smoke_test: PASS ($out and the lesson moments in $dir/kafkasim-*.png)"
