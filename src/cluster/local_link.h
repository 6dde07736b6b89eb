#pragma once
// Rank 0's own engine as one more worker of its coordinator: the same RemoteWorkSource and
// ReportingListener as on the other ranks, with the messages replaced by direct calls.

#include "cluster/coordinator_link.h"
#include "cluster/work_coordinator.h"

namespace mdp::cluster {

class LocalLink final : public CoordinatorLink {
  public:
    explicit LocalLink(WorkCoordinator& coordinator) : coordinator_(coordinator) {}

    Batch request(uint32_t count) override;
    void report(const std::vector<Report>& reports) override;
    bool stop_requested() override;

  private:
    WorkCoordinator& coordinator_;
};

}  // namespace mdp::cluster
