#pragma once
// Packs: append-only files holding result records, so that analysing a partition creates no
// file at all (docs/design/storage.md, section 3). Each engine worker thread appends to a pack
// of its own (no lock around the write, no shared offset); a record's location goes to the
// registry with the partition's completion, after the syncfs that makes the pack's bytes
// durable, so the registry never points at bytes a crash could take back. Bytes of an attempt
// that was never recorded are dead space, bounded by the work in flight at a crash.
//
// Pack files are `<packs>/<n>.pack`, n taken with O_EXCL from 0 up, so every process (a resumed
// run, each MPI rank on a shared file system) writes new packs and never appends to another's.
// Layout: the 8 bytes "MDPPACK1", then frames: "MDPR", u32 0, u64 payload length (little
// endian), the payload (a partition_record.h record).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/unique_fd.h"
#include "results/record_location.h"

namespace mdp::results {

// The default result set's packs, relative to the output directory.
inline constexpr std::string_view kDefaultPacksDirectory = "results/default/packs";

// Thread-safe: any number of threads append at once, each to a pack no other is writing.
class PackWriterPool {
  public:
    // Packs go to `packs_dir` (relative to the directory `output_fd` is open on; `output_dir`
    // is only for messages), created when the first record is appended.
    PackWriterPool(int output_fd, std::filesystem::path output_dir, std::filesystem::path packs_dir);
    ~PackWriterPool();
    PackWriterPool(const PackWriterPool&) = delete;
    PackWriterPool& operator=(const PackWriterPool&) = delete;

    // Appends one record; returns where it is. Throws IoError (disk full, ...).
    RecordLocation append(std::string_view payload);

  private:
    struct Pack;
    std::unique_ptr<Pack> acquire();
    std::unique_ptr<Pack> create_pack();

    int output_fd_;
    std::filesystem::path output_dir_;
    std::filesystem::path packs_dir_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Pack>> idle_;
    uint64_t next_number_ = 0;
};

// Reads records back. Not thread-safe (it keeps the packs it opened).
class PackReader {
  public:
    PackReader(int output_fd, std::filesystem::path output_dir, std::filesystem::path packs_dir);

    // The payload at `location`, checked against its frame and checksum. Throws RecordError
    // (partition_record.h) naming the pack when it is missing, cut short or does not match, and
    // IoError when it cannot be read.
    void read(const RecordLocation& location, std::string& payload);

  private:
    int pack_fd(uint64_t number);

    int output_fd_;
    std::filesystem::path output_dir_;
    std::filesystem::path packs_dir_;
    std::unordered_map<uint64_t, UniqueFd> open_;
};

// The name of pack `number` below the packs directory.
std::string pack_file_name(uint64_t number);

}  // namespace mdp::results
