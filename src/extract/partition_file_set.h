#pragma once
// The bytes-out side of extraction: every partition file and rejects file, their lengths and row
// counts, and the rows waiting in memory to be written. Rows are appended in input order; they
// are held in memory until the pending total passes the budget, then every pending buffer is
// written with one writev per file, many files at once on the TBB threads. Files are created
// on their first write, header first.
//
// After flush() the counts equal the files' lengths on disk, which is what a checkpoint records.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/partition_key.h"
#include "extract/input_role.h"
#include "extract/open_file_cache.h"

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
    static constexpr std::string_view kRejectsHeader = "line_number,reason,text\n";

    PartitionFileSet(std::filesystem::path output_dir, size_t max_open_files,
                     uint64_t pending_budget_bytes);

    // Takes over the counts of a checkpoint; the files must already be cut back to them.
    void restore(std::vector<PartitionFiles> partitions, std::array<FileCounts, 3> rejects);

    // Starts taking rows of `role`; `partition_header` (with its line terminator) starts every
    // partition file created for it.
    void begin_input(InputRole role, std::string partition_header);
    void append_rows(const PartitionKey& key, std::string&& text, uint64_t rows);
    // `csv_row` is a complete rejects-file row with its terminator.
    void append_reject(std::string&& csv_row);
    bool over_budget() const { return pending_bytes_ > pending_budget_; }
    // Writes every pending buffer. Throws IoError (disk full, read-only...) naming the file.
    void flush();
    // Flushes and closes every file of the current input.
    void end_input();

    // Counts include rows still pending.
    const std::vector<PartitionFiles>& partitions() const { return partitions_; }
    const std::array<FileCounts, 3>& rejects() const { return rejects_; }
    uint64_t pending_bytes() const { return pending_bytes_; }

    std::filesystem::path partition_file_path(const PartitionKey& key, InputRole role) const;
    static std::filesystem::path rejects_path(const std::filesystem::path& output_dir, InputRole role);

private:
    static constexpr uint32_t kRejectsSlot = UINT32_MAX;
    struct Pending {
        uint32_t partition;  // index into partitions_, or kRejectsSlot
        std::vector<std::string> chunks;
    };

    uint32_t partition_index(const PartitionKey& key);
    Pending& pending_for(uint32_t partition);
    std::filesystem::path pending_path(const Pending& pending) const;
    uint64_t pending_file_id(const Pending& pending) const;

    std::filesystem::path output_dir_;
    uint64_t pending_budget_;
    OpenFileCache files_;
    InputRole role_ = InputRole::kOrders;
    std::string partition_header_;

    std::vector<PartitionFiles> partitions_;
    std::unordered_map<PartitionKey, uint32_t, PartitionKeyHash> index_of_;
    std::vector<uint8_t> directory_made_;  // per partition; bytes, so threads can set their own
    std::array<FileCounts, 3> rejects_{};

    std::vector<Pending> pending_;
    std::vector<uint32_t> pending_slot_of_;  // per partition: index into pending_, or UINT32_MAX
    uint32_t rejects_pending_slot_ = UINT32_MAX;
    uint64_t pending_bytes_ = 0;
};

}  // namespace mdp::extract
