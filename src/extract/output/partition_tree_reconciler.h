#pragma once
// Brings an output directory back to exactly what a checkpoint describes before extraction
// resumes: files the checkpoint knows are cut back to their committed length, files it does not
// know (created after it was taken) are removed. Without a checkpoint, everything extraction
// writes is removed. Nothing outside partitions/ and rejects/ is touched, and below
// partitions/ only the partitions' input files (<date>/<security>/<role>.csv) are.

#include <filesystem>
#include <string>
#include <vector>

#include "extract/checkpoint/extraction_checkpoint.h"

namespace mdp::extract {

// `rejects_file_names` are the inputs' rejects files, in input order (the checkpoint's order);
// inputs beyond the checkpoint's (appended since it was taken) have none yet.
// Throws IoError if a file cannot be cut or removed, or std::runtime_error if a file is
// shorter than its committed length (the checkpoint cannot be trusted; start over).
void reconcile_with_checkpoint(const std::filesystem::path& output_dir,
                               const ExtractionCheckpoint* checkpoint,
                               const std::vector<std::string>& rejects_file_names);

}  // namespace mdp::extract
