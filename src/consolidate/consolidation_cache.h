#pragma once
// What makes `aggregate` incremental: consolidated/.consolidation_cache holds, for every
// partition the consolidation included, the checksum of the result record it was read from and
// a slim copy of that record (its summary, its detailed comparison and its unmatched diagnosis:
// what consolidation consumes; results/partition_record.h's format). The next consolidation
// walks the registry and the cache together in key order: a partition whose registry entry still
// points at a record with that checksum is taken from the cache (one sequential read); any other
// (new, re-processed after --append or a resume, or a damaged cache entry) is read from its pack.
// The statistics are recomputed from the samples either way, so the files are the same bytes as
// a rebuild from the packs; only the reading is saved.
//
// The cache is written into consolidated.partial/ with the tables and published with them, so it
// always describes the consolidated/ it sits in. Every entry carries its own XXH3-64; a damaged,
// missing or foreign cache is never an error, only a slower consolidation. Deleting it forces a
// full rebuild.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/partition_key.h"
#include "common/unique_fd.h"
#include "consolidate/output_stream.h"
#include "results/partition_record.h"

namespace mdp::consolidate {

inline constexpr const char* kConsolidationCacheFile = ".consolidation_cache";

// The slim record consolidation keeps of `record` (its summary and the files it consumes).
std::string slim_record(const results::PartitionRecord& record);

class ConsolidationCacheWriter {
  public:
    // Creates `path` (a file in consolidated.partial/). Throws IoError.
    explicit ConsolidationCacheWriter(std::filesystem::path path);
    // Entries must come in key order.
    void add(const PartitionKey& key, uint64_t record_checksum, std::string_view slim);
    // Writes what is buffered and fsyncs. Throws IoError.
    void close();

  private:
    OutputStream out_;
};

class ConsolidationCacheReader {
  public:
    // The cache of the consolidated/ directory below `output_fd`; reads nothing when there is
    // none, it is a symbolic link, or it is of another format.
    ConsolidationCacheReader(int output_fd, const std::filesystem::path& output_dir);

    // The slim record of `key` if the cache has one read from a record with `record_checksum`.
    // Keys must be asked in increasing order (entries before `key` are skipped).
    std::optional<std::string> take(const PartitionKey& key, uint64_t record_checksum);

  private:
    struct Entry {
        PartitionKey key;
        uint64_t record_checksum = 0;
        std::string slim;
    };
    bool read_next();
    bool fill(size_t bytes);

    UniqueFd fd_;
    std::string buffer_;  // read ahead from fd_
    size_t at_ = 0;       // next unread byte of buffer_
    std::optional<Entry> next_;
};

}  // namespace mdp::consolidate
