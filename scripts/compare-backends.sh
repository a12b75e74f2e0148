#!/usr/bin/env bash
# Measures the conv energy's hot loop (energy + input gradient, and one seed-langevin step, batch 128) with each
# nd4j-native CPU build, in one run on this machine, to choose the default backend (README, "Backends").
# Usage: scripts/compare-backends.sh [classifier ...]   (default: onednn-avx2 avx2 onednn, plus onednn-avx512 and
#        avx512 where the CPU has AVX-512). Needs a built ebm-bench (./ebm info) and network access for Maven.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lib="$root/ebm-bench/target/lib"
[ -d "$lib" ] || { echo "build first: ./ebm info" >&2; exit 2; }
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  variants=(onednn-avx2 avx2 onednn)
  grep -qw avx512f /proc/cpuinfo && variants+=(onednn-avx512 avx512)
fi
version=1.0.0-M2.1
repo=${MAVEN_REPO:-$HOME/.m2/repository}
threads=${OMP_NUM_THREADS:-2}
out="$root/bench-results/backends"
mkdir -p "$out"
base=$(ls "$lib"/*.jar | grep -v '/nd4j-native-'"$version"'-linux' | tr '\n' ':')
for v in "${variants[@]}"; do
  jar="$repo/org/nd4j/nd4j-native/$version/nd4j-native-$version-linux-x86_64-$v.jar"
  [ -f "$jar" ] || "$root/mvnw" -B -q dependency:get -Dartifact="org.nd4j:nd4j-native:$version:jar:linux-x86_64-$v" \
      -Dtransitive=false >&2
  echo "== $v ($threads threads)" >&2
  OMP_NUM_THREADS=$threads java -Xmx3g -Dorg.bytedeco.javacpp.platform.extension="-$v" \
    -cp "$root/ebm-bench/target/ebm-bench.jar:$base$jar" org.ebm4j.bench.cli.EbmCommand \
    bench jmh EnergyGradientBenchmark --warmup 3 --iterations 5 --seconds 2 --out "$out/$v.json" >&2
done
printf '| build | benchmark | input gradient | convolutions | ms/op |\n|---|---|---|---|---|\n'
for v in "${variants[@]}"; do
  python3 - "$out/$v.json" "$v" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    print("| %s | %s | %s | %s | %.1f ± %.1f |" % (sys.argv[2], r["benchmark"].rsplit(".", 1)[1],
          r["params"]["inputGradient"], r["params"].get("convolutions", "nd4j"), r["primaryMetric"]["score"],
          r["primaryMetric"]["scoreError"]))
PY
done
