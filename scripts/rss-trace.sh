#!/usr/bin/env bash
# Resident set size of a long `ebm train` run, sampled every 30 s: writes OUT/rss.csv (elapsed_s,rss_kb) and the
# training log, and stops the run after MINUTES. Usage: scripts/rss-trace.sh [MINUTES=30] [OUT=bench-results/rss]
# [extra ebm train options...]. Default run: full MNIST, the recipe's defaults, OMP_NUM_THREADS as set (1 if unset).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-30}
out=${2:-$root/bench-results/rss}
shift $(( $# < 2 ? $# : 2 ))
mkdir -p "$out"
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} "$root/ebm" train --epochs 1000 --out "$out/run" --sample-every 1000 \
  --log-every 20 "$@" > "$out/train.log" 2>&1 &
pid=$!
echo "elapsed_s,rss_kb" > "$out/rss.csv"
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  el=$(( $(date +%s) - start ))
  rss=$(awk '/VmRSS/{print $2}' "/proc/$java_pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$el,$rss" >> "$out/rss.csv"
  if [ "$el" -ge $(( minutes * 60 )) ]; then kill "$pid"; break; fi
  sleep 30
done
wait "$pid" 2>/dev/null || true
echo "wrote $out/rss.csv" >&2
