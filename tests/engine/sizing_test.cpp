#include "engine/sizing.h"

#include <gtest/gtest.h>

#include <map>

namespace mdp::engine {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kGiB = uint64_t{1} << 30;

SystemResources machine(unsigned hw, std::optional<unsigned> affinity, std::optional<double> quota,
                        std::optional<uint64_t> available,
                        std::optional<uint64_t> limit = std::nullopt,
                        std::optional<uint64_t> usage = std::nullopt) {
    SystemResources r;
    r.hardware_threads = {hw, "/sys/devices/system/cpu/online"};
    r.affinity_cpus = {affinity, "sched_getaffinity"};
    r.cpu_quota = {quota, quota ? "/sys/fs/cgroup/cpu.max" : "no quota"};
    r.mem_total = {available ? std::optional<uint64_t>(*available * 2) : std::nullopt,
                   "/proc/meminfo"};
    r.mem_available = {available, "/proc/meminfo"};
    r.cgroup_memory_limit = {limit, limit ? "/sys/fs/cgroup/memory.max" : "no limit"};
    r.cgroup_memory_usage = {usage, "/sys/fs/cgroup/memory.current"};
    return r;
}

SizingRequest with_env(std::map<std::string, std::string> env) {
    SizingRequest request;
    request.getenv = [env](const std::string& name) -> std::optional<std::string> {
        const auto found = env.find(name);
        if (found == env.end()) return std::nullopt;
        return found->second;
    };
    return request;
}

TEST(Sizing, QuotaOf150PercentGivesTwoCpus) {
    const Sizing s = choose_sizing(machine(8, 8, 1.5, 8 * kGiB), with_env({}));
    EXPECT_EQ(s.usable_cpus.value, 2u);
    EXPECT_NE(s.usable_cpus.reason.find("cgroup quota 1.5 CPUs -> 2"), std::string::npos)
        << s.usable_cpus.reason;
    EXPECT_EQ(s.workers.value, 2u);
    EXPECT_EQ(s.workers.reason, "one per usable CPU");
}

TEST(Sizing, AffinitySmallerThanHardwareThreads) {
    const Sizing s = choose_sizing(machine(16, 3, std::nullopt, 8 * kGiB), with_env({}));
    EXPECT_EQ(s.usable_cpus.value, 3u);
    EXPECT_EQ(s.usable_cpus.reason, "min(hardware threads 16, affinity mask 3); no CPU quota");
    EXPECT_EQ(s.workers.value, 3u);
}

TEST(Sizing, SmallQuotaStillGivesOneCpu) {
    EXPECT_EQ(choose_sizing(machine(4, 4, 0.2, kGiB), with_env({})).usable_cpus.value, 1u);
    EXPECT_EQ(choose_sizing(machine(4, 4, 2.0, kGiB), with_env({})).usable_cpus.value, 2u);
}

TEST(Sizing, UsableMemoryIsTheSmallerOfAvailableAndWhatTheCgroupLeaves) {
    Sizing s = choose_sizing(machine(4, 4, std::nullopt, 8 * kGiB, 4 * kGiB, kGiB), with_env({}));
    EXPECT_EQ(s.usable_memory_bytes.value, 3 * kGiB);
    EXPECT_EQ(s.memory_budget_bytes.value, 3 * kGiB / 4 * 3);
    EXPECT_NE(s.usable_memory_bytes.reason.find("cgroup limit 4.0 GiB - usage 1.0 GiB = 3.0 GiB"),
              std::string::npos)
        << s.usable_memory_bytes.reason;

    s = choose_sizing(machine(4, 4, std::nullopt, 2 * kGiB, 4 * kGiB, kGiB), with_env({}));
    EXPECT_EQ(s.usable_memory_bytes.value, 2 * kGiB);

    // "max": no cgroup limit.
    s = choose_sizing(machine(4, 4, std::nullopt, 2 * kGiB), with_env({}));
    EXPECT_EQ(s.usable_memory_bytes.value, 2 * kGiB);
    EXPECT_NE(s.usable_memory_bytes.reason.find("no cgroup memory limit"), std::string::npos);

    // Usage above the limit leaves nothing: the budget falls back to its minimum.
    s = choose_sizing(machine(4, 4, std::nullopt, 2 * kGiB, kGiB, 2 * kGiB), with_env({}));
    EXPECT_EQ(s.usable_memory_bytes.value, 0u);
    EXPECT_EQ(s.memory_budget_bytes.value, kMinMemoryBudget);
}

TEST(Sizing, NothingKnownFallsBackWithReasons) {
    SystemResources r;  // nothing detected
    const Sizing s = choose_sizing(r, with_env({}));
    EXPECT_EQ(s.usable_cpus.value, 1u);
    EXPECT_NE(s.usable_cpus.reason.find("assuming 1"), std::string::npos);
    EXPECT_FALSE(s.usable_memory_bytes.value);
    EXPECT_EQ(s.memory_budget_bytes.value, kUnknownMemoryBudget);
    EXPECT_NE(s.memory_budget_bytes.reason.find("unknown"), std::string::npos);
}

TEST(Sizing, FlagBeatsEnvironmentBeatsDetection) {
    const SystemResources r = machine(8, 8, std::nullopt, 8 * kGiB);
    SizingRequest request = with_env({{"SWEEP_WORKERS", "3"}, {"SWEEP_CHUNK_SIZE", "5000"}});
    Sizing s = choose_sizing(r, request);
    EXPECT_EQ(s.workers.value, 3u);
    EXPECT_EQ(s.workers.reason, "SWEEP_WORKERS=3 (environment)");
    EXPECT_EQ(s.chunk_rows.value, 5000u);
    EXPECT_EQ(s.chunk_rows.reason, "SWEEP_CHUNK_SIZE=5000 (environment)");

    request.workers = 5;
    request.chunk_rows = 7000;
    s = choose_sizing(r, request);
    EXPECT_EQ(s.workers.value, 5u);
    EXPECT_EQ(s.workers.reason, "--workers 5 (command line)");
    EXPECT_EQ(s.chunk_rows.value, 7000u);

    s = choose_sizing(r, with_env({{"SWEEP_WORKERS", ""}}));  // empty: not set
    EXPECT_EQ(s.workers.value, 8u);
}

TEST(Sizing, MoreWorkersThanCpusIsAllowedButSaid) {
    const Sizing s =
        choose_sizing(machine(2, 2, std::nullopt, kGiB), with_env({{"SWEEP_WORKERS", "6"}}));
    EXPECT_EQ(s.workers.value, 6u);
    EXPECT_NE(s.workers.reason.find("more than the 2 usable CPUs"), std::string::npos);
}

TEST(Sizing, InvalidEnvironmentValuesNameTheVariable) {
    const SystemResources r = machine(4, 4, std::nullopt, kGiB);
    for (const std::string bad :
         {"abc", "0", "-1", "+4", "1e3", "4x", "2.5", "1025", "99999999999999999999999", "  "}) {
        try {
            choose_sizing(r, with_env({{"SWEEP_WORKERS", bad}}));
            ADD_FAILURE() << "accepted SWEEP_WORKERS='" << bad << "'";
        } catch (const InvalidSetting& e) {
            EXPECT_NE(std::string(e.what()).find("SWEEP_WORKERS='" + bad + "'"), std::string::npos)
                << e.what();
        }
    }
    try {
        choose_sizing(r, with_env({{"SWEEP_CHUNK_SIZE", "lots"}}));
        ADD_FAILURE() << "accepted SWEEP_CHUNK_SIZE=lots";
    } catch (const InvalidSetting& e) {
        EXPECT_EQ(std::string(e.what()),
                  "SWEEP_CHUNK_SIZE='lots' is not a positive integer (expected 1..16777216)");
    }
    EXPECT_THROW(choose_sizing(r, with_env({{"SWEEP_CHUNK_SIZE", "16777217"}})), InvalidSetting);
}

TEST(Sizing, InvalidFlagValuesNameTheFlag) {
    const SystemResources r = machine(4, 4, std::nullopt, kGiB);
    SizingRequest request = with_env({});
    request.workers = 0;
    try {
        choose_sizing(r, request);
        ADD_FAILURE() << "accepted --workers 0";
    } catch (const InvalidSetting& e) {
        EXPECT_NE(std::string(e.what()).find("--workers"), std::string::npos);
    }
    request.workers.reset();
    request.chunk_rows = kMaxChunkRows + 1;
    EXPECT_THROW(choose_sizing(r, request), InvalidSetting);
}

TEST(Sizing, ParsesSettingsStrictly) {
    EXPECT_EQ(parse_setting("X", "8", 10), 8u);
    EXPECT_EQ(parse_setting("X", " 007\n", 10), 7u);
    EXPECT_EQ(parse_setting("X", "10", 10), 10u);
    EXPECT_THROW(parse_setting("X", "11", 10), InvalidSetting);
    EXPECT_THROW(parse_setting("X", "", 10), InvalidSetting);
    EXPECT_THROW(parse_setting("X", "0000", 10), InvalidSetting);
}

TEST(Sizing, ChunkSizeIsTheDefaultWhenMemoryIsPlentiful) {
    const Sizing s = choose_sizing(machine(4, 4, std::nullopt, 16 * kGiB), with_env({}));
    EXPECT_EQ(s.chunk_rows.value, kDefaultChunkRows);
    EXPECT_NE(s.chunk_rows.reason.find("the default"), std::string::npos);
}

TEST(Sizing, ChunkSizeShrinksToFitAQuarterOfTheBudget) {
    // 96 MiB usable -> 72 MiB budget -> 18 MiB for 4 blocks of 256-byte rows = 18432 rows.
    const Sizing s = choose_sizing(machine(1, 1, std::nullopt, 96 * kMiB), with_env({}));
    EXPECT_EQ(s.memory_budget_bytes.value, 72 * kMiB);
    EXPECT_EQ(s.chunk_rows.value, 18432u);
    EXPECT_NE(s.chunk_rows.reason.find("limited by memory"), std::string::npos);

    // Many workers on little memory: clamped to the minimum.
    SizingRequest request = with_env({});
    request.workers = 64;
    const Sizing tight = choose_sizing(machine(64, 64, std::nullopt, 80 * kMiB), request);
    EXPECT_EQ(tight.chunk_rows.value, kMinAutoChunkRows);
    EXPECT_NE(tight.chunk_rows.reason.find("minimum"), std::string::npos);
}

TEST(Sizing, ExplicitMemoryBudgetWins) {
    SizingRequest request = with_env({});
    request.memory_budget_bytes = 512 * kMiB;
    const Sizing s = choose_sizing(machine(4, 4, std::nullopt, 16 * kGiB), request);
    EXPECT_EQ(s.memory_budget_bytes.value, 512 * kMiB);
    request.memory_budget_bytes = 0;
    EXPECT_THROW(choose_sizing(machine(4, 4, std::nullopt, 16 * kGiB), request), InvalidSetting);
}

TEST(Sizing, FormatsMemory) {
    EXPECT_EQ(format_memory(512), "512 B");
    EXPECT_EQ(format_memory(1536), "1.5 KiB");
    EXPECT_EQ(format_memory(3 * kMiB), "3.0 MiB");
    EXPECT_EQ(format_memory(5 * kGiB + 512 * kMiB), "5.5 GiB");
    EXPECT_EQ(format_memory(2048 * kGiB), "2.0 TiB");
}

}  // namespace
}  // namespace mdp::engine
