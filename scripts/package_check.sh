#!/usr/bin/env bash
# CI stage "Install, example consumer and package" (scripts/test.sh, after the Release stage):
# checks that what we ship works outside the source tree, using the Release build in build/.
#   1. `cmake --install` into a scratch prefix;
#   2. with the installed programs only: a small generated market is extracted, one partition
#      loses its trades file and fails, and examples/registry_reset (built against the prefix
#      with find_package(mdp) alone) resets it; `status --json` confirms it is pending again;
#   3. `cpack -G DEB`: the package's control fields and contents are checked, it is unpacked
#      into a scratch root (dpkg -x), its program runs from there, and the example builds
#      against the unpacked /usr as well.
# Usage: scripts/package_check.sh [BUILD_DIR]   (default build/; scratch files in BUILD_DIR/package-check)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
work="$build/package-check"
rm -rf "$work"
mkdir -p "$work"

fail() {
  echo "package_check: $*" >&2
  exit 1
}

# ---- 1. install
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/run_multidataset_pipeline bin/generate_market_data include/mdp/registry.h \
         include/mdp/version.h lib/libmdp.a lib/cmake/mdp/mdpConfig.cmake \
         lib/cmake/mdp/mdpConfigVersion.cmake share/man/man1/run_multidataset_pipeline.1 \
         share/doc/multidataset-pipeline/library.md; do
  [[ -e "$prefix/$f" ]] || fail "cmake --install did not install $f"
done
# The public headers must stand alone: nothing of the engine's internal include paths.
if grep -n '#include "' "$prefix"/include/mdp/*.h; then fail "a public header includes an internal one"; fi

# ---- 2. a run with a failed partition, repaired by the example consumer
pipeline="$prefix/bin/run_multidataset_pipeline"
"$prefix/bin/generate_market_data" --preset demo --securities 4 --days 2 -q -o "$work/data"
"$pipeline" extract --orders "$work/data/orders.csv" --trades "$work/data/trades.csv" \
  --output "$work/run" --progress none >/dev/null
lost="$(find "$work/run/partitions" -name trades.csv | sort | tail -n 1)"
rm "$lost"
status=0
"$pipeline" process --output "$work/run" --max-retries 0 --progress none >/dev/null 2>&1 || status=$?
[[ $status -eq 4 ]] || fail "process should have failed one partition (exit 4), exited $status"

build_example() {  # $1: the prefix to find mdp in, $2: the build directory
  cmake -S "$root/examples/registry_reset" -B "$2" -DCMAKE_PREFIX_PATH="$1" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >/dev/null
  cmake --build "$2" >/dev/null
}
build_example "$prefix" "$work/example"
"$work/example/registry_reset" "$work/run" | tee "$work/example.out"
grep -q '^1 failed partitions are pending again' "$work/example.out" ||
  fail "the example did not reset the failed partition"
"$pipeline" status -o "$work/run" --json >"$work/status.json" ||
  fail "status still reports a failed partition after the reset"
grep -q '"failed":0' "$work/status.json" || grep -q '"failed": 0' "$work/status.json" ||
  fail "status --json does not show 0 failed partitions"

# ---- 3. the .deb
(cd "$build" && cpack -G DEB -B "$work/deb" >/dev/null)
deb="$(ls "$work"/deb/*.deb)"
dpkg-deb -I "$deb" | tee "$work/deb-info.txt"
for field in Package Version Architecture Maintainer Depends Description; do
  grep -q "^ $field: " "$work/deb-info.txt" || fail "the .deb has no $field field"
done
grep -q '^ Depends: .*libtbb' "$work/deb-info.txt" || fail "Depends does not name libtbb"
dpkg-deb -c "$deb" >"$work/deb-contents.txt"
for f in ./usr/bin/run_multidataset_pipeline ./usr/bin/generate_market_data ./usr/include/mdp/registry.h \
         ./usr/lib/libmdp.a ./usr/lib/cmake/mdp/mdpConfig.cmake \
         ./usr/share/man/man1/run_multidataset_pipeline.1 ./usr/share/doc/multidataset-pipeline/README.md; do
  grep -q " $f\$" "$work/deb-contents.txt" || fail "the .deb does not contain $f"
done
dpkg -x "$deb" "$work/deb-root"
"$work/deb-root/usr/bin/run_multidataset_pipeline" --version
build_example "$work/deb-root/usr" "$work/example-deb"
"$work/example-deb/registry_reset" "$work/run" --dry-run >/dev/null
echo "package_check: $(basename "$deb") is good ($(du -h "$deb" | cut -f1))"
