#include "engine/sizing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace mdp::engine {
namespace {

std::string fixed1(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::string quota_text(double cpus) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g", cpus);
    return buffer;
}

std::optional<std::string> environment(const SizingRequest& request, const std::string& name) {
    std::optional<std::string> value;
    if (request.getenv) {
        value = request.getenv(name);
    } else if (const char* text = std::getenv(name.c_str())) {
        value = text;
    }
    if (value && value->empty()) value.reset();
    return value;
}

// flag > environment > nullopt (auto); the reason names where an override came from.
std::optional<Chosen<uint64_t>> override_of(const SizingRequest& request,
                                            const std::optional<uint64_t>& flag,
                                            std::string_view flag_name, const char* variable,
                                            uint64_t max) {
    if (flag) {
        if (*flag == 0 || *flag > max) {
            throw InvalidSetting(std::string(flag_name) + " must be between 1 and " +
                                 std::to_string(max) + " (got " + std::to_string(*flag) + ")");
        }
        return Chosen<uint64_t>{
            *flag, std::string(flag_name) + " " + std::to_string(*flag) + " (command line)"};
    }
    if (const auto text = environment(request, variable)) {
        const uint64_t value = parse_setting(variable, *text, max);
        return Chosen<uint64_t>{
            value, std::string(variable) + "=" + std::to_string(value) + " (environment)"};
    }
    return std::nullopt;
}

Chosen<unsigned> choose_usable_cpus(const SystemResources& system) {
    std::vector<std::string> terms;
    std::optional<unsigned> usable;
    const auto take = [&](std::optional<unsigned> value, const std::string& term) {
        if (!value) return;
        terms.push_back(term);
        usable = usable ? std::min(*usable, *value) : *value;
    };
    if (system.hardware_threads.value) {
        take(system.hardware_threads.value,
             "hardware threads " + std::to_string(*system.hardware_threads.value));
    }
    if (system.affinity_cpus.value) {
        take(system.affinity_cpus.value,
             "affinity mask " + std::to_string(*system.affinity_cpus.value));
    }
    if (system.cpu_quota.value) {
        const auto quota_cpus =
            static_cast<unsigned>(std::max(1.0, std::ceil(*system.cpu_quota.value - 1e-9)));
        take(quota_cpus, "cgroup quota " + quota_text(*system.cpu_quota.value) + " CPUs -> " +
                             std::to_string(quota_cpus));
    }
    if (!usable) return {1, "nothing known about the CPUs: assuming 1"};
    std::string reason = "min(";
    for (size_t i = 0; i < terms.size(); ++i) reason += (i ? ", " : "") + terms[i];
    reason += ")";
    if (!system.cpu_quota.value) reason += "; no CPU quota";
    return {std::max(1u, *usable), reason};
}

Chosen<std::optional<uint64_t>> choose_usable_memory(const SystemResources& system) {
    std::optional<uint64_t> usable;
    std::vector<std::string> terms;
    if (system.mem_available.value) {
        usable = *system.mem_available.value;
        terms.push_back("MemAvailable " + format_memory(*system.mem_available.value));
    } else if (system.mem_total.value) {
        usable = *system.mem_total.value;
        terms.push_back("MemTotal " + format_memory(*system.mem_total.value) +
                        " (no MemAvailable)");
    }
    if (system.cgroup_memory_limit.value) {
        const uint64_t limit = *system.cgroup_memory_limit.value;
        const uint64_t used = system.cgroup_memory_usage.value.value_or(0);
        const uint64_t left = limit > used ? limit - used : 0;
        terms.push_back("cgroup limit " + format_memory(limit) + " - usage " + format_memory(used) +
                        " = " + format_memory(left));
        usable = usable ? std::min(*usable, left) : left;
    }
    if (!usable) return {std::nullopt, "nothing known about memory"};
    std::string reason = terms.size() == 1 ? terms[0] : "min(" + terms[0] + ", " + terms[1] + ")";
    if (!system.cgroup_memory_limit.value) reason += "; no cgroup memory limit";
    return {usable, reason};
}

Chosen<uint64_t> choose_memory_budget(const Sizing& sizing, const SizingRequest& request) {
    if (request.memory_budget_bytes) {
        if (*request.memory_budget_bytes == 0) {
            throw InvalidSetting("the memory budget must be positive");
        }
        return {*request.memory_budget_bytes, "explicit budget (command line)"};
    }
    const auto& usable = sizing.usable_memory_bytes.value;
    if (!usable) {
        return {kUnknownMemoryBudget,
                "usable memory unknown: assuming " + format_memory(kUnknownMemoryBudget)};
    }
    // A quarter is left for everything the estimates do not see (allocator slack, page cache
    // the outputs need, the rest of the system).
    const uint64_t three_quarters = *usable / 4 * 3;
    if (three_quarters < kMinMemoryBudget) {
        return {kMinMemoryBudget, "3/4 of usable memory is only " + format_memory(three_quarters) +
                                      ": using the minimum " + format_memory(kMinMemoryBudget)};
    }
    return {three_quarters, "3/4 of usable memory (" + format_memory(*usable) + ")"};
}

Chosen<uint64_t> choose_chunk_rows(const Sizing& sizing, const SizingRequest& request) {
    if (auto chosen = override_of(request, request.chunk_rows, "--chunk-size", kChunkSizeVariable,
                                  kMaxChunkRows)) {
        return *chosen;
    }
    const uint64_t blocks = request.blocks_in_flight != 0
                                ? request.blocks_in_flight
                                : std::max<uint64_t>(4, 2 * sizing.workers.value);
    const uint64_t row_bytes = std::max<uint64_t>(1, request.bytes_per_row_in_flight);
    // Extraction gets a quarter of the budget for the blocks it has in flight.
    const uint64_t share = sizing.memory_budget_bytes.value / 4;
    const uint64_t fitting = share / (blocks * row_bytes);
    const std::string arithmetic = "a quarter of the memory budget (" + format_memory(share) +
                                   ") / (" + std::to_string(blocks) + " blocks in flight x " +
                                   std::to_string(row_bytes) +
                                   " B per row) = " + std::to_string(fitting) + " rows";
    if (fitting >= kDefaultChunkRows) {
        return {kDefaultChunkRows, "the default; " + arithmetic + " would allow more"};
    }
    if (fitting < kMinAutoChunkRows) {
        return {kMinAutoChunkRows,
                arithmetic + ", raised to the minimum " + std::to_string(kMinAutoChunkRows)};
    }
    return {fitting, "limited by memory: " + arithmetic};
}

}  // namespace

