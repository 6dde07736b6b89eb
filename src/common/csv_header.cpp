#include "common/csv_header.h"

#include <algorithm>
#include <cctype>

#include "common/errors.h"
#include "common/csv_fields.h"

namespace mdp {

std::string CsvHeader::normalize(std::string_view name) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (name.substr(0, kBom.size()) == kBom) name.remove_prefix(kBom.size());
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

CsvHeader CsvHeader::parse(std::string_view line, const std::filesystem::path& file) {
    SplitFields split;
    split_csv_line(line, split);
    if (split.status != SplitStatus::kOk) {
        throw InputError(file, 1, std::string("header: ") + describe(split.status));
    }
    CsvHeader header;
    for (const std::string_view field : split.fields) {
        std::string name = normalize(field);
        if (name.empty()) throw InputError(file, 1, "header has an empty column name");
        if (std::find(header.normalized_.begin(), header.normalized_.end(), name) !=
            header.normalized_.end()) {
            throw InputError(file, 1, "header names column '" + name + "' twice");
        }
        header.normalized_.push_back(std::move(name));
        header.original_.emplace_back(field);
    }
    return header;
}

std::optional<size_t> CsvHeader::find(std::string_view name) const {
    const std::string wanted = normalize(name);
    const auto it = std::find(normalized_.begin(), normalized_.end(), wanted);
    if (it == normalized_.end()) return std::nullopt;
    return static_cast<size_t>(it - normalized_.begin());
}

}  // namespace mdp
