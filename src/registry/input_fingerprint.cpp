#include "registry/input_fingerprint.h"

#include "registry/json_text.h"
#include "registry/partition_entry.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::registry {

InputFingerprint fingerprint_file(std::string role, const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw IoError::from_errno("stat", path);
    if (!S_ISREG(st.st_mode)) throw InputError(path, "not a regular file");

    InputFingerprint fp;
    fp.role = std::move(role);
    fp.path = path.string();
    fp.size = static_cast<uint64_t>(st.st_size);
    fp.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                  static_cast<int64_t>(st.st_mtim.tv_nsec);
    return fp;
}

bool same_path_size_and_time(const InputFingerprint& recorded, const InputFingerprint& current) {
    return recorded.path == current.path && recorded.size == current.size && recorded.mtime_ns == current.mtime_ns;
}

namespace {

// Paths are bytes: one that is not valid UTF-8 cannot be a JSON string as it is, so it is kept
// exactly as "path_hex" (two hex digits a byte) beside a readable "path" with '?' for bad bytes.
std::string hex_of(std::string_view bytes) {
    constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        out += kDigits[u >> 4];
        out += kDigits[u & 15];
    }
    return out;
}

std::optional<std::string> bytes_of_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 2) {
        int value = 0;
        for (const char c : hex.substr(i, 2)) {
            const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) return std::nullopt;
            value = value * 16 + digit;
        }
        out.push_back(static_cast<char>(value));
    }
    return out;
}

}  // namespace

nlohmann::json to_json(const InputFingerprint& fp) {
    nlohmann::json json{{"role", fp.role},
                        {"path", fp.path},
                        {"size", fp.size},
                        {"mtime_ns", fp.mtime_ns},
                        {"content_hash", fp.content_hash}};
    if (!is_valid_utf8(fp.path)) {
        json["path"] = sanitize_error_message(fp.path);
        json["path_hex"] = hex_of(fp.path);
    }
    return json;
}

InputFingerprint fingerprint_from_json(const nlohmann::json& json) {
    const auto field = [&](const char* name) -> const nlohmann::json& {
        if (!json.is_object() || !json.contains(name)) {
            throw std::invalid_argument(std::string("input file entry without \"") + name + "\"");
        }
        return json.at(name);
    };
    InputFingerprint fp;
    const auto& role = field("role");
    const auto& path = field("path");
    const auto& size = field("size");
    const auto& mtime = field("mtime_ns");
    if (!role.is_string() || !path.is_string() || !size.is_number_unsigned() || !mtime.is_number_integer()) {
        throw std::invalid_argument("input file entry with a field of the wrong type");
    }
    fp.role = role.get<std::string>();
    fp.path = path.get<std::string>();
    if (json.contains("path_hex")) {
        const auto& hex = json.at("path_hex");
        const auto bytes = hex.is_string() ? bytes_of_hex(hex.get<std::string>()) : std::nullopt;
        if (!bytes) throw std::invalid_argument("input file entry with a bad path_hex");
        fp.path = *bytes;
    }
    fp.size = size.get<uint64_t>();
    fp.mtime_ns = mtime.get<int64_t>();
    if (json.contains("content_hash")) {
        const auto& hash = json.at("content_hash");
        std::string text = hash.is_string() ? hash.get<std::string>() : std::string("not a string");
        if (!text.empty() && text.size() != 32) throw std::invalid_argument("input file entry with a bad content_hash");
        fp.content_hash = std::move(text);
    }
    return fp;
}

}  // namespace mdp::registry
