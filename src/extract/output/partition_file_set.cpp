#include "extract/output/partition_file_set.h"

#include <sys/stat.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <stdexcept>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "common/beneath.h"
#include "common/errors.h"

namespace mdp::extract {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kNoSlot = UINT32_MAX;

// Writes all chunks with as few writev calls as possible, resuming after partial writes.
void write_chunks(int fd, const std::vector<std::string_view>& chunks, const fs::path& path) {
    size_t first = 0;       // first chunk not completely written
    size_t first_done = 0;  // bytes of chunks[first] already written
    std::vector<iovec> iov;
    while (first < chunks.size()) {
        iov.clear();
        for (size_t i = first; i < chunks.size() && iov.size() < IOV_MAX; ++i) {
            const size_t skip = (i == first) ? first_done : 0;
            iov.push_back(iovec{const_cast<char*>(chunks[i].data()) + skip, chunks[i].size() - skip});
        }
        const ssize_t n = ::writev(fd, iov.data(), static_cast<int>(iov.size()));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("write", path);
        }
        auto written = static_cast<size_t>(n);
        while (written > 0 && first < chunks.size()) {
            const size_t left = chunks[first].size() - first_done;
            if (written >= left) {
                written -= left;
                ++first;
                first_done = 0;
            } else {
                first_done += written;
                written = 0;
            }
        }
    }
}

}  // namespace

PartitionFileSet::PartitionFileSet(fs::path output_dir, size_t max_open_files, uint64_t pending_budget_bytes,
                                   uint64_t early_write_bytes)
    : output_dir_(std::move(output_dir)),
      pending_budget_(pending_budget_bytes),
      early_write_bytes_(early_write_bytes),
      files_(max_open_files) {}

void PartitionFileSet::declare_inputs(std::vector<std::string> rejects_file_names) {
    rejects_names_ = std::move(rejects_file_names);
    rejects_.assign(rejects_names_.size(), FileCounts{});
}

void PartitionFileSet::restore(std::vector<PartitionFiles> partitions, std::vector<FileCounts> rejects) {
    if (rejects.size() != rejects_names_.size()) {
        throw std::logic_error("restore: the checkpoint's inputs are not the declared ones");
    }
    partitions_ = std::move(partitions);
    rejects_ = std::move(rejects);
    index_of_.clear();
    index_of_.reserve(partitions_.size());
    for (uint32_t i = 0; i < partitions_.size(); ++i) index_of_.emplace(partitions_[i].key, i);
    directory_made_.assign(partitions_.size(), 0);
    pending_slot_of_.assign(partitions_.size(), kNoSlot);
}

void PartitionFileSet::begin_input(size_t input, InputRole role, std::string partition_header) {
    if (!pending_.empty()) throw std::logic_error("begin_input with rows of the previous input pending");
    if (input >= rejects_names_.size()) throw std::logic_error("begin_input: undeclared input");
    input_ = input;
    role_ = role;
    partition_header_ = std::move(partition_header);
}

uint32_t PartitionFileSet::partition_index(const PartitionKey& key) {
    const auto [it, inserted] = index_of_.try_emplace(key, static_cast<uint32_t>(partitions_.size()));
    if (inserted) {
        partitions_.push_back(PartitionFiles{key, {}});
        directory_made_.push_back(0);
        pending_slot_of_.push_back(kNoSlot);
    }
    return it->second;
}

PartitionFileSet::Pending& PartitionFileSet::pending_for(uint32_t partition) {
    uint32_t& slot = partition == kRejectsSlot ? rejects_pending_slot_ : pending_slot_of_[partition];
    if (slot == kNoSlot) {
        slot = static_cast<uint32_t>(pending_.size());
        pending_.push_back(Pending{partition, {}});
    }
    return pending_[slot];
}

void PartitionFileSet::append_rows(const PartitionKey& key, std::string_view text, uint64_t rows) {
    const uint32_t index = partition_index(key);
    FileCounts& counts = partitions_[index].files[index_of(role_)];
    Pending& pending = pending_for(index);
    if (counts.bytes == 0) {
        pending.chunks.push_back(partition_header_);
        counts.bytes += partition_header_.size();
    }
    counts.bytes += text.size();
    counts.rows += rows;
    pending.chunks.push_back(text);
}

