#include "errors.h"

#include <cerrno>
#include <cstring>

namespace mdp {

InputError::InputError(const std::filesystem::path& file, uint64_t line, const std::string& what)
    : std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + what) {}

InputError::InputError(const std::filesystem::path& file, const std::string& what)
    : std::runtime_error(file.string() + ": " + what) {}

IoError IoError::from_errno(const std::string& operation, const std::filesystem::path& path) {
    const int saved = errno;
    IoError error(operation + " " + path.string() + ": " + std::strerror(saved));
    error.errno_ = saved;
    return error;
}

}  // namespace mdp
