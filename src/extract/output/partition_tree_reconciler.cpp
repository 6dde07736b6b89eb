#include "extract/output/partition_tree_reconciler.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iterator>
#include <stdexcept>
#include <unordered_map>

#include "common/beneath.h"
#include "common/errors.h"

namespace mdp::extract {

namespace fs = std::filesystem;

namespace {

// Cuts `relative` (below the output directory `out`) back to `length` bytes, removing it when
// the length is 0. Follows no symbolic link (common/beneath.h).
void cut_to(int out, const fs::path& output_dir, const fs::path& relative, uint64_t length) {
    const fs::path path = output_dir / relative;
    if (length == 0) {
        remove_file_beneath(out, relative, output_dir);
        return;
    }
    UniqueFd fd;
    try {
        fd = open_beneath(out, relative, O_WRONLY, 0, output_dir);
    } catch (const IoError& e) {
        if (e.error_number() != ENOENT) throw;
        throw std::runtime_error("cannot resume: " + path.string() + " is missing but the checkpoint says it holds " +
                                 std::to_string(length) + " bytes; restart the extraction");
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw IoError::from_errno("stat", path);
    const auto size = static_cast<uint64_t>(st.st_size);
    if (size < length) {
        throw std::runtime_error("cannot resume: " + path.string() + " holds " + std::to_string(size) +
                                 " bytes but the checkpoint says " + std::to_string(length) +
                                 "; restart the extraction");
    }
    if (size > length && ::ftruncate(fd.get(), static_cast<off_t>(length)) != 0) {
        throw IoError::from_errno("truncate", path);
    }
}

// <date>/<security>/orders.csv (or trades.csv, nbbo.csv), relative to partitions/.
bool is_partition_input_file(const fs::path& relative) {
    if (std::distance(relative.begin(), relative.end()) != 3) return false;
    const std::string name = relative.filename().string();
    for (const InputRole role : kAllInputRoles) {
        if (name == partition_file_name(role)) return true;
    }
    return false;
}

// Removes every file below `root` that `keep` does not accept, then empty directories.
template <typename Keep>
void prune(const fs::path& root, Keep keep) {
    if (!fs::exists(root)) return;
    std::vector<fs::path> doomed_files;
    std::vector<fs::path> directories;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory()) {
            directories.push_back(it->path());
        } else if (!keep(it->path())) {
            doomed_files.push_back(it->path());
        }
    }
    for (const auto& file : doomed_files) fs::remove(file);
    // Deepest first, so parents become empty after their children go.
    for (auto it = directories.rbegin(); it != directories.rend(); ++it) {
        if (fs::is_empty(*it)) fs::remove(*it);
    }
}

}  // namespace

void reconcile_with_checkpoint(const fs::path& output_dir, const ExtractionCheckpoint* checkpoint,
                               const std::vector<std::string>& rejects_file_names) {
    const fs::path partitions_root = output_dir / "partitions";
    const fs::path rejects_root = output_dir / "rejects";
    if (checkpoint == nullptr) {
        fs::remove_all(partitions_root);
        fs::remove_all(rejects_root);
        return;
    }
    const UniqueFd out = open_directory(output_dir);
    std::unordered_map<std::string, uint64_t> committed;  // path -> length, for files with data
    committed.reserve(checkpoint->partitions.size() * 2);
    for (const PartitionFiles& partition : checkpoint->partitions) {
        for (const InputRole role : kAllInputRoles) {
            const uint64_t length = partition.files[index_of(role)].bytes;
            const fs::path relative = PartitionFileSet::partition_file_path_in(fs::path(), partition.key, role);
            cut_to(out.get(), output_dir, relative, length);
            if (length > 0) committed.emplace((output_dir / relative).string(), length);
        }
    }
    // The run may have more inputs than the checkpoint (inputs appended since): theirs start empty.
    if (rejects_file_names.size() < checkpoint->rejects.size()) {
        throw std::runtime_error("cannot resume: the checkpoint describes " +
                                 std::to_string(checkpoint->rejects.size()) + " inputs, the run has " +
                                 std::to_string(rejects_file_names.size()));
    }
    for (size_t i = 0; i < rejects_file_names.size(); ++i) {
        const fs::path relative = PartitionFileSet::rejects_path(fs::path(), rejects_file_names[i]);
        const uint64_t length = i < checkpoint->rejects.size() ? checkpoint->rejects[i].bytes : 0;
        cut_to(out.get(), output_dir, relative, length);
        if (length > 0) committed.emplace((output_dir / relative).string(), length);
    }
    const auto known = [&](const fs::path& file) { return committed.count(file.string()) > 0; };
    // Below partitions/ extraction owns only <date>/<security>/<role>.csv: the analysis results
    // beside them (stats/ of partitions completed before an append) are not extraction's to remove.
    const auto known_or_not_ours = [&](const fs::path& file) {
        return known(file) || !is_partition_input_file(file.lexically_relative(partitions_root));
    };
    prune(partitions_root, known_or_not_ours);
    prune(rejects_root, known);
}

}  // namespace mdp::extract
