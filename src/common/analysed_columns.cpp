#include "common/analysed_columns.h"

#include <string>

#include "common/errors.h"

namespace mdp {

std::string names_text(const AnalysedColumn& column) {
    std::string text;
    for (const auto name : column.names) {
        if (!text.empty()) text += "/";
        text += name;
    }
    return text;
}

std::optional<size_t> find_column(const CsvHeader& header, const std::filesystem::path& file,
                                  const AnalysedColumn& column) {
    std::optional<size_t> found;
    for (const auto name : column.names) {
        const auto index = header.find(name);
        if (!index) continue;
        if (found) {
            throw InputError(file, 1,
                             "header has more than one column for '" + names_text(column) + "' ('" +
                                 header.original_names()[*found] + "' and '" +
                                 header.original_names()[*index] + "')");
        }
        found = index;
    }
    return found;
}

std::vector<size_t> resolve_columns(const CsvHeader& header, const std::filesystem::path& file,
                                    std::span<const AnalysedColumn> wanted) {
    std::vector<size_t> found(wanted.size());
    for (size_t w = 0; w < wanted.size(); ++w) {
        const auto column = find_column(header, file, wanted[w]);
        if (!column) {
            throw InputError(file, 1, "header has no column '" + names_text(wanted[w]) + "'");
        }
        found[w] = *column;
    }
    return found;
}

}  // namespace mdp
