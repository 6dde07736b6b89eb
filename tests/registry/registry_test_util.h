#pragma once
// Helpers shared by the registry tests: scratch directories and whole-state snapshots.

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/durable_file.h"
#include "registry/partition_registry.h"

namespace mdp::registry::test {

namespace fs = std::filesystem;

inline fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(MDP_SCRATCH_DIR) / "registry" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

inline std::string slurp(const fs::path& path) { return read_file(path); }

inline void spit(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

inline void append(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << content;
}

// Everything a registry holds that load() must restore.
struct State {
    std::vector<PartitionEntry> entries;
    std::vector<InputFingerprint> input_files;
    nlohmann::json settings;
    nlohmann::json progress;
    std::array<size_t, 4> counts{};

    friend bool operator==(const State&, const State&) = default;
};

inline State state_of(const PartitionRegistry& reg) {
    State s{reg.entries(), reg.input_files(), reg.settings(), reg.extraction_progress(), {}};
    for (const PartitionStatus status : kAllStatuses) {
        s.counts[static_cast<size_t>(status)] = reg.count(status);
    }
    return s;
}

inline State load_state(const fs::path& snapshot) {
    PartitionRegistry reg(snapshot);
    reg.load();
    return state_of(reg);
}

inline PartitionKey key(const char* date, SecurityCode security) {
    return PartitionKey{*CivilDate::parse(date), security};
}

inline TimePoint at_ms(int64_t ms) { return from_epoch_ms(ms); }

}  // namespace mdp::registry::test
