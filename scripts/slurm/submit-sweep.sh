#!/usr/bin/env bash
# Submits a sharded kafkasim sweep to Slurm: a job array of N shards and a
# merge job that runs once every shard succeeded (afterok).
#
#   scripts/slurm/submit-sweep.sh [--wait] N OUTDIR FILE.yaml [sweep args...]
#
# e.g. scripts/slurm/submit-sweep.sh 16 /shared/sweep1 scenarios/quickstart.yaml \
#          --seeds 1..10000 --faults random
# Prints the two job ids. With --wait it returns when the merge job ends, with
# its exit status. Extra sbatch options (partition, account, time limit) go in
# SBATCH_* environment variables, which sbatch reads itself (SBATCH_PARTITION,
# SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ...). docs/scale-out.md has the details.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wait_flag=()
if [ "${1:-}" = "--wait" ]; then
  wait_flag=(--wait)
  shift
fi
if [ $# -lt 3 ]; then
  echo "usage: $0 [--wait] N OUTDIR FILE.yaml [sweep args...]" >&2
  exit 2
fi
n=$1
out=$2
shift 2
case "$n" in '' | *[!0-9]* | 0)
  echo "$0: N must be a positive number of shards, got '$n'" >&2
  exit 2
  ;;
esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
array=$(sbatch --parsable --array="0-$((n - 1))" -o "$out/slurm-%A_%a.out" \
  "$here/sweep.sbatch" "$out" "$@")
array=${array%%;*}
echo "submitted sweep array job $array ($n shards)"
merge=$(sbatch --parsable "${wait_flag[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  -o "$out/slurm-merge-%j.out" "$here/merge.sbatch" "$out" "$n")
echo "submitted merge job ${merge%%;*} -> $out/results.jsonl"
