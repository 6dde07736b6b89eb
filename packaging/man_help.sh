#!/usr/bin/env bash
# What help2man reads to write run_multidataset_pipeline(1).
#   man_help.sh PROGRAM --help     the program's --help, then the options of each subcommand
#                                  under a heading of its own (help2man alone would read only the
#                                  top-level --help, and the page would miss e.g. the filters of
#                                  `status`)
#   man_help.sh PROGRAM --version  "<name> <version>" from the program's --version, without the
#                                  git commit and build type it adds: they would not fit the
#                                  page's footer and would change the page (and the .deb) at
#                                  every commit
set -euo pipefail
program="$1"
case "${2:-}" in
  --version)
    "$program" --version | awk 'NR == 1 {print $1, $2}'
    exit 0
    ;;
  --help) ;;
  *)
    echo "usage: man_help.sh PROGRAM --help|--version" >&2
    exit 2
    ;;
esac
"$program" --help
# CLI11 lists the subcommands under "Subcommands:", one per line (as scripts/gen_cli_docs.sh reads them).
"$program" --help | awk '/^[A-Za-z]+:$/ {in_sub = (toupper($0) == "SUBCOMMANDS:"); next}
                         in_sub && /^  [a-z]/ {print $1}' |
  while read -r sub; do
    options="$("$program" "$sub" --help | sed -e '1,/^Options:$/d' -e '/^  -h,--help /d')"
    [[ -n "${options//[[:space:]]/}" ]] || continue
    printf '\nOptions of the %s command:\n%s\n' "$sub" "$options"
  done