uint64_t parse_setting(std::string_view name, std::string_view text, uint64_t max) {
    std::string_view digits = text;
    while (!digits.empty() && (digits.front() == ' ' || digits.front() == '\t'))
        digits.remove_prefix(1);
    while (!digits.empty() &&
           (digits.back() == ' ' || digits.back() == '\t' || digits.back() == '\n'))
        digits.remove_suffix(1);
    const std::string shown = std::string(name) + "='" + std::string(text) + "'";
    const std::string range = " (expected 1.." + std::to_string(max) + ")";
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        throw InvalidSetting(shown + " is not a positive integer" + range);
    }
    const size_t first_nonzero = digits.find_first_not_of('0');
    if (first_nonzero == std::string_view::npos) {
        throw InvalidSetting(shown + " is not a positive integer" + range);
    }
    if (digits.size() - first_nonzero > 19) throw InvalidSetting(shown + " is too large" + range);
    const uint64_t value = std::stoull(std::string(digits.substr(first_nonzero)));
    if (value > max) throw InvalidSetting(shown + " is too large" + range);
    return value;
}

std::string format_memory(uint64_t bytes) {
    constexpr uint64_t kKiB = 1024;
    if (bytes < kKiB) return std::to_string(bytes) + " B";
    const auto value = static_cast<double>(bytes);
    if (bytes < (kKiB << 10)) return fixed1(value / 1024.0) + " KiB";
    if (bytes < (kKiB << 20)) return fixed1(value / 1048576.0) + " MiB";
    if (bytes < (kKiB << 30)) return fixed1(value / 1073741824.0) + " GiB";
    return fixed1(value / 1099511627776.0) + " TiB";
}

Sizing choose_sizing(const SystemResources& system, const SizingRequest& request) {
    Sizing sizing;
    sizing.usable_cpus = choose_usable_cpus(system);
    sizing.usable_memory_bytes = choose_usable_memory(system);

    if (auto chosen =
            override_of(request, request.workers, "--workers", kWorkersVariable, kMaxWorkers)) {
        sizing.workers = {static_cast<size_t>(chosen->value), chosen->reason};
        if (chosen->value > sizing.usable_cpus.value) {
            sizing.workers.reason += "; more than the " + std::to_string(sizing.usable_cpus.value) +
                                     " usable CPUs, so workers will share them";
        }
    } else {
        sizing.workers = {sizing.usable_cpus.value, "one per usable CPU"};
    }
    sizing.memory_budget_bytes = choose_memory_budget(sizing, request);
    sizing.chunk_rows = choose_chunk_rows(sizing, request);
    return sizing;
}

}  // namespace mdp::engine
