#include "registry/input_fingerprint.h"

#include "registry/json_text.h"
#include "registry/partition_entry.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::registry {

namespace {


void read_exactly(int fd, std::string& buffer, uint64_t offset, uint64_t length,
                  const std::filesystem::path& path) {
    buffer.resize(length);
    uint64_t done = 0;
    while (done < length) {
        const ssize_t n =
            ::pread(fd, buffer.data() + done, length - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", path);
        }
        if (n == 0) break;  // the file shrank while we read it: hash what is there
        done += static_cast<uint64_t>(n);
    }
    buffer.resize(done);
}

std::string hex16(uint64_t value) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<size_t>(i)] = kHex[value & 0xF];
        value >>= 4;
    }
    return out;
}

std::optional<uint64_t> parse_hex16(std::string_view text) {
    if (text.size() != 16) return std::nullopt;
    uint64_t value = 0;
    for (const char c : text) {
        uint64_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<uint64_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<uint64_t>(c - 'a' + 10);
        } else {
            return std::nullopt;
        }
        value = (value << 4) | digit;
    }
    return value;
}

}  // namespace


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

    uint64_t hash = kFnvOffsetBasis;
    char size_bytes[8];
    for (size_t i = 0; i < 8; ++i) size_bytes[i] = static_cast<char>((fp.size >> (8 * i)) & 0xFF);
    hash = fnv1a64(std::string_view(size_bytes, 8), hash);

    std::string buffer;
    const uint64_t head = std::min(fp.size, kFingerprintSampleBytes);
    read_exactly(fd.get(), buffer, 0, head, path);
    hash = fnv1a64(buffer, hash);
    if (fp.size > head) {
        // The tail sample never overlaps the head sample.
        const uint64_t tail_start = std::max(head, fp.size - kFingerprintSampleBytes);
        read_exactly(fd.get(), buffer, tail_start, fp.size - tail_start, path);
        hash = fnv1a64(buffer, hash);
    }
    fp.sample_hash = hash;
    return fp;
}

std::optional<std::string> fingerprint_difference(const InputFingerprint& recorded,
                                                  const InputFingerprint& current) {
    if (recorded == current) return std::nullopt;
    std::string what;
    const auto add = [&](const std::string& part) {
        if (!what.empty()) what += ", ";
        what += part;
    };
    if (recorded.role != current.role) add("role " + recorded.role + " -> " + current.role);
    if (recorded.path != current.path) add("path " + recorded.path + " -> " + current.path);
    if (recorded.size != current.size) {
        add("size " + std::to_string(recorded.size) + " -> " + std::to_string(current.size));
    }
    if (recorded.mtime_ns != current.mtime_ns) add("modification time changed");
    if (recorded.sample_hash != current.sample_hash) add("content sample differs");
    return "input " + recorded.role + " (" + recorded.path + ") changed: " + what;
}

std::optional<std::string> input_files_difference(const std::vector<InputFingerprint>& recorded,
                                                  const std::vector<InputFingerprint>& current) {
    std::string what;
    const auto add = [&](const std::string& part) {
        if (!what.empty()) what += "; ";
        what += part;
    };
    // Inputs are compared in order: their order is the order of rows in every partition.
    for (size_t i = 0; i < std::max(recorded.size(), current.size()); ++i) {
        if (i >= current.size()) {
            add("input " + recorded[i].role + " (" + recorded[i].path + ") is no longer given");
        } else if (i >= recorded.size()) {
            add("input " + current[i].role + " (" + current[i].path + ") is new");
        } else if (auto diff = fingerprint_difference(recorded[i], current[i])) {
            add(*diff);
        }
    }
    if (what.empty()) return std::nullopt;
    return what;
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
                        {"sample_hash", hex16(fp.sample_hash)}};
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
    const auto& hash = field("sample_hash");
    if (!role.is_string() || !path.is_string() || !size.is_number_unsigned() ||
        !mtime.is_number_integer() || !hash.is_string()) {
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
    const auto parsed = parse_hex16(hash.get<std::string>());
    if (!parsed) throw std::invalid_argument("input file entry with a bad sample_hash");
    fp.sample_hash = *parsed;
    return fp;
}

}  // namespace mdp::registry
