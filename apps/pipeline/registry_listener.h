#pragma once
// The engine's outcomes, recorded in the registry. The engine calls this from one serial node,
// so the (single-threaded) registry needs no lock. Updates are journaled as they come and made
// durable in batches at the engine's checkpoints: first syncfs, so every completed partition's
// stats/ directory is on disk, then the registry's flush, so the registry never claims a result
// that a power loss could take back.

#include <filesystem>

#include "common/unique_fd.h"
#include "engine/run_listener.h"
#include "registry/partition_registry.h"

namespace mdp::app {

class RegistryListener : public engine::RunListener {
public:
    RegistryListener(registry::PartitionRegistry& registry, const std::filesystem::path& output_dir);

    void on_started(const engine::WorkItem& item, uint32_t attempt) override;
    void on_completed(const engine::WorkItem& item, const engine::TaskResult& result, double seconds) override;
    void on_attempt_failed(const engine::WorkItem& item, uint32_t attempt, const std::string& error,
                           bool will_retry) override;
    void on_idle_checkpoint() override;

private:
    registry::PartitionRegistry& registry_;
    std::filesystem::path output_dir_;
    UniqueFd output_fd_;
    size_t unflushed_ = 0;
};

}  // namespace mdp::app
