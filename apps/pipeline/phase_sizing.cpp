#include "phase_sizing.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "engine/sizing.h"
#include "common/unique_fd.h"
#include "process_phase.h"

namespace mdp::app {

namespace {

constexpr uint64_t kMaxBlockBytes = 8ULL << 20;  // bigger blocks do not read faster
constexpr size_t kDefaultLineBytes = 256;

// Average line length over the first 64 KiB of a file, to turn a chunk size in rows into bytes.
// Not for a pipe, whose bytes would be consumed (nor a compressed file, where it would be wrong:
// such a file's first bytes are not lines, so the default is kept).
size_t average_line_bytes(const std::filesystem::path& path) {
    std::error_code error;
    if (path.empty() || !std::filesystem::is_regular_file(path, error)) return kDefaultLineBytes;
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return kDefaultLineBytes;
    std::string sample(64 * 1024, '\0');
    const ssize_t n = ::read(fd.get(), sample.data(), sample.size());
    if (n <= 0) return kDefaultLineBytes;
    const auto lines = std::count(sample.begin(), sample.begin() + n, '\n');
    return lines > 1 ? static_cast<size_t>(n / lines) : kDefaultLineBytes;
}

// In the binary units of the sizing above it (MiB, GiB).
std::string bytes_text(uint64_t bytes) { return engine::format_memory(bytes); }

}  // namespace

ExtractionSizing size_extraction(const ResourcePlan& plan, const PipelineSettings& settings,
                                 const std::filesystem::path& first_input) {
    ExtractionSizing sizing;
    sizing.memory_bytes = std::min(plan.sizing.memory_budget_bytes.value, kExtractionMemoryCap);
    sizing.threads = plan.sizing.usable_cpus.value;
    sizing.line_bytes = average_line_bytes(first_input);
    sizing.blocks_in_flight = 2 * sizing.threads + 2;
    // A quarter of the memory for blocks in flight, half for rows waiting to be written.
    const uint64_t block_cap =
        std::clamp<uint64_t>(sizing.memory_bytes / 4 / sizing.blocks_in_flight, 64 << 10, kMaxBlockBytes);
    sizing.block_bytes = static_cast<size_t>(
        std::clamp<uint64_t>(plan.sizing.chunk_rows.value * sizing.line_bytes, 64 << 10, block_cap));
    sizing.block_bytes = std::max(sizing.block_bytes, settings.max_line_bytes);
    sizing.pending_budget_bytes = std::max<uint64_t>(sizing.memory_bytes / 2, 16 << 20);
    return sizing;
}

std::string describe_phases(const ResourcePlan& plan, const PipelineSettings& settings) {
    const std::filesystem::path first = settings.orders.empty() ? std::filesystem::path() : settings.orders.front();
    const ExtractionSizing extraction = size_extraction(plan, settings, first);
    std::ostringstream out;
    out << describe_plan(plan) << "\nWhat each phase uses of it:\n";
    out << "  extract    " << extraction.threads << " threads; memory " << bytes_text(extraction.memory_bytes)
        << " (the budget, capped at " << bytes_text(kExtractionMemoryCap) << ": extraction streams); blocks of "
        << bytes_text(extraction.block_bytes) << " (" << plan.sizing.chunk_rows.value << " rows x ~"
        << extraction.line_bytes << " bytes, at most a quarter of the memory over " << extraction.blocks_in_flight
        << " blocks in flight); up to " << bytes_text(extraction.pending_budget_bytes)
        << " of rows held before writing\n";
    out << "  process    " << plan.sizing.workers.value << " partitions at once; a partition starts only while "
        << "the estimates of those running fit in " << bytes_text(plan.sizing.memory_budget_bytes.value)
        << " (estimate: twice its input bytes + " << bytes_text(estimated_analysis_memory(0)) << ")\n";
    out << "  aggregate  one thread; memory grows with the consolidated samples (one value per set-A order "
           "and metric), not with the input\n";
    return out.str();
}

}  // namespace mdp::app
