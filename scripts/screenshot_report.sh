#!/usr/bin/env bash
# Takes a headless-Chromium screenshot of a consolidated report, to check how it renders.
#   scripts/screenshot_report.sh RUN/consolidated/report.html [OUT.png] [WIDTHxHEIGHT]
# Installs the project's Debian packages (chromium among them) when chromium is missing. CI renders
# the report in tests/e2e/report_render_test.cpp instead (label `chromium`).
set -euo pipefail
report="${1:?usage: screenshot_report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}"
out="${2:-report.png}"
size="${3:-1400,2000}"
size="${size/x/,}"
[[ -f "$report" ]] || { echo "screenshot_report: no such file: $report" >&2; exit 1; }

# chromium comes with the project's dependencies (it also renders the report in a test).
command -v chromium >/dev/null 2>&1 || "$(dirname "${BASH_SOURCE[0]}")/install_deps.sh"

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
