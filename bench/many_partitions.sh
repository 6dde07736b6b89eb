#!/usr/bin/env bash
# Issue 17's budgets at many partitions: every phase of one run timed on its own, with the page
# cache dropped before each, against `cp` + `sync` of the same input bytes, medians of REPEATS.
#
#   bench/many_partitions.sh [SECURITIES] [DAYS] [ORDERS_SIZE] [REPEATS] [BINARY]
#     (default 5000 20 1G 3; work dir $BENCH_DIR (default bench/work); needs root to drop caches)
#
# Input: generate_market_data SECURITIES x DAYS (Zipf 1 activity), ORDERS_SIZE of orders plus the
# trades that go with them (every security trades every day: SECURITIES x DAYS partitions).
# Each repeat: cp+sync of orders and trades; `extract`; `process`; `aggregate` (default
# --pairwise top:50). Reports each phase's seconds, MB/s of input bytes (orders + trades), the
# per-partition cost of process (seconds x workers / partitions), peak RSS, and the files the run
# created. BINARY (default build/apps/run_multidataset_pipeline) lets an A/B compare two builds.
# Raw runs go to $work/many_partitions_runs.tsv.
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
data="$work/many_${securities}x${days}_${size}"
mkdir -p "$work"
if [[ ! -f "$data/trades.csv" ]]; then
  rm -rf "$data"
  "$gen" --quiet --no-nbbo --securities "$securities" --days "$days" --target-bytes "$size" --output-dir "$data"
fi
input_bytes=$(( $(stat -c %s "$data/orders.csv") + $(stat -c %s "$data/trades.csv") ))

drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches; }
# One timed command after dropping the page cache: prints "wall_seconds max_rss_kb".
timed() {
  drop_caches
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/last_stderr.txt" || {
    cat "$work/last_stderr.txt" >&2; return 1; }
  cat "$work/time.txt"
}
out="$work/many_out"
runs="$work/many_partitions_runs.tsv"
printf "repeat\tphase\tseconds\tmax_rss_kb\n" > "$runs"
for ((i = 1; i <= repeats; i++)); do
  rm -rf "$work/copy" "$out"; mkdir -p "$work/copy"; sync
  printf "%s\tcp+sync\t%s\n" "$i" "$(timed sh -c 'cp "$1" "$2" "$3" && sync -f "$3/orders.csv"' sh \
    "$data/orders.csv" "$data/trades.csv" "$work/copy" | tr ' ' '\t')" >> "$runs"
  rm -rf "$work/copy"
  printf "%s\textract\t%s\n" "$i" "$(timed "$pipeline" extract --progress none --orders "$data/orders.csv" \
    --trades "$data/trades.csv" --output "$out" | tr ' ' '\t')" >> "$runs"
  printf "%s\tprocess\t%s\n" "$i" "$(timed "$pipeline" process --progress none --output "$out" | tr ' ' '\t')" >> "$runs"
  printf "%s\taggregate\t%s\n" "$i" "$(timed "$pipeline" aggregate --progress none --output "$out" | tr ' ' '\t')" >> "$runs"
  files=$(find "$out" | wc -l)
done
partitions=$("$pipeline" status --json --output "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["partitions"]["total"])')
workers=$("$pipeline" --show-system-info --output "$out" | sed -n "s/^  process *\([0-9][0-9]*\) partitions at once.*/\1/p" | head -1)
rm -rf "$out"
python3 - "$runs" "$input_bytes" "$partitions" "${workers:-2}" "$files" <<'PY'
import csv, statistics, sys
runs, input_bytes, partitions, workers, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
by = {}
for row in csv.DictReader(open(runs), delimiter="\t"):
    by.setdefault(row["phase"], []).append((float(row["seconds"]), int(row["max_rss_kb"])))
print(f"{partitions:,} partitions, {input_bytes/1e6:,.0f} MB of orders + trades, {files:,} files and directories in the run")
print("| phase | median s | runs s | MB/s | peak RSS MiB |")
print("|---|---|---|---|---|")
for phase in ("cp+sync", "extract", "process", "aggregate"):
    s = [x[0] for x in by[phase]]
    med = statistics.median(s)
    print(f"| {phase} | {med:.2f} | {' '.join(f'{v:.2f}' for v in s)} | {input_bytes/1e6/med:,.0f} | {max(x[1] for x in by[phase])/1024:,.0f} |")
p = statistics.median(x[0] for x in by["process"])
print(f"process: {p*workers/partitions*1e3:.3f} ms per partition per worker ({workers} workers)")
e = statistics.median(x[0] for x in by["extract"])
a = statistics.median(x[0] for x in by["aggregate"])
print(f"whole pipeline (extract + process + aggregate medians) / extract: {(e + p + a) / e:.2f}x (issue 14 goal: <= 2x)")
PY
