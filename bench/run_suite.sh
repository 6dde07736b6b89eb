#!/usr/bin/env bash
# The benchmark suite (issue 6): one command that generates data at several scales, times every
# phase of the engine next to cat, cp, pandas, DuckDB and awk on the same bytes in the same run,
# measures worker scaling, a chunk-size / memory-budget sweep, the registry at 1,250,000
# partitions and the micro-benchmarks, and writes bench/results/REPORT.md + results.csv.
# See docs/bench-suite.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite_start=$EPOCHREALTIME
command_line="bench/run_suite.sh${*:+ $*}"

usage() {
  cat <<'EOF'
Usage: bench/run_suite.sh [OPTIONS]

Generates orders/trades at several scales, then for each scale and repeat times
`cat`, `cp`, `cp + sync`, the engine's `extract` (orders only, like for like),
the full `extract` (orders + trades), `process`, `aggregate`, and the pandas,
DuckDB and awk splits of the same orders file; checks once per scale that each
competitor wrote the same partitions as the engine. At the 1G scale (or the
largest scale <= 1G) it also measures `process` with 1..all usable workers and
an extraction chunk-size / memory-budget sweep. Then the registry bench at
1,250,000 partitions and the Google Benchmark micro-benchmarks.
Writes bench/results/REPORT.md, results.csv and the files they are built from;
raw logs stay in the work directory.

Options:
  --scales LIST          comma-separated orders sizes, binary units
                         (default 10M,100M,1G,5G)
  --repeats N            runs per measurement at every scale (default: 5 at
                         <= 100M, 3 at <= 1G, 2 above)
  --quick                smoke run: scales 10M,100M, 1 repeat, short
                         micro-benchmarks (explicit --scales/--repeats win)
  --skip-competitors     do not run pandas, DuckDB and awk
  --pandas-max-scale S   skip pandas at scales above S (reported as capped)
  --competitor-timeout SEC
                         stop a competitor run after SEC seconds (reported)
  --work-dir DIR         data, scratch outputs and raw logs (default bench/work)
  --results-dir DIR      where the report goes (default bench/results)
  --no-setup             skip install_deps / build / competitor install
  --skip-registry        do not run the registry bench (~1-2 min)
  --skip-micro           do not run the micro-benchmarks (~2-3 min)
  -h, --help             this text

Disk: the generated inputs (~1.45 x each scale, kept as a cache) plus ~3.5 x
the largest scale while it runs; checked before starting. Progress goes to
stderr. Environment: BENCH_COMPETITORS_DIR (default bench/competitors).
EOF
}

scales_arg=""
repeats_override=""
quick=0
skip_competitors=0
pandas_max=""
competitor_timeout=""
work="$root/bench/work"
results="$root/bench/results"
setup=1
skip_registry=0
skip_micro=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scales) scales_arg="${2:?--scales needs a value}"; shift 2 ;;
    --scales=*) scales_arg="${1#*=}"; shift ;;
    --repeats) repeats_override="${2:?--repeats needs a value}"; shift 2 ;;
    --repeats=*) repeats_override="${1#*=}"; shift ;;
    --quick) quick=1; shift ;;
    --skip-competitors) skip_competitors=1; shift ;;
    --pandas-max-scale) pandas_max="${2:?--pandas-max-scale needs a value}"; shift 2 ;;
    --pandas-max-scale=*) pandas_max="${1#*=}"; shift ;;
    --competitor-timeout) competitor_timeout="${2:?--competitor-timeout needs a value}"; shift 2 ;;
    --competitor-timeout=*) competitor_timeout="${1#*=}"; shift ;;
    --work-dir) work="${2:?--work-dir needs a value}"; shift 2 ;;
    --work-dir=*) work="${1#*=}"; shift ;;
    --results-dir) results="${2:?--results-dir needs a value}"; shift 2 ;;
    --results-dir=*) results="${1#*=}"; shift ;;
    --no-setup) setup=0; shift ;;
    --skip-registry) skip_registry=1; shift ;;
    --skip-micro) skip_micro=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run_suite: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$scales_arg" ]]; then
  if (( quick )); then scales_arg="10M,100M"; else scales_arg="10M,100M,1G,5G"; fi
fi
if [[ -n "$repeats_override" && ! "$repeats_override" =~ ^[1-9][0-9]*$ ]]; then
  echo "run_suite: --repeats must be a positive integer (got '$repeats_override')" >&2; exit 2
