#pragma once
// File-system work inside the output directory that nothing planted there can redirect: every
// path is resolved below a directory descriptor without following any symbolic link (Linux
// openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, or, on kernels before 5.6, a walk of
// openat(O_NOFOLLOW) one component at a time). A symbolic link where one of our directories or
// files should be is an IoError naming it (exit 6), never a write through it.
// docs/security.md says what this protects against and what it does not.

#include <sys/types.h>

#include <filesystem>

#include "common/unique_fd.h"

namespace mdp {

// Opens a directory to resolve paths below (`path` itself may be a symbolic link: it is what
// the user named). Throws IoError.
UniqueFd open_directory(const std::filesystem::path& path);

// openat(dir_fd, relative, flags, mode), refusing symbolic links in every component and any
// escape from dir_fd ("..", absolute paths). Throws IoError (errno kept) naming `shown_as /
// relative`; a symbolic link is reported as such.
UniqueFd open_beneath(int dir_fd, const std::filesystem::path& relative, int flags, mode_t mode,
                      const std::filesystem::path& shown_as);

// mkdir -p of `relative` below dir_fd, with the same refusal of symbolic links; one mkdirat in
// the usual case (the parent exists). Safe when other threads create the same directories.
void make_directories_beneath(int dir_fd, const std::filesystem::path& relative,
                              const std::filesystem::path& shown_as);

// Removes the file `relative` below dir_fd (a symbolic link at its place is removed itself,
// never its target; one on the way there is refused). A missing file is not an error.
void remove_file_beneath(int dir_fd, const std::filesystem::path& relative, const std::filesystem::path& shown_as);

}  // namespace mdp
