#!/usr/bin/env bash
# Extraction throughput against cp, on a warm page cache, and peak memory at two input sizes.
#
#   bench/extract_vs_cp.sh [SIZE] [REPEATS]     (default 2G, 3 repeats; work dir $BENCH_DIR)
#
# Generates an orders file of SIZE and one of 4 x SIZE with generate_market_data, then for the
# SIZE file times `cp` and `run_multidataset_pipeline extract` REPEATS times each (medians
# reported), and runs the extraction once on the 4 x SIZE file to show that peak RSS does not
# grow with the input. Prints a Markdown table; needs ~12 x SIZE of free disk.
#
# The figures in docs/benchmarks.md were taken on a fresh journaled ext4 (this VM's own disk is
# ext4 without a journal, where new inodes get slow after many deletes), made like this:
#   fallocate -l 40G /work/ext4j.img && mkfs.ext4 -q -F /work/ext4j.img
#   mkdir -p /mnt/ext4j && mount -o loop /work/ext4j.img /mnt/ext4j
#   losetup --direct-io=on /dev/loopN     # the loop device mount chose; else every byte is cached twice
#   BENCH_DIR=/mnt/ext4j/bench bench/extract_vs_cp.sh 2G 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-2G}"
repeats="${2:-3}"
work="${BENCH_DIR:-$root/bench/work}"
"$root/scripts/install_deps.sh" --bench
"$root/scripts/build.sh" >/dev/null
gen="$root/build/apps/generate_market_data"
pipeline="$root/build/apps/run_multidataset_pipeline"
mkdir -p "$work"

bytes_of() { stat -c %s "$1"; }
to_bytes() { numfmt --from=iec "$1"; }
size_bytes=$(to_bytes "$size")
big_bytes=$((size_bytes * 4))

make_input() {  # dir bytes
  if [[ ! -f "$1/orders.csv" ]] || (( $(bytes_of "$1/orders.csv") < $2 * 95 / 100 )); then
    rm -rf "$1"
    "$gen" --quiet --no-nbbo --securities 500 --days 10 --target-bytes "$2" --output-dir "$1"
  fi
  head -1 "$1/trades.csv" > "$1/trades_header_only.csv"
}
make_input "$work/small" "$size_bytes"
make_input "$work/big" "$big_bytes"

# One timed run: prints "wall_seconds max_rss_kb".
timed() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1; cat "$work/time.txt"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

extract_once() {  # input_dir out_dir
  rm -rf "$2"
  timed "$pipeline" extract --progress none --orders "$1/orders.csv" --trades "$1/trades_header_only.csv" --output "$2"
}

orders="$work/small/orders.csv"
rows=$(($(wc -l < "$orders") - 1))
cat "$orders" > /dev/null   # warm the page cache
cp_times=(); cps_times=(); ex_times=(); ex_rss=()
for ((i = 0; i < repeats; i++)); do
  rm -f "$work/copy.csv"; sync
  read -r t _ < <(timed cp "$orders" "$work/copy.csv"); cp_times+=("$t")
  rm -f "$work/copy.csv"; sync
  read -r t _ < <(timed sh -c 'cp "$1" "$2" && sync -f "$2"' sh "$orders" "$work/copy.csv"); cps_times+=("$t")
  rm -f "$work/copy.csv"; sync
  read -r t rss < <(extract_once "$work/small" "$work/out"); ex_times+=("$t"); ex_rss+=("$rss")
  rm -rf "$work/out"; sync
done
cp_median=$(printf '%s\n' "${cp_times[@]}" | median)
cps_median=$(printf '%s\n' "${cps_times[@]}" | median)
ex_median=$(printf '%s\n' "${ex_times[@]}" | median)
rss_small=$(printf '%s\n' "${ex_rss[@]}" | sort -g | tail -1)
read -r big_time rss_big < <(extract_once "$work/big" "$work/out")
big_rows=$(($(wc -l < "$work/big/orders.csv") - 1))
rm -rf "$work/out" "$work/copy.csv"

awk -v s="$(bytes_of "$orders")" -v r="$rows" -v cp="$cp_median" -v cps="$cps_median" -v ex="$ex_median" \
    -v rs="$rss_small" -v bs="$(bytes_of "$work/big/orders.csv")" -v br="$big_rows" -v bt="$big_time" -v rb="$rss_big" \
    -v cpus="$(nproc)" -v reps="$repeats" -v cpall="${cp_times[*]}" -v cpsall="${cps_times[*]}" -v exs="${ex_times[*]}" 'BEGIN {
  printf "## Extraction vs cp (%d CPUs, warm page cache, medians of %d runs)\n\n", cpus, reps
  printf "| input | rows | cp | cp + sync | extract (synced) | extract / cp | extract / (cp + sync) | rows/s | MB/s | peak RSS |\n"
  printf "|---|---|---|---|---|---|---|---|---|---|\n"
  printf "| %.2f GB | %d | %.2f s | %.2f s | %.2f s | %.2fx | %.2fx | %.0f | %.0f | %.0f MB |\n", s/1e9, r, cp, cps, ex, ex/cp, ex/cps, r/ex, s/1e6/ex, rs/1024
  printf "| %.2f GB (4x, one run) | %d | | | %.2f s | | | %.0f | %.0f | %.0f MB |\n", bs/1e9, br, bt, br/bt, bs/1e6/bt, rb/1024
  printf "\nAll runs: cp %s s; cp + sync %s s; extract %s s.\n", cpall, cpsall, exs
}'
