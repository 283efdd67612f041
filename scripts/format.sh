#!/usr/bin/env bash
# The project's one formatting (.clang-format). `scripts/format.sh` rewrites
# every C++ file in place; `scripts/format.sh --check` lists the files that
# differ and fails (the test command runs this).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    clang-format --style=file "$f" | cmp -s - "$f" || bad+=("$f")
  done
  if [ ${#bad[@]} -ne 0 ]; then
    printf 'not formatted: %s\n' "${bad[@]}"
    echo "format: ${#bad[@]} file(s) differ from .clang-format; run scripts/format.sh" >&2
    exit 1
  fi
  echo "format: ok (${#files[@]} files)"
else
  clang-format --style=file -i "${files[@]}"
fi
