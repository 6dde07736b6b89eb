#include "analyzers/csv_header.h"

#include <fstream>
#include <optional>

#include "common/errors.h"

namespace mdp::analyzers {

namespace {

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// As fast-cpp-csv-parser's double_quote_escape::unescape: a cell that starts and ends with a
// quote loses them and "" becomes ".
std::string unquote(std::string_view s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
        s = s.substr(1, s.size() - 2);
        std::string out;
        out.reserve(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            out.push_back(s[i]);
            if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;
        }
        return out;
    }
    return std::string(s);
}

std::string lower_trimmed(std::string_view s) {
    s = trim_spaces(s);
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string names_text(const WantedColumn& column) {
    std::string text;
    for (const auto name : column.names) {
        if (!text.empty()) text += "/";
        text += name;
    }
    return text;
}

}  // namespace

std::vector<std::string> split_header_line(std::string_view line) {
    std::vector<std::string> cells;
    size_t begin = 0;
    bool quoted = false;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || (line[i] == ',' && !quoted)) {
            cells.push_back(unquote(trim_spaces(line.substr(begin, i - begin))));
            begin = i + 1;
        } else if (line[i] == '"') {
            quoted = !quoted;
        }
    }
    return cells;
}

std::vector<std::string> resolve_header(const std::filesystem::path& file,
                                        std::span<const WantedColumn> wanted) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, "cannot open the file");
    std::string line;
    if (!std::getline(in, line)) throw InputError(file, 1, "empty file: no header row");
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();

    const std::vector<std::string> cells = split_header_line(line);
    std::vector<std::string> found(wanted.size());
    std::vector<bool> seen(wanted.size(), false);
    for (const std::string& cell : cells) {
        const std::string key = lower_trimmed(cell);
        for (size_t w = 0; w < wanted.size(); ++w) {
            bool match = false;
            for (const auto name : wanted[w].names) match = match || key == name;
            if (!match) continue;
            if (seen[w]) {
                throw InputError(file, 1,
                                 "header has more than one column for '" + names_text(wanted[w]) +
                                     "' ('" + found[w] + "' and '" + cell + "')");
            }
            seen[w] = true;
            found[w] = cell;
        }
    }
    for (size_t w = 0; w < wanted.size(); ++w) {
        if (!seen[w]) {
            throw InputError(file, 1, "header has no column '" + names_text(wanted[w]) + "'");
        }
    }
    return found;
}

}  // namespace mdp::analyzers
