#pragma once
// How a worker's engine talks to the coordinator: over MPI on the worker ranks
// (mpi_worker_link.h), by direct calls on rank 0 (local_link.h). The worker side of the protocol
// (RemoteWorkSource, ReportingListener) is written once against this interface.
//
// Called only from the worker engine's serial controller node: never two calls at once.

#include <cstdint>
#include <vector>

#include "cluster/messages.h"

namespace mdp::cluster {

class CoordinatorLink {
  public:
    virtual ~CoordinatorLink() = default;
    // Asks for up to `count` items and waits for the answer.
    virtual Batch request(uint32_t count) = 0;
    virtual void report(const std::vector<Report>& reports) = 0;
    // Whether the coordinator asked every worker to stop (polled; must be cheap).
    virtual bool stop_requested() = 0;
};

}  // namespace mdp::cluster
