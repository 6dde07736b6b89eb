#pragma once
// The optional SQLite export (`--sqlite FILE`), filled from the same typed values as the
// consolidated CSVs while they are written (never by reading them back):
//   every consolidated table (partitions, sweep_comparison, pooled_tests, per_security_tests,
//   root_causes, cross_security_anova, cross_security_pairwise) with the columns and declared
//   types of table_schemas.h (INTEGER, REAL, TEXT; true/false as 1/0; empty cells NULL), their
//   primary keys and indexes on (date, security);
//   unmatched_sweeps: set B per order (the partitions' unmatched diagnosis, typed by the
//   analyzers' declared column types);
//   runs (one row: program, dates, when the analysis ran, settings as JSON), run_inputs (the
//   inputs with their content hashes) and partition_runs (attempts, durations and times per
//   partition: run metadata, which stays out of consolidated/).
// The database is built as FILE.partial and renamed over FILE by finish(), so FILE is always
// either the previous export or the new one. Example queries: docs/consolidation.md.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/partition_key.h"
#include "consolidate/provenance.h"
#include "consolidate/table_schemas.h"

struct sqlite3_stmt;

namespace mdp::consolidate {

// One row of `partition_runs`: a partition's run metadata (INTEGRATION 3).
struct PartitionRunRow {
    PartitionKey key;
    std::string status;
    uint32_t attempts = 0;
    double duration_sec = 0;                  // of the last finished attempt
    std::optional<std::string> started_at;    // ISO 8601 UTC, of the last attempt
    std::optional<std::string> completed_at;  // ISO 8601 UTC
    std::optional<std::string> error;         // the last one, one line
};

class SqliteExport;

// A table being filled, one row at a time: a cell per column in order, then end_row(). Each
// cell call must match the column's declared type (a mismatch is a programming error:
// std::logic_error); NaN and empty() are NULL.
class SqliteTable {
  public:
    SqliteTable(const SqliteTable&) = delete;
    SqliteTable& operator=(const SqliteTable&) = delete;
    ~SqliteTable();

    void integer(int64_t value);
    void number(double value);
    void boolean(bool value);
    void text(std::string_view value);
    void empty();
    // The cells of `line` (one data line of a CSV that analyzers::CsvWriter wrote) into the
    // columns from `first_column` on, parsed by their declared types. Throws std::runtime_error
    // when a cell is not of its column's type.
    void csv_cells(std::string_view line, size_t first_column);
    void end_row();

  private:
    friend class SqliteExport;
    SqliteTable(SqliteExport& db, const TableSchema& schema);
    void expect(CellType type);

    SqliteExport& db_;
    const TableSchema& schema_;
    sqlite3_stmt* insert_ = nullptr;
    size_t column_ = 0;
    uint64_t rows_ = 0;
    std::vector<std::string> fields_;  // csv_cells' scratch
};

class SqliteExport {
  public:
    // Starts FILE.partial (a stale one is replaced). Throws IoError; std::runtime_error when this
    // build has no SQLite. `stop_requested` is polled every few thousand rows (Interrupted).
    SqliteExport(std::filesystem::path database, const std::atomic<bool>* stop_requested);
    SqliteExport(const SqliteExport&) = delete;
    SqliteExport& operator=(const SqliteExport&) = delete;
    ~SqliteExport();

    // Creates `schema`'s table; the returned table lives as long as this export.
    SqliteTable& create(const TableSchema& schema);
    void add_runs(const Provenance& provenance, const std::vector<PartitionRunRow>& partition_runs);
    // Creates the indexes, commits, fsyncs and renames FILE.partial over FILE. Throws IoError.
    void finish();

  private:
    friend class SqliteTable;
    struct Connection;
    [[noreturn]] void fail(const std::string& what);
    void exec(const std::string& sql);
    sqlite3_stmt* prepare(const std::string& sql);
    void step(sqlite3_stmt* statement);

    std::filesystem::path database_;
    std::filesystem::path partial_;
    const std::atomic<bool>* stop_requested_;
    std::unique_ptr<Connection> connection_;
    std::vector<std::unique_ptr<SqliteTable>> tables_;
    bool finished_ = false;
};

}  // namespace mdp::consolidate
