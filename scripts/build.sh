#!/usr/bin/env bash
# Configures and builds the project. Incremental and idempotent.
#   build.sh             -> build/       Release, everything
#   build.sh --sanitize  -> build-asan/  ASan + UBSan, RelWithDebInfo, no benchmarks, no MPI
#                                        (Open MPI's allocations would need leak suppressions)
#   build.sh --tsan      -> build-tsan/  ThreadSanitizer, RelWithDebInfo, only the test
#                                        executables of the TSan set (docs/tsan.md)
# The libFuzzer tree (build-fuzz/, clang) is built by scripts/fuzz.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build"
args=(-DCMAKE_BUILD_TYPE=Release)
targets=()
case "${1:-}" in
  "") ;;
  --sanitize)
    build_dir="$root/build-asan"
    args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMDP_SANITIZE=ON -DMDP_BUILD_BENCH=OFF -DMDP_WITH_MPI=OFF)
    ;;
  --tsan)
    build_dir="$root/build-tsan"
    # -O1 -g1: TSan's recommended optimisation, line tables for its reports, and about a third
    # less compile time than -O2 -g.
    args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
          -DMDP_TSAN=ON -DMDP_BUILD_BENCH=OFF)
    targets=(--target tsan_tests)
    ;;
  *)
    echo "usage: build.sh [--sanitize|--tsan]" >&2
    exit 2
    ;;
esac
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build_dir" "${generator[@]}" "${args[@]}" >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
