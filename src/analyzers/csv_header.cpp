#include "analyzers/csv_header.h"

#include <optional>
#include <string>

#include "common/errors.h"

namespace mdp::analyzers {

namespace {

std::string names_text(const WantedColumn& column) {
    std::string text;
    for (const auto name : column.names) {
        if (!text.empty()) text += "/";
        text += name;
    }
    return text;
}

}  // namespace

std::vector<size_t> resolve_columns(const CsvHeader& header, const std::filesystem::path& file,
                                    std::span<const WantedColumn> wanted) {
    std::vector<size_t> found(wanted.size());
    for (size_t w = 0; w < wanted.size(); ++w) {
        std::optional<size_t> column;
        for (const auto name : wanted[w].names) {
            const auto index = header.find(name);
            if (!index) continue;
            if (column) {
                throw InputError(file, 1,
                                 "header has more than one column for '" + names_text(wanted[w]) +
                                     "' ('" + header.original_names()[*column] + "' and '" +
                                     header.original_names()[*index] + "')");
            }
            column = index;
        }
        if (!column) {
            throw InputError(file, 1, "header has no column '" + names_text(wanted[w]) + "'");
        }
        found[w] = *column;
    }
    return found;
}

}  // namespace mdp::analyzers
