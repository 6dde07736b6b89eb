#pragma once
// The text of `--show-system-info`: what was detected (and where from), then the chosen worker
// count, memory budget and chunk size with the reason each follows.

#include <string>

#include "engine/sizing.h"
#include "engine/system_resources.h"

namespace mdp::engine {

std::string render_system_info(const SystemResources& system, const Sizing& sizing);

}  // namespace mdp::engine
