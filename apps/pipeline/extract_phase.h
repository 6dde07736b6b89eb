#pragma once
// Phase 1 as the command runs it: settings and the resource plan -> extraction options, a
// progress display, a summary at the end, and the partitions recorded in the registry.

#include "extract/stream_extractor.h"
#include "pipeline_settings.h"
#include "resource_plan.h"
#include "run_directory.h"

namespace mdp::app {

// Skips the work when the registry says extraction completed (a resumed run).
void run_extract_phase(const PipelineSettings& settings, const ResourcePlan& plan, RunDirectory& run);

}  // namespace mdp::app