fi
if (( quick )) && [[ -z "$repeats_override" ]]; then repeats_override=1; fi
if [[ -n "$competitor_timeout" && ! "$competitor_timeout" =~ ^[1-9][0-9]*$ ]]; then
  echo "run_suite: --competitor-timeout must be a positive number of seconds" >&2; exit 2
fi

to_bytes() {
  local b
  if ! b=$(numfmt --from=iec "${1%B}" 2>/dev/null) || [[ ! "$b" =~ ^[0-9]+$ ]] || (( b < 1048576 )); then
    echo "run_suite: bad size '$1' (expected e.g. 10M, 1G, 5G; at least 1M)" >&2; exit 2
  fi
  echo "$b"
}
IFS=',' read -r -a scales <<< "$scales_arg"
declare -A scale_bytes=()
for s in "${scales[@]}"; do scale_bytes[$s]=$(to_bytes "$s"); done
pandas_max_bytes=""
if [[ -n "$pandas_max" ]]; then pandas_max_bytes=$(to_bytes "$pandas_max"); fi

mkdir -p "$work" "$results"
work="$(cd "$work" && pwd)"
results="$(cd "$results" && pwd)"
competitors="${BENCH_COMPETITORS_DIR:-$root/bench/competitors}"
gen="$root/build/apps/generate_market_data"
pipeline="$root/build/apps/run_multidataset_pipeline"
registry_bench="$root/build/src/registry/registry_bench"
micro="$root/build/bench/micro_benchmarks"
py=/usr/bin/python3
data="$work/data"
scratch="$work/scratch"
logs="$work/logs"
# The data generator's shape: 500 securities x 10 trading days = 5,000 partitions at every scale.
gen_securities=500
gen_days=10

# ---------------------------------------------------------------------------------- helpers
elapsed() {
  local s
  s=$(awk -v a="$suite_start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%d", b - a}')
  printf '%d:%02d:%02d' $((s / 3600)) $((s / 60 % 60)) $((s % 60))
}
say() { printf '[suite %s] %s\n' "$(elapsed)" "$*" >&2; }
die() { printf 'run_suite: %s\n' "$*" >&2; exit 1; }

csv="$results/results.csv"
verify_csv="$results/verify.csv"
inputs_csv="$results/inputs.csv"
meta="$results/suite.tsv"
machine="$results/machine.tsv"

# The last timed command: wall (s, from the shell clock), user, sys (s), max RSS (KiB), exit code.
T_WALL=0 T_USER=0 T_SYS=0 T_RSS=0 T_RC=0 T_SYNC="" T_LOG=""
# run_timed LOG_NAME CMD...   stdout -> LOG_NAME.out, stderr -> LOG_NAME.err in $logs
run_timed() {
  local name="$1"; shift
  local tf="$logs/.time" t0 t1
  rm -f "$tf"
  t0=$EPOCHREALTIME
  T_RC=0
  T_LOG="$logs/$name"
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$logs/$name.out" 2>"$logs/$name.err" || T_RC=$?
  t1=$EPOCHREALTIME
  T_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}')
  if [[ -s "$tf" ]]; then
    read -r _ T_USER T_SYS T_RSS < <(tail -1 "$tf")
  else
    T_USER="" T_SYS="" T_RSS=""
  fi
  [[ "$T_USER" =~ ^[0-9.]+$ ]] || { T_USER=""; T_SYS=""; T_RSS=""; }
  T_SYNC=""
}
# Time a `sync` right after a command that wrote files (cp and the competitors do not make their
# output durable; the engine ends with syncfs). Sets T_SYNC.
time_sync() {
  local t0=$EPOCHREALTIME
  sync
  T_SYNC=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.4f", b - a}')
}
clean_sync() { rm -rf "$@"; sync; }
# Re-read a file (untimed) so that the next tool finds it in the page cache even after the
# previous tool's output pushed some of it out.
warm() { cat "$@" > /dev/null; }
# record SCALE TOOL VARIANT REPEAT BYTES ROWS [NOTE]
record() {
  local note="${7:-}"
  note="${note//,/;}"
  printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$1" "${scale_bytes[$1]:-}" "$2" "$3" "$4" \
    "$T_WALL" "$T_USER" "$T_SYS" "$T_RSS" "$5" "$6" "$T_RC" "$T_SYNC" "$note" >> "$csv"
  if [[ -n "$T_RC" && "$T_RC" != 0 ]]; then
    say "  !! $2${3:+ $3} exited with $T_RC (log: $T_LOG.err)"
  fi
}
median() { sort -g | awk '{a[NR] = $1} END {if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
human() { numfmt --to=iec-i --suffix=B --format=%.1f "$1"; }
meta_set() { printf '%s\t%s\n' "$1" "$2" >> "$meta"; }
machine_set() { printf '%s\t%s\n' "$1" "${2//$'\n'/ }" >> "$machine"; }

repeats_for() {  # bytes
  if [[ -n "$repeats_override" ]]; then echo "$repeats_override"
  elif (( $1 <= 100 * 1048576 )); then echo 5
  elif (( $1 <= 1024 * 1048576 )); then echo 3
  else echo 2; fi
}

# ---------------------------------------------------------------------------------- setup
if (( setup )); then
  say "setup: scripts/install_deps.sh --bench"
  "$root/scripts/install_deps.sh" --bench
  say "setup: scripts/build.sh (Release, build/)"
  "$root/scripts/build.sh" > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "build failed (log: $work/build.log)"; }
  if (( ! skip_competitors )); then
    if [[ -x "$competitors/install.sh" || -f "$competitors/install.sh" ]]; then
      say "setup: bench/competitors/install.sh"
      bash "$competitors/install.sh" > "$work/competitors-install.log" 2>&1 \
        || say "  !! competitor install failed (log: $work/competitors-install.log); missing tools are reported as such"
    else
      say "setup: $competitors/install.sh not found; missing competitors are reported as such"
    fi
  fi
