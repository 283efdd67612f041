#!/usr/bin/env bash
# Re-records every scenario's trace hash (default seed) into
# tests/golden/trace_hashes.txt. Run only after a deliberate behaviour change,
# and say why in the commit.
set -eu
ks="${1:-build/bin/kafkasim}"
cd "$(dirname "$0")/.."
out=tests/golden/trace_hashes.txt
mkdir -p "$(dirname "$out")"
{
  echo "# scenario trace_hash (default seed) — see scripts/check_golden.sh"
  for f in scenarios/*.yaml; do
    printf '%s %s\n' "$(basename "$f" .yaml)" \
      "$("$ks" run "$f" 2>/dev/null | tail -1 | grep -o 'trace_hash=[0-9a-f]*' | cut -d= -f2)"
  done
} > "$out"
cat "$out"
