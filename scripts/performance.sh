#!/usr/bin/env bash
# The numbers of README "Performance" in one run on this machine: peer ratios (ebm bench peers, 2 threads both sides),
# then JMH scaling of the conv net's Langevin step and CD gradient with batch size, at 1 and 2 threads.
# Usage: scripts/performance.sh [--quick]   Needs python3-torch and python3-sklearn for the peers (baselines README).
# Writes bench-results/performance/{peers.md,peers.json,jmh-1.json,jmh-2.json,scaling.md}. Run it on a quiet machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench-results/performance"
mkdir -p "$out"
quick=()
jmh=(--warmup 3 --iterations 5 --seconds 2)
if [ "${1:-}" = --quick ]; then quick=(--quick); jmh=(--warmup 1 --iterations 2 --seconds 1); fi
"$root/ebm" bench peers --threads 2 --out "$out" "${quick[@]}"
for t in 1 2; do
  OMP_NUM_THREADS=$t "$root/ebm" bench jmh 'EnergyGradientBenchmark.(langevinStep|contrastiveGradient)' \
    -p inputGradient=direct -p convolutions=onednn -p batch=32,64,128,256 "${jmh[@]}" --out "$out/jmh-$t.json"
done
python3 - "$out" <<'PY' | tee "$out/scaling.md"
import json, sys
out = sys.argv[1]
rows = {}
for t in (1, 2):
    for r in json.load(open(f"{out}/jmh-{t}.json")):
        name = r["benchmark"].rsplit(".", 1)[1]
        m = r["primaryMetric"]
        rows.setdefault(int(r["params"]["batch"]), {})[(name, t)] = (m["score"], m["scoreError"])
print("| batch | Langevin step, 1 thread | 2 threads | CD gradient (batch + batch), 1 thread | 2 threads |"
      " iteration = 60 steps + CD, 1 thread | 2 threads |")
print("|---|---|---|---|---|---|---|")
for b in sorted(rows):
    r = rows[b]
    cells = []
    for name in ("langevinStep", "contrastiveGradient"):
        for t in (1, 2):
            s, e = r[(name, t)]
            cells.append(f"{s:.1f} ± {e:.1f} ms")
    it = [60 * r[("langevinStep", t)][0] / 1000 + r[("contrastiveGradient", t)][0] / 1000 for t in (1, 2)]
    print(f"| {b} | " + " | ".join(cells) + f" | {it[0]:.2f} s | {it[1]:.2f} s |")
PY
