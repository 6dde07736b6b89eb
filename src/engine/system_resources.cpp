#include "engine/system_resources.h"

#include <sched.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

namespace mdp::engine {
namespace {

namespace fs = std::filesystem;

// cgroup v1 reports "no limit" as a huge page-aligned number (e.g. 9223372036854771712).
constexpr uint64_t kNoLimitThreshold = uint64_t{1} << 60;

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

template <typename T>
std::optional<T> parse_number(std::string_view text) {
    text = trim(text);
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A "key value" line in a cgroup memory.stat file.
std::optional<uint64_t> stat_value(std::string_view stat, std::string_view key) {
    std::istringstream lines{std::string(stat)};
    std::string line;
    while (std::getline(lines, line)) {
        const std::string_view view = line;
        if (view.starts_with(key) && view.size() > key.size() && view[key.size()] == ' ') {
            return parse_number<uint64_t>(view.substr(key.size() + 1));
        }
    }
    return std::nullopt;
}

// The cgroup's directory and each ancestor up to the hierarchy's mount point: a limit set on a
// parent (a systemd slice, the container) binds the child too.
std::vector<fs::path> directory_and_ancestors(const CgroupLocation& location) {
    std::vector<fs::path> directories;
    fs::path directory = location.directory;
    for (;;) {
        directories.push_back(directory);
        if (directory == location.mount_directory || !directory.has_relative_path()) break;
        const fs::path parent = directory.parent_path();
        if (parent == directory) break;
        const fs::path relative = parent.lexically_relative(location.mount_directory);
        if (relative.empty() || relative.native().starts_with("..")) break;
        directory = parent;
    }
    return directories;
}

std::optional<unsigned> real_affinity_cpus() {
    // The mask may need more bits than cpu_set_t has on machines with very many CPUs.
    for (int cpus = 1024; cpus <= 1 << 20; cpus *= 4) {
        cpu_set_t* set = CPU_ALLOC(static_cast<size_t>(cpus));
        if (set == nullptr) return std::nullopt;
        const size_t size = CPU_ALLOC_SIZE(static_cast<size_t>(cpus));
        CPU_ZERO_S(size, set);
        if (sched_getaffinity(0, size, set) == 0) {
            const int count = CPU_COUNT_S(size, set);
            CPU_FREE(set);
            return count > 0 ? std::optional<unsigned>(static_cast<unsigned>(count)) : std::nullopt;
        }
        CPU_FREE(set);
        if (errno != EINVAL) return std::nullopt;
    }
    return std::nullopt;
}

std::optional<unsigned> real_online_cpus() {
    const long count = ::sysconf(_SC_NPROCESSORS_ONLN);
    if (count <= 0) return std::nullopt;
    return static_cast<unsigned>(count);
}

// Free space for unprivileged users on the file system holding `directory`, or on its closest
// existing ancestor (the output directory may not exist yet).
std::optional<uint64_t> real_disk_free(const fs::path& directory) {
    std::error_code error;
    fs::path path = fs::absolute(directory, error);
    if (error) return std::nullopt;
    for (;;) {
        struct statvfs info {};
        if (::statvfs(path.c_str(), &info) == 0) {
            return static_cast<uint64_t>(info.f_bavail) * static_cast<uint64_t>(info.f_frsize);
        }
        if (!path.has_relative_path()) return std::nullopt;
        path = path.parent_path();
    }
}

void detect_cpus(const SystemProbe& probe, SystemResources& r) {
    const fs::path online = probe.root / "sys/devices/system/cpu/online";
    if (const auto text = read_text(online)) {
        r.hardware_threads.value = count_cpu_list(*text);
        r.hardware_threads.source = as_seen_by_process(probe.root, online);
        if (!r.hardware_threads.value) r.hardware_threads.source += " (unreadable)";
    }
    if (!r.hardware_threads.value) {
        r.hardware_threads.value =
            probe.online_cpus_fallback ? probe.online_cpus_fallback() : real_online_cpus();
        r.hardware_threads.source = r.hardware_threads.value
                                        ? "sysconf(_SC_NPROCESSORS_ONLN)"
                                        : "not available (no /sys/devices/system/cpu/online)";
    }

    r.affinity_cpus.value = probe.affinity_cpus ? probe.affinity_cpus() : real_affinity_cpus();
    r.affinity_cpus.source = r.affinity_cpus.value ? "sched_getaffinity" : "not available";
}

void detect_cpu_quota(const SystemProbe& probe, SystemResources& r) {
    const CgroupLocation& cgroup = r.cpu_cgroup;
    if (cgroup.version == 0) {
        r.cpu_quota.source = "not available: no cgroup (" + cgroup.note + ")";
        return;
    }
    bool found_file = false;
    for (const fs::path& directory : directory_and_ancestors(cgroup)) {
        std::optional<double> quota;
        fs::path file;
        if (cgroup.version == 2) {
            file = directory / "cpu.max";
            const auto text = read_text(file);
            if (!text) continue;
            found_file = true;
            std::istringstream fields{std::string(*text)};
            std::string limit;
            std::string period_text = "100000";
            fields >> limit >> period_text;
            const auto max = parse_number<double>(limit);
            const auto period = parse_number<double>(period_text);
            if (limit != "max" && max && period && *max > 0 && *period > 0) {
                quota = *max / *period;
            }
        } else {
            file = directory / "cpu.cfs_quota_us";
            const auto quota_text = read_text(file);
            const auto period_text = read_text(directory / "cpu.cfs_period_us");
            if (!quota_text) continue;
            found_file = true;
            const auto max = parse_number<int64_t>(*quota_text);
            const auto period = period_text ? parse_number<int64_t>(*period_text) : std::nullopt;
            if (max && period && *max > 0 && *period > 0) {
                quota = static_cast<double>(*max) / static_cast<double>(*period);
            }
        }
        if (quota && (!r.cpu_quota.value || *quota < *r.cpu_quota.value)) {
            r.cpu_quota.value = quota;
            r.cpu_quota.source = as_seen_by_process(probe.root, file);
        }
    }
    if (!r.cpu_quota.value) {
        const char* file = cgroup.version == 2 ? "cpu.max" : "cpu.cfs_quota_us";
        r.cpu_quota.source = found_file ? std::string("no quota (") + file + " is unlimited)"
                                        : std::string("no quota (no ") + file +
                                              " file: root cgroup or controller not available)";
    }
}

void detect_memory(const SystemProbe& probe, SystemResources& r) {
    const fs::path meminfo_path = probe.root / "proc/meminfo";
    const std::string meminfo_shown = as_seen_by_process(probe.root, meminfo_path);
    if (const auto meminfo = read_text(meminfo_path)) {
        r.mem_total.value = meminfo_bytes(*meminfo, "MemTotal");
        r.mem_available.value = meminfo_bytes(*meminfo, "MemAvailable");
        r.mem_total.source = r.mem_total.value ? meminfo_shown : "not available (no MemTotal)";
        r.mem_available.source =
            r.mem_available.value ? meminfo_shown : "not available (no MemAvailable)";
    } else {
        r.mem_total.source = r.mem_available.source = "not available (no " + meminfo_shown + ")";
    }

    const CgroupLocation& cgroup = r.memory_cgroup;
    if (cgroup.version == 0) {
        r.cgroup_memory_limit.source = "not available: no cgroup (" + cgroup.note + ")";
        r.cgroup_memory_usage.source = "not available";
        return;
    }
    const char* limit_name = cgroup.version == 2 ? "memory.max" : "memory.limit_in_bytes";
    bool found_file = false;
    for (const fs::path& directory : directory_and_ancestors(cgroup)) {
        const fs::path file = directory / limit_name;
        const auto text = read_text(file);
        if (!text) continue;
        found_file = true;
        const auto limit = parse_number<uint64_t>(*text);  // "max" does not parse: no limit
        if (limit && *limit < kNoLimitThreshold &&
            (!r.cgroup_memory_limit.value || *limit < *r.cgroup_memory_limit.value)) {
            r.cgroup_memory_limit.value = limit;
            r.cgroup_memory_limit.source = as_seen_by_process(probe.root, file);
        }
    }
    if (!r.cgroup_memory_limit.value) {
        r.cgroup_memory_limit.source =
            found_file ? std::string("no limit (") + limit_name + " is unlimited)"
                       : std::string("no limit (no ") + limit_name +
                             " file: root cgroup or controller not available)";
    }

    const fs::path usage_file =
        cgroup.directory / (cgroup.version == 2 ? "memory.current" : "memory.usage_in_bytes");
    const auto usage_text = read_text(usage_file);
    const auto usage = usage_text ? parse_number<uint64_t>(*usage_text) : std::nullopt;
    if (!usage) {
        r.cgroup_memory_usage.source =
            "not available (no " + as_seen_by_process(probe.root, usage_file) + ")";
        return;
    }
    r.cgroup_memory_usage.value = usage;
    r.cgroup_memory_usage.source = as_seen_by_process(probe.root, usage_file);
    if (const auto stat = read_text(cgroup.directory / "memory.stat")) {
        // v1 reports the hierarchy's total as total_inactive_file; v2 and old v1 as inactive_file.
        std::string key = cgroup.version == 2 ? "inactive_file" : "total_inactive_file";
        auto inactive = stat_value(*stat, key);
        if (!inactive && cgroup.version == 1) inactive = stat_value(*stat, key = "inactive_file");
        if (inactive) {
            r.cgroup_memory_usage.value = *usage > *inactive ? *usage - *inactive : 0;
            r.cgroup_memory_usage.source += " minus " + key + " in memory.stat";
        }
    }
}

void detect_disk(const SystemProbe& probe, SystemResources& r) {
    if (probe.output_dir.empty()) {
        r.disk_free.source = "not measured (no output directory)";
        return;
    }
    r.disk_free.value =
        probe.disk_free ? probe.disk_free(probe.output_dir) : real_disk_free(probe.output_dir);
    r.disk_free.source = (r.disk_free.value ? "statvfs " : "not available (statvfs failed on ") +
                         probe.output_dir.string() + (r.disk_free.value ? "" : ")");
}

}  // namespace

std::optional<unsigned> count_cpu_list(std::string_view list) {
    list = trim(list);
    if (list.empty()) return std::nullopt;
    unsigned count = 0;
    while (!list.empty()) {
        const size_t comma = list.find(',');
        const std::string_view range = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        const size_t dash = range.find('-');
        const auto first = parse_number<unsigned>(range.substr(0, dash));
        const auto last =
            dash == std::string_view::npos ? first : parse_number<unsigned>(range.substr(dash + 1));
        if (!first || !last || *last < *first) return std::nullopt;
        count += *last - *first + 1;
    }
    return count;
}

std::optional<uint64_t> meminfo_bytes(std::string_view meminfo, std::string_view key) {
    std::istringstream lines{std::string(meminfo)};
    std::string line;
    while (std::getline(lines, line)) {
        const std::string_view view = line;
        if (!view.starts_with(key) || view.size() <= key.size() || view[key.size()] != ':')
            continue;
        std::istringstream fields{std::string(view.substr(key.size() + 1))};
        uint64_t value = 0;
        std::string unit;
        if (!(fields >> value)) return std::nullopt;
        fields >> unit;
        if (unit == "kB") return value * 1024;
        if (unit.empty()) return value;
        return std::nullopt;
    }
    return std::nullopt;
}

SystemResources detect_system_resources(const SystemProbe& probe) {
    SystemResources r;
    r.root = probe.root;
    r.cpu_cgroup = locate_cgroup(probe.root, "cpu");
    r.memory_cgroup = locate_cgroup(probe.root, "memory");
    detect_cpus(probe, r);
    detect_cpu_quota(probe, r);
    detect_memory(probe, r);
    detect_disk(probe, r);
    return r;
}

}  // namespace mdp::engine
