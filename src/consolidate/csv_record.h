#pragma once
// Reading back the per-partition CSVs (SPEC 3.6) that consolidation streams over: one line split
// into fields (a field in double quotes may hold commas and doubled quotes, as CsvWriter writes
// them), and cells parsed as numbers with the exact inverse of number_format.h (empty = NaN).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdp::consolidate {

// Splits `line` (without its line end) into `fields`, reusing their storage. Returns false
// when a quoted field is not closed.
bool split_csv_line(std::string_view line, std::vector<std::string>& fields);

// A number cell: empty -> NaN; "inf"/"-inf" -> infinities; otherwise the shortest round-trip
// text std::to_chars wrote. std::nullopt when the cell is not a number.
std::optional<double> parse_number_cell(std::string_view cell);

// An integer cell; std::nullopt when empty or not an integer.
std::optional<int64_t> parse_integer_cell(std::string_view cell);

// Iterates over the lines of a whole file's text; handles "\n" and "\r\n"; a last line without
// a line end is still a line.
class LineCursor {
  public:
    explicit LineCursor(std::string_view text) : text_(text) {}
    // The next line without its line end, or std::nullopt at the end.
    std::optional<std::string_view> next();
    // 1-based number of the line last returned.
    size_t line_number() const { return line_; }

  private:
    std::string_view text_;
    size_t pos_ = 0;
    size_t line_ = 0;
};

}  // namespace mdp::consolidate