fi
for bin in "$gen" "$pipeline"; do [[ -x "$bin" ]] || die "missing $bin (run scripts/build.sh)"; done
[[ -x /usr/bin/time ]] || die "needs GNU time at /usr/bin/time (apt-get install time)"

# ---------------------------------------------------------------------------------- disk
free_bytes() { df -P -B1 "$work" | awk 'NR == 2 {print $4}'; }
input_ready() {  # dir bytes
  [[ -f "$1/orders.csv" && -f "$1/trades.csv" && -f "$1/params" ]] \
    && [[ "$(cat "$1/params")" == "$gen_securities $gen_days $2" ]]
}
data_dir_for() { echo "$data/orders-$1"; }

# The scale where worker scaling and the sweep run: 1G if asked for, else the largest <= 1G,
# else the smallest.
focus=""
for s in "${scales[@]}"; do
  b=${scale_bytes[$s]}
  if (( b <= 1073741824 )) && { [[ -z "$focus" ]] || (( b > ${scale_bytes[$focus]} )); }; then focus=$s; fi
done
if [[ -z "$focus" ]]; then
  for s in "${scales[@]}"; do
    if [[ -z "$focus" ]] || (( ${scale_bytes[$s]} < ${scale_bytes[$focus]} )); then focus=$s; fi
  done
fi

# Needed at once: every input not generated yet (~1.45 x its scale: orders + 40% trades), then
# for the largest scale its outputs: the engine's orders partitions kept for verification and one
# competitor's (2 x), or the full run plus the worker-scaling template and copy at the focus scale
# (~1.5 x each), plus 1 GiB of slack.
need=1073741824
largest_out=0
for s in "${scales[@]}"; do
  b=${scale_bytes[$s]}
  if ! input_ready "$(data_dir_for "$b")" "$b"; then need=$((need + b * 145 / 100)); fi
  out=$((b * 35 / 10))
  if [[ "$s" == "$focus" ]]; then out=$((b * 48 / 10)); fi
  if (( out > largest_out )); then largest_out=$out; fi
done
need=$((need + largest_out))
have=$(free_bytes)
if (( have < need )); then
  die "not enough free disk in $work: need about $(human "$need") (inputs not yet generated + outputs of the largest scale), have $(human "$have"). Free space, use --work-dir on a bigger disk, or drop the largest scale with --scales."
fi
say "disk: need about $(human "$need"), have $(human "$have") free in $work"

# Scratch outputs of an earlier (interrupted) suite run are stale; logs are per run.
rm -rf "$scratch" "$logs"
mkdir -p "$data" "$scratch" "$logs"
rm -f "$csv" "$verify_csv" "$inputs_csv" "$meta" "$machine" "$results/REPORT.md" \
  "$results/registry_bench.txt" "$results/micro_benchmarks.json"
