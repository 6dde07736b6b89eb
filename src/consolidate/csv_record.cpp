#include "consolidate/csv_record.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace mdp::consolidate {

bool split_csv_line(std::string_view line, std::vector<std::string>& fields) {
    size_t count = 0;
    auto field = [&]() -> std::string& {
        if (count == fields.size()) fields.emplace_back();
        std::string& f = fields[count++];
        f.clear();
        return f;
    };
    size_t i = 0;
    while (true) {
        std::string& out = field();
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        out.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                out.push_back(line[i++]);
            }
            if (!closed) {
                fields.resize(count);
                return false;
            }
            // Anything between the closing quote and the next comma is kept as text.
            while (i < line.size() && line[i] != ',') out.push_back(line[i++]);
        } else {
            const size_t comma = line.find(',', i);
            const size_t end = comma == std::string_view::npos ? line.size() : comma;
            out.assign(line.substr(i, end - i));
            i = end;
        }
        if (i >= line.size()) break;
        ++i;  // the comma
    }
    fields.resize(count);
    return true;
}

std::optional<double> parse_number_cell(std::string_view cell) {
    if (cell.empty()) return std::numeric_limits<double>::quiet_NaN();
    if (cell == "inf") return std::numeric_limits<double>::infinity();
    if (cell == "-inf") return -std::numeric_limits<double>::infinity();
    double value = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (ec != std::errc() || end != cell.data() + cell.size() || std::isnan(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<int64_t> parse_integer_cell(std::string_view cell) {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size()) return std::nullopt;
    return value;
}

std::optional<std::string_view> LineCursor::next() {
    if (pos_ >= text_.size()) return std::nullopt;
    const size_t newline = text_.find('\n', pos_);
    const size_t end = newline == std::string_view::npos ? text_.size() : newline;
    std::string_view line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
    ++line_;
    return line;
}

}  // namespace mdp::consolidate
