#!/usr/bin/env bash
# Issue 14.3: `aggregate` after one new day is appended, incremental (partitions whose records did
# not change come from consolidated/.consolidation_cache) against a full rebuild from every record
# (the same run with the cache removed), A B A B, page cache dropped before each run.
#
#   bench/incremental_aggregate.sh [SECURITIES] [DAYS] [ORDERS_SIZE] [REPEATS] [BINARY]
#     (default 5000 20 1G 3: 100,000 partitions; 500 20 1G: 10,000; work dir $BENCH_DIR, default
#     bench/work; needs root to drop caches)
#
# Input: generate_market_data SECURITIES x (DAYS - 1) days, then one more day of the same
# securities (a second data set starting the next trading day), each sized by its share of
# ORDERS_SIZE. The run extracts, processes and aggregates the first DAYS - 1 days; then
# `extract --append` and `process` the last day; consolidated/ as it was before the new day is
# kept aside and restored before every incremental run. Also checks that both give the same
# bytes. Raw runs go to $work/incremental_aggregate_runs.tsv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
securities="${1:-5000}"
days="${2:-20}"
size="${3:-1G}"
repeats="${4:-3}"
pipeline="${5:-$root/build/apps/run_multidataset_pipeline}"
work="${BENCH_DIR:-$root/bench/work}"
[[ -x "$pipeline" && "$pipeline" != "$root/build/apps/run_multidataset_pipeline" ]] || "$root/scripts/build.sh" >/dev/null
gen="$root/build/apps/generate_market_data"
size_bytes=$(numfmt --from=iec "$size")
data="$work/incremental_${securities}x${days}_${size}"
mkdir -p "$work"

# The trading day after DAYS - 1 trading days from the generator's default start (weekends
# skipped, as the generator does).
next_trading_day() {
  local day="2024-04-02" n=1
  while ((n < days)); do
    day=$(date -u -d "$day + 1 day" +%F)
    [[ $(date -u -d "$day" +%u) -lt 6 ]] && n=$((n + 1))
  done
  echo "$day"
}
if [[ ! -f "$data/new/trades.csv" ]]; then
  rm -rf "$data"
  "$gen" --quiet --no-nbbo --securities "$securities" --days $((days - 1)) \
    --target-bytes $((size_bytes * (days - 1) / days)) --output-dir "$data/first"
  "$gen" --quiet --no-nbbo --securities "$securities" --days 1 --start-date "$(next_trading_day)" --seed 2 \
    --target-bytes $((size_bytes / days)) --output-dir "$data/new"
fi

out="$work/incremental_out"
quiet() { "$@" --progress none >/dev/null 2>"$work/last_stderr.txt" || { cat "$work/last_stderr.txt" >&2; return 1; }; }
rm -rf "$out"
quiet "$pipeline" --orders "$data/first/orders.csv" --trades "$data/first/trades.csv" --output "$out"
quiet "$pipeline" extract --append --orders "$data/new/orders.csv" --trades "$data/new/trades.csv" --output "$out"
quiet "$pipeline" process --output "$out"
rm -rf "$work/consolidated.before"
cp -a "$out/consolidated" "$work/consolidated.before"
before=$(($(wc -l < "$out/consolidated/partitions.csv") - 1))

drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches; }
timed_aggregate() {
  drop_caches
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$pipeline" aggregate --progress plain --output "$out" \
    >/dev/null 2>"$work/last_stderr.txt" || { cat "$work/last_stderr.txt" >&2; return 1; }
  cat "$work/time.txt"
}
runs="$work/incremental_aggregate_runs.tsv"
printf "repeat\tmode\tseconds\tmax_rss_kb\tfrom_cache\n" > "$runs"
for ((i = 1; i <= repeats; i++)); do
  rm -rf "$out/consolidated"; cp -a "$work/consolidated.before" "$out/consolidated"
  t=$(timed_aggregate)
  reused=$(grep -o "[0-9]* of them unchanged" "$work/last_stderr.txt" | cut -d' ' -f1 || true)
  printf "%s\tincremental\t%s\t%s\n" "$i" "$(tr ' ' '\t' <<< "$t")" "${reused:-0}" >> "$runs"
  incremental_sum=$(cat "$out"/consolidated/*.csv "$out/consolidated/.consolidation_cache" | md5sum)
  rm -f "$out/consolidated/.consolidation_cache"
  t=$(timed_aggregate)
  printf "%s\tfull\t%s\t0\n" "$i" "$(tr ' ' '\t' <<< "$t")" >> "$runs"
  full_sum=$(cat "$out"/consolidated/*.csv "$out/consolidated/.consolidation_cache" | md5sum)
  [[ "$incremental_sum" == "$full_sum" ]] || { echo "incremental and full aggregate differ" >&2; exit 1; }
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
partitions=$(($(wc -l < "$out/consolidated/partitions.csv") - 1))
echo "partitions: $partitions ($securities securities x $days days), $before before the last day was appended"
for mode in incremental full; do
  s=$(awk -v m="$mode" '$2 == m {print $3}' "$runs" | median)
  rss=$(awk -v m="$mode" '$2 == m {print $4}' "$runs" | median)
  reused=$(awk -v m="$mode" '$2 == m {print $5}' "$runs" | median)
  printf "aggregate %-11s median %6.2f s  peak RSS %6.0f MB  partitions from the cache %s\n" "$mode" "$s" \
    "$(echo "$rss / 1024" | bc -l)" "$reused"
done
echo "identical bytes: yes (checked every repeat)"
