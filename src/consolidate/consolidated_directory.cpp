#include "consolidate/consolidated_directory.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "common/durable_file.h"
#include "common/errors.h"

namespace mdp::consolidate {

namespace fs = std::filesystem;

namespace {

void remove_tree(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) throw IoError("cannot remove " + path.string() + ": " + ec.message());
}

// Exchanges two existing directories atomically. False when the kernel or file system cannot.
bool exchange(const fs::path& a, const fs::path& b) {
#if defined(SYS_renameat2) && defined(RENAME_EXCHANGE)
    if (::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) {
        return true;
    }
    if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
    throw IoError::from_errno("cannot exchange " + a.string() + " with", b);
#else
    (void)a;
    (void)b;
    return false;
#endif
}

}  // namespace

ConsolidatedDirectory::ConsolidatedDirectory(const fs::path& output_dir)
    : output_(output_dir),
      partial_(output_dir / kPartialDirectory),
      final_(output_dir / kConsolidatedDirectory),
      old_(output_dir / kOldDirectory) {}

void ConsolidatedDirectory::begin() {
    remove_tree(partial_);
    remove_tree(old_);
    std::error_code ec;
    fs::create_directories(partial_, ec);
    if (ec) throw IoError("cannot create " + partial_.string() + ": " + ec.message());
}

void ConsolidatedDirectory::publish() {
    fsync_directory(partial_);
    std::error_code ec;
    if (!fs::exists(final_, ec)) {
        rename_durably(partial_, final_);
        return;
    }
    if (exchange(partial_, final_)) {
        fsync_directory(output_);
        remove_tree(partial_);  // now holds the previous consolidated/
        return;
    }
    // Two renames: a crash between them leaves consolidated.old/ and no consolidated/, which
    // the next consolidation cleans up and rebuilds.
    rename_durably(final_, old_);
    rename_durably(partial_, final_);
    remove_tree(old_);
}

}  // namespace mdp::consolidate
