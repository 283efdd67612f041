#!/usr/bin/env bash
# A single-node Slurm on this machine, from Debian's packages (munge,
# slurmctld, slurmd, slurm-client), for trying the sweep scripts and for
# the Slurm integration test. Needs root (munged runs as the munge user,
# slurmd as root). Not for production: no accounting, no cgroups.
#
#   eval "$(scripts/slurm/local-slurm.sh start DIR)"   # prints export SLURM_CONF=DIR/slurm.conf
#   scripts/slurm/local-slurm.sh stop DIR
#
# Ports 16817/16818 (not Slurm's 6817/6818) so it never meets a real cluster
# on the same host; KAFKASIM_SLURM_PORT overrides the first.
set -euo pipefail
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

start_munge() {
  if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    return  # a munged is already answering
  fi
  if [ ! -s /etc/munge/munge.key ]; then
    echo "local-slurm: /etc/munge/munge.key is missing (apt-get install munge creates it)" >&2
    exit 1
  fi
  install -d -o munge -g munge -m 0755 /run/munge /var/log/munge /var/lib/munge
  runuser -u munge -- munged
  for _ in $(seq 50); do
    munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "local-slurm: munged did not start" >&2
  exit 1
}

write_conf() {
  local host port
  host=$(hostname -s)
  port=${KAFKASIM_SLURM_PORT:-16817}
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  cat >"$dir/slurm.conf" <<CONF
# Written by scripts/slurm/local-slurm.sh: one node, this host.
ClusterName=kafkasim-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=$port
SlurmdPort=$((port + 1))
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

case "$cmd" in
  start)
    if [ "$(id -u)" != 0 ]; then
      echo "local-slurm: needs root (munged and slurmd)" >&2
      exit 1
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    start_munge
    write_conf
    export SLURM_CONF="$dir/slurm.conf"
    slurmctld -c  # -c: a clean start, no state from an earlier run
    slurmd -c
    for _ in $(seq 100); do
      if sinfo -h -o '%t' 2>/dev/null | grep -qx idle; then
        echo "export SLURM_CONF=$dir/slurm.conf"
        exit 0
      fi
      sleep 0.2
    done
    echo "local-slurm: the node did not become idle; see $dir/log/" >&2
    exit 1
    ;;
  stop)
    for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
      if [ -s "$pidfile" ]; then
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do  # wait until it has written its state and gone
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.1
        done
      fi
    done
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
