#pragma once
// Phase 1 as the command runs it: settings -> extraction options, a progress display, and a
// summary printed at the end.

#include "extract/stream_extractor.h"
#include "pipeline_settings.h"

namespace mdp::app {

extract::ExtractionResult run_extract_phase(const PipelineSettings& settings);

}  // namespace mdp::app
