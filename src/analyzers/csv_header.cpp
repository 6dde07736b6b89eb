#include "analyzers/csv_header.h"

#include <fstream>

#include "common/csv_header.h"
#include "common/errors.h"

namespace mdp::analyzers {

namespace {

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
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

std::vector<std::string> resolve_header(const std::filesystem::path& file,
                                        std::span<const WantedColumn> wanted) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, "cannot open the file");
    std::string line;
    if (!std::getline(in, line)) throw InputError(file, 1, "empty file: no header row");
    // fast-cpp-csv-parser skips a UTF-8 byte-order mark itself, so the names it compares
    // against must not carry one.
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const CsvHeader header = CsvHeader::parse(line, file);

    std::vector<std::string> found(wanted.size());
    for (size_t w = 0; w < wanted.size(); ++w) {
        std::optional<size_t> column;
        for (const auto name : wanted[w].names) {
            const auto index = header.find(name);
            if (!index) continue;
            if (column) {
                throw InputError(file, 1,
                                 "header has more than one column for '" + names_text(wanted[w]) + "' ('" +
                                     header.original_names()[*column] + "' and '" +
                                     header.original_names()[*index] + "')");
            }
            column = index;
        }
        if (!column) throw InputError(file, 1, "header has no column '" + names_text(wanted[w]) + "'");
        // The cell as the CSV reader sees it: unquoted (done by the splitter) and trimmed.
        found[w] = std::string(trim_spaces(header.original_names()[*column]));
    }
    return found;
}

}  // namespace mdp::analyzers
