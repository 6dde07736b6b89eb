#include "partition_analysis_task.h"

#include <stdexcept>

#include "common/errors.h"

namespace mdp::app {

namespace fs = std::filesystem;

PartitionAnalysisTask::PartitionAnalysisTask(fs::path output_dir, analyzers::AnalysisSettings settings)
    : output_dir_(std::move(output_dir)), settings_(settings) {}

engine::TaskResult PartitionAnalysisTask::run(const engine::WorkItem& item) {
    const auto key = PartitionKey::parse(item.id);
    if (!key) throw std::invalid_argument("not a partition key: " + item.id);
    const fs::path directory = key->directory_under(output_dir_);
    const fs::path staging = directory / kStagingDirectory;
    const fs::path final_stats = directory / kStatsDirectory;
    fs::remove_all(staging);  // left by an interrupted attempt
    // The engine calls run() from its worker threads, which live for the whole run: one read
    // buffer per thread is reused for every partition that thread analyses (read_buffer.h), so
    // the input files land in memory that is already mapped. Between partitions it keeps at most
    // kKeptReadBuffer bytes (the memory budget only sees running partitions' estimates); a
    // larger one is freed and the next big file pays for fresh pages again.
    constexpr size_t kKeptReadBuffer = size_t{64} << 20;
    thread_local analyzers::ReadBuffer buffer;
    const analyzers::PartitionAnalysisResult result =
        analyzers::analyze_partition(directory, staging, *key, settings_, buffer);
    buffer.trim(kKeptReadBuffer);
    fs::remove_all(final_stats);  // from an earlier run whose completion was never recorded
    fs::rename(staging, final_stats);
    return engine::TaskResult{result.counts};
}

}  // namespace mdp::app
