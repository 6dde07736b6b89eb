#pragma once
// The header row of an input file: column names found case-insensitively with surrounding
// spaces (and a UTF-8 byte-order mark) ignored, never by position.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdp {

class CsvHeader {
public:
    // `line` is the header line without its terminator. Throws InputError (naming `file`, line
    // 1) when the line cannot be split or holds an empty or duplicated column name.
    static CsvHeader parse(std::string_view line, const std::filesystem::path& file);

    size_t field_count() const { return normalized_.size(); }
    // Index of the column named `name` (compared after normalisation), if present.
    std::optional<size_t> find(std::string_view name) const;
    // The normalised names (lower case, trimmed), in file order.
    const std::vector<std::string>& names() const { return normalized_; }
    // The header fields exactly as written in the file.
    const std::vector<std::string>& original_names() const { return original_; }

    static std::string normalize(std::string_view name);

private:
    std::vector<std::string> normalized_;
    std::vector<std::string> original_;
};

}  // namespace mdp
