#pragma once
// A worker's WorkSource: items come from the coordinator in batches. When the local queue runs
// dry, the next call asks for `batch_size` items (the worker's engine size), so a worker with W
// engine workers costs one round trip per W partitions, not one per partition; the batch waits
// here, biggest first, and the engine admits from it under its own memory budget. Retries of a
// failed attempt go back into the local queue (the worker's engine owns its retries).
//
// next() may block for one round trip to the coordinator. Only the engine's serial controller
// calls next/take/give_back/remaining; payload() is thread-safe (the tasks call it).

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "cluster/coordinator_link.h"
#include "engine/largest_first_queue.h"

namespace mdp::cluster {

class RemoteWorkSource final : public engine::WorkSource {
  public:
    RemoteWorkSource(CoordinatorLink& link, uint32_t batch_size);

    const engine::WorkItem* next() const override;
    engine::WorkItem take() override;
    void give_back(engine::WorkItem item) override;
    size_t remaining() const override { return queue_.remaining(); }

    // What the coordinator sent with the item (the app's data to run it), nullopt if unknown.
    std::optional<std::string> payload(const std::string& id) const;
    // Items received from the coordinator so far.
    size_t received() const { return received_; }
    // Round trips to the coordinator so far.
    size_t requests() const { return requests_; }

  private:
    void refill() const;

    CoordinatorLink& link_;
    uint32_t batch_size_;
    // Refilled from next(), which the WorkSource interface declares const.
    mutable engine::LargestFirstQueue queue_{{}};
    mutable bool exhausted_ = false;
    mutable size_t received_ = 0;
    mutable size_t requests_ = 0;
    mutable std::mutex payload_mutex_;
    mutable std::unordered_map<std::string, std::string> payloads_;
};

}  // namespace mdp::cluster
