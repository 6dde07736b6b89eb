#pragma once
// Rank 0's side of the protocol: answers every worker rank's requests from the WorkCoordinator
// and replays their reports on it, until every worker rank has said kWorkerDone and rank 0's
// own engine (if it works too) has finished. A stop (the flag, or the coordinator stopping after
// a listener error) is passed on to every worker rank once, as kStop.

#include <atomic>
#include <chrono>
#include <functional>
#include <vector>

#include "cluster/messages.h"
#include "cluster/work_coordinator.h"

namespace mdp::cluster {

struct WorkerRank {
    int rank = 0;
    WorkerDone done;
};

// Sends kBegin with `job` to ranks 1 .. world_size - 1.
void begin_workers(int world_size, const std::string& job);
// Sends kEnd with `exit_code` to ranks 1 .. world_size - 1.
void end_workers(int world_size, int exit_code);

std::vector<WorkerRank> serve_workers(WorkCoordinator& coordinator, int world_size,
                                      const std::atomic<bool>& stop_requested,
                                      const std::function<bool()>& local_done,
                                      std::chrono::milliseconds checkpoint_interval);

}  // namespace mdp::cluster
