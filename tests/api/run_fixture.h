#pragma once
// A run directory for the API tests, made with the engine's own registry: partitions in each
// status, as a pipeline would have left them.

#include <chrono>
#include <filesystem>
#include <string>

#include "registry/partition_registry.h"

namespace mdp::api::test {

inline PartitionKey key_of(const std::string& text) { return *PartitionKey::parse(text); }

// 2024-04-01/1 completed, 2024-04-01/2 failed (2 attempts), 2024-04-02/1 running (1 attempt),
// 2024-04-02/2 pending, 2024-04-03/7 failed (1 attempt).
inline void make_run(const std::filesystem::path& dir) {
    using registry::PartitionRegistry;
    const auto now = registry::Clock::now();
    PartitionRegistry reg(PartitionRegistry::path_in(dir));
    reg.load();
    for (const char* key :
         {"2024-04-01/1", "2024-04-01/2", "2024-04-02/1", "2024-04-02/2", "2024-04-03/7"}) {
        reg.upsert(key_of(key), {{"orders", {10, 1000}}}, now);
    }
    reg.mark_running(key_of("2024-04-01/1"), now);
    reg.mark_completed(key_of("2024-04-01/1"), {{"matched", 4}}, std::chrono::seconds(2), now);
    for (int attempt = 0; attempt < 2; ++attempt) {
        reg.mark_running(key_of("2024-04-01/2"), now);
        reg.mark_failed(key_of("2024-04-01/2"), "bad order id 'x'\nat line 3", now);
    }
    reg.mark_running(key_of("2024-04-02/1"), now);
    reg.mark_running(key_of("2024-04-03/7"), now);
    reg.mark_failed(key_of("2024-04-03/7"), "trades.csv is missing", now);
    reg.save();
}

}  // namespace mdp::api::test
