#pragma once
// The per-partition work of phase 2, as the engine sees it: run the analyzers on one partition,
// writing into stats.partial/ and renaming it to stats/ only when every file is written, so a
// partition's results are either complete or absent.

#include <filesystem>

#include "analyzers/partition_analysis.h"
#include "engine/partition_task.h"

namespace mdp::app {

class PartitionAnalysisTask : public engine::PartitionTask {
public:
    PartitionAnalysisTask(std::filesystem::path output_dir, analyzers::AnalysisSettings settings);

    engine::TaskResult run(const engine::WorkItem& item) override;

    static constexpr const char* kStatsDirectory = "stats";
    static constexpr const char* kStagingDirectory = "stats.partial";

private:
    std::filesystem::path output_dir_;
    analyzers::AnalysisSettings settings_;
};

}  // namespace mdp::app