echo "scale,scale_bytes,tool,variant,repeat,wall_s,user_s,sys_s,max_rss_kb,bytes,rows,exit_code,sync_after_s,note" > "$csv"
echo "scale,tool,result,detail" > "$verify_csv"
echo "scale,orders_bytes,orders_rows,trades_bytes,trades_rows,partitions,securities,days,generated_s" > "$inputs_csv"
trap 'say "failed; raw logs in $logs"; rm -rf "$scratch"' ERR
trap 'say "interrupted; raw logs in $logs"; rm -rf "$scratch"; exit 130' INT TERM

# Usable CPUs as the engine sees them (affinity, cgroup quota), falling back to nproc.
usable_cpus=$( ("$pipeline" --show-system-info 2>/dev/null || true) | awk '$1 == "usable" && $2 == "CPUs" {print $3; exit}')
[[ "$usable_cpus" =~ ^[0-9]+$ ]] || usable_cpus=$(nproc)

# ---------------------------------------------------------------------------------- machine
say "describing the machine"
machine_set date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
machine_set cpu_model "$(awk -F: '/^model name/ {sub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)"
machine_set hypervisor "$(lscpu 2>/dev/null | awk -F: '/Hypervisor vendor/ {gsub(/^ +/, "", $2); print $2}')"
machine_set nproc "$(nproc)"
machine_set usable_cpus "$usable_cpus"
machine_set mem_total "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
machine_set mem_available "$(awk '/^MemAvailable/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
machine_set work_dir "$work"
machine_set disk_free "$(df -P -B1 "$work" | awk 'NR == 2 {printf "%.1f GiB of %.1f GiB", $4 / 2^30, $2 / 2^30}')"
machine_set filesystem "$(df -P -T "$work" | awk 'NR == 2 {print $2 " on " $1 " (mounted at " $7 ")"}')"
machine_set kernel "$(uname -srm)"
machine_set os "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || echo unknown)"
cxx=$(awk -F= '/^CMAKE_CXX_COMPILER:/ {print $2}' "$root/build/CMakeCache.txt" 2>/dev/null || true)
machine_set compiler "$("${cxx:-c++}" --version 2>/dev/null | head -1)"
machine_set build_type "$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$root/build/CMakeCache.txt" 2>/dev/null)"
machine_set git_commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
machine_set python "$($py --version 2>&1)"
machine_set pandas "$($py -c 'import pandas; print(pandas.__version__)' 2>/dev/null || echo 'not installed')"
duckdb_version=$(node -e 'console.log(require(process.argv[1]).version)' \
  "$competitors/node_modules/@duckdb/node-api/package.json" 2>/dev/null || echo unknown)
machine_set duckdb "@duckdb/node-api $duckdb_version; node $(node --version 2>/dev/null || echo 'not installed')"
machine_set awk "$( (gawk --version 2>/dev/null || echo 'gawk not installed') | head -1 | cut -d, -f1)"
machine_set coreutils "$(cp --version | head -1)"
machine_set load_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"

meta_set mode "$( ((quick)) && echo quick || echo full)"
meta_set command "$command_line"
meta_set scales "$scales_arg"
meta_set repeats_override "${repeats_override:-default}"
meta_set skip_competitors "$skip_competitors"
meta_set pandas_max_scale "${pandas_max:-none}"
meta_set competitor_timeout "${competitor_timeout:-none}"
meta_set generator "--securities $gen_securities --days $gen_days --no-nbbo --target-bytes SIZE (seed 1)"
meta_set started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta_set focus_scale "$focus"

