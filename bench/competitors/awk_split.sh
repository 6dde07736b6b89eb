#!/usr/bin/env bash
# Baseline: the naive gawk one-pass split of an orders CSV into per-(date, security) files.
#
#     bench/competitors/awk_split.sh ORDERS OUT_DIR [TZ]        (TZ default Australia/Sydney)
#
# Models the shell one-liner a user would write: find the `timestamp` and `security_code`
# columns in the header, turn the ns timestamp into seconds by dropping its last 9 digits,
# take the date with TZ=$TZ gawk's strftime("%Y-%m-%d", ...) (the C library's localtime, so
# DST exactly as the system tz database has it), and `print > OUT_DIR/date/sec/orders.csv`,
# printing the header first and running `mkdir -p` via system() once per new partition. gawk
# keeps more output files than the descriptor limit by closing and re-opening them in append
# mode itself. Needs gawk (not mawk: strftime); install.sh installs it when missing.
#
# Differences from the engine (run_multidataset_pipeline extract):
# - no CSV parsing: splits on every comma, so a quoted field containing a comma shifts the
#   columns (the engine parses RFC 4180 quotes);
# - no reject handling or validation: a short/garbled row still lands somewhere (a timestamp
#   shorter than 10 digits gives 1970-01-01), the security code text is the directory name
#   as-is (`007` and `7` are two partitions, `../x` escapes OUT_DIR);
# - rows are copied as their original text (CRLF kept), in input order; single-threaded.
# - OUT_DIR must not exist or be empty (files of an earlier run would be overwritten).
set -euo pipefail
if (( $# < 2 || $# > 3 )); then
  echo "usage: $0 ORDERS OUT_DIR [TZ]" >&2
  exit 2
fi
orders="$1"
out="$2"
tz="${3:-Australia/Sydney}"
command -v gawk >/dev/null || { echo "awk_split: gawk not found (apt-get install gawk)" >&2; exit 2; }
if [[ -d "$out" && -n "$(ls -A "$out")" ]]; then
  echo "awk_split: $out is not empty" >&2
  exit 1
fi
mkdir -p "$out"

TZ="$tz" exec gawk -F, -v out="$out" '
NR == 1 {
  header = $0
  for (i = 1; i <= NF; i++) {
    name = tolower($i)
    gsub(/^[ \t]+|[ \t\r]+$/, "", name)
    if (name == "timestamp") ts_col = i
    else if (name == "security_code" || name == "securitycode" || name == "orderbookid") sec_col = i
  }
  if (!ts_col || !sec_col) {
    print "awk_split: header has no timestamp/security_code column" > "/dev/stderr"
    bad_header = 1
    exit 2
  }
  next
}
{
  ts = $ts_col
  day = strftime("%Y-%m-%d", int(substr(ts, 1, length(ts) - 9)))
  key = day "/" $sec_col
  file = files[key]
  if (file == "") {
    dir = out "/" key
    system("mkdir -p \"" dir "\"")
    file = dir "/orders.csv"
    files[key] = file
    print header > file
  }
  print > file
}
END { if (!bad_header) printf "awk_split: %d rows into %d partitions\n", NR - 1, length(files) > "/dev/stderr" }
' "$orders"
