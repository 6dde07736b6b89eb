#!/usr/bin/env node
// Baseline: split an orders CSV into per-(date, security) files with one DuckDB statement,
// COPY ... TO ... (PARTITION_BY), from Node with the official "Neo" client @duckdb/node-api
// (version pinned in package.json; run ./install.sh first).
//
//     node bench/competitors/duckdb_split.mjs ORDERS OUT_DIR [TZ]
//     (TZ default Australia/Sydney; env DUCKDB_THREADS=N caps DuckDB's threads, default: all)
//
// Models what a user who knows DuckDB would write: read every column as text (all_varchar, so
// 19-digit ids and every field round-trip), add the market-time-zone date (DuckDB's ICU
// time zones, bundled in the node package: timestamp -> microseconds -> TIMESTAMP, read as
// UTC, then converted to TZ) and a copy of security_code, and let DuckDB write a hive-style
// partitioned tree. The partition columns are not written into the rows (DuckDB's default,
// WRITE_PARTITION_COLUMNS false), so each file holds the input header and the input rows.
//
// Differences from the engine (run_multidataset_pipeline extract):
// - layout: OUT_DIR/date=<YYYY-MM-DD>/security=<code>/data_<n>.csv instead of
//   OUT_DIR/<YYYY-MM-DD>/<code>/orders.csv (verify_same_partitions.py reads both);
// - row order inside a partition is NOT the input order: DuckDB runs the COPY on all threads
//   and its partitioned writer does not honour preserve_insertion_order (on by default);
//   even with DUCKDB_THREADS=1 rows come out in a few out-of-order runs. The multiset of rows
//   is the same as the engine's;
// - with several threads a partition can be split over several files (data_0.csv,
//   data_1.csv, ...), each with the header;
// - rows are re-serialised by DuckDB's CSV writer: equal to the input for unquoted input, but
//   "\n" line ends only, and a field with a comma/quote/newline is re-quoted;
// - header names are found by DuckDB (exact names `timestamp`, `security_code`); no reject
//   handling: one malformed row (wrong field count, non-integer timestamp) fails the whole
//   statement, and security codes are used as directory names as-is (no validation);
// - OUT_DIR must not exist or be empty (DuckDB refuses to write into a non-empty directory).
import { DuckDBInstance } from '@duckdb/node-api';

const [orders, outDir, tz = 'Australia/Sydney'] = process.argv.slice(2);
if (!orders || !outDir) {
  console.error('usage: node duckdb_split.mjs ORDERS OUT_DIR [TZ]');
  process.exit(2);
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

const config = {};
if (process.env.DUCKDB_THREADS) config.threads = process.env.DUCKDB_THREADS;
const instance = await DuckDBInstance.create(':memory:', config);
const connection = await instance.connect();

// timestamp is int64 ns since the epoch (UTC). make_timestamp(us) is an exact integer
// conversion (no double rounding near midnight); AT TIME ZONE 'UTC' makes it a TIMESTAMPTZ,
// AT TIME ZONE TZ turns that into the local wall-clock TIMESTAMP, whose ::DATE is the market
// date (DST per ICU's tz data).
const dateExpr =
  `((make_timestamp(CAST(timestamp AS BIGINT) // 1000) AT TIME ZONE 'UTC') ` +
  `AT TIME ZONE ${sqlString(tz)})::DATE`;

const sql = `
COPY (
  SELECT *, ${dateExpr} AS date, security_code AS security
  FROM read_csv(${sqlString(orders)}, all_varchar = true, header = true, delim = ',')
) TO ${sqlString(outDir)} (FORMAT CSV, HEADER, PARTITION_BY (date, security))`;

const result = await connection.run(sql);
const rows = await result.getRowsJS();
console.error(`duckdb_split: ${rows[0]?.[0] ?? '?'} rows written under ${outDir}`);
connection.closeSync();
instance.closeSync();
