#pragma once
// How big this run may be: what the machine really offers (CPUs, affinity, cgroup quota,
// MemAvailable, cgroup memory limit, free disk) and the worker count, memory budget and chunk
// size chosen from it, with the user's flags and SWEEP_* variables taking precedence.

#include <string>

#include "engine/sizing.h"
#include "engine/system_resources.h"
#include "pipeline_settings.h"

namespace mdp::app {

struct ResourcePlan {
    engine::SystemResources system;
    engine::Sizing sizing;
};

// Throws engine::InvalidSetting for an unusable SWEEP_WORKERS / SWEEP_CHUNK_SIZE.
ResourcePlan plan_resources(const PipelineSettings& settings);

// The --show-system-info text.
std::string describe_plan(const ResourcePlan& plan);

}  // namespace mdp::app
