#pragma once
// Finding the partition files' columns by name (SPEC 1), with the common CsvHeader: header
// names are matched case-insensitively after trimming leading/trailing spaces, a column may have
// several accepted names (the security column is security_code, securitycode or orderbookid in
// any file), and extra columns are ignored.

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "common/csv_header.h"

namespace mdp::analyzers {

// One column the analysis needs: its accepted names, lower case (the first one is used in
// messages).
struct WantedColumn {
    std::vector<std::string_view> names;
};

// For each wanted column in order, the index of the header column that matches it. Throws
// InputError naming `file` and line 1 when a wanted column is missing or two header cells match
// the same wanted column.
std::vector<size_t> resolve_columns(const CsvHeader& header, const std::filesystem::path& file,
                                    std::span<const WantedColumn> wanted);

}  // namespace mdp::analyzers
