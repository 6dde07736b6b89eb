#pragma once
// A consolidated table written as it is produced: each row's typed cells go to its CSV file
// through analyzers::CsvWriter (so every cell is formatted exactly as in the per-partition
// files) and, when the run exports to SQLite, to the same table there (sqlite_export.h) from the
// same values. Rows accumulate in the writer and move to the file in blocks.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "analyzers/csv_writer.h"
#include "consolidate/output_stream.h"
#include "consolidate/sqlite_export.h"
#include "consolidate/table_schemas.h"

namespace mdp::consolidate {

// Where the consolidated tables go: their CSVs below `directory`; their SQLite tables into
// `sqlite` when it is set. Writing a table polls `stop_requested` every few thousand rows and
// throws Interrupted when it is set (a table can be millions of rows: --pairwise all).
struct TableTarget {
    std::filesystem::path directory;
    SqliteExport* sqlite = nullptr;
    const std::atomic<bool>* stop_requested = nullptr;

    // Throws Interrupted when the run was asked to stop.
    void throw_if_stopped() const;
};

// The cells of one row, to both destinations.
class TableRow {
  public:
    TableRow(analyzers::CsvWriter& csv, SqliteTable* sqlite) : csv_(&csv), sqlite_(sqlite) {}

    TableRow& integer(int64_t value);
    TableRow& integer(std::optional<int64_t> value);
    TableRow& number(double value);
    TableRow& boolean(bool value);
    TableRow& text(std::string_view value);
    TableRow& empty();

  private:
    analyzers::CsvWriter* csv_;
    SqliteTable* sqlite_;
};

class TableStream {
  public:
    // Creates <target.directory>/<schema.file_name()> (and the SQLite table). Throws IoError.
    TableStream(const TableTarget& target, const TableSchema& schema);

    // The row to add cells to; call end_row() after them.
    TableRow& row() { return row_; }
    // A row whose cells after the first `leading` ones (written through row()) are one data line
    // of a CSV that CsvWriter wrote with the schema's remaining columns: copied to the file as
    // they are, and parsed by their declared types for SQLite.
    void end_row_with_csv_cells(size_t leading, std::string_view line);
    void end_row();
    size_t rows() const { return rows_; }
    void close();

  private:
    void flush_rows();
    OutputStream out_;
    std::vector<std::string_view> columns_;
    analyzers::CsvWriter writer_;
    SqliteTable* sqlite_ = nullptr;
    const TableTarget& target_;
    TableRow row_;
    size_t header_bytes_ = 0;
    bool header_written_ = false;
    size_t rows_ = 0;
};

}  // namespace mdp::consolidate
