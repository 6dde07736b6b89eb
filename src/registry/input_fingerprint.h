#pragma once
// A cheap identity of an input file, recorded in the registry so that a resumed run can tell
// whether its inputs are still the ones the registry was made from: the role ("orders",
// "trades", "nbbo"), the path, the size, the modification time and a 64-bit FNV-1a hash of a
// sample (the size, the first MiB and the last MiB). Hashing a sample instead of the whole
// file keeps fingerprinting a 100 GB input instant while still catching a replaced or
// rewritten file of the same size.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/hash.h"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdp::registry {

// Bytes hashed at each end of the file.
inline constexpr uint64_t kFingerprintSampleBytes = 1 << 20;

struct InputFingerprint {
    std::string role;
    std::string path;  // as the caller gave it; pass an absolute path to be independent of cwd
    uint64_t size = 0;
    int64_t mtime_ns = 0;      // st_mtim in nanoseconds since the epoch
    uint64_t sample_hash = 0;  // FNV-1a 64 of size (8 bytes LE), first MiB, last MiB

    friend bool operator==(const InputFingerprint&, const InputFingerprint&) = default;
};

// Stats and samples `path`. Throws InputError if the file cannot be opened or is not a regular
// file, IoError if reading it fails.
InputFingerprint fingerprint_file(std::string role, const std::filesystem::path& path);

// The sample hash is common/hash.h's fnv1a64.

// One line saying how `current` differs from `recorded` ("input orders changed: size 10 -> 12,
// content sample differs"), or nullopt if they are equal.
std::optional<std::string> fingerprint_difference(const InputFingerprint& recorded,
                                                  const InputFingerprint& current);
// Same for two lists, compared position by position (input order matters): also reports
// inputs added or removed at the end.
std::optional<std::string> input_files_difference(const std::vector<InputFingerprint>& recorded,
                                                  const std::vector<InputFingerprint>& current);

// JSON form: {"role", "path", "size", "mtime_ns", "sample_hash": "<16 hex digits>"}.
nlohmann::json to_json(const InputFingerprint& fingerprint);
// Throws std::invalid_argument if a field is missing or has the wrong type.
InputFingerprint fingerprint_from_json(const nlohmann::json& json);

}  // namespace mdp::registry
