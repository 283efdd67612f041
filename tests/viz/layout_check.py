#!/usr/bin/env python3
"""tests/viz/layout_check.py — is the GUI's layout sound in a frame?

Reads the `display` and `window` lines kafkasim-viz --state-out writes after
the view model and checks, for the default layout's windows:
  - each lies inside the display (nothing off screen);
  - no two overlap (more than a 3-pixel border);
  - none is cut off on the right (scroll_x == 0: there is no horizontal
    scrollbar), and the controls and the narration banner are not cut off
    at the bottom either (scroll_y == 0) — their text must be all visible.

usage: layout_check.py STATE.txt
exit 0 sound, 1 not (each problem printed).
"""
import re
import sys

LAYOUT = {"Controls", "Narration", "Cluster", "Replica_logs", "Timeline", "Consumer_groups", "Expectations"}
NO_SCROLL = {"Controls", "Narration"}


def main():
    text = open(sys.argv[1]).read()
    m = re.search(r"^display w=(\d+) h=(\d+)$", text, re.M)
    if not m:
        print("layout_check: no display line")
        return 1
    dw, dh = int(m.group(1)), int(m.group(2))
    wins = {}
    for w in re.finditer(r"^window (\S+) x=(-?\d+) y=(-?\d+) w=(\d+) h=(\d+) scroll_x=(\d+) scroll_y=(\d+) "
                         r"scrollbar=(\w+)$", text, re.M):
        name = w.group(1)
        if name in LAYOUT:
            wins[name] = [int(w.group(i)) for i in range(2, 8)]
    problems = []
    # (the timeline and the expectations are left out when the type is large for the window)
    if not {"Controls", "Cluster", "Replica_logs"} <= wins.keys():
        problems.append(f"missing windows: found {sorted(wins)}")
    for name, (x, y, w, h, sx, sy) in wins.items():
        if x < 0 or y < 0 or x + w > dw + 1 or y + h > dh + 1:
            problems.append(f"{name} ({x},{y} {w}x{h}) is not inside the {dw}x{dh} display")
        if sx > 0:
            problems.append(f"{name}: content cut off on the right by {sx} px")
        if name in NO_SCROLL and sy > 0:
            problems.append(f"{name}: content cut off at the bottom by {sy} px")
    names = sorted(wins)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ax, ay, aw, ah = wins[a][:4]
            bx, by, bw, bh = wins[b][:4]
            ox = min(ax + aw, bx + bw) - max(ax, bx)
            oy = min(ay + ah, by + bh) - max(ay, by)
            if ox > 3 and oy > 3:
                problems.append(f"{a} and {b} overlap by {ox}x{oy} px")
    for p in problems:
        print(f"layout_check: {sys.argv[1]}: {p}")
    if not problems:
        print(f"layout_check: {sys.argv[1]}: {len(wins)} windows inside {dw}x{dh}, none overlapping or cut off")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
