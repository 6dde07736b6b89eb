// Scaling bench of the partition registry at the product's target size: 5,000 securities x
// 250 trading days = 1,250,000 partitions.
//
//   registry_bench [SCRATCH_DIR]      (default: ./registry-bench-scratch, removed at the end)
//
// Reports the snapshot's size and save/load times, the time and bytes of 10,000 status updates
// (mark_running + mark_completed) flushed every 100 updates as the engine does and flushed
// after every update, the journal replay on load, the compaction time, and the peak RSS of each
// phase (VmHWM, reset between phases through /proc/self/clear_refs).

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "registry/partition_registry.h"

namespace {

namespace fs = std::filesystem;
using namespace mdp;
using namespace mdp::registry;
using SteadyClock = std::chrono::steady_clock;

constexpr SecurityCode kSecurities = 5000;
constexpr int kDays = 250;
constexpr int kUpdates = 10'000;
constexpr int kBatch = 100;

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

long status_kib(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
    }
    return -1;
}

// Starts a new peak-RSS measurement at the current RSS.
void reset_peak_rss() {
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
}

void report_peak(const char* phase) {
    std::printf("  peak RSS during %-28s %8.1f MiB (RSS now %.1f MiB)\n", phase,
                static_cast<double>(status_kib("VmHWM")) / 1024.0,
                static_cast<double>(status_kib("VmRSS")) / 1024.0);
}

