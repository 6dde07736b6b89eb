#include "progress_display.h"

namespace mdp::app {

ProgressOptions progress_options(const PipelineSettings& settings, std::string label, uint64_t total,
                                 ProgressUnit unit) {
    ProgressOptions options;
    options.label = std::move(label);
    options.total = total;
    options.unit = unit;
    if (settings.progress == ProgressStyle::kBar) options.terminal = true;
    if (settings.progress == ProgressStyle::kPlain) options.terminal = false;
    return options;
}

}  // namespace mdp::app
