#!/usr/bin/env bash
# Installs the Debian packages the engine needs to build and test. Idempotent: does nothing
# (and needs no network) when everything is already installed. Runs apt as root or via sudo.
set -euo pipefail

packages=(
  build-essential cmake
  libtbb-dev nlohmann-json3-dev libfccp-dev libboost-math-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev
  clang libclang-rt-14-dev
  libisal-dev libdeflate-dev zlib1g-dev libzstd-dev libxxhash-dev
  openmpi-bin libopenmpi-dev
  slurm-wlm munge  # single-node Slurm smoke test of the batch script (scripts/slurm/smoke_test.sh)
  help2man dpkg-dev
  tzdata
  chromium  # renders report.html in its end-to-end test (tests/e2e/report_render_test.cpp)
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(hyperfine python3-pandas python3-scipy)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install_deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
echo "install_deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
