#!/usr/bin/env bash
# The test command compiles in unity mode (CMAKE_UNITY_BUILD, ten sources as
# one file; scripts/test.sh says why). Two helpers of the same name in the
# anonymous namespaces of files in one directory then collide. This finds such
# collisions with the compiler's front end only (-fsyntax-only), much faster
# than a full build:
#   scripts/unity_check.sh [BUILD_DIR]     (default build-unity-check)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-unity-check}
cmake --preset release -B "$build" -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=10 >/dev/null
python3 - "$build" "$(nproc 2>/dev/null || echo 2)" <<'PY'
import json, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
build, jobs = sys.argv[1], int(sys.argv[2])
units = []
for e in json.load(open(f"{build}/compile_commands.json")):
    if "/Unity/" not in e["file"]:
        continue
    args = [a for a in shlex.split(e["command"]) if a != "ccache"]
    i = args.index("-o")
    del args[i:i + 2]
    units.append((e["file"], args + ["-fsyntax-only"], e["directory"]))
def check(u):
    r = subprocess.run(u[1], cwd=u[2], capture_output=True, text=True)
    return u[0], r.returncode, [l for l in r.stderr.splitlines() if "error:" in l]
failed = 0
with ThreadPoolExecutor(jobs) as pool:
    for unit, rc, errors in pool.map(check, units):
        if rc:
            failed += 1
            print(f"unity: {unit}:")
            for line in errors[:8]:
                print("   ", line)
print(f"unity: {len(units)} unity files, {failed} failed")
sys.exit(1 if failed else 0)
PY
