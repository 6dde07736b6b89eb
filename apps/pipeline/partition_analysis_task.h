#pragma once
// The per-partition work of phase 2, as the engine sees it: run the analyzers on one partition,
// writing into stats.partial/ and renaming it to stats/ only when every file is written, so a
// partition's results are either complete or absent.
//
// Before analysing, the partition's input files are checked against what extraction recorded in
// the registry (their lengths): a file deleted or cut after extraction fails the partition with
// an error naming it, instead of being analysed as if it were empty. Failures that another
// attempt cannot change (bad data, such a missing file) are permanent: not retried.

#include <filesystem>
#include <unordered_map>

#include "analyzers/partition_analysis.h"
#include "common/unique_fd.h"
#include "engine/partition_task.h"
#include "registry/partition_entry.h"

namespace mdp::app {

class PartitionAnalysisTask : public engine::PartitionTask {
public:
    // `expected_inputs`: partition key -> the input counts extraction recorded for it. Read
    // concurrently, never changed while the task runs.
    PartitionAnalysisTask(std::filesystem::path output_dir, analyzers::AnalysisSettings settings,
                          std::unordered_map<std::string, registry::InputCountsMap> expected_inputs);

    engine::TaskResult run(const engine::WorkItem& item) override;
    // The same with the input counts extraction recorded given by the caller (a worker rank gets
    // them with the item from the coordinator); null: nothing is known, nothing is checked.
    engine::TaskResult run_expecting(const engine::WorkItem& item, const registry::InputCountsMap* expected) const;

    static constexpr const char* kStatsDirectory = "stats";
    static constexpr const char* kStagingDirectory = "stats.partial";

private:
    void check_input_files(const PartitionKey& key, const std::filesystem::path& directory,
                           const registry::InputCountsMap* expected) const;

    std::filesystem::path output_dir_;
    UniqueFd output_fd_;  // paths below the output directory are checked against it
    analyzers::AnalysisSettings settings_;
    std::unordered_map<std::string, registry::InputCountsMap> expected_inputs_;
};

}  // namespace mdp::app
