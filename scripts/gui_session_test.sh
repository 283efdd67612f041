#!/usr/bin/env bash
# scripts/gui_session_test.sh — a scripted classroom session with real mouse
# events (xdotool) under a virtual X server:
#   1. open scenarios/acks1-leader-failure.yaml at 2.5 s,
#   2. crash broker-2 by right-click -> "crash",
#   3. cut the link broker-1 <-> broker-3 by dragging from one to the other -> "Cut link",
#   4. partition broker-1 from the rest by dragging a line across the cluster view,
#      between broker-1 and broker-2 (until healed),
#   5. "Save scenario as...", then drag the seek slider to the end,
#   6. `kafkasim run` on the saved file: verdict PASS and the trace hash the GUI shows.
# Node and button positions come from the GUI's --ui-dump (no hard-coded pixels).
#
#   scripts/gui_session_test.sh [--readme] [path/to/kafkasim-viz] [path/to/kafkasim]
#
# --readme also writes docs/images/kafkasim-viz.png: the session's frame right
# after the cut (broker-2 crashed, the cut link red), which the README shows.
# Exit 0 pass; 1 fail; 77 skipped (no xvfb-run or xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."

readme=""
if [[ "${1:-}" == "--readme" ]]; then readme="--readme"; shift; fi
viz="${1:-build/bin/kafkasim-viz}"
cli="${2:-build/bin/kafkasim}"
for tool in xvfb-run xdotool; do
  if ! command -v "$tool" >/dev/null; then
    echo "gui_session_test: SKIP: $tool is not installed (scripts/install-deps.sh)"
    exit 77
  fi
done
for bin in "$viz" "$cli"; do
  [[ -x "$bin" ]] || { echo "gui_session_test: FAIL: $bin is not built"; exit 1; }
done

if [[ -z "${GUI_SESSION_INSIDE:-}" ]]; then
  GUI_SESSION_INSIDE=1 LIBGL_ALWAYS_SOFTWARE=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" $readme "$viz" "$cli"
fi

work="$(mktemp -d)"
dump="$work/ui.txt"
saved="$work/saved.yaml"
shot=()
[[ "$readme" == "--readme" ]] && shot=(--screenshot-after-faults 2:docs/images/kafkasim-viz.png)
"$viz" scenarios/acks1-leader-failure.yaml --run-to 2.5s --size 1280x800 --scale 1.3 \
  --ui-dump "$dump" --save-path "$saved" "${shot[@]}" >"$work/viz.log" 2>&1 &
viz_pid=$!
trap 'kill "$viz_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

fail() {
  echo "gui_session_test: FAIL: $*"
  echo "--- last ui dump:"; grep -v '^rect' "$dump" 2>/dev/null || true
  echo "--- kafkasim-viz output:"; cat "$work/viz.log"
  exit 1
}
# wait_for REGEX: until a line of the GUI's dump matches (10 s).
wait_for() {
  for _ in $(seq 100); do
    grep -qE -- "$1" "$dump" 2>/dev/null && return 0
    kill -0 "$viz_pid" 2>/dev/null || fail "kafkasim-viz exited"
    sleep 0.1
  done
  fail "the GUI never showed /$1/"
}
# center NAME: "x y" of the rectangle the dump names.
center() {
  awk -v n="$1" '$1 == "rect" && $2 == n { printf "%d %d\n", ($3 + $5) / 2, ($4 + $6) / 2; exit }' "$dump"
}
# move X Y: the pointer to window pixel X Y, then give the GUI a few frames.
move() { xdotool mousemove --window "$win" "$1" "$2"; sleep 0.25; }
click() { wait_for "^rect $1 "; read -r x y < <(center "$1"); move "$x" "$y"; xdotool click "${2:-1}"; sleep 0.25; }
# drag FROM TO_X TO_Y: press on FROM's centre, move in steps, release.
drag_to() {
  local x0 y0; read -r x0 y0 < <(center "$1")
  move "$x0" "$y0"; xdotool mousedown 1; sleep 0.25
  for f in 1 2 3 4; do move $((x0 + ($2 - x0) * f / 4)) $((y0 + ($3 - y0) * f / 4)); done
  xdotool mouseup 1; sleep 0.25
}

