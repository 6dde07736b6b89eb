#pragma once
// From what the user named to the list of inputs a run reads: a directory stands for every
// regular file in it, sorted by name (bytewise, so the order does not depend on the locale); the
// same file named twice (under any path) is refused; every input gets a rejects file name of its
// own, unique even when two inputs share a base name.

#include <filesystem>
#include <string>
#include <vector>

#include "extract/extraction_options.h"

namespace mdp::extract {

// `paths` in order, each directory replaced by its regular files (not recursing into
// subdirectories; hidden files skipped); `-` (standard input) and FIFOs are kept as they are. Throws InputError for a path that does not exist, a
// directory without files, or anything that is neither a file nor a directory.
std::vector<std::filesystem::path> expand_input_paths(const std::vector<std::filesystem::path>& paths);

// Throws InputError naming both paths when two inputs are the same file (same device and inode,
// so a second path, a hard link or a symlink to it count as the same), or `-` is given twice.
void require_distinct_inputs(const std::vector<InputSpec>& inputs);

// For each input, in order: the name of its rejects file, "<role>-<base name>.rejects.csv"
// (orders-day1.csv.gz.rejects.csv), with ".2", ".3"... before ".rejects.csv" when an earlier
// input of the role has the same base name. Names depend only on the inputs of the same role and
// their order, so a run and a run made by appending the same inputs in steps name them alike.
std::vector<std::string> rejects_file_names(const std::vector<InputSpec>& inputs);

}  // namespace mdp::extract
