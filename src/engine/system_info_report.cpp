#include "engine/system_info_report.h"

#include <cstdio>
#include <sstream>

namespace mdp::engine {
namespace {

void row(std::ostringstream& out, const std::string& name, const std::string& value,
         const std::string& why) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "  %-21s %-14s ", name.c_str(), value.c_str());
    out << buffer << why << '\n';
}

template <typename T, typename Format>
void detected_row(std::ostringstream& out, const std::string& name, const Detected<T>& detected,
                  const std::string& when_empty, Format format) {
    row(out, name, detected.value ? format(*detected.value) : when_empty, detected.source);
}

std::string count(unsigned value) { return std::to_string(value); }

std::string cpus(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g CPUs", value);
    return buffer;
}

}  // namespace

std::string render_system_info(const SystemResources& system, const Sizing& sizing) {
    std::ostringstream out;
    out << "Detected\n";
    detected_row(out, "hardware threads", system.hardware_threads, "unknown", count);
    detected_row(out, "CPU affinity", system.affinity_cpus, "unknown", count);
    row(out, "CPU cgroup", "", system.cpu_cgroup.describe(system.root));
    detected_row(out, "CPU quota", system.cpu_quota, "none", cpus);
    detected_row(out, "MemTotal", system.mem_total, "unknown", format_memory);
    detected_row(out, "MemAvailable", system.mem_available, "unknown", format_memory);
    row(out, "memory cgroup", "", system.memory_cgroup.describe(system.root));
    detected_row(out, "cgroup memory limit", system.cgroup_memory_limit, "none", format_memory);
    detected_row(out, "cgroup memory usage", system.cgroup_memory_usage, "unknown", format_memory);
    detected_row(out, "disk free (output)", system.disk_free, "unknown", format_memory);

    out << "Chosen\n";
    row(out, "usable CPUs", std::to_string(sizing.usable_cpus.value), sizing.usable_cpus.reason);
    row(out, "usable memory",
        sizing.usable_memory_bytes.value ? format_memory(*sizing.usable_memory_bytes.value)
                                         : "unknown",
        sizing.usable_memory_bytes.reason);
    row(out, "workers", std::to_string(sizing.workers.value), sizing.workers.reason);
    row(out, "memory budget", format_memory(sizing.memory_budget_bytes.value),
        sizing.memory_budget_bytes.reason);
    row(out, "chunk size", std::to_string(sizing.chunk_rows.value) + " rows",
        sizing.chunk_rows.reason);
    out << "Overrides: --workers or " << kWorkersVariable << ", --chunk-size or "
        << kChunkSizeVariable << " (a flag wins over the environment, the environment over "
        << "detection).\n";
    return out.str();
}

}  // namespace mdp::engine
