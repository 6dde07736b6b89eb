#pragma once
// Phase 2 as the command runs it: every pending partition (and every failed one with attempts
// left) analysed on the engine, outcomes recorded in the registry.

#include "engine/engine_options.h"
#include "pipeline_settings.h"
#include "resource_plan.h"
#include "run_directory.h"

namespace mdp::app {

// What a partition's analysis is expected to hold in memory, from its input bytes: parsed rows
// take about their text's size (bench/analyzer_throughput), doubled for safety, plus the CSV
// reader's fixed buffers.
uint64_t estimated_analysis_memory(uint64_t input_bytes);

engine::RunSummary run_process_phase(const PipelineSettings& settings, const ResourcePlan& plan,
                                     RunDirectory& run);

}  // namespace mdp::app
