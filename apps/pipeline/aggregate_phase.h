#pragma once
// Phase 3 as the command runs it: consolidates every completed partition of the run directory
// into DIR/consolidated/ (SPEC 4; src/consolidate), optionally exports the tables to SQLite
// (--sqlite FILE), and prints a summary. Partitions that are not completed are named on stderr.

#include "consolidate/consolidator.h"
#include "pipeline_settings.h"
#include "run_directory.h"

namespace mdp::app {

// Throws std::invalid_argument (a usage error) when --sqlite names a directory, a file in a
// directory that does not exist, or one of the run's inputs (which the export would replace).
// Checked before any phase runs, so a long run does not fail at its very end.
void require_usable_sqlite_target(const PipelineSettings& settings, const RunDirectory& run);

consolidate::ConsolidationSummary run_aggregate_phase(const PipelineSettings& settings,
                                                      RunDirectory& run);

}  // namespace mdp::app
