#include "engine/system_resources.h"

#include <gtest/gtest.h>

#include "fake_system_tree.h"

namespace mdp::engine {
namespace {

using testing::FakeSystemTree;
constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kGiB = uint64_t{1} << 30;

SystemProbe probe_of(const FakeSystemTree& tree, std::optional<unsigned> affinity) {
    SystemProbe probe;
    probe.root = tree.root();
    probe.affinity_cpus = [affinity] { return affinity; };
    probe.online_cpus_fallback = [] { return std::optional<unsigned>(); };
    probe.disk_free = [](const std::filesystem::path&) { return std::optional<uint64_t>(); };
    return probe;
}

void write_v2(const FakeSystemTree& tree, const std::string& cgroup) {
    tree.write("/proc/self/cgroup", "0::" + cgroup + "\n");
    tree.write("/proc/self/mountinfo", testing::kV2Mountinfo);
    tree.write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
}

TEST(SystemResources, CountsCpuLists) {
    EXPECT_EQ(count_cpu_list("0-3,8,10-11\n"), 7u);
    EXPECT_EQ(count_cpu_list("0"), 1u);
    EXPECT_EQ(count_cpu_list("0-63"), 64u);
    EXPECT_EQ(count_cpu_list(""), std::nullopt);
    EXPECT_EQ(count_cpu_list("3-1"), std::nullopt);
    EXPECT_EQ(count_cpu_list("a-b"), std::nullopt);
}

TEST(SystemResources, ReadsMeminfo) {
    const std::string text = testing::meminfo(16'000'000, 12'000'000);
    EXPECT_EQ(meminfo_bytes(text, "MemTotal"), 16'000'000ull * 1024);
    EXPECT_EQ(meminfo_bytes(text, "MemAvailable"), 12'000'000ull * 1024);
    EXPECT_EQ(meminfo_bytes(text, "Mem"), std::nullopt);  // whole keys only
    EXPECT_EQ(meminfo_bytes(text, "SwapTotal"), std::nullopt);
}

TEST(SystemResources, CgroupV2QuotaAndMemoryLimit) {
    FakeSystemTree tree;
    tree.write("/sys/devices/system/cpu/online", "0-7\n");
    tree.write("/proc/meminfo", testing::meminfo(16 * 1024 * 1024, 8 * 1024 * 1024));
    write_v2(tree, "/user.slice/app.scope");
    tree.write("/sys/fs/cgroup/user.slice/app.scope/cpu.max", "150000 100000\n");
    tree.write("/sys/fs/cgroup/user.slice/app.scope/memory.max", std::to_string(4 * kGiB) + "\n");
    tree.write("/sys/fs/cgroup/user.slice/app.scope/memory.current", std::to_string(kGiB) + "\n");
    tree.write("/sys/fs/cgroup/user.slice/app.scope/memory.stat",
               "anon 1000\nfile 2000\ninactive_anon 0\ninactive_file " +
                   std::to_string(256 * kMiB) + "\n");

    const SystemResources r = detect_system_resources(probe_of(tree, 6));
    EXPECT_EQ(r.hardware_threads.value, 8u);
    EXPECT_EQ(r.hardware_threads.source, "/sys/devices/system/cpu/online");
    EXPECT_EQ(r.affinity_cpus.value, 6u);
    ASSERT_TRUE(r.cpu_quota.value);
    EXPECT_DOUBLE_EQ(*r.cpu_quota.value, 1.5);
    EXPECT_EQ(r.cpu_quota.source, "/sys/fs/cgroup/user.slice/app.scope/cpu.max");
    EXPECT_EQ(r.mem_total.value, 16 * kGiB);
    EXPECT_EQ(r.mem_available.value, 8 * kGiB);
    EXPECT_EQ(r.mem_available.source, "/proc/meminfo");
    EXPECT_EQ(r.cgroup_memory_limit.value, 4 * kGiB);
    EXPECT_EQ(r.cgroup_memory_usage.value, kGiB - 256 * kMiB);
    EXPECT_NE(r.cgroup_memory_usage.source.find("inactive_file"), std::string::npos);
    EXPECT_EQ(r.cpu_cgroup.version, 2);
}

TEST(SystemResources, CgroupV2LimitsOfParentsBind) {
    FakeSystemTree tree;
    write_v2(tree, "/machine.slice/job.scope");
    tree.write("/sys/fs/cgroup/machine.slice/job.scope/cpu.max", "max 100000\n");
    tree.write("/sys/fs/cgroup/machine.slice/cpu.max", "300000 100000\n");
    tree.write("/sys/fs/cgroup/machine.slice/job.scope/memory.max", "max\n");
    tree.write("/sys/fs/cgroup/machine.slice/memory.max", std::to_string(2 * kGiB) + "\n");
    tree.write("/sys/fs/cgroup/machine.slice/job.scope/memory.current", "1000\n");

    const SystemResources r = detect_system_resources(probe_of(tree, 8));
    EXPECT_EQ(r.cpu_quota.value, 3.0);
    EXPECT_EQ(r.cpu_quota.source, "/sys/fs/cgroup/machine.slice/cpu.max");
    EXPECT_EQ(r.cgroup_memory_limit.value, 2 * kGiB);
    EXPECT_EQ(r.cgroup_memory_limit.source, "/sys/fs/cgroup/machine.slice/memory.max");
    EXPECT_EQ(r.cgroup_memory_usage.value, 1000u);  // no memory.stat: usage as is
}

TEST(SystemResources, CgroupV2WithoutLimits) {
    FakeSystemTree tree;
    write_v2(tree, "/user.slice");
    tree.write("/sys/fs/cgroup/user.slice/cpu.max", "max 100000\n");
    tree.write("/sys/fs/cgroup/user.slice/memory.max", "max\n");
    const SystemResources r = detect_system_resources(probe_of(tree, 4));
    EXPECT_FALSE(r.cpu_quota.value);
    EXPECT_NE(r.cpu_quota.source.find("no quota"), std::string::npos);
    EXPECT_FALSE(r.cgroup_memory_limit.value);
    EXPECT_NE(r.cgroup_memory_limit.source.find("no limit"), std::string::npos);
}

TEST(SystemResources, CgroupV2RootCgroupHasNoLimitFiles) {
    FakeSystemTree tree;
    write_v2(tree, "/");
    const SystemResources r = detect_system_resources(probe_of(tree, 4));
    EXPECT_EQ(r.cpu_cgroup.version, 2);
    EXPECT_FALSE(r.cpu_quota.value);
    EXPECT_NE(r.cpu_quota.source.find("root cgroup"), std::string::npos);
    EXPECT_FALSE(r.cgroup_memory_limit.value);
    EXPECT_FALSE(r.cgroup_memory_usage.value);
}

TEST(SystemResources, CgroupV1QuotaAndLimit) {
    FakeSystemTree tree;
    tree.write("/sys/devices/system/cpu/online", "0-3\n");
    tree.write("/proc/self/cgroup", "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n2:pids:/\n");
    tree.write("/proc/self/mountinfo", testing::kV1Mountinfo);
    tree.write("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n");
    tree.write("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
    tree.write("/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes",
               std::to_string(2 * kGiB) + "\n");
    tree.write("/sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes",
               std::to_string(kGiB) + "\n");
    tree.write(
        "/sys/fs/cgroup/memory/docker/abc/memory.stat",
        "cache 5\ninactive_file 7\ntotal_inactive_file " + std::to_string(100 * kMiB) + "\n");
    // The hierarchy's root has the "unlimited" sentinel: it must not count as a limit.
    tree.write("/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
    tree.write("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    tree.write("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");

    const SystemResources r = detect_system_resources(probe_of(tree, 4));
    EXPECT_EQ(r.cpu_cgroup.version, 1);
    EXPECT_EQ(r.cpu_quota.value, 0.5);
    EXPECT_EQ(r.cpu_quota.source, "/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us");
    EXPECT_EQ(r.memory_cgroup.version, 1);
    EXPECT_EQ(r.cgroup_memory_limit.value, 2 * kGiB);
    EXPECT_EQ(r.cgroup_memory_usage.value, kGiB - 100 * kMiB);  // total_inactive_file in v1
    EXPECT_NE(r.cgroup_memory_usage.source.find("minus total_inactive_file"), std::string::npos);
}

TEST(SystemResources, CgroupV1Unlimited) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "4:memory:/\n3:cpu,cpuacct:/\n");
    tree.write("/proc/self/mountinfo", testing::kV1Mountinfo);
    tree.write("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    tree.write("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    tree.write("/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
    tree.write("/sys/fs/cgroup/memory/memory.usage_in_bytes", "123456\n");
    const SystemResources r = detect_system_resources(probe_of(tree, 4));
    EXPECT_FALSE(r.cpu_quota.value);
    EXPECT_NE(r.cpu_quota.source.find("unlimited"), std::string::npos);
    EXPECT_FALSE(r.cgroup_memory_limit.value);
    EXPECT_EQ(r.cgroup_memory_usage.value, 123456u);
}

TEST(SystemResources, HybridLayoutReadsTheV1Controllers) {
    FakeSystemTree tree;
    tree.write("/proc/self/cgroup", "5:memory:/job\n3:cpu,cpuacct:/job\n0::/job\n");
    tree.write("/proc/self/mountinfo", testing::kHybridMountinfo);
    tree.write("/sys/fs/cgroup/unified/cgroup.controllers", "\n");
    tree.write("/sys/fs/cgroup/unified/job/cpu.max", "100000 100000\n");  // must be ignored
    tree.write("/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_quota_us", "250000\n");
    tree.write("/sys/fs/cgroup/cpu,cpuacct/job/cpu.cfs_period_us", "100000\n");
    tree.write("/sys/fs/cgroup/memory/job/memory.limit_in_bytes", std::to_string(kGiB) + "\n");
    const SystemResources r = detect_system_resources(probe_of(tree, 8));
    EXPECT_EQ(r.cpu_cgroup.version, 1);
    EXPECT_EQ(r.cpu_quota.value, 2.5);
    EXPECT_EQ(r.memory_cgroup.version, 1);
    EXPECT_EQ(r.cgroup_memory_limit.value, kGiB);
    EXPECT_FALSE(r.cgroup_memory_usage.value);  // no usage file: not available, no crash
}

TEST(SystemResources, MissingFilesAreNotAvailable) {
    FakeSystemTree tree;  // empty: no /proc, no /sys
    const SystemResources r = detect_system_resources(probe_of(tree, std::nullopt));
    EXPECT_FALSE(r.hardware_threads.value);
    EXPECT_NE(r.hardware_threads.source.find("not available"), std::string::npos);
    EXPECT_FALSE(r.affinity_cpus.value);
    EXPECT_FALSE(r.cpu_quota.value);
    EXPECT_FALSE(r.mem_total.value);
    EXPECT_FALSE(r.mem_available.value);
    EXPECT_NE(r.mem_available.source.find("/proc/meminfo"), std::string::npos);
    EXPECT_FALSE(r.cgroup_memory_limit.value);
    EXPECT_FALSE(r.cgroup_memory_usage.value);
    EXPECT_FALSE(r.disk_free.value);
    EXPECT_EQ(r.cpu_cgroup.version, 0);
}

TEST(SystemResources, FallsBackToSysconfWithoutCpuOnline) {
    FakeSystemTree tree;
    SystemProbe probe = probe_of(tree, 2);
    probe.online_cpus_fallback = [] { return std::optional<unsigned>(12); };
    const SystemResources r = detect_system_resources(probe);
    EXPECT_EQ(r.hardware_threads.value, 12u);
    EXPECT_EQ(r.hardware_threads.source, "sysconf(_SC_NPROCESSORS_ONLN)");
}

TEST(SystemResources, MeasuresDiskUnderTheClosestExistingDirectory) {
    FakeSystemTree tree;
    SystemProbe probe = probe_of(tree, 1);
    probe.disk_free = {};  // the real statvfs
    probe.output_dir = tree.root() / "not" / "created" / "yet";
    const SystemResources r = detect_system_resources(probe);
    ASSERT_TRUE(r.disk_free.value) << r.disk_free.source;
    EXPECT_GT(*r.disk_free.value, 0u);
}

TEST(SystemResources, RealSystemIsDetectedWithoutErrors) {
    SystemProbe probe;
    const SystemResources r = detect_system_resources(probe);
    ASSERT_TRUE(r.hardware_threads.value);
    EXPECT_GE(*r.hardware_threads.value, 1u);
    ASSERT_TRUE(r.affinity_cpus.value);  // sched_getaffinity works on Linux
    EXPECT_LE(*r.affinity_cpus.value, *r.hardware_threads.value);
    EXPECT_TRUE(r.mem_available.value);
}

}  // namespace
}  // namespace mdp::engine
