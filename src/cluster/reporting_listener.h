#pragma once
// A worker's RunListener: every call becomes a Report for the coordinator, which replays it on
// the registry. Reports are sent in batches at the engine's checkpoints (and when the run ends),
// in the order they were made. Before a batch that holds completions is sent, `make_durable`
// runs (the app syncs the partitions' results to disk), so the coordinator never records a
// result that a crash of this node could take back. At each checkpoint the link is also asked
// whether the coordinator wants the job stopped; if so, `on_stop` runs (it sets the engine's
// stop flag).

#include <functional>
#include <vector>

#include "cluster/coordinator_link.h"
#include "engine/run_listener.h"

namespace mdp::cluster {

class ReportingListener final : public engine::RunListener {
  public:
    ReportingListener(CoordinatorLink& link, std::function<void()> make_durable, std::function<void()> on_stop);

    void on_started(const engine::WorkItem& item, uint32_t attempt) override;
    void on_completed(const engine::WorkItem& item, const engine::TaskResult& result, double seconds) override;
    void on_attempt_failed(const engine::WorkItem& item, uint32_t attempt, const std::string& error,
                           bool will_retry) override;
    void on_idle_checkpoint() override;
    void on_warning(const std::string& message) override;

    // Sends what is pending now.
    void flush();

  private:
    CoordinatorLink& link_;
    std::function<void()> make_durable_;
    std::function<void()> on_stop_;
    std::vector<Report> pending_;
    bool pending_completion_ = false;
};

}  // namespace mdp::cluster