# ---------------------------------------------------------------------------------- data
prepare_input() {  # scale -> sets DIR ORDERS TRADES TRADES_HEADER ORDERS_BYTES ORDERS_ROWS ...
  local s="$1" b=${scale_bytes[$1]} gen_s="cached"
  DIR=$(data_dir_for "$b")
  if ! input_ready "$DIR" "$b"; then
    say "scale $s: generating $(human "$b") of orders (+ trades) in $DIR"
    rm -rf "$DIR"
    T_SYNC=""
    run_timed "generate-$s" "$gen" --quiet --no-nbbo --securities "$gen_securities" --days "$gen_days" \
      --target-bytes "$b" --output-dir "$DIR"
    [[ "$T_RC" == 0 ]] || die "generate_market_data failed for $s (log: $logs/generate-$s.err)"
    record "$s" generate "" 1 "$(( $(stat -c %s "$DIR/orders.csv") + $(stat -c %s "$DIR/trades.csv") ))" ""
    gen_s=$T_WALL
    echo "$gen_securities $gen_days $b" > "$DIR/params"
  fi
  ORDERS="$DIR/orders.csv"
  TRADES="$DIR/trades.csv"
  TRADES_HEADER="$DIR/trades_header_only.csv"
  head -1 "$TRADES" > "$TRADES_HEADER"
  [[ -f "$DIR/rows" ]] || echo "$(($(wc -l < "$ORDERS") - 1)) $(($(wc -l < "$TRADES") - 1))" > "$DIR/rows"
  read -r ORDERS_ROWS TRADES_ROWS < "$DIR/rows"
  ORDERS_BYTES=$(stat -c %s "$ORDERS")
  TRADES_BYTES=$(stat -c %s "$TRADES")
  GEN_S=$gen_s
  if (( ORDERS_BYTES > b * 12 / 10 || ORDERS_BYTES < b * 8 / 10 )); then
    say "  note: the generator wrote $(human "$ORDERS_BYTES") of orders for scale $s (its smallest output for $gen_securities securities x $gen_days days)"
  fi
}

# ---------------------------------------------------------------------------------- tools
have_competitor() {  # name -> 0 if its script exists
  case "$1" in
    pandas) [[ -f "$competitors/pandas_split.py" ]] ;;
    duckdb) [[ -f "$competitors/duckdb_split.mjs" ]] && command -v node >/dev/null ;;
    awk) [[ -f "$competitors/awk_split.sh" ]] ;;
  esac
}
competitor_cmd() {  # name orders out_dir -> the command in COMP_CMD
  local t=()
  if [[ -n "$competitor_timeout" ]]; then t=(timeout --kill-after=10 "$competitor_timeout"); fi
  case "$1" in
    pandas) COMP_CMD=("${t[@]}" "$py" "$competitors/pandas_split.py" "$2" "$3") ;;
    duckdb) COMP_CMD=("${t[@]}" node "$competitors/duckdb_split.mjs" "$2" "$3") ;;
    awk) COMP_CMD=("${t[@]}" bash "$competitors/awk_split.sh" "$2" "$3") ;;
  esac
}
verify_partitions() {  # scale tool engine_partitions other_out
  local cmd=() detail result
  if [[ -f "$competitors/verify_same_partitions.sh" ]]; then
    cmd=(bash "$competitors/verify_same_partitions.sh")
  elif [[ -f "$competitors/verify_same_partitions.py" ]]; then
    cmd=("$py" "$competitors/verify_same_partitions.py")
  else
    echo "$1,$2,not checked,no verify_same_partitions script in $competitors" >> "$verify_csv"
    return
  fi
  if "${cmd[@]}" "$3" "$4" > "$logs/verify-$1-$2.log" 2>&1; then result=pass; else result=FAIL; fi
  detail=$( (grep -v '^[[:space:]]*$' "$logs/verify-$1-$2.log" || true) | tail -5 | tr ',\r' '; ' \
    | paste -sd'|' | sed 's/|/ · /g' | cut -c1-400)
  echo "$1,$2,$result,$detail" >> "$verify_csv"
  say "  verify $2 against the engine: $result (${detail##* · })"
}

# ---------------------------------------------------------------------------------- micro + registry
if (( skip_micro )); then
  meta_set micro_missing "skipped (--skip-micro)"
elif [[ -x "$micro" ]]; then
  mreps=5; mextra=()
  if (( quick )); then mreps=3; mextra=(--benchmark_min_time=0.05); fi
  say "micro-benchmarks: $mreps repetitions each (line router, CSV fields, statistics)"
  T_SYNC=""
  run_timed micro "$micro" --benchmark_repetitions="$mreps" --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/micro_benchmarks.json" --benchmark_out_format=json "${mextra[@]}"
  record "-" micro_benchmarks "" 1 "" "" "repetitions=$mreps"
else
  say "micro-benchmarks: $micro not built (needs libbenchmark-dev); skipped"
  meta_set micro_missing "$micro not built"
fi

if (( skip_registry )); then
  meta_set registry_missing "skipped (--skip-registry)"
