#include "input_identity.h"

#include "extract/input/raw_file.h"

namespace mdp::app {

namespace fs = std::filesystem;

bool is_pipe(const fs::path& path) {
    std::error_code error;
    return path == "-" || fs::is_fifo(path, error);
}

registry::InputFingerprint fingerprint_input(extract::InputRole role, const fs::path& path) {
    std::string role_text(extract::role_name(role));
    if (path == "-") return registry::InputFingerprint{std::move(role_text), "-", 0, 0, {}};
    const fs::path absolute = fs::absolute(path).lexically_normal();
    if (is_pipe(path)) return registry::InputFingerprint{std::move(role_text), absolute.string(), 0, 0, {}};
    return registry::fingerprint_file(std::move(role_text), absolute);
}

namespace {

std::string content_hash_of(const std::string& path) { return extract::to_hex(extract::hash_stored_file(path)); }

}  // namespace

std::optional<std::string> resume_mismatch(const registry::InputFingerprint& recorded,
                                           const registry::InputFingerprint& current) {
    const std::string name = "input " + recorded.role + " (" + recorded.path + ")";
    if (recorded.role != current.role) return name + " is now a " + current.role + " input";
    if (registry::same_path_size_and_time(recorded, current)) return std::nullopt;
    if (is_pipe(current.path) || recorded.content_hash.empty()) return std::nullopt;
    if (recorded.size != current.size) {
        return name + " changed: " + current.path + " has " + std::to_string(current.size) + " bytes, not " +
               std::to_string(recorded.size);
    }
    if (content_hash_of(current.path) != recorded.content_hash) {
        return name + " changed: " + current.path + " has the same size but different content";
    }
    return std::nullopt;
}

const registry::InputFingerprint* same_content_recorded(const std::vector<registry::InputFingerprint>& recorded,
                                                        const registry::InputFingerprint& candidate) {
    std::string candidate_hash;  // read at most once
    for (const registry::InputFingerprint& known : recorded) {
        if (known.role != candidate.role || known.size != candidate.size) continue;
        // An input of an interrupted append is not finished (no hash yet): the same file again
        // is that input, which the extraction continues.
        if (known.content_hash.empty()) {
            if (registry::same_path_size_and_time(known, candidate)) return &known;
            continue;
        }
        if (candidate_hash.empty()) candidate_hash = content_hash_of(candidate.path);
        if (candidate_hash == known.content_hash) return &known;
    }
    return nullptr;
}

}  // namespace mdp::app
