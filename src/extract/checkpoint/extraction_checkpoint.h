#pragma once
// Where an extraction stood at its last checkpoint: for each input the byte offset and line
// count reached, and for every partition file and rejects file its committed length and rows.
// Saved atomically (temp + fsync + rename) after the data it describes has been synced, so a
// crash at any instant leaves a checkpoint that matches bytes on disk. Binary and compact
// (about 60 bytes a partition) because it is rewritten at every checkpoint.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/input/content_hasher.h"
#include "extract/output/partition_file_set.h"

namespace mdp::extract {

struct InputProgress {
    uint64_t offset = 0;  // input byte offset of the next line to read (0 = not started)
    uint64_t lines = 0;   // data lines consumed so far (accepted and rejected)
    bool done = false;
    Hash128 decoded_hash;  // XXH3-128 of the decoded input before `offset` (InputBlock's)
    Hash128 content_hash;  // XXH3-128 of the stored input, once done: its identity
    friend bool operator==(const InputProgress&, const InputProgress&) = default;
};

struct ExtractionCheckpoint {
    // The file's first bytes. Version 3: each input's decoded-prefix and content hashes (version
    // 2 had none; version 1 had one input per role).
    static constexpr std::string_view kMagic = "MDPXCKP3";

    // The identity of the inputs and of every setting that changes the partition files. A
    // resume with a different identity is refused.
    std::string identity;
    std::vector<InputProgress> inputs;  // per input, in input order (its ordinal)
    std::vector<FileCounts> rejects;    // per input: its rejects file
    std::vector<PartitionFiles> partitions;

    bool complete() const;

    std::string serialize() const;
    // Throws std::runtime_error if the bytes are not a whole, uncorrupted checkpoint.
    static ExtractionCheckpoint parse(std::string_view bytes);

    static std::filesystem::path path_in(const std::filesystem::path& output_dir);
    void save(const std::filesystem::path& output_dir) const;
    static std::optional<ExtractionCheckpoint> load(const std::filesystem::path& output_dir);
};

}  // namespace mdp::extract
