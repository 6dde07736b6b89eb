#pragma once
// A worker rank's CoordinatorLink: kRequest/kBatch round trips and kReports to rank 0; kStop
// from rank 0 is noticed whenever stop_requested() is polled.

#include "cluster/coordinator_link.h"

namespace mdp::cluster {

class MpiWorkerLink final : public CoordinatorLink {
  public:
    Batch request(uint32_t count) override;
    void report(const std::vector<Report>& reports) override;
    bool stop_requested() override;

  private:
    bool stop_ = false;
};

}  // namespace mdp::cluster