elif [[ -x "$registry_bench" ]]; then
  say "registry bench at 1,250,000 partitions (about 1-2 min, ~1 GB of scratch)"
  T_SYNC=""
  run_timed registry "$registry_bench" "$scratch/registry"
  cp "$logs/registry.out" "$results/registry_bench.txt"
  record "-" registry_bench "1250000 partitions" 1 "" 1250000
  clean_sync "$scratch/registry"
else
  meta_set registry_missing "$registry_bench not built"
fi

# ---------------------------------------------------------------------------------- scales
competitor_list=(pandas duckdb awk)
for s in "${scales[@]}"; do
  prepare_input "$s"
  reps=$(repeats_for "${scale_bytes[$s]}")
  say "scale $s: orders $(human "$ORDERS_BYTES") ($ORDERS_ROWS rows), trades $(human "$TRADES_BYTES") ($TRADES_ROWS rows), $reps repeat(s)"
  meta_set "repeats_$s" "$reps"
  say "scale $s: warming the page cache"
  cat "$ORDERS" "$TRADES" "$TRADES_HEADER" > /dev/null
  sync
  partitions=""
  template="$scratch/template"
  for ((r = 1; r <= reps; r++)); do
    tag="$s-r$r"
    say "scale $s repeat $r/$reps: cat"
    warm "$ORDERS" "$TRADES"
    run_timed "cat-$tag" sh -c 'cat "$1" > /dev/null' sh "$ORDERS"
    record "$s" cat "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"

    say "scale $s repeat $r/$reps: cp"
    run_timed "cp-$tag" cp "$ORDERS" "$scratch/copy.csv"
    time_sync
    record "$s" cp "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"
    clean_sync "$scratch/copy.csv"

    say "scale $s repeat $r/$reps: cp + sync"
    run_timed "cp_sync-$tag" sh -c 'cp "$1" "$2" && sync -f "$2"' sh "$ORDERS" "$scratch/copy.csv"
    record "$s" cp_sync "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"
    clean_sync "$scratch/copy.csv"

    say "scale $s repeat $r/$reps: engine extract, orders only (like for like)"
    warm "$ORDERS"
    run_timed "engine_orders-$tag" "$pipeline" extract --progress none --orders "$ORDERS" \
      --trades "$TRADES_HEADER" --output "$scratch/engine_orders"
    time_sync
    record "$s" engine_extract_orders "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"
    if [[ -z "$partitions" && -d "$scratch/engine_orders/partitions" ]]; then
      partitions=$(find "$scratch/engine_orders/partitions" -mindepth 2 -maxdepth 2 -type d | wc -l)
    fi

    if (( ! skip_competitors )); then
      for c in "${competitor_list[@]}"; do
        if ! have_competitor "$c"; then
          if (( r == 1 )); then
            T_WALL="" T_USER="" T_SYS="" T_RSS="" T_RC="" T_SYNC=""
            record "$s" "$c" "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS" "not available"
            echo "$s,$c,not run,not available" >> "$verify_csv"
            say "scale $s: $c not available (no script in $competitors); skipped"
          fi
          continue
        fi
        if [[ "$c" == pandas && -n "$pandas_max_bytes" ]] && (( ${scale_bytes[$s]} > pandas_max_bytes )); then
          if (( r == 1 )); then
            T_WALL="" T_USER="" T_SYS="" T_RSS="" T_RC="" T_SYNC=""
            record "$s" pandas "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS" "capped: --pandas-max-scale $pandas_max"
            echo "$s,pandas,not run,capped by --pandas-max-scale $pandas_max" >> "$verify_csv"
            say "scale $s: pandas capped by --pandas-max-scale $pandas_max; skipped"
          fi
          continue
        fi
        say "scale $s repeat $r/$reps: $c split"
        competitor_cmd "$c" "$ORDERS" "$scratch/$c"
        warm "$ORDERS"
        run_timed "$c-$tag" "${COMP_CMD[@]}"
        time_sync
        note=""
        if [[ -n "$competitor_timeout" ]] && [[ "$T_RC" == 124 || "$T_RC" == 137 ]]; then
          note="timed out after ${competitor_timeout} s"
        fi
        record "$s" "$c" "" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS" "$note"
        if (( r == 1 )); then
          if [[ "$T_RC" == 0 ]]; then
            verify_partitions "$s" "$c" "$scratch/engine_orders/partitions" "$scratch/$c"
          else
            echo "$s,$c,FAIL,exited with $T_RC${note:+ ($note)}" >> "$verify_csv"
          fi
        fi
        clean_sync "$scratch/$c"
      done
    fi
    clean_sync "$scratch/engine_orders"

    say "scale $s repeat $r/$reps: engine extract (orders + trades)"
    warm "$ORDERS" "$TRADES"
    run_timed "extract-$tag" "$pipeline" extract --progress none --orders "$ORDERS" --trades "$TRADES" \
      --output "$scratch/run"
    time_sync
    record "$s" extract "" "$r" "$((ORDERS_BYTES + TRADES_BYTES))" "$((ORDERS_ROWS + TRADES_ROWS))"
    if [[ "$s" == "$focus" && ! -d "$template" && "$T_RC" == 0 ]]; then
      cp -a "$scratch/run" "$template"   # for worker scaling; not timed
      sync
    fi
    say "scale $s repeat $r/$reps: process (workers: auto = $usable_cpus)"
    run_timed "process-$tag" "$pipeline" process --progress none --output "$scratch/run"
    time_sync
    record "$s" process "workers=auto" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"
    say "scale $s repeat $r/$reps: aggregate"
    run_timed "aggregate-$tag" "$pipeline" aggregate --progress none --output "$scratch/run"
    time_sync
    record "$s" aggregate "" "$r" "" "$partitions"
    clean_sync "$scratch/run"
  done
  echo "$s,$ORDERS_BYTES,$ORDERS_ROWS,$TRADES_BYTES,$TRADES_ROWS,${partitions:-},$gen_securities,$gen_days,$GEN_S" >> "$inputs_csv"

  if [[ "$s" == "$focus" ]]; then
    # Worker scaling of phase 2: a fresh copy of the same extracted run for every measurement.
    if [[ -d "$template" ]]; then
      for ((r = 1; r <= reps; r++)); do
        for ((w = 1; w <= usable_cpus; w++)); do
          say "scale $s worker scaling: process --workers $w, repeat $r/$reps"
          rm -rf "$scratch/copy-run"
          cp -a "$template" "$scratch/copy-run"
          sync
          run_timed "process_w$w-$s-r$r" "$pipeline" process --progress none --workers "$w" --output "$scratch/copy-run"
          time_sync
          record "$s" process_workers "workers=$w" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"
          clean_sync "$scratch/copy-run"
        done
      done
      clean_sync "$template"
    else
      say "scale $s: no extracted template (extract failed?); worker scaling skipped"
    fi

    # Chunk-size / memory-budget sweep of extraction (orders only, like the cp comparison).
    sweep=()
    for c in 4096 16384 65536 262144 1048576; do sweep+=("$c auto"); done
    for m in 64M 256M 1G 4G; do sweep+=("auto $m"); done
    for c in 4096 1048576; do for m in 64M 4G; do sweep+=("$c $m"); done; done
    sreps=$reps
    if (( sreps > 3 )); then sreps=3; fi
    meta_set sweep_repeats "$sreps"
    for ((r = 1; r <= sreps; r++)); do
      for point in "${sweep[@]}"; do
        read -r chunk budget <<< "$point"
        args=()
        if [[ "$chunk" != auto ]]; then args+=(--chunk-size "$chunk"); fi
        if [[ "$budget" != auto ]]; then args+=(--memory-budget "$budget"); fi
        say "scale $s sweep: chunk $chunk rows, budget $budget, repeat $r/$sreps"
        warm "$ORDERS"
        run_timed "sweep-c$chunk-m$budget-$s-r$r" "$pipeline" extract --progress none "${args[@]}" \
          --orders "$ORDERS" --trades "$TRADES_HEADER" --output "$scratch/sweep"
        time_sync
        record "$s" extract_sweep "chunk=$chunk;budget=$budget" "$r" "$ORDERS_BYTES" "$ORDERS_ROWS"
        clean_sync "$scratch/sweep"
      done
    done
  fi
done

# ---------------------------------------------------------------------------------- report
trap - ERR INT TERM
rm -rf "$scratch"
meta_set finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta_set elapsed_s "$(awk -v a="$suite_start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.0f", b - a}')"
meta_set logs "$logs"
machine_set load_at_end "$(cut -d' ' -f1-3 /proc/loadavg)"
say "writing $results/REPORT.md"
"$py" "$root/bench/suite/make_report.py" "$results"
say "done in $(elapsed): $results/REPORT.md, $csv; raw logs in $logs"