wait_for '^rect node:broker-3 '
win="$(xdotool search --sync --onlyvisible --name '^kafkasim-viz$' | head -1)"

click node:broker-2 3          # right-click: the fault menu
click menu:crash
wait_for '^hand_faults 1$'

wait_for '^rect node:broker-1 '
read -r bx by < <(center node:broker-3)
drag_to node:broker-1 "$bx" "$by"
click button:link_apply
wait_for '^hand_faults 2$'
if [[ "$readme" == "--readme" ]]; then  # the picture before anything else happens
  for _ in $(seq 100); do grep -q "^kafkasim-viz: wrote docs/images/kafkasim-viz.png" "$work/viz.log" && break; sleep 0.1; done
  grep -q "^kafkasim-viz: wrote docs/images/kafkasim-viz.png" "$work/viz.log" || fail "no README screenshot"
fi

# A line across empty space, top to bottom, halfway between broker-1 and broker-2.
read -r ax _ < <(center node:broker-1)
read -r bx2 _ < <(center node:broker-2)
read -r _ cy0 _ cy1 < <(awk '$1 == "rect" && $2 == "canvas:cluster" { print $3, $4, $5, $6; exit }' "$dump")
mx=$(((ax + bx2) / 2))
move "$mx" $((cy0 + 4)); xdotool mousedown 1; sleep 0.25
for f in 1 2 3 4; do move "$mx" $((cy0 + 4 + (cy1 - cy0 - 30) * f / 4)); done
xdotool mouseup 1; sleep 0.25
click button:partition_apply
wait_for '^hand_faults 3$'

click button:save
wait_for '^saved '
grep -q "^saved $saved .* verdict PASS replays yes$" "$dump" || fail "the GUI's own check of the saved file: $(grep '^saved' "$dump")"

# The GUI runs the session to its end: the seek slider dragged past its right edge.
wait_for '^rect slider:seek '
read -r sx0 sy0 sx1 sy1 < <(awk '$1 == "rect" && $2 == "slider:seek" { print $3, $4, $5, $6; exit }' "$dump")
move $(((sx0 + sx1) / 2)) $(((sy0 + sy1) / 2)); xdotool mousedown 1; sleep 0.25
move $((sx1 + 60)) $(((sy0 + sy1) / 2)); xdotool mouseup 1
end_ns="$(awk '$1 == "end_ns" { print $2 }' "$dump")"
wait_for "^now_ns $end_ns\$"
sleep 0.3
gui_hash="$(awk '$1 == "trace_hash" { print $2 }' "$dump")"

grep -qF -- "- {at: 2500ms, crash: broker-2}  # added by hand in kafkasim-viz" "$saved" || fail "no hand crash in $(cat "$saved")"
grep -qF -- "link: {between: [broker-1, broker-3], drop: 1}}  # added by hand in kafkasim-viz" "$saved" ||
  fail "no hand link cut in $(cat "$saved")"
grep -qE -- "- \{at: 2500ms, partition: \[(\[broker-1\], \[[^]]*broker-2[^]]*\]|\[[^]]*broker-2[^]]*\], \[broker-1\])\]\}  # added by hand" "$saved" ||
  fail "no hand partition in $(cat "$saved")"
last="$("$cli" run "$saved" | tail -1)" || true
echo "gui_session_test: kafkasim run: $last; GUI at the end: trace_hash=$gui_hash"
[[ "$last" == *"trace_hash=$gui_hash verdict=PASS"* ]] || fail "kafkasim run on the saved file: $last (GUI: $gui_hash)"
grep -q "^kafkasim-viz: saved $saved: kafkasim run gives trace_hash=$gui_hash PASS$" "$work/viz.log" ||
  fail "the GUI did not print the saved file's trace hash $gui_hash"
if [[ "$readme" == "--readme" ]]; then
  python3 tests/viz/png_check.py docs/images/kafkasim-viz.png --min-colors 20 --min-foreground 0.05
fi
echo "gui_session_test: PASS (crash by click, cut by drag, saved, replayed: trace_hash=$gui_hash)"
