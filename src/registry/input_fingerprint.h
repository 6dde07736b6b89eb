#pragma once
// What the registry records about each input of a run: the role ("orders", "trades", "nbbo"),
// the path, the size and modification time, and the XXH3-128 of its whole stored content, which
// is its identity (INTEGRATION 4): a renamed copy of an ingested file is the same input, a
// same-size change anywhere is a different one. Size and time are only a quick pre-check. The
// content hash is computed while extraction streams the input, so it is known once the input
// has been read to its end (empty before).

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace mdp::registry {

struct InputFingerprint {
    std::string role;
    std::string path;  // as the caller gave it; pass an absolute path to be independent of cwd
    uint64_t size = 0;
    int64_t mtime_ns = 0;      // st_mtim in nanoseconds since the epoch
    std::string content_hash;  // 32 hex digits, "" until the input was read to its end

    friend bool operator==(const InputFingerprint&, const InputFingerprint&) = default;
};

// Stats `path` (size and modification time; the content hash is left empty). Throws InputError
// if the file cannot be opened or is not a regular file, IoError if stat fails.
InputFingerprint fingerprint_file(std::string role, const std::filesystem::path& path);

// True when `current` has `recorded`'s path, size and modification time: the quick pre-check
// that lets a resume trust an input without reading it again.
bool same_path_size_and_time(const InputFingerprint& recorded, const InputFingerprint& current);

// JSON form: {"role", "path", "size", "mtime_ns", "content_hash"} ("path_hex" beside "path" for
// a path that is not UTF-8). Registries written before content hashes ("sample_hash") load with
// an empty content hash.
nlohmann::json to_json(const InputFingerprint& fingerprint);
// Throws std::invalid_argument if a field is missing or has the wrong type.
InputFingerprint fingerprint_from_json(const nlohmann::json& json);

}  // namespace mdp::registry
