#!/usr/bin/env bash
# Checks determinism across the scenario library: every scenario's trace hash
# (with its default seed) must equal the one recorded in
# tests/golden/trace_hashes.txt, and a run must repeat itself exactly.
# After a deliberate behaviour change: scripts/update_golden.sh.
set -u
ks="${1:-build/bin/kafkasim}"
cd "$(dirname "$0")/.."
golden=tests/golden/trace_hashes.txt
fail=0
h() { "$ks" run "$1" ${2:+--seed "$2"} 2>/dev/null | tail -1 | grep -o 'trace_hash=[0-9a-f]*' | cut -d= -f2; }

a=$(h scenarios/quickstart.yaml 7); b=$(h scenarios/quickstart.yaml 7); c=$(h scenarios/quickstart.yaml 8)
if [ -z "$a" ] || [ "$a" != "$b" ]; then echo "FAIL: quickstart --seed 7 twice gave '$a' and '$b'"; fail=1; fi
if [ "$a" = "$c" ]; then echo "FAIL: quickstart --seed 7 and --seed 8 gave the same hash $a"; fail=1; fi

for f in scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  want=$(awk -v n="$name" '$1 == n { print $2 }' "$golden")
  got=$(h "$f")
  if [ -z "$want" ]; then
    echo "FAIL: $name has no golden hash in $golden (got $got; run scripts/update_golden.sh)"; fail=1
  elif [ "$want" != "$got" ]; then
    echo "FAIL: $name trace_hash $got != golden $want"; fail=1
  else
    echo "ok   $name $got"
  fi
done
exit $fail
