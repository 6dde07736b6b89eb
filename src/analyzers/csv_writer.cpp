#include "analyzers/csv_writer.h"

#include <stdexcept>

#include "analyzers/number_format.h"

namespace mdp::analyzers {

CsvWriter::CsvWriter(std::span<const std::string_view> columns) : columns_(columns.size()) {
    for (const auto column : columns) text(column);
    end_row();
    rows_ = 0;
}

void CsvWriter::separator() {
    if (cells_in_row_ > 0) out_.push_back(',');
    ++cells_in_row_;
}

CsvWriter& CsvWriter::integer(int64_t value) {
    separator();
    out_ += format_integer(value);
    return *this;
}

CsvWriter& CsvWriter::integer(std::optional<int64_t> value) {
    return value ? integer(*value) : empty();
}

CsvWriter& CsvWriter::number(double value) {
    separator();
    out_ += format_number(value);
    return *this;
}

CsvWriter& CsvWriter::boolean(bool value) {
    separator();
    out_ += value ? "true" : "false";
    return *this;
}

CsvWriter& CsvWriter::boolean(std::optional<bool> value) {
    return value ? boolean(*value) : empty();
}

CsvWriter& CsvWriter::text(std::string_view value) {
    separator();
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out_ += value;
        return *this;
    }
    out_.push_back('"');
    for (const char c : value) {
        if (c == '"') out_.push_back('"');
        out_.push_back(c);
    }
    out_.push_back('"');
    return *this;
}

CsvWriter& CsvWriter::empty() {
    separator();
    return *this;
}

CsvWriter& CsvWriter::formatted_cells(std::string_view cells, size_t count) {
    if (count == 0) return *this;
    separator();
    out_ += cells;
    cells_in_row_ += count - 1;
    return *this;
}

void CsvWriter::end_row() {
    if (cells_in_row_ != columns_) {
        throw std::logic_error("CsvWriter: row has " + std::to_string(cells_in_row_) +
                               " cells, header has " + std::to_string(columns_));
    }
    out_.push_back('\n');
    cells_in_row_ = 0;
    ++rows_;
}

}  // namespace mdp::analyzers
