#!/usr/bin/env python3
"""Executes a notebook's code cells in order, in one namespace, with
matplotlib's Agg backend — what `jupyter nbconvert --execute` would do, with
only the standard library (and whatever the notebook itself imports).
Exit 0 when every cell ran; 1 with the failing cell otherwise."""
import json
import os
import sys
import traceback


def main(path):
    os.environ.setdefault("MPLBACKEND", "Agg")
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    namespace = {"__name__": "__main__"}
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(cells, 1):
        source = "".join(cell["source"])
        try:
            exec(compile(source, f"{path}[cell {i}]", "exec"), namespace)
        except Exception:
            traceback.print_exc()
            print(f"FAILED: {path} cell {i} of {len(cells)}")
            return 1
    print(f"ok: {path} ({len(cells)} code cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
