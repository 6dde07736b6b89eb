#pragma once
// A CoordinatorLink that answers requests from a list of batches and keeps what it was sent.

#include <vector>

#include "cluster/coordinator_link.h"

namespace mdp::cluster {

class ScriptedLink : public CoordinatorLink {
  public:
    Batch request(uint32_t count) override {
        asked.push_back(count);
        if (batches.empty()) return Batch{{}, true};
        Batch batch = batches.front();
        batches.erase(batches.begin());
        return batch;
    }
    void report(const std::vector<Report>& reports) override { sent.push_back(reports); }
    bool stop_requested() override { return stop; }

    std::vector<Batch> batches;
    std::vector<uint32_t> asked;
    std::vector<std::vector<Report>> sent;
    bool stop = false;
};

}  // namespace mdp::cluster
