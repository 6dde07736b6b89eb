#pragma once
// The command line: CLI11 definitions of every option and the subcommands that run one phase.
// The SWEEP_* environment overrides are resolved with the system sizing (resource_plan.h):
// a flag beats the environment, which beats auto-detection.

#include <optional>
#include <string>
#include <variant>

#include "pipeline_settings.h"

namespace mdp::app {

// Either settings to run with, or the exit code to leave with at once (after --help, --version,
// or a usage error, all already printed).
std::variant<PipelineSettings, int> parse_command_line(int argc, char** argv);

// "run_multidataset_pipeline 0.1.0 (git <commit>, <build type> build)", as --version prints it.
std::string version_text();

}  // namespace mdp::app
