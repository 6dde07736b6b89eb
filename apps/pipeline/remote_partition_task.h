#pragma once
// A partition's analysis on a node that got it from the coordinator: the input counts come with
// the item (RemoteWorkSource::payload) instead of from a registry this node does not own.

#include "cluster/remote_work_source.h"
#include "engine/partition_task.h"
#include "partition_analysis_task.h"

namespace mdp::app {

class RemotePartitionTask : public engine::PartitionTask {
public:
    RemotePartitionTask(const PartitionAnalysisTask& analysis, const cluster::RemoteWorkSource& source)
        : analysis_(analysis), source_(source) {}

    engine::TaskResult run(const engine::WorkItem& item) override;

private:
    const PartitionAnalysisTask& analysis_;
    const cluster::RemoteWorkSource& source_;
};

}  // namespace mdp::app
