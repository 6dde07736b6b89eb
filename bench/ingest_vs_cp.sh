#!/usr/bin/env bash
# Ingest speed as issue 12 states its targets: extraction against `cp` + `sync` of the same file,
# with the page cache dropped before every run, interleaved (A B A B ...), medians of REPEATS.
#
#   bench/ingest_vs_cp.sh [SIZE] [REPEATS]      (default 2G, 3; work dir $BENCH_DIR, needs root)
#
# Inputs (generate_market_data, orders only; trades given as a header-only file):
#   p750    SIZE of orders over 75 securities x 10 days   =    750 partitions
#   p10k    SIZE of orders over 1,000 securities x 10 days = 10,000 partitions
#   p750.gz, p750.zst   the p750 file compressed by `gzip -6` and `zstd -3` (the tools' defaults)
# Each repeat runs, each after `sync; echo 3 > /proc/sys/vm/drop_caches`:
#   cp+sync p750, extract p750, extract p750.gz, extract p750.zst, cp+sync p10k, extract p10k
# and reports medians, the ratios the issue sets targets for (extract/cp+sync: 750 <= 1.5x,
# 10,000 <= 2.5x; .zst <= 1.3x and .gz <= 1.6x the plain extraction) and the peak RSS.
# Writes the table to stdout and the raw runs to $work/ingest_runs.tsv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-2G}"
repeats="${2:-3}"
work="${BENCH_DIR:-$root/bench/work}"
"$root/scripts/build.sh" >/dev/null
gen="$root/build/apps/generate_market_data"
pipeline="$root/build/apps/run_multidataset_pipeline"
mkdir -p "$work"
size_bytes=$(numfmt --from=iec "$size")

make_input() {  # name securities
  local dir="$work/$1"
  if [[ ! -f "$dir/orders.csv" ]] || (( $(stat -c %s "$dir/orders.csv") < size_bytes * 95 / 100 )); then
    rm -rf "$dir"
    "$gen" --quiet --no-nbbo --securities "$2" --days 10 --target-bytes "$size_bytes" --output-dir "$dir"
  fi
  head -1 "$dir/trades.csv" > "$dir/trades_header_only.csv"
}
make_input p750 75
make_input p10k 1000
[[ -f "$work/p750/orders.csv.gz" ]] || gzip -6 -c "$work/p750/orders.csv" > "$work/p750/orders.csv.gz"
[[ -f "$work/p750/orders.csv.zst" ]] || zstd -q -3 -c "$work/p750/orders.csv" > "$work/p750/orders.csv.zst"

drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches; }
# One timed run after dropping the page cache: prints "wall_seconds max_rss_kb".
timed() {
  drop_caches
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1
  cat "$work/time.txt"
}
cp_sync() { rm -f "$work/copy.csv"; sync; timed sh -c 'cp "$1" "$2" && sync -f "$2"' sh "$1" "$work/copy.csv"; rm -f "$work/copy.csv"; }
extract() {  # input_file trades_header
  rm -rf "$work/out"; sync
  timed "$pipeline" extract --progress none --orders "$1" --trades "$2" --output "$work/out"
  rm -rf "$work/out"
}

runs="$work/ingest_runs.tsv"
printf "repeat\tcase\tseconds\tmax_rss_kb\n" > "$runs"
for ((i = 1; i <= repeats; i++)); do
  for case in cp750 ex750 gz750 zst750 cp10k ex10k; do
    case "$case" in
      cp750) out=$(cp_sync "$work/p750/orders.csv") ;;
      ex750) out=$(extract "$work/p750/orders.csv" "$work/p750/trades_header_only.csv") ;;
      gz750) out=$(extract "$work/p750/orders.csv.gz" "$work/p750/trades_header_only.csv") ;;
      zst750) out=$(extract "$work/p750/orders.csv.zst" "$work/p750/trades_header_only.csv") ;;
      cp10k) out=$(cp_sync "$work/p10k/orders.csv") ;;
      ex10k) out=$(extract "$work/p10k/orders.csv" "$work/p10k/trades_header_only.csv") ;;
    esac
    read -r seconds rss <<< "$out"
    printf "%d\t%s\t%s\t%s\n" "$i" "$case" "$seconds" "$rss" >> "$runs"
  done
done

awk -F'\t' -v gb="$(stat -c %s "$work/p750/orders.csv")" -v gb10k="$(stat -c %s "$work/p10k/orders.csv")" \
    -v gz="$(stat -c %s "$work/p750/orders.csv.gz")" -v zst="$(stat -c %s "$work/p750/orders.csv.zst")" \
    -v cpus="$(nproc)" -v reps="$repeats" '
NR > 1 { t[$2] = t[$2] " " $3; if ($4 > rss[$2]) rss[$2] = $4 }
function median(list,   n, a, i, j, x) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
  for (c in t) m[c] = median(t[c])
  printf "## Ingest vs cp + sync (%d CPUs, page cache dropped before each run, medians of %d interleaved runs)\n\n", cpus, reps
  printf "| case | input bytes | median | all runs | ratio | target | peak RSS |\n|---|---|---|---|---|---|---|\n"
  printf "| cp + sync, 750 partitions | %.2f GB | %.2f s | %s | | | |\n", gb / 1e9, m["cp750"], t["cp750"]
  printf "| extract plain, 750 partitions | %.2f GB | %.2f s | %s | %.2fx cp + sync | <= 1.5x | %.0f MiB |\n", gb / 1e9, m["ex750"], t["ex750"], m["ex750"] / m["cp750"], rss["ex750"] / 1024
  printf "| extract .gz, 750 partitions | %.2f GB stored | %.2f s | %s | %.2fx plain | <= 1.6x | %.0f MiB |\n", gz / 1e9, m["gz750"], t["gz750"], m["gz750"] / m["ex750"], rss["gz750"] / 1024
  printf "| extract .zst, 750 partitions | %.2f GB stored | %.2f s | %s | %.2fx plain | <= 1.3x | %.0f MiB |\n", zst / 1e9, m["zst750"], t["zst750"], m["zst750"] / m["ex750"], rss["zst750"] / 1024
  printf "| cp + sync, 10,000 partitions | %.2f GB | %.2f s | %s | | | |\n", gb10k / 1e9, m["cp10k"], t["cp10k"]
  printf "| extract plain, 10,000 partitions | %.2f GB | %.2f s | %s | %.2fx cp + sync | <= 2.5x | %.0f MiB |\n", gb10k / 1e9, m["ex10k"], t["ex10k"], m["ex10k"] / m["cp10k"], rss["ex10k"] / 1024
}' "$runs"
