#include "engine/system_info_report.h"

#include <gtest/gtest.h>

#include "fake_system_tree.h"

namespace mdp::engine {
namespace {

using testing::FakeSystemTree;

TEST(SystemInfoReport, ShowsWhatWasDetectedAndWhyTheChoicesFollow) {
    FakeSystemTree tree;
    tree.write("/sys/devices/system/cpu/online", "0-7\n");
    tree.write("/proc/meminfo", testing::meminfo(16 * 1024 * 1024, 8 * 1024 * 1024));
    tree.write("/proc/self/cgroup", "0::/job\n");
    tree.write("/proc/self/mountinfo", testing::kV2Mountinfo);
    tree.write("/sys/fs/cgroup/job/cpu.max", "150000 100000\n");
    tree.write("/sys/fs/cgroup/job/memory.max", "max\n");
    SystemProbe probe;
    probe.root = tree.root();
    probe.affinity_cpus = [] { return std::optional<unsigned>(6); };
    probe.output_dir = "/srv/out";
    probe.disk_free = [](const std::filesystem::path&) {
        return std::optional<uint64_t>(uint64_t{100} << 30);
    };
    const SystemResources system = detect_system_resources(probe);
    SizingRequest request;
    request.getenv = [](const std::string&) { return std::optional<std::string>(); };
    const Sizing sizing = choose_sizing(system, request);
    const std::string text = render_system_info(system, sizing);

    EXPECT_NE(text.find("hardware threads      8              /sys/devices/system/cpu/online"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("CPU affinity          6              sched_getaffinity"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("CPU quota             1.5 CPUs       /sys/fs/cgroup/job/cpu.max"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("v2 /job at /sys/fs/cgroup/job"), std::string::npos) << text;
    EXPECT_NE(text.find("cgroup memory limit   none           no limit (memory.max is unlimited)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("disk free (output)    100.0 GiB      statvfs /srv/out"), std::string::npos)
        << text;
    EXPECT_NE(text.find("usable CPUs           2              min(hardware threads 8, affinity "
                        "mask 6, cgroup quota 1.5 CPUs -> 2)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("workers               2              one per usable CPU"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("memory budget         6.0 GiB        3/4 of usable memory (8.0 GiB)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("chunk size            65536 rows"), std::string::npos) << text;
    EXPECT_NE(text.find("SWEEP_WORKERS"), std::string::npos);
    EXPECT_NE(text.find("SWEEP_CHUNK_SIZE"), std::string::npos);
}

}  // namespace
}  // namespace mdp::engine