std::vector<PartitionKey> trading_days_keys() {
    std::vector<PartitionKey> keys;
    keys.reserve(kSecurities * kDays);
    int64_t day = CivilDate{2024, 1, 2}.to_days();
    for (int d = 0; d < kDays; ++day) {
        const int64_t weekday = (day + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
        if (weekday == 0 || weekday == 6) continue;
        for (SecurityCode s = 1; s <= kSecurities; ++s) {
            keys.push_back(PartitionKey{CivilDate::from_days(day), 100'000 + s});
        }
        ++d;
    }
    return keys;
}

InputCountsMap inputs_for(size_t i) {
    const auto n = static_cast<int64_t>(i % 9973);
    return {{"orders", {1000 + n * 37, (1000 + n * 37) * 61}},
            {"trades", {100 + n * 3, (100 + n * 3) * 48}},
            {"nbbo", {5000 + n * 91, (5000 + n * 91) * 52}}};
}

// mark_running + mark_completed for keys[first, first + kUpdates), flushing every `batch`.
void run_updates(PartitionRegistry& reg, const std::vector<PartitionKey>& keys, size_t first,
                 int batch, const char* label) {
    const uint64_t written_before = reg.bytes_written();
    const auto start = SteadyClock::now();
    for (int u = 0; u < kUpdates; ++u) {
        const PartitionKey& key = keys[first + static_cast<size_t>(u)];
        reg.mark_running(key, Clock::now());
        reg.mark_completed(key, {{"matched", 1234 + u}, {"unmatched", u % 17}},
                           std::chrono::duration<double>(0.25 + u * 1e-4), Clock::now());
        if ((u + 1) % batch == 0) reg.flush();
    }
    reg.flush();
    const double elapsed = seconds_since(start);
    const uint64_t written = reg.bytes_written() - written_before;
    std::printf("%s\n", label);
    std::printf("  %d updates (%d journal records) in %.3f s = %.1f us/update, %d flushes\n",
                kUpdates, 2 * kUpdates, elapsed, elapsed * 1e6 / kUpdates, kUpdates / batch);
    std::printf(
        "  bytes written: %llu (%.1f per update); journal now %llu bytes, generation %llu\n",
        static_cast<unsigned long long>(written), static_cast<double>(written) / kUpdates,
        static_cast<unsigned long long>(reg.journal_bytes()),
        static_cast<unsigned long long>(reg.generation()));
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path("registry-bench-scratch");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path path = PartitionRegistry::path_in(dir);
    std::printf("registry bench: %llu securities x %d days in %s\n",
                static_cast<unsigned long long>(kSecurities), kDays, dir.c_str());

    const std::vector<PartitionKey> keys = trading_days_keys();
    // The last 2 x kUpdates partitions stay pending for the update rounds.
    const size_t completed_count = keys.size() - 2 * kUpdates;

    // ---- Build: bulk add, then a finished run's worth of times and results in memory.
    reset_peak_rss();
    {
        PartitionRegistry reg(path);
        reg.load();
        reg.set_input_files({{"orders", "/data/orders.csv", 80'000'000'000, 1, ""},
                             {"trades", "/data/trades.csv", 9'000'000'000, 3, ""},
                             {"nbbo", "/data/nbbo.csv", 120'000'000'000, 5, ""}});
        reg.set_settings({{"window_ms", 500}, {"chunk_size", 1'000'000}});
        auto start = SteadyClock::now();
        {
            std::vector<PartitionRegistry::NewPartition> batch;
            batch.reserve(keys.size());
            for (size_t i = 0; i < keys.size(); ++i) batch.push_back({keys[i], inputs_for(i)});
            reg.add_partitions(batch);
        }
        const double add_time = seconds_since(start);
        start = SteadyClock::now();
        const TimePoint t0 = Clock::now();
        for (size_t i = 0; i < completed_count; ++i) {
            reg.mark_running(keys[i], t0 + std::chrono::milliseconds(i));
            reg.mark_completed(
                keys[i],
                {{"matched", static_cast<int64_t>(i % 5000)},
                 {"unmatched", static_cast<int64_t>(i % 13)}},
                std::chrono::duration<double>(1.5 + static_cast<double>(i % 100) / 7),
                t0 + std::chrono::milliseconds(i + 1500));
        }
        const double mark_time = seconds_since(start);
        std::printf("build\n");
        std::printf("  add_partitions(%zu): %.3f s; %zu marked completed in memory: %.3f s\n",
                    keys.size(), add_time, completed_count, mark_time);
        std::printf("  registry memory (table estimate): %.1f MiB = %.0f bytes/partition\n",
                    static_cast<double>(reg.memory_bytes()) / (1 << 20),
                    static_cast<double>(reg.memory_bytes()) / static_cast<double>(reg.size()));
        start = SteadyClock::now();
        reg.save();
        const double save_time = seconds_since(start);
        std::printf("save\n");
        std::printf("  snapshot: %llu bytes (%.1f MiB, %.0f bytes/partition) in %.3f s\n",
                    static_cast<unsigned long long>(reg.snapshot_bytes()),
                    static_cast<double>(reg.snapshot_bytes()) / (1 << 20),
                    static_cast<double>(reg.snapshot_bytes()) / static_cast<double>(reg.size()),
                    save_time);
        report_peak("build + save");
    }

    // ---- Load, updates, compaction.
    reset_peak_rss();
    PartitionRegistry reg(path);
    auto start = SteadyClock::now();
    reg.load();
    std::printf("load\n");
    std::printf("  %zu partitions from the snapshot in %.3f s\n", reg.size(), seconds_since(start));
    report_peak("load");

    reset_peak_rss();
    run_updates(reg, keys, completed_count, kBatch, "updates, flush every 100");
    run_updates(reg, keys, completed_count + kUpdates, 1, "updates, flush after each");
    report_peak("updates");

    reset_peak_rss();
    {
        PartitionRegistry again(path);
        start = SteadyClock::now();
        again.load();
        std::printf("load with journal\n");
        std::printf("  snapshot + %llu journal records (%llu bytes) in %.3f s\n",
                    static_cast<unsigned long long>(again.journal_records()),
                    static_cast<unsigned long long>(again.journal_bytes()), seconds_since(start));
        const RegistrySummary s = again.summary();
        std::printf("  summary: %zu partitions, %zu completed, %zu pending\n", s.total,
                    s.count(PartitionStatus::kCompleted), s.count(PartitionStatus::kPending));
    }
    report_peak("second load");

    reset_peak_rss();
    start = SteadyClock::now();
    reg.compact();
    std::printf("compaction\n");
    std::printf("  %.3f s, snapshot now %llu bytes, generation %llu\n", seconds_since(start),
                static_cast<unsigned long long>(reg.snapshot_bytes()),
                static_cast<unsigned long long>(reg.generation()));
    report_peak("compaction");

    start = SteadyClock::now();
    const RegistrySummary summary = reg.summary();
    const double summary_time = seconds_since(start);
    start = SteadyClock::now();
    const auto pending = reg.keys(PartitionFilter().with_status(PartitionStatus::kPending));
    const double query_time = seconds_since(start);
    start = SteadyClock::now();
    const auto one_day = reg.keys(PartitionFilter().on_date(keys[kSecurities * 100].date));
    const double day_query_time = seconds_since(start);
    std::printf("queries\n");
    std::printf(
        "  summary(): %.3f s (%zu completed); keys(pending): %.3f s (%zu); "
        "keys(date): %.6f s (%zu)\n",
        summary_time, summary.count(PartitionStatus::kCompleted), query_time, pending.size(),
        day_query_time, one_day.size());
    std::printf("process peak RSS (VmHWM since last reset): %.1f MiB\n",
                static_cast<double>(status_kib("VmHWM")) / 1024.0);

    fs::remove_all(dir);
    return 0;
}
