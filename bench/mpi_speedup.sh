#!/usr/bin/env bash
# MPI mode on one machine (issue 13, item 5): the process phase with 1 process and under
# `mpirun --oversubscribe -np 2` and `-np 3`, and the coordinator's cost per partition. The
# figures and how to read them are in docs/distributed.md ("Measured here").
#
#   bench/mpi_speedup.sh [REPEATS] [BINARY_DIR]     (default 3, build/apps; needs root)
#
# Part 1, speed-up: generate_market_data --securities 50 --days 5 --target-bytes 170M (250
# partitions of ~0.95 MB of orders + trades each: the size of an average partition of a
# 1.2 TB / 1.25 M-partition year), one `extract`, then for each configuration a fresh copy of the
# extracted run, `sync; echo 3 > /proc/sys/vm/drop_caches`, and `process` timed:
#   plain-w1  plain, --workers 1          plain-w2  plain, --workers 2
#   mpi-np2   mpirun -np 2, --workers 1   mpi-np3   mpirun -np 3, --workers 1 (3 ranks, 2 cores)
# in the order A B C D, A B C D, ... (REPEATS rounds), medians of wall and of CPU (user + sys of
# every process: mpirun waits for its ranks, so its children's rusage holds theirs). Each MPI
# run's partitions/ (inputs and results) are compared with the plain run's (diff -r).
#
# Part 2, the coordinator: 3,000 tiny partitions (1,000 securities x 3 days, ~10 order rows
# each: analysis costs next to nothing, so what is left is the per-partition machinery):
#   local     plain, --workers 1
#   mpi-np2   mpirun -np 2, --workers 1; while it runs, the CPU time of rank 0's MAIN thread is
#             sampled every 10 ms from /proc/PID/task/PID/stat. That thread is the MPI service
#             loop (docs/mpi.md, "Rank 0's cores": it hands out batches, decodes reports and
#             records them in the registry) plus loading the registry and printing the summary;
#             rank 0's engine runs on other threads. Its CPU / partitions is the coordinator's
#             cost per partition, an upper bound (it includes the idle polling and the start).
#   startup   mpirun -np 2 run_multidataset_pipeline --version (MPI_Init + MPI_Finalize)
# in the order A B C, A B C, ... Reported: rank 0 main-thread CPU per partition (us), and the
# extra CPU per partition of MPI mode over all ranks, (cpu(mpi-np2) - cpu(startup) -
# cpu(local)) / partitions.
#
# The machine may be shared: the script prints the load average before and after; quote it.
# Raw runs: $BENCH_DIR/mpi_speedup_runs.tsv (default bench/work).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-3}"
bin_dir="${2:-$root/build/apps}"
work="${BENCH_DIR:-$root/bench/work}/mpi_speedup"
pipeline="$bin_dir/run_multidataset_pipeline"
gen="$bin_dir/generate_market_data"
[[ $(id -u) -eq 0 ]] || { echo "mpi_speedup: needs root (drop_caches)" >&2; exit 1; }
[[ -x "$pipeline" && -x "$gen" ]] || "$root/scripts/build.sh" >/dev/null
command -v mpirun >/dev/null || { echo "mpi_speedup: mpirun missing (scripts/install_deps.sh)" >&2; exit 1; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mkdir -p "$work"
runs="$work/../mpi_speedup_runs.tsv"
printf "part\tround\tconfig\twall_s\tcpu_s\trank0_main_cpu_s\tcompleted_by_rank\n" > "$runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches; }
mpi=(mpirun --oversubscribe -np)

# Prepares data set $1 (generator options $2...) and extracts it once into $work/$1.extracted.
prepare() {
  local name="$1"
  shift
  if [[ ! -f "$work/$name.extracted/partition_registry.json" ]]; then
    rm -rf "$work/$name.in" "$work/$name.extracted"
    "$gen" -q -o "$work/$name.in" "$@"
    "$pipeline" extract --progress none --orders "$work/$name.in/orders.csv" \
      --trades "$work/$name.in/trades.csv" --output "$work/$name.extracted"
  fi
}

# Runs `process` on a fresh copy of $work/$1.extracted under launcher prefix "${@:3}" with
# config name $2, page cache dropped; appends "wall cpu" to the runs file; leaves $work/out.
# WORKERS (default 1) is --workers of every rank; with SAMPLE_RANK0=1, also samples rank 0's
# main-thread CPU.
timed_process() {
  local data="$1" config="$2" part="$3" round="$4"
  shift 4
  rm -rf "$work/out"
  cp -a "$work/$data.extracted" "$work/out"
  drop_caches
  local tag="mdp-bench-$$-$RANDOM"
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" env MDP_BENCH_TAG="$tag" "$@" "$pipeline" process \
    --progress plain --output "$work/out" --workers "${WORKERS:-1}" >"$work/last.log" 2>&1 &
  local runner=$! main_cpu=""
  if [[ "${SAMPLE_RANK0:-0}" == 1 ]]; then main_cpu="$(sample_rank0 "$tag" "$runner")"; fi
  wait "$runner" || { cat "$work/last.log" >&2; return 1; }
  read -r wall user sys < "$work/time.txt"
  # Who did the work: the summary's "rank R on HOST: W workers, N completed" lines.
  local by_rank
  by_rank="$(sed -n 's/^process: rank \([0-9]*\) on [^:]*: [0-9]* workers, \([0-9]*\) completed.*/r\1:\2/p' \
    "$work/last.log" | tr '\n' ' ')"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$part" "$round" "$config" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" "$main_cpu" "${by_rank% }" >> "$runs"
}

# Prints the last CPU seconds (utime + stime) seen of the main thread of the process whose
# environment holds MDP_BENCH_TAG=$1 and OMPI_COMM_WORLD_RANK=0, polling every 10 ms while
# $2 runs. The main thread's stat is /proc/PID/task/PID/stat; fields 14 and 15 are in ticks.
sample_rank0() {
  local tag="$1" runner="$2" pid="" last=0 ticks
  ticks="$(getconf CLK_TCK)"
  while kill -0 "$runner" 2>/dev/null; do
    if [[ -z "$pid" ]]; then
      for p in $(pgrep -f "$pipeline process" || true); do
        if tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "MDP_BENCH_TAG=$tag" &&
           tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=0"; then
          pid="$p"
        fi
      done
    fi
    if [[ -n "$pid" ]]; then
      local stat
      stat="$(cat "/proc/$pid/task/$pid/stat" 2>/dev/null)" && last="$(awk '{print $14 + $15}' <<< "$stat")"
    fi
    sleep 0.01
  done
  awk -v t="$last" -v hz="$ticks" 'BEGIN {printf "%.3f", t / hz}'
}

same_results() {  # $1: reference output (`process` writes partitions/ only; aggregate is not run)
  diff -rq "$1/partitions" "$work/out/partitions" >/dev/null ||
    { echo "mpi_speedup: partitions/ differ from the plain run" >&2; return 1; }
}

# Part 1.
prepare big --securities 50 --days 5 --target-bytes 170M
for ((r = 1; r <= repeats; r++)); do
  timed_process big plain-w1 speedup "$r"
  if [[ $r -eq 1 ]]; then rm -rf "$work/reference"; mv "$work/out" "$work/reference"; fi
  WORKERS=2 timed_process big plain-w2 speedup "$r"
  timed_process big mpi-np2 speedup "$r" "${mpi[@]}" 2 -x MDP_BENCH_TAG
  same_results "$work/reference"
  timed_process big mpi-np3 speedup "$r" "${mpi[@]}" 3 -x MDP_BENCH_TAG
  same_results "$work/reference"
done

# Part 2.
prepare tiny --securities 1000 --days 3 --orders-rows 30000 --no-nbbo
for ((r = 1; r <= repeats; r++)); do
  timed_process tiny local coordinator "$r"
  SAMPLE_RANK0=1 timed_process tiny mpi-np2 coordinator "$r" "${mpi[@]}" 2 -x MDP_BENCH_TAG
  drop_caches
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "${mpi[@]}" 2 "$pipeline" --version >/dev/null 2>&1
  read -r wall user sys < "$work/time.txt"
  printf "coordinator\t%s\tstartup\t%s\t%s\t\t\n" "$r" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" >> "$runs"
done
partitions_of() {  # the "total" of the "partitions" object in `status --json`
  "$pipeline" status -o "$1" --json | sed -n '/^  "partitions": {/,/^  }/p' | sed -n 's/^ *"total": *\([0-9]*\).*/\1/p'
}
partitions_big=$(partitions_of "$work/big.extracted")
partitions_tiny=$(partitions_of "$work/tiny.extracted")
bytes_big=$(du -sb "$work/big.extracted/partitions" | cut -f1)
rm -rf "$work/out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -F'\t' -v pb="$partitions_big" -v pt="$partitions_tiny" -v bb="$bytes_big" '
function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
NR > 1 { k = $1 SUBSEP $3; wall[k] = wall[k] " " $4; cpu[k] = cpu[k] " " $5; if ($6 != "") main[k] = main[k] " " $6 }
END {
  printf "\nPart 1: process phase, %d partitions, %.0f MB of partition files, page cache dropped\n\n", pb, bb / 1e6
  printf "| configuration | median wall s | runs s | speed-up vs plain-w1 | median CPU s | CPU ms per partition |\n|---|---|---|---|---|---|\n"
  base = median(wall["speedup" SUBSEP "plain-w1"])
  split("plain-w1 plain-w2 mpi-np2 mpi-np3", order, " ")
  for (i = 1; i <= 4; i++) {
    k = "speedup" SUBSEP order[i]; w = median(wall[k]); c = median(cpu[k])
    printf "| %s | %.2f | %s | %.2fx | %.2f | %.2f |\n", order[i], w, substr(wall[k], 2), base / w, c, c / pb * 1e3
  }
  printf "\nPart 2: coordinator, %d tiny partitions\n\n", pt
  printf "| configuration | median wall s | runs s | median CPU s | rank 0 main thread CPU s |\n|---|---|---|---|---|\n"
  split("local mpi-np2 startup", order2, " ")
  for (i = 1; i <= 3; i++) {
    k = "coordinator" SUBSEP order2[i]
    printf "| %s | %.2f | %s | %.2f | %s |\n", order2[i], median(wall[k]), substr(wall[k], 2), median(cpu[k]), (k in main) ? substr(main[k], 2) : ""
  }
  m = median(main["coordinator" SUBSEP "mpi-np2"])
  extra = median(cpu["coordinator" SUBSEP "mpi-np2"]) - median(cpu["coordinator" SUBSEP "startup"]) - median(cpu["coordinator" SUBSEP "local"])
  printf "\nrank 0 main thread: %.0f us of CPU per partition (median %.3f s / %d)\n", m / pt * 1e6, m, pt
  printf "MPI mode extra CPU over all ranks: %.0f us per partition\n", extra / pt * 1e6
}' "$runs"
