#pragma once
// The per-partition work of phase 2, as the engine sees it: run the analyzers on one partition,
// append its result record to a pack (src/results) and report the record's location with the
// partition's counts, so the registry records both in one update. When asked (the small-run
// rule, docs/design/storage.md section 4), the SPEC 3.6 files are also written as a view: into
// stats.partial/, renamed to stats/ only when every file is written, so a view is either
// complete or absent.
//
// Before analysing, the partition's input files are checked against what extraction recorded in
// the registry (their lengths): a file deleted or cut after extraction fails the partition with
// an error naming it, instead of being analysed as if it were empty. Failures that another
// attempt cannot change (bad data, such a missing file) are permanent: not retried.

#include <filesystem>
#include <unordered_map>

#include "analyzers/partition_analysis.h"
#include "analyzers/partition_files.h"
#include "common/unique_fd.h"
#include "engine/partition_task.h"
#include "registry/partition_entry.h"
#include "results/pack_store.h"

namespace mdp::app {

class PartitionAnalysisTask : public engine::PartitionTask {
public:
    // `expected_inputs`: partition key -> the input counts extraction recorded for it. Read
    // concurrently, never changed while the task runs.
    // `write_stats_views`: also write every partition's SPEC 3.6 files below its directory.
    PartitionAnalysisTask(std::filesystem::path output_dir, analyzers::AnalysisSettings settings,
                          bool write_stats_views,
                          std::unordered_map<std::string, registry::InputCountsMap> expected_inputs);

    engine::TaskResult run(const engine::WorkItem& item) override;
    // The same with the input counts extraction recorded given by the caller (a worker rank gets
    // them with the item from the coordinator); null: nothing is known, nothing is checked.
    engine::TaskResult run_expecting(const engine::WorkItem& item, const registry::InputCountsMap* expected) const;

private:
    void check_input_files(const PartitionKey& key, const std::filesystem::path& directory,
                           const registry::InputCountsMap* expected) const;

    std::filesystem::path output_dir_;
    UniqueFd output_fd_;  // paths below the output directory are checked against it
    analyzers::AnalysisSettings settings_;
    bool write_stats_views_;
    // Appending is thread-safe; run_expecting is const for its callers, the packs are not.
    mutable results::PackWriterPool packs_;
    std::unordered_map<std::string, registry::InputCountsMap> expected_inputs_;
};

}  // namespace mdp::app
