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

}  // namespace mdp::testing
