#!/usr/bin/env bash
# Scores Loupe's answer aggregation (majority vote and Dawid–Skene) against crowd-kit's figures
# on the seeded crowds of ../shared/aggregation (gen.py + score.py): accuracy, fit time, worker scores.
#   Benchmarks/aggregation.sh [SCENARIO...]      (default: S1 S2 S3 S4 G1 B1)
# Needs python3 with numpy (for gen.py); the data is generated into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${LOUPE_AGGREGATION_DIR:-../shared/aggregation}
scenarios=("$@"); [ ${#scenarios[@]} -eq 0 ] && scenarios=(S1 S2 S3 S4 G1 B1)
python3 -c "import numpy" 2>/dev/null || pip install -q numpy
swift build -c release --product loupe-aggregate-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/loupe-aggregate-bench"
data=$(mktemp -d /tmp/loupe-agg-data.XXXXXX); trap 'rm -rf "$data"' EXIT
python3 "$shared/gen.py" --all --out "$data" >/dev/null
for name in "${scenarios[@]}"; do
  dir=$data/$name
  for method in mv ds; do
    pred=$data/$name.$method.csv workers=$data/$name.$method.workers.csv
    timing=$("$bench" --method $method --input "$dir/labels.csv" --predictions "$pred" --workers "$workers" --repeat 3)
    exclude=(); [ -f "$dir/gold.csv" ] && exclude=(--exclude "$dir/gold.csv")
    metrics=$(python3 "$shared/score.py" --truth "$dir/truth.csv" --pred "$pred" "${exclude[@]}" \
      --workers-truth "$dir/workers.csv" --worker-scores "$workers" --json)
    python3 - "$name" "$method" "$timing" "$metrics" <<'PY'
import json, re, sys
name, method, timing, metrics = sys.argv[1:]
m = json.loads(metrics)
seconds = re.search(r"min ([0-9.]+)", timing).group(1)
iterations = re.search(r"iterations: (\d+)", timing).group(1)
print(f"{name:4s} {method}: accuracy {m['accuracy']:.4f}  fit {seconds} s  iterations {iterations:>3s}  "
      f"ECE {m['ece']:.4f}  worker Spearman {m['spearman']:.3f}")
PY
  done
done
