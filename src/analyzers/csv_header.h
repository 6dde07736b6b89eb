#pragma once
// Finding the partition files' columns by name (SPEC 1), with the common CsvHeader: header
// names are matched case-insensitively after trimming leading/trailing spaces, a column may have several accepted
// names (the security column is security_code, securitycode or orderbookid in any file), and
// extra columns are ignored. The result is the header cell's exact text, which is what
// fast-cpp-csv-parser's read_header compares against.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mdp::analyzers {

// One column the analysis needs: its accepted names, lower case (the first one is used in
// messages).
struct WantedColumn {
    std::vector<std::string_view> names;
};

// Reads the first line of `file` and returns, for each wanted column in order, the text of the
// header cell that matches it (spaces trimmed, quotes removed as the CSV reader does). Throws
// InputError naming the file and line 1 when the file has no header line, a wanted column is
// missing, or two header cells match the same wanted column.
std::vector<std::string> resolve_header(const std::filesystem::path& file,
                                        std::span<const WantedColumn> wanted);

}  // namespace mdp::analyzers
