#pragma once
// The one CSV formatter every analyzer's output goes through (SPEC 3.6): a header row, then
// rows appended cell by cell; numbers via number_format.h, NaN and absent values as empty
// cells, booleans as true/false, text quoted only when it contains a comma, quote or line end.
// Rows end with "\n". The writer only formats: report builders decide what the rows are.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mdp::analyzers {

// The kinds of cell the writer writes, one per method (empty cells aside), for consumers that
// store the cells of a file typed (the SQLite export): files declare theirs beside their writer.
enum class CellType { kInteger, kNumber, kBoolean, kText };

class CsvWriter {
  public:
    explicit CsvWriter(std::span<const std::string_view> columns);

    CsvWriter& integer(int64_t value);
    CsvWriter& integer(std::optional<int64_t> value);
    CsvWriter& number(double value);
    CsvWriter& boolean(bool value);
    CsvWriter& boolean(std::optional<bool> value);
    CsvWriter& text(std::string_view value);
    CsvWriter& empty();
    // `count` cells already formatted by a CsvWriter, separated by commas (a data line of one of
    // our files, or a part of one), appended as they are.
    CsvWriter& formatted_cells(std::string_view cells, size_t count);
    // Ends the row; throws std::logic_error when it does not have one cell per column.
    void end_row();

    size_t column_count() const { return columns_; }
    size_t row_count() const { return rows_; }
    const std::string& content() const { return out_; }

  private:
    void separator();
    std::string out_;
    size_t columns_ = 0;
    size_t cells_in_row_ = 0;
    size_t rows_ = 0;
};

}  // namespace mdp::analyzers
