#!/usr/bin/env bash
# Integration test: a sharded sweep on a real (single-node) Slurm equals the
# local, unsharded sweep byte for byte.
#
#   scripts/slurm_sweep_test.sh path/to/kafkasim scenarios/quickstart.yaml
#
# Starts munge + slurmctld + slurmd from Debian's packages on this host
# (scripts/slurm/local-slurm.sh), submits a 4-shard sweep with sbatch through
# scripts/slurm/submit-sweep.sh (job array + dependent merge job), waits for
# it and compares. Exit 77 (ctest: skipped) only when not root, since the
# daemons need root; the test command runs as root.
set -euo pipefail
kafkasim=$(realpath "$1")
scenario=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "SKIP: the single-node Slurm needs root (munged, slurmd)"
  exit 77
fi
for tool in sbatch slurmctld slurmd munged; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL: $tool not found; scripts/install-deps.sh installs Debian's slurm and munge" >&2
    exit 1
  fi
done

work=$(mktemp -d /tmp/kafkasim-slurm.XXXXXX)
cleanup() {
  bash "$here/slurm/local-slurm.sh" stop "$work/slurm" || true
  rm -rf "$work"
}
trap cleanup EXIT

eval "$(bash "$here/slurm/local-slurm.sh" start "$work/slurm")"
export KAFKASIM="$kafkasim"

sweep_args=(--seeds 1..6 --set acks=1,all --faults random)
"$kafkasim" sweep "$scenario" "${sweep_args[@]}" --out "$work/local.jsonl"

echo "== sbatch: 4 shards + merge"
timeout 600 bash "$here/slurm/submit-sweep.sh" --wait 4 "$work/out" "$scenario" "${sweep_args[@]}"

fail() {
  echo "FAIL: $*" >&2
  tail -n 20 "$work"/out/slurm-*.out "$work/slurm/log/"*.log >&2 || true
  exit 1
}
[ -f "$work/out/results.jsonl" ] || fail "the merge job wrote no results.jsonl"
for i in 0 1 2 3; do
  [ -s "$work/out/part-$i.jsonl" ] || fail "shard $i wrote no runs"
  ls "$work"/out/slurm-*_"$i".out >/dev/null 2>&1 || fail "no Slurm output for array task $i"
done
runs=$(wc -l <"$work/local.jsonl")
[ "$runs" -eq 12 ] || fail "the local sweep has $runs runs, expected 2 acks values x 6 seeds = 12"
cmp "$work/local.jsonl" "$work/out/results.jsonl" || fail "Slurm's merged sweep differs from the local sweep"
echo "PASS: 4 Slurm array tasks + merge job gave the local sweep's $runs lines byte for byte"
