#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang, ASan + UBSan, -O1 with line tables and
# assertions on: the usual fuzzing build, and the cheapest to compile) in build-fuzz/ and runs each
# for N seconds (default 30, what CI runs) on its committed seed corpus, one target per core at
# a time:
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# A long hunt, e.g. overnight: scripts/fuzz.sh 3600. New inputs that reach new code go to
# build-fuzz/corpus/<target>/ (not to the committed seeds); a failure leaves the input that
# caused it in build-fuzz/artifacts/<target>/ and fails the script. Reproduce it with
#   build-fuzz/tests/fuzz/<target> build-fuzz/artifacts/<target>/crash-...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
shift || true
build_dir="$root/build-fuzz"
all_targets=(csv_line_scanner_fuzz line_router_fuzz extraction_checkpoint_fuzz
             registry_snapshot_fuzz registry_journal_fuzz partition_reader_fuzz)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DMDP_FUZZ=ON -DMDP_BUILD_TESTS=OFF -DMDP_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)" --target fuzzers

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The targets that need files (registry, partition reader) write them in a scratch directory
# under TMPDIR: in memory where possible, since the registry fsyncs every snapshot it saves.
[[ -d /dev/shm && -w /dev/shm ]] && export TMPDIR=/dev/shm
# One target per core at a time (each fuzzer is one single-threaded process).
run_target() {
  local target="$1"
  local corpus="$build_dir/corpus/$target"
  local artifacts="$build_dir/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  # The first corpus directory collects new inputs; the committed seeds are only read.
  if "$build_dir/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "$corpus" "$root/tests/fuzz/corpus/$target" > "$build_dir/$target.log" 2>&1; then
    echo "fuzz $target: ok, $(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$build_dir/$target.log" | grep -oE '[0-9]+$') runs in ${seconds}s"
  else
    tail -n 60 "$build_dir/$target.log" >&2
    echo "fuzz $target: FAILED (input in $artifacts/)" >&2
    return 1
  fi
}
jobs_max="$(nproc)"
pids=()
names=()
for target in "${targets[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $jobs_max ]]; do sleep 1; done
  run_target "$target" &
  pids+=($!)
  names+=("$target")
done
failed=()
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed+=("${names[$i]}")
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
