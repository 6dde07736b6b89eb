#pragma once
// The coordinator's state in a distributed process phase (rank 0): the items not yet handed out
// (biggest first, as the local engine orders them), and every outcome the workers report, passed
// to the app's RunListener (the registry). Called from the MPI service loop and from rank 0's own
// engine at once, so every call takes one lock: the listener sees one call at a time, as the
// engine's contract promises it.
//
// Retries happen on the worker that ran the item (its own engine, with the job's max_retries and
// previous_attempts as handed out), so an item never comes back here; a worker that dies ends the
// job (MPI aborts it), and the registry shows its running items as interrupted on --resume.

#include <cstdint>
#include <exception>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "cluster/messages.h"
#include "common/progress_meter.h"
#include "engine/largest_first_queue.h"
#include "engine/run_listener.h"

namespace mdp::cluster {

struct CoordinatorCounts {
    size_t total = 0;
    size_t completed = 0;
    size_t failed = 0;  // failed on their last allowed attempt
    size_t not_finished() const { return total - completed - failed; }
};

class WorkCoordinator {
  public:
    // `progress` may be null; it counts size_bytes of items that completed or finally failed.
    WorkCoordinator(std::vector<RemoteItem> items, engine::RunListener& listener, ProgressMeter* progress);

    // Up to `count` items, biggest first. `exhausted` when nothing is left or the run is stopping.
    Batch hand_out(size_t count);
    // Replays a worker's listener calls on the app's listener, in order.
    void record(const std::vector<Report>& reports);
    // The listener's checkpoint (the registry flush) and a progress redraw.
    void checkpoint();
    // Nothing more is handed out.
    void stop();
    bool stopping() const;

    CoordinatorCounts counts() const;
    // The first exception the listener threw (the run stopped because of it), or null.
    std::exception_ptr listener_error() const;

  private:
    template <typename Call>
    void notify(Call&& call);

    mutable std::mutex mutex_;
    engine::LargestFirstQueue queue_;
    std::unordered_map<std::string, std::string> payloads_;  // of the items not yet handed out
    engine::RunListener& listener_;
    ProgressMeter* progress_;
    CoordinatorCounts counts_;
    bool stopping_ = false;
    std::exception_ptr listener_error_;
};

}  // namespace mdp::cluster
