#!/usr/bin/env bash
# Installs what the competitor baselines need; safe to run again (does nothing when all is there).
#   bench/competitors/install.sh
# - node_modules/ with the @duckdb/node-api version pinned in package.json / package-lock.json
#   (from the npm registry) for duckdb_split.mjs. `npm install`, not `npm ci`: the lock holds only
#   the Linux builds of DuckDB's per-platform optional packages (the registry this was locked
#   against has no others), which `npm ci` rejects as "not in sync" and `npm install` accepts
#   without changing the lock; the versions installed are still the locked ones;
# - gawk for awk_split.sh (apt-get, only when missing and running as root);
# - checks that /usr/bin/python3 has pandas (Debian python3-pandas) for pandas_split.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

want=$(node -p 'require("./package.json").dependencies["@duckdb/node-api"]')
have=$(node -p 'try { require("./node_modules/@duckdb/node-api/package.json").version } catch { "" }')
if [[ "$have" != "$want" ]]; then
  echo "install.sh: installing @duckdb/node-api $want" >&2
  npm install --no-audit --no-fund
fi

if ! command -v gawk >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    echo "install.sh: installing gawk" >&2
    apt-get install -y gawk >/dev/null || { apt-get update >/dev/null && apt-get install -y gawk >/dev/null; }
  else
    echo "install.sh: gawk is missing; run: sudo apt-get install -y gawk" >&2
    exit 1
  fi
fi

if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  echo "install.sh: /usr/bin/python3 has no pandas; run: sudo apt-get install -y python3-pandas" >&2
  exit 1
fi
