#!/usr/bin/env bash
# Takes a headless-Chromium screenshot of a consolidated report, to check how it renders.
#   scripts/screenshot_report.sh RUN/consolidated/report.html [OUT.png] [WIDTHxHEIGHT]
# Installs Debian's chromium when it is missing (root or sudo). Not part of CI.
set -euo pipefail
report="${1:?usage: screenshot_report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}"
out="${2:-report.png}"
size="${3:-1400,2000}"
size="${size/x/,}"
[[ -f "$report" ]] || { echo "screenshot_report: no such file: $report" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "screenshot_report: chromium is missing and there is no root or sudo to install it" >&2; exit 1
  fi
  echo "screenshot_report: installing chromium" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --screenshot="$out" --window-size="$size" \
  "file://$abs" 2>/dev/null
[[ -s "$out" ]] || { echo "screenshot_report: chromium wrote no screenshot" >&2; exit 1; }
echo "screenshot_report: $out"
