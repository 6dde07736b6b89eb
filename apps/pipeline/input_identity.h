#pragma once
// Deciding whether a file given on the command line is an input the run already holds
// (INTEGRATION 4, docs/cli.md "Input identity"): identity is the XXH3-128 of the whole stored
// content; path, size and modification time only spare reading a file that is evidently the
// recorded one, or evidently not.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "extract/input/input_role.h"
#include "registry/input_fingerprint.h"

namespace mdp::app {

// What the registry records for `path` now: size and time of a file; a pipe (`-` or a FIFO) by
// its name alone (it has no size, time or content to check).
registry::InputFingerprint fingerprint_input(extract::InputRole role, const std::filesystem::path& path);
bool is_pipe(const std::filesystem::path& path);

// Resume: is `current` (what is given now, at the recorded input's position) still `recorded`?
// Returns why not, or nullopt. Same path, size and time: the same, unread. Otherwise a finished
// input is hashed and must have the recorded content (a touched, copied or moved file is still
// the input); an unfinished one is left to the extraction, which reads again and compares the
// bytes it extracted before (a corrupt .gz replaced by a good one continues).
std::optional<std::string> resume_mismatch(const registry::InputFingerprint& recorded,
                                           const registry::InputFingerprint& current);

// Append: the recorded input that holds the same content as `candidate` (a file, not a pipe), if
// any. Only recorded inputs of the same role and size are candidates, so a new day's file is
// read here only when an input of its size exists already.
const registry::InputFingerprint* same_content_recorded(const std::vector<registry::InputFingerprint>& recorded,
                                                        const registry::InputFingerprint& candidate);

}  // namespace mdp::app
