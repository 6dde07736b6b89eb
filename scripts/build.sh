#!/usr/bin/env bash
# Configures and builds the project. `build.sh` -> build/ (Release);
# `build.sh --sanitize` -> build-asan/ (ASan + UBSan, RelWithDebInfo). Incremental and idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build"
args=(-DCMAKE_BUILD_TYPE=Release)
if [[ "${1:-}" == "--sanitize" ]]; then
  build_dir="$root/build-asan"
  args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMDP_SANITIZE=ON -DMDP_BUILD_BENCH=OFF)
fi
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build_dir" "${generator[@]}" "${args[@]}" >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)"
