#include "process_phase.h"

#include <iostream>
#include <unordered_map>

#include "common/progress_meter.h"
#include "engine/task_runner.h"
#include "partition_analysis_task.h"
#include "partition_views.h"
#include "registry_listener.h"
#include "stop_signal.h"

namespace mdp::app {

// Measured by bench/analyzer_throughput: about 200 bytes per order event held (~1x the text),
// plus the CSV reader's fixed 48 MiB of buffers for the file being read.
uint64_t estimated_analysis_memory(uint64_t input_bytes) { return 2 * input_bytes + (64ULL << 20); }

RunnablePartitions runnable_partitions(registry::PartitionRegistry& registry, uint32_t max_retries) {
    RunnablePartitions runnable;
    registry.for_each({}, [&](const registry::PartitionEntry& entry) {
        const bool pending = entry.status == registry::PartitionStatus::kPending;
        const bool retryable = entry.status == registry::PartitionStatus::kFailed && entry.attempts <= max_retries;
        if (!pending && !retryable) return;
        uint64_t bytes = 0;
        for (const auto& [role, counts] : entry.inputs) bytes += static_cast<uint64_t>(counts.bytes);
        std::string id = entry.key.to_string();
        runnable.inputs.emplace(id, entry.inputs);
        runnable.items.push_back(engine::WorkItem{std::move(id), bytes, estimated_analysis_memory(bytes), entry.attempts});
    });
    return runnable;
}

void reset_interrupted_partitions(const PipelineSettings& settings, registry::PartitionRegistry& registry) {
    // A partition that was running when its process or node died has used that attempt
    // (INTEGRATION 3). After its last allowed attempt it is failed, not run again: a partition
    // that crashes whatever runs it must not loop forever across resumes.
    std::vector<PartitionKey> exhausted;
    registry.for_each(registry::PartitionFilter{}.with_status(registry::PartitionStatus::kRunning),
                      [&](const registry::PartitionEntry& entry) {
                          if (entry.attempts > settings.max_retries) exhausted.push_back(entry.key);
                      });
    for (const PartitionKey& key : exhausted) {
        registry.mark_failed(key,
                             "interrupted during its last allowed attempt (the process or node running it "
                             "died); reset-failed to run it again",
                             registry::Clock::now());
    }
    if (!exhausted.empty() && settings.progress != ProgressStyle::kNone) {
        std::cerr << "process: " << exhausted.size()
                  << " partitions were interrupted during their last allowed attempt; they are failed\n";
    }
    const size_t interrupted = registry.reset_interrupted();
    if (interrupted > 0 && settings.progress != ProgressStyle::kNone) {
        std::cerr << "process: " << interrupted << " partitions were interrupted by the last run; running them again\n";
    }
}

analyzers::AnalysisSettings analysis_settings(const std::string& nbbo_source) {
    analyzers::AnalysisSettings analysis;
    analysis.nbbo_source = nbbo_source == "file" ? analyzers::AnalysisSettings::NbboSource::kFile
                                                 : analyzers::AnalysisSettings::NbboSource::kOrder;
    return analysis;
}

engine::EngineOptions process_engine_options(const PipelineSettings& settings, const ResourcePlan& plan) {
    engine::EngineOptions options;
    options.workers = plan.sizing.workers.value;
    options.memory_budget_bytes = plan.sizing.memory_budget_bytes.value;
    options.max_retries = settings.max_retries;
    options.retry_delay = std::chrono::milliseconds(settings.retry_delay_ms);
    options.stop_requested = &stop_requested();
    return options;
}

engine::RunSummary run_process_phase(const PipelineSettings& settings, const ResourcePlan& plan, RunDirectory& run) {
    registry::PartitionRegistry& registry = run.registry();
    reset_interrupted_partitions(settings, registry);
    RunnablePartitions runnable = runnable_partitions(registry, settings.max_retries);

    PartitionAnalysisTask task(run.path(), analysis_settings(settings.nbbo_source),
                               stats_views_wanted(settings.partition_files, registry), std::move(runnable.inputs));
    RegistryListener listener(registry, run.path());

    engine::EngineOptions options = process_engine_options(settings, plan);
    if (settings.progress != ProgressStyle::kNone) {
        options.progress.out = &std::cerr;
        options.progress.label = "process";
        options.progress.item_name = "partitions";
        if (settings.progress == ProgressStyle::kBar) options.progress.terminal = true;
        if (settings.progress == ProgressStyle::kPlain) options.progress.terminal = false;
    }
    const engine::RunSummary summary = engine::run_tasks(std::move(runnable.items), task, listener, options);
    registry.save();

    if (settings.progress != ProgressStyle::kNone) {
        std::cerr << "process: " << summary.completed << " partitions completed, " << summary.failed << " failed";
        if (summary.not_started > 0) std::cerr << ", " << summary.not_started << " not started";
        std::cerr << " in " << format_duration(summary.seconds) << "\n";
    }
    return summary;
}

}  // namespace mdp::app
