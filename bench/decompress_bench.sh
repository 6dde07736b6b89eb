#!/usr/bin/env bash
# Compressed inputs: library speed and extraction time, warm page cache (CPU work).
#
#   bench/decompress_bench.sh [SIZE] [REPEATS]   (default 1G, 3; work dir $BENCH_DIR, default /tmp/mdp-decomp)
#
# Generates an orders file of SIZE with generate_market_data, compresses it with `gzip -6`,
# `pigz -6` (independent 128 KiB blocks in one member), `zstd -3` (single frame) and
# `zstd -3` of two halves concatenated (two frames), then
#   1. build/bench/decompress_bench: decoded MB/s per library, median of REPEATS;
#   2. run_multidataset_pipeline extract --orders F on plain, .zst and .gz, output below the
#      work dir, median wall time of REPEATS, and the ratio to plain.
# $PIPELINE names another run_multidataset_pipeline binary to time (an A/B build); $SKIP_LIBS=1
# skips part 1. Expects build/ configured with -DMDP_BUILD_BENCH=ON and the targets decompress_bench,
# generate_market_data and run_multidataset_pipeline built. Needs ~4 x SIZE of free disk.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-1G}"
repeats="${2:-3}"
work="${BENCH_DIR:-/tmp/mdp-decomp}"
gen="$root/build/apps/generate_market_data"
pipeline="${PIPELINE:-$root/build/apps/run_multidataset_pipeline}"
bench="$root/build/bench/decompress_bench"
out="${OUT_DIR:-$work/out}"   # OUT_DIR=/dev/shm/x: extraction output on tmpfs, CPU only
mkdir -p "$work"

size_bytes=$(numfmt --from=iec "$size")
orders="$work/orders.csv"
if [[ ! -f "$orders" ]] || (( $(stat -c %s "$orders") < size_bytes * 95 / 100 )); then
  rm -rf "$work/gen"
  "$gen" --quiet --no-nbbo --securities 500 --days 10 --target-bytes "$size_bytes" --output-dir "$work/gen"
  mv "$work/gen/orders.csv" "$orders"
  head -1 "$work/gen/trades.csv" > "$work/trades_header_only.csv"
  rm -f "$work"/orders.csv.*
fi
[[ -f "$work/orders.csv.gz" ]] || gzip -6 -c "$orders" > "$work/orders.csv.gz"
[[ -f "$work/orders.pigz.gz" ]] || pigz -6 -p 2 -c "$orders" > "$work/orders.pigz.gz"
[[ -f "$work/orders.csv.zst" ]] || zstd -q -3 -c "$orders" > "$work/orders.csv.zst"
if [[ ! -f "$work/orders.frames.zst" ]]; then
  half=$(( $(stat -c %s "$orders") / 2 + 12345 ))
  { head -c "$half" "$orders" | zstd -q -3 -c; tail -c +"$((half + 1))" "$orders" | zstd -q -3 -c; } > "$work/orders.frames.zst"
fi
ls -l "$work"/orders.*

if [[ "${SKIP_LIBS:-0}" != 1 ]]; then
echo "## libraries (single thread, decoded MB/s, median of $repeats)"
cat "$work"/orders.* > /dev/null
"$bench" --runs "$repeats" "$orders" "$work/orders.csv.gz" "$work/orders.pigz.gz" "$work/orders.csv.zst" \
  "$work/orders.frames.zst"
fi

echo "## extraction with $pipeline (seconds, median of $repeats, output in $out; load: $(cut -d' ' -f1-3 /proc/loadavg))"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
plain_median=""
for input in "$orders" "$work/orders.csv.zst" "$work/orders.csv.gz" "$work/orders.pigz.gz"; do
  times=(); cpus=()
  for ((i = 0; i < repeats; i++)); do
    rm -rf "$out"
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$pipeline" extract --progress none --orders "$input" \
      --trades "$work/trades_header_only.csv" --output "$out" >/dev/null 2>&1
    read -r t user sys rss < "$work/time.txt"
    times+=("$t")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{print u + s}')")
  done
  m=$(printf '%s\n' "${times[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  [[ -z "$plain_median" ]] && plain_median=$m && plain_cpu=$c
  echo "$(basename "$input"): wall ${times[*]} -> median $m s ($(awk -v a="$m" -v b="$plain_median" 'BEGIN{printf "%.2f", a/b}')x plain); cpu ${cpus[*]} -> median $c s ($(awk -v a="$c" -v b="$plain_cpu" 'BEGIN{printf "%.2f", a/b}')x plain); last peak RSS ${rss} KB"
done
rm -rf "$out"
