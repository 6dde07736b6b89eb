#pragma once
// Phase 2 in MPI mode (docs/mpi.md): rank 0 coordinates (registry, hand-out biggest first,
// progress, summary) and its own engine works as one more worker; ranks 1..n-1 run
// run_cluster_worker(). Built only with MDP_WITH_MPI.

#include "engine/engine_options.h"
#include "pipeline_settings.h"
#include "resource_plan.h"
#include "run_directory.h"

namespace mdp::cluster {
class MpiSession;
}

namespace mdp::app {

// Rank 0. The summary counts every rank's partitions; interrupted when partitions were left.
engine::RunSummary run_cluster_process_phase(const PipelineSettings& settings, const ResourcePlan& plan,
                                             RunDirectory& run, const cluster::MpiSession& session);

// Ranks 1..n-1, for the whole job: waits for rank 0's kBegin (and analyses partitions until the
// coordinator has none left) or kEnd; returns kEnd's exit code.
int run_cluster_worker(const PipelineSettings& settings, const cluster::MpiSession& session);

}  // namespace mdp::app
