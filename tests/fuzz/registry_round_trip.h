#pragma once
// The oracle the two registry fuzz targets share: PartitionRegistry::load() of whatever is on
// disk either succeeds or throws InputError (never another exception, never a crash); a
// registry that loads is saved as a new snapshot, which must load back into the same state.

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/errors.h"
#include "fuzz/fuzz_scratch.h"
#include "registry/partition_registry.h"

namespace mdp::fuzz {

inline void check_registry_round_trip(const std::filesystem::path& snapshot) {
    registry::PartitionRegistry loaded(snapshot);
    try {
        loaded.load();
    } catch (const InputError&) {
        return;
    }
    const auto entries = loaded.entries();
    MDP_FUZZ_CHECK(entries.size() == loaded.size());
    const auto summary = loaded.summary();
    loaded.save();

    registry::PartitionRegistry reloaded(snapshot);
    MDP_FUZZ_CHECK(reloaded.load());
    MDP_FUZZ_CHECK(reloaded.entries() == entries);
    MDP_FUZZ_CHECK(reloaded.input_files() == loaded.input_files());
    MDP_FUZZ_CHECK(reloaded.settings() == loaded.settings());
    MDP_FUZZ_CHECK(reloaded.extraction_progress() == loaded.extraction_progress());
    MDP_FUZZ_CHECK(reloaded.generation() == loaded.generation());
    MDP_FUZZ_CHECK(reloaded.summary().total == summary.total);
}

}  // namespace mdp::fuzz
