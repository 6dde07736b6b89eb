#pragma once
// The registry the journal fuzz target replays onto, shared with make_seed_corpus so that the
// committed journal seed belongs to it: three partitions of 2024-04-08, one running, saved as
// generation 1 by PartitionRegistry itself.

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "registry/partition_registry.h"

namespace mdp::fuzz {

inline const registry::TimePoint kFixtureTime{std::chrono::milliseconds(1712545200000)};

inline void make_fixture_registry(registry::PartitionRegistry& reg) {
    reg.load();
    for (uint64_t security = 1; security <= 3; ++security) {
        const auto rows = static_cast<int64_t>(100 * security);
        reg.upsert(PartitionKey{CivilDate{2024, 4, 8}, security}, {{"orders", {rows, 90 * rows}}},
                   kFixtureTime);
    }
    reg.mark_running(PartitionKey{CivilDate{2024, 4, 8}, 1}, kFixtureTime);
    reg.save();
}

}  // namespace mdp::fuzz
