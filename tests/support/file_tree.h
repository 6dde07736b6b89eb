#pragma once
// A directory tree as a map from relative path to content, for byte-for-byte comparisons.

#include <filesystem>
#include <map>
#include <string>

#include "support/scratch_dir.h"

namespace mdp::testing {

using FileTree = std::map<std::string, std::string>;

inline FileTree read_tree(const std::filesystem::path& root) {
    FileTree tree;
    if (!std::filesystem::exists(root)) return tree;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            tree[std::filesystem::relative(entry.path(), root).string()] = read_text(entry.path());
        }
    }
    return tree;
}

// Everything a run produces that is results, not run metadata: the partitions (input files and
// stats/), rejects/ and consolidated/ without the report (which shows run times), keyed
// "<part>/<path>".
inline FileTree results_of(const std::filesystem::path& out) {
    FileTree tree;
    for (const char* part : {"partitions", "rejects", "consolidated"}) {
        if (!std::filesystem::exists(out / part)) continue;
        for (auto& [path, content] : read_tree(out / part)) tree[std::string(part) + "/" + path] = std::move(content);
    }
    tree.erase("consolidated/report.html");
    return tree;
}

// "" when equal; otherwise the first path that differs and how, short enough for a test message.
inline std::string first_difference(const FileTree& actual, const FileTree& expected) {
    auto a = actual.begin();
    auto e = expected.begin();
    for (; a != actual.end() && e != expected.end(); ++a, ++e) {
        if (a->first != e->first) return "file sets differ at '" + a->first + "' vs expected '" + e->first + "'";
        if (a->second != e->second) {
            return "'" + a->first + "' differs (" + std::to_string(a->second.size()) + " bytes, expected " +
                   std::to_string(e->second.size()) + ")";
        }
    }
    if (a != actual.end()) return "unexpected file '" + a->first + "'";
    if (e != expected.end()) return "missing file '" + e->first + "'";
    return "";
}

}  // namespace mdp::testing
