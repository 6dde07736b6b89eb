#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, builds, runs every test
# through ctest, then does the same with ASan + UBSan. `test.sh --no-sanitize` skips the second.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install_deps.sh"

run_suite() {
  local build_dir="$1"
  shift
  "$root/scripts/build.sh" "$@"
  (cd "$build_dir" && ctest --output-on-failure -j "$(nproc)" --timeout 900)
}

echo "== Release build and tests"
run_suite "$root/build"
if [[ "${1:-}" != "--no-sanitize" ]]; then
  echo "== ASan + UBSan build and tests"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  run_suite "$root/build-asan" --sanitize
fi