void PartitionFileSet::keep_until_flushed(Buffer storage) {
    pending_bytes_ += storage.capacity();
    kept_.push_back(std::move(storage));
}

void PartitionFileSet::append_reject(std::string&& csv_row) {
    FileCounts& counts = rejects_.at(input_);
    Pending& pending = pending_for(kRejectsSlot);
    if (counts.bytes == 0) {
        pending.chunks.push_back(kRejectsHeader);
        counts.bytes += kRejectsHeader.size();
    }
    counts.bytes += csv_row.size();
    counts.rows += 1;
    pending_bytes_ += csv_row.size();
    pending.chunks.push_back(reject_rows_.emplace_back(std::move(csv_row)));
}

// Relative to the output directory: files are opened below its descriptor (common/beneath.h).
fs::path PartitionFileSet::pending_path(const Pending& pending) const {
    if (pending.partition == kRejectsSlot) return rejects_path(fs::path(), rejects_names_.at(input_));
    return partition_file_path_in(fs::path(), partitions_[pending.partition].key, role_);
}

int PartitionFileSet::output_fd() {
    if (!output_fd_) output_fd_ = open_directory(output_dir_);
    return output_fd_.get();
}

uint64_t PartitionFileSet::pending_file_id(const Pending& pending) const {
    if (pending.partition == kRejectsSlot) return (1ULL << 62) + input_;
    return uint64_t{pending.partition} * 4 + index_of(role_);
}

// Files are written in parallel: the kernel's cost of creating and appending to thousands of
// files, not the copying, is what bounds extraction, and distinct files do not contend. Each
// batch holds at most as many files as the descriptor cache, so the descriptors it needs stay
// open until it is written. The order of bytes within every file is the order of append_rows.
void PartitionFileSet::flush() {
    const size_t batch_size = files_.capacity();
    std::vector<int> fds;
    std::vector<UniqueFd> opened;
    for (size_t begin = 0; begin < pending_.size(); begin += batch_size) {
        const size_t count = std::min(batch_size, pending_.size() - begin);
        fds.assign(count, -1);
        opened.clear();
        opened.resize(count);
        size_t to_open = 0;
        for (size_t i = 0; i < count; ++i) {
            fds[i] = files_.find(pending_file_id(pending_[begin + i]));
            if (fds[i] < 0) ++to_open;
        }
        files_.make_room(to_open);
        const int out_fd = output_fd();
        tbb::parallel_for(tbb::blocked_range<size_t>(0, count, 4), [&](const tbb::blocked_range<size_t>& range) {
            for (size_t i = range.begin(); i != range.end(); ++i) {
                Pending& pending = pending_[begin + i];
                const fs::path relative = pending_path(pending);
                if (fds[i] < 0) {
                    const bool is_partition = pending.partition != kRejectsSlot;
                    if (!is_partition || directory_made_[pending.partition] == 0) {
                        make_directories_beneath(out_fd, relative.parent_path(), output_dir_);
                        if (is_partition) directory_made_[pending.partition] = 1;
                    }
                    opened[i] = OpenFileCache::open_for_append(out_fd, relative, output_dir_);
                    fds[i] = opened[i].get();
                }
                write_chunks(fds[i], pending.chunks, output_dir_ / relative);
            }
        });
        for (size_t i = 0; i < count; ++i) {
            if (opened[i]) files_.adopt(pending_file_id(pending_[begin + i]), std::move(opened[i]));
        }
    }
    for (const Pending& pending : pending_) {
        if (pending.partition == kRejectsSlot) {
            rejects_pending_slot_ = kNoSlot;
        } else {
            pending_slot_of_[pending.partition] = kNoSlot;
        }
    }
    pending_.clear();
    kept_.clear();
    reject_rows_.clear();
    pending_bytes_ = 0;
}

void PartitionFileSet::end_input() {
    flush();
    files_.close_all();
}

fs::path PartitionFileSet::partition_file_path(const PartitionKey& key, InputRole role) const {
    return partition_file_path_in(output_dir_, key, role);
}

fs::path PartitionFileSet::partition_file_path_in(const fs::path& output_dir, const PartitionKey& key, InputRole role) {
    return key.directory_under(output_dir) / partition_file_name(role);
}

fs::path PartitionFileSet::rejects_path(const fs::path& output_dir, std::string_view file_name) {
    return output_dir / "rejects" / std::string(file_name);
}

}  // namespace mdp::extract
