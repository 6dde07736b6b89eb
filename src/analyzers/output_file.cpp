#include "analyzers/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <system_error>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::analyzers {

void write_output_file(const std::filesystem::path& path, std::string_view content) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        throw IoError("create directory " + path.parent_path().string() + ": " + ec.message());
    }
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) throw IoError::from_errno("create", path);
    const char* data = content.data();
    size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd.get(), data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("write", path);
        }
        data += n;
        left -= static_cast<size_t>(n);
    }
    if (::fsync(fd.get()) != 0) throw IoError::from_errno("fsync", path);
}

nlohmann::ordered_json json_number(double value) {
    if (!std::isfinite(value)) return nullptr;
    return value;
}

std::string format_json(const nlohmann::ordered_json& document) { return document.dump(2) + "\n"; }

}  // namespace mdp::analyzers
