#!/usr/bin/env bash
# Executes one notebook with Debian's Jupyter, as a student would:
#   /usr/bin/python3 -m jupyter nbconvert --to notebook --execute
# and writes the executed copy to OUT_DIR (the build directory, never the
# source tree). Fails if the committed notebook carries outputs, if a cell
# raises, if no cell drew a plot, or if the executed copy is not small.
#
#   scripts/execute_notebook.sh notebooks/guarantees.ipynb build/notebooks
#
# The CLI comes from $KAFKASIM (the test sets it), else build/bin/kafkasim.
# Debian's python3 is used explicitly: another python3 earlier on PATH (pyenv's)
# would not see Debian's python3-nbclient, python3-pandas, python3-matplotlib.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 NOTEBOOK.ipynb OUT_DIR" >&2
  exit 2
fi
nb=$1
out=$2
py=${KAFKASIM_PYTHON:-/usr/bin/python3}
max_bytes=400000

# Outputs are not committed: the source notebook must be stripped.
"$py" - "$nb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
dirty = [i for i, c in enumerate(nb["cells"], 1)
         if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
if dirty:
    sys.exit(f"{sys.argv[1]}: cells {dirty} carry outputs; strip them before committing "
             "(jupyter nbconvert --clear-output --inplace)")
PY

mkdir -p "$out"
unset MPLBACKEND                         # let ipykernel choose its inline backend
export PYDEVD_DISABLE_FILE_VALIDATION=1  # quiets a debugger warning from the kernel
"$py" -m jupyter nbconvert --to notebook --execute \
  --ExecutePreprocessor.timeout=300 --output-dir "$out" "$nb"

executed="$out/$(basename "$nb")"
if ! grep -q '"image/png"' "$executed"; then
  echo "FAIL: $nb drew nothing (no image/png output in $executed)" >&2
  exit 1
fi
size=$(stat -c %s "$executed")
if [ "$size" -gt "$max_bytes" ]; then
  echo "FAIL: $executed is $size bytes (limit $max_bytes): make the figures smaller" >&2
  exit 1
fi
echo "ok: $nb -> $executed ($size bytes)"
