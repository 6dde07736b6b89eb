#pragma once
// The bytes-out side of extraction: every partition file and rejects file, their lengths and row
// counts, and the rows waiting in memory to be written. Rows are appended in input order, as
// views into buffers the set keeps until they are written; when should_flush() says a batch is
// ready, every pending file is written with one writev, many files at once on the TBB threads.
// Files are created on their first write, header first.
//
// After flush() the counts equal the files' lengths on disk, which is what a checkpoint records.

#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/partition_key.h"
#include "extract/buffer_pool.h"
#include "extract/input/input_role.h"
#include "extract/output/open_file_cache.h"

namespace mdp::extract {

struct FileCounts {
    uint64_t bytes = 0;  // file length, header included
    uint64_t rows = 0;   // data rows, header excluded
    friend bool operator==(const FileCounts&, const FileCounts&) = default;
};

struct PartitionFiles {
    PartitionKey key;
    std::array<FileCounts, 3> files{};  // indexed by InputRole
};

class PartitionFileSet {
public:
    static constexpr std::string_view kRejectsHeader = "line,byte_offset,kind,reason,text\n";
    static constexpr uint64_t kDefaultEarlyWriteBytes = 32 << 20;

    // Pending rows are written once they hold `pending_budget_bytes`, or already once they hold
    // `early_write_bytes` if every file they go to fits in the descriptor cache (see should_flush).
    PartitionFileSet(std::filesystem::path output_dir, size_t max_open_files, uint64_t pending_budget_bytes,
                     uint64_t early_write_bytes = kDefaultEarlyWriteBytes);

    // Names every input's rejects file (rejects/<name>), in input order; call before anything else.
    void declare_inputs(std::vector<std::string> rejects_file_names);
    // Takes over the counts of a checkpoint; the files must already be cut back to them.
    void restore(std::vector<PartitionFiles> partitions, std::vector<FileCounts> rejects);

    // Starts taking rows of input `input` (its index in declare_inputs), of `role`;
    // `partition_header` (with its line terminator) starts every partition file created for it.
    void begin_input(size_t input, InputRole role, std::string partition_header);
    // `text` must stay valid until the next flush(): it is static, or it lies in a buffer handed
    // to keep_until_flushed().
    void append_rows(const PartitionKey& key, std::string_view text, uint64_t rows);
    // Keeps `storage` (and counts its capacity against the budget) until the next flush().
    void keep_until_flushed(Buffer storage);
    // `csv_row` is a complete rejects-file row with its terminator.
    void append_reject(std::string&& csv_row);
    // Writing small batches keeps the rows in the CPU's cache between routing and writing (on a
    // warm page cache, 2 GB: 1.6 s with 32 MiB batches, 2.2 s with 128 MiB), but a batch whose
    // files do not all fit in the descriptor cache reopens files, so those wait for the budget
    // to write more bytes per open (docs/extraction.md, "Memory").
    bool should_flush() const {
        return pending_bytes_ >= pending_budget_ ||
               (pending_bytes_ >= early_write_bytes_ && pending_.size() <= files_.capacity());
    }
    // Writes every pending buffer. Throws IoError (disk full, read-only...) naming the file.
    void flush();
    // Flushes and closes every file of the current input.
    void end_input();

    // Counts include rows still pending.
    const std::vector<PartitionFiles>& partitions() const { return partitions_; }
    const std::vector<FileCounts>& rejects() const { return rejects_; }  // per input
    // Memory held for rows not yet written: kept buffers and rejects.
    uint64_t pending_bytes() const { return pending_bytes_; }

    std::filesystem::path partition_file_path(const PartitionKey& key, InputRole role) const;
    static std::filesystem::path partition_file_path_in(const std::filesystem::path& output_dir,
                                                        const PartitionKey& key, InputRole role);
    // rejects/<file name>, for a name from rejects_file_names (input_list.h).
    static std::filesystem::path rejects_path(const std::filesystem::path& output_dir, std::string_view file_name);

private:
    static constexpr uint32_t kRejectsSlot = UINT32_MAX;
    struct Pending {
        uint32_t partition;  // index into partitions_, or kRejectsSlot
        std::vector<std::string_view> chunks;
    };

    uint32_t partition_index(const PartitionKey& key);
    Pending& pending_for(uint32_t partition);
    std::filesystem::path pending_path(const Pending& pending) const;
    int output_fd();  // opened on first use (the directory may not exist when the set is made)
    uint64_t pending_file_id(const Pending& pending) const;

    std::filesystem::path output_dir_;
    UniqueFd output_fd_;
    uint64_t pending_budget_;
    uint64_t early_write_bytes_;
    OpenFileCache files_;
    InputRole role_ = InputRole::kOrders;
    size_t input_ = 0;
    std::string partition_header_;
    std::vector<std::string> rejects_names_;  // per input

    std::vector<PartitionFiles> partitions_;
    std::unordered_map<PartitionKey, uint32_t, PartitionKeyHash> index_of_;
    std::vector<uint8_t> directory_made_;  // per partition; bytes, so threads can set their own
    std::vector<FileCounts> rejects_;  // per input

    std::vector<Pending> pending_;
    std::vector<uint32_t> pending_slot_of_;  // per partition: index into pending_, or UINT32_MAX
    uint32_t rejects_pending_slot_ = UINT32_MAX;
    std::vector<Buffer> kept_;               // what pending chunks point into
    std::deque<std::string> reject_rows_;    // a deque: appending never moves earlier rows
    uint64_t pending_bytes_ = 0;
};

}  // namespace mdp::extract
