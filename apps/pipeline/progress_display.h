#pragma once
// The progress display a phase shows, as the user asked for it (--progress auto|bar|plain|none).

#include <cstdint>
#include <string>

#include "common/progress_meter.h"
#include "pipeline_settings.h"

namespace mdp::app {

// Options for a ProgressMeter labelled `label` over `total` units; --progress bar/plain force the
// live bar or plain lines, auto lets the meter decide from the terminal.
ProgressOptions progress_options(const PipelineSettings& settings, std::string label, uint64_t total,
                                 ProgressUnit unit);

}  // namespace mdp::app
