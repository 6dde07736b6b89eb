#include "extract/partition_tree_reconciler.h"

#include <unistd.h>

#include <iterator>
#include <stdexcept>
#include <unordered_map>

#include "common/errors.h"

namespace mdp::extract {

namespace fs = std::filesystem;

namespace {

void cut_to(const fs::path& path, uint64_t length) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) {
        if (length == 0) return;
        throw std::runtime_error("cannot resume: " + path.string() +
                                 " is missing but the checkpoint says it holds " +
                                 std::to_string(length) + " bytes; restart the extraction");
    }
    if (length == 0) {
        fs::remove(path);
        return;
    }
    if (size < length) {
        throw std::runtime_error("cannot resume: " + path.string() + " holds " + std::to_string(size) +
                                 " bytes but the checkpoint says " + std::to_string(length) +
                                 "; restart the extraction");
    }
    if (size > length && ::truncate(path.c_str(), static_cast<off_t>(length)) != 0) {
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
    std::unordered_map<std::string, uint64_t> committed;  // path -> length, for files with data
    committed.reserve(checkpoint->partitions.size() * 2);
    for (const PartitionFiles& partition : checkpoint->partitions) {
        const fs::path dir = partition.key.directory_under(output_dir);
        for (const InputRole role : kAllInputRoles) {
            const uint64_t length = partition.files[index_of(role)].bytes;
            const fs::path file = dir / partition_file_name(role);
            cut_to(file, length);
            if (length > 0) committed.emplace(file.string(), length);
        }
    }
    // The run may have more inputs than the checkpoint (inputs appended since): theirs start empty.
    if (rejects_file_names.size() < checkpoint->rejects.size()) {
        throw std::runtime_error("cannot resume: the checkpoint describes " +
                                 std::to_string(checkpoint->rejects.size()) + " inputs, the run has " +
                                 std::to_string(rejects_file_names.size()));
    }
    for (size_t i = 0; i < rejects_file_names.size(); ++i) {
        const fs::path file = PartitionFileSet::rejects_path(output_dir, rejects_file_names[i]);
        const uint64_t length = i < checkpoint->rejects.size() ? checkpoint->rejects[i].bytes : 0;
        cut_to(file, length);
        if (length > 0) committed.emplace(file.string(), length);
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
