#!/usr/bin/env bash
# Consolidation time and peak RSS for 1,000 and 10,000 partitions (PRODUCT: memory must not grow
# with the number of partitions beyond the statistics' per-order difference values).
# The trees are synthesised from a real demo run (consolidation_bench_tree hard-links its stats/
# files into N keys, 100 securities x N/100 dates), then `run_multidataset_pipeline aggregate`
# runs on each under /usr/bin/time.
#   bench/consolidation_bench.sh [BUILD_DIR=build] [WORK_DIR=/tmp/consolidation-bench] [N...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
work="${2:-/tmp/consolidation-bench}"
shift $(( $# > 2 ? 2 : $# )) || true
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000 10000)
cmake --build "$build" -j2 --target run_multidataset_pipeline generate_market_data consolidation_bench_tree >/dev/null
apps="$build/apps"
tree_tool="$(find "$build" -name consolidation_bench_tree -type f -perm -u+x | head -1)"

mkdir -p "$work"
if [[ ! -f "$work/template/consolidated/pooled_tests.csv" ]]; then
  "$apps/generate_market_data" -q --preset demo -o "$work/input"
  "$apps/run_multidataset_pipeline" --orders "$work/input/orders.csv" --trades "$work/input/trades.csv" \
    --nbbo "$work/input/nbbo.csv" -o "$work/template" --restart --progress none
fi

printf "%-11s %-10s %-12s %-13s %-14s %s\n" partitions seconds peak_rss_MB set_A_orders sweep_csv_MB pairs
for n in "${sizes[@]}"; do
  "$tree_tool" "$work/template" "$work/tree-$n" "$n" 100 >/dev/null
  # Warm-up run (page cache), then the measured one.
  "$apps/run_multidataset_pipeline" aggregate -o "$work/tree-$n" --progress none >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$work/time-$n" \
    "$apps/run_multidataset_pipeline" aggregate -o "$work/tree-$n" --progress none >/dev/null 2>&1
  read -r seconds rss_kb < "$work/time-$n"
  orders=$(( $(wc -l < "$work/tree-$n/consolidated/sweep_comparison.csv") - 1 ))
  csv_mb=$(( $(stat -c %s "$work/tree-$n/consolidated/sweep_comparison.csv") / 1048576 ))
  pairs=$(( $(wc -l < "$work/tree-$n/consolidated/cross_security_pairwise.csv") - 1 ))
  printf "%-11s %-10s %-12s %-13s %-14s %s\n" "$n" "$seconds" "$(( rss_kb / 1024 ))" "$orders" "$csv_mb" "$pairs"
done
