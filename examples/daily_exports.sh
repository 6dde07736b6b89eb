#!/usr/bin/env bash
# A worked example of data as it arrives (README, "A worked example"): one gzip file per day and
# role in a directory, a run over the directory, the last day added later with --append, and a
# check that the result is byte-identical to one run over every file.
#
#   examples/daily_exports.sh [WORK_DIR]      (default: example-daily; a few MB, under a minute)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(realpath -m "${1:-example-daily}")"
"$root/scripts/install_deps.sh" >/dev/null
"$root/scripts/build.sh" >/dev/null
pipeline="$root/build/apps/run_multidataset_pipeline"
rm -rf "$work"
mkdir -p "$work"

# 1. A demo market (20 securities x 5 days), cut into one .csv.gz per trading day and role, as
#    an exchange delivers it. The day is the Sydney date of each row's timestamp (UTC+10 is
#    enough to cut the demo's days apart; the engine itself uses the tz database).
"$root/build/apps/generate_market_data" --preset demo --quiet --output-dir "$work/data"
split_by_day() {  # role
  local role="$1"
  mkdir -p "$work/exports/$role"
  awk -F, -v dir="$work/exports/$role" -v role="$role" '
    function civil(days,   z, era, doe, yoe, y, doy, mp, d, m) {  # days since 1970-01-01 -> YYYY-MM-DD
      z = days + 719468; era = int(z / 146097); doe = z - era * 146097
      yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
      y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
      mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
      m = mp < 10 ? mp + 3 : mp - 9
      return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
    }
    NR == 1 {
      header = $0
      for (i = 1; i <= NF; i++) if ($i == "timestamp" || $i == "tradetime") ts = i
      next
    }
    {
      day = civil(int((substr($ts, 1, 10) + 36000) / 86400))
      file = dir "/" role "-" day ".csv"
      if (!(file in seen)) { seen[file] = 1; print header > file }
      print > file
    }' "$work/data/$role.csv"
  gzip "$work/exports/$role"/*.csv
}
for role in orders trades nbbo; do split_by_day "$role"; done

# 2. Hold the last day back: it "arrives tomorrow".
last_day=$(ls "$work/exports/orders" | sed -E 's/orders-(.*)\.csv\.gz/\1/' | sort | tail -1)
mkdir -p "$work/new"
for role in orders trades nbbo; do
  mv "$work/exports/$role/$role-$last_day.csv.gz" "$work/new/" 2>/dev/null || true
done
echo "== exports: $(ls "$work/exports/orders" | wc -l) days per role; $last_day arrives later"

# 3. A run over the directories (each stands for its files in name order).
"$pipeline" --orders "$work/exports/orders/" --trades "$work/exports/trades/" --nbbo "$work/exports/nbbo/" \
  --output "$work/run" --progress plain

# 4. The next day added to the same run: only partitions that gain rows are analysed again.
new_inputs=()
for role in orders trades nbbo; do
  [[ -f "$work/new/$role-$last_day.csv.gz" ]] && new_inputs+=("--$role" "$work/new/$role-$last_day.csv.gz")
done
"$pipeline" "${new_inputs[@]}" --output "$work/run" --append --progress plain

# 5. The same data in one run: the appended run must be byte-identical (report.html aside: it
#    shows when each run happened).
for role in orders trades nbbo; do cp "$work/new/$role-$last_day.csv.gz" "$work/exports/$role/" 2>/dev/null || true; done
"$pipeline" --orders "$work/exports/orders/" --trades "$work/exports/trades/" --nbbo "$work/exports/nbbo/" \
  --output "$work/run-all" --progress none
if diff -r -x report.html "$work/run/consolidated" "$work/run-all/consolidated" >/dev/null &&
   diff -r "$work/run/partitions" "$work/run-all/partitions" >/dev/null; then
  echo "== run + --append == one run over every day: consolidated/ and partitions/ are byte-identical"
else
  echo "== the appended run differs from the one-run result" >&2
  exit 1
fi
echo "== results: $work/run/consolidated (report.html, CSV tables)"
