#pragma once
// Phase 2 as the command runs it: every pending partition (and every failed one with attempts
// left) analysed on the engine, outcomes recorded in the registry.

#include <string>
#include <unordered_map>
#include <vector>

#include "analyzers/partition_analysis.h"
#include "engine/engine_options.h"
#include "engine/partition_task.h"
#include "registry/partition_registry.h"
#include "pipeline_settings.h"
#include "resource_plan.h"
#include "run_directory.h"

namespace mdp::app {

// What a partition's analysis is expected to hold in memory, from its input bytes: parsed rows
// take about their text's size (bench/analyzer_throughput), doubled for safety, plus the CSV
// reader's fixed buffers.
uint64_t estimated_analysis_memory(uint64_t input_bytes);

// What phase 2 runs: every pending partition and every failed one with attempts left.
struct RunnablePartitions {
    std::vector<engine::WorkItem> items;
    std::unordered_map<std::string, registry::InputCountsMap> inputs;  // what extraction recorded
};
RunnablePartitions runnable_partitions(registry::PartitionRegistry& registry, uint32_t max_retries);

// Marks the partitions a killed run left `running` as pending again (each has used an attempt)
// and says so.
void reset_interrupted_partitions(const PipelineSettings& settings, registry::PartitionRegistry& registry);

analyzers::AnalysisSettings analysis_settings(const std::string& nbbo_source);

// The engine options of phase 2 on this machine, without a progress display.
engine::EngineOptions process_engine_options(const PipelineSettings& settings, const ResourcePlan& plan);

engine::RunSummary run_process_phase(const PipelineSettings& settings, const ResourcePlan& plan,
                                     RunDirectory& run);

}  // namespace mdp::app
