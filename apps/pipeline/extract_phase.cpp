#include "extract_phase.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "common/byte_size.h"
#include "common/progress_meter.h"
#include "common/unique_fd.h"
#include "stop_signal.h"

namespace mdp::app {

namespace {

constexpr size_t kDefaultChunkRows = 64 * 1024;
constexpr uint64_t kDefaultMemoryBudget = 256ULL << 20;
constexpr uint64_t kMaxBlockBytes = 8ULL << 20;  // bigger blocks do not read faster

// Average line length over the first 64 KiB of a file, to turn a chunk size in rows into bytes.
size_t average_line_bytes(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return 256;
    std::string sample(64 * 1024, '\0');
    const ssize_t n = ::read(fd.get(), sample.data(), sample.size());
    if (n <= 0) return 256;
    const auto lines = std::count(sample.begin(), sample.begin() + n, '\n');
    return lines > 1 ? static_cast<size_t>(n / lines) : 256;
}

ProgressOptions progress_options(const PipelineSettings& settings, uint64_t total) {
    ProgressOptions options;
    options.label = "extract";
    options.total = total;
    options.unit = ProgressUnit::kBytes;
    if (settings.progress == ProgressStyle::kBar) options.terminal = true;
    if (settings.progress == ProgressStyle::kPlain) options.terminal = false;
    return options;
}

void print_summary(const extract::ExtractionResult& result, const std::filesystem::path& output) {
    std::cerr << "extract: " << result.partitions.size() << " partitions in " << (output / "partitions").string()
              << (result.resumed_from_checkpoint ? " (resumed from checkpoint)" : "") << "\n";
    for (const extract::InputRole role : extract::kAllInputRoles) {
        const auto& input = result.inputs[extract::index_of(role)];
        if (!input.present) continue;
        std::cerr << "  " << extract::role_name(role) << ": " << input.lines << " rows read, " << input.accepted
                  << " partitioned, " << input.rejected << " rejected";
        if (input.rejected > 0) {
            std::cerr << " (see " << extract::PartitionFileSet::rejects_path(output, role).string() << ")";
        }
        std::cerr << "\n";
    }
    const double mb_per_s = result.seconds > 0 ? static_cast<double>(result.bytes_read_this_run) / 1e6 / result.seconds : 0;
    std::cerr << "  " << format_byte_size(result.bytes_read_this_run) << " read in " << result.seconds << " s ("
              << static_cast<int64_t>(mb_per_s) << " MB/s)\n";
}

}  // namespace

extract::ExtractionResult run_extract_phase(const PipelineSettings& settings) {
    extract::ExtractionOptions options;
    options.output_dir = settings.output;
    options.inputs[extract::index_of(extract::InputRole::kOrders)] = settings.orders;
    options.inputs[extract::index_of(extract::InputRole::kTrades)] = settings.trades;
    options.inputs[extract::index_of(extract::InputRole::kNbbo)] = settings.nbbo;
    options.timezone = settings.timezone;
    options.keep_columns = settings.columns;
    options.start_mode = settings.restart  ? extract::StartMode::kRestart
                         : settings.resume ? extract::StartMode::kResume
                                           : extract::StartMode::kFresh;
    options.max_rejects = settings.max_rejects;
    options.max_line_bytes = settings.max_line_bytes;
    options.checkpoint_every_bytes = settings.checkpoint_every_bytes;
    options.checkpoint_every_seconds = settings.checkpoint_every_seconds;
    options.stop_requested = &stop_requested();

    // Memory: a quarter of the budget for blocks in flight, half for rows waiting to be written.
    const uint64_t budget = settings.memory_budget_bytes.value_or(kDefaultMemoryBudget);
    const size_t chunk_rows = settings.chunk_rows.value_or(kDefaultChunkRows);
    const size_t line_bytes = settings.orders ? average_line_bytes(*settings.orders) : 256;
    const size_t threads = std::max<size_t>(1, settings.workers.value_or(0));
    const uint64_t block_cap = std::max<uint64_t>(1 << 20, budget / 4 / (2 * threads + 2));
    options.block_bytes = static_cast<size_t>(std::clamp<uint64_t>(uint64_t{chunk_rows} * line_bytes, 64 << 10, std::min<uint64_t>(block_cap, kMaxBlockBytes)));
    options.block_bytes = std::max(options.block_bytes, options.max_line_bytes);
    options.pending_budget_bytes = std::max<uint64_t>(budget / 2, 16 << 20);
    options.threads = settings.workers.value_or(0);

    std::unique_ptr<ProgressMeter> meter;
    uint64_t reported = 0;
    if (settings.progress != ProgressStyle::kNone) {
        options.on_progress = [&](uint64_t done, uint64_t total) {
            if (!meter) {
                meter = std::make_unique<ProgressMeter>(progress_options(settings, total));
                reported = 0;
            }
            if (done > reported) meter->advance(done - reported);
            reported = std::max(reported, done);
        };
    }
    auto result = extract::run_extraction(options);
    if (meter) meter->finish();
    if (settings.progress != ProgressStyle::kNone) print_summary(result, settings.output);
    return result;
}

}  // namespace mdp::app
