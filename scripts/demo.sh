#!/usr/bin/env bash
# The main job on the built-in demo data set, from a fresh clone: installs what is missing,
# builds, generates a small deterministic market (20 securities x 5 trading days across the
# 2024-04-07 daylight-saving change), and runs the whole pipeline into demo-output/run.
# Idempotent: rerunning starts the demo run over.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install_deps.sh"
"$root/scripts/build.sh"

demo="$root/demo-output"
input="$demo/input"
if [[ ! -f "$input/orders.csv" ]]; then
  "$root/build/apps/generate_market_data" --preset demo --output-dir "$input"
fi
"$root/build/apps/run_multidataset_pipeline" \
  --orders "$input/orders.csv" --trades "$input/trades.csv" --nbbo "$input/nbbo.csv" \
  --output "$demo/run" --restart "$@"
echo
echo "Demo results are in $demo/run (see README.md, 'The output directory')."
echo "Open the consolidated report: $demo/run/consolidated/report.html"
