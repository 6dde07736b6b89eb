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
    // O_NOFOLLOW reports a symbolic link as ELOOP, whose text ("Too many levels of symbolic
    // links") would not tell the user what happened.
    const std::string reason = saved == ELOOP ? "it is a symbolic link, and the engine never follows links inside "
                                                "its output directory"
                                              : std::strerror(saved);
    IoError error(operation + " " + path.string() + ": " + reason);
    error.errno_ = saved;
    return error;
}

}  // namespace mdp
