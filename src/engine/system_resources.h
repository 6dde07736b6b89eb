#pragma once
// What this process may really use: CPUs (hardware threads, the affinity mask, the cgroup v1/v2
// CPU quota), memory (MemTotal and MemAvailable, the cgroup memory limit and usage) and free disk
// space under the output directory. Each figure records where it came from, or why it is not
// available; a missing file is normal (no cgroup, an old kernel, a container) and never an error.
//
// /proc and /sys are read below SystemProbe::root, and the system calls are replaceable, so
// tests can describe any machine with a fake tree.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "engine/cgroup_locator.h"

namespace mdp::engine {

// A detected figure: `value` is empty when there is none (no limit) or it is unknown; `source`
// says where it came from ("/proc/meminfo") or why it is empty ("no limit: memory.max is max").
template <typename T>
struct Detected {
    std::optional<T> value;
    std::string source;
};

struct SystemResources {
    std::filesystem::path root;  // where /proc and /sys were read
    Detected<unsigned> hardware_threads;
    Detected<unsigned> affinity_cpus;
    Detected<double> cpu_quota;  // CPUs' worth of time per period allowed by the cgroup
    Detected<uint64_t> mem_total;
    Detected<uint64_t> mem_available;
    Detected<uint64_t> cgroup_memory_limit;
    // The cgroup's usage minus its inactive page cache (which the kernel reclaims first).
    Detected<uint64_t> cgroup_memory_usage;
    Detected<uint64_t> disk_free;  // for an unprivileged user, under the output directory
    CgroupLocation cpu_cgroup;
    CgroupLocation memory_cgroup;
};

struct SystemProbe {
    std::filesystem::path root = "/";
    std::filesystem::path output_dir;  // disk space is measured here; empty: not measured
    // Replaceable system calls; an empty function means the real one.
    std::function<std::optional<unsigned>()> affinity_cpus;         // sched_getaffinity
    std::function<std::optional<unsigned>()> online_cpus_fallback;  // sysconf, if no cpu/online
    std::function<std::optional<uint64_t>(const std::filesystem::path&)> disk_free;  // statvfs
};

SystemResources detect_system_resources(const SystemProbe& probe);

// "0-3,8,10-11" -> 7; nullopt if the list is malformed.
std::optional<unsigned> count_cpu_list(std::string_view list);
// The value of `key` ("MemAvailable") in /proc/meminfo text, in bytes.
std::optional<uint64_t> meminfo_bytes(std::string_view meminfo, std::string_view key);

}  // namespace mdp::engine
