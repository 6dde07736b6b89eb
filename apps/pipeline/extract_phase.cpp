#include "extract_phase.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "common/errors.h"
#include "common/progress_meter.h"
#include "phase_sizing.h"
#include "progress_display.h"
#include "common/unique_fd.h"
#include "stop_signal.h"

namespace mdp::app {

namespace {

void print_summary(const extract::ExtractionResult& result, const std::filesystem::path& output) {
    std::cerr << "extract: " << result.partitions.size() << " partitions in " << (output / "partitions").string()
              << (result.resumed_from_checkpoint ? " (resumed from checkpoint)" : "") << "\n";
    // One line per role, and per input when a role has several (up to a screenful).
    constexpr size_t kInputsListed = 20;
    for (const extract::InputRole role : extract::kAllInputRoles) {
        extract::InputSummary total;
        size_t inputs = 0;
        for (const extract::InputSummary& input : result.inputs) {
            if (input.role != role) continue;
            ++inputs;
            total.lines += input.lines;
            total.accepted += input.accepted;
            total.rejected += input.rejected;
        }
        if (inputs == 0) continue;
        std::cerr << "  " << extract::role_name(role) << ": " << total.lines << " rows read, " << total.accepted
                  << " partitioned, " << total.rejected << " rejected"
                  << (inputs > 1 ? " from " + std::to_string(inputs) + " files" : "") << "\n";
        size_t listed = 0;
        for (const extract::InputSummary& input : result.inputs) {
            if (input.role != role || (inputs == 1 && input.rejected == 0)) continue;
            if (++listed > kInputsListed) {
                std::cerr << "    ... (every input's counts: `status` and the registry)\n";
                break;
            }
            std::cerr << "    " << input.path.string() << ": " << input.lines << " rows, " << input.rejected
                      << " rejected";
            if (input.rejected > 0) std::cerr << " (see " << input.rejects_file.string() << ")";
            std::cerr << "\n";
        }
    }
    const double rate = result.seconds > 0 ? static_cast<double>(result.bytes_read_this_run) / result.seconds : 0;
    std::cerr << "  " << format_bytes(static_cast<double>(result.bytes_read_this_run)) << " read in "
              << format_duration(result.seconds) << " (" << format_rate(rate, ProgressUnit::kBytes) << ")\n";
}


void record_in_registry(const extract::ExtractionResult& result, registry::PartitionRegistry& registry) {
    std::vector<registry::PartitionRegistry::NewPartition> partitions;
    partitions.reserve(result.partitions.size());
    for (const extract::PartitionFiles& files : result.partitions) {
        registry::InputCountsMap inputs;
        for (const extract::InputRole role : extract::kAllInputRoles) {
            const extract::FileCounts& counts = files.files[extract::index_of(role)];
            if (counts.bytes > 0) {
                inputs[std::string(extract::role_name(role))] =
                    registry::InputCounts{static_cast<int64_t>(counts.rows), static_cast<int64_t>(counts.bytes)};
            }
        }
        // A partition that gained rows (an append) is analysed again.
        if (auto known = registry.find(files.key)) {
            if (known->inputs != inputs) {
                known->inputs = std::move(inputs);
                known->status = registry::PartitionStatus::kPending;
                known->attempts = 0;
                known->last_error.clear();
                known->started_at.reset();
                known->completed_at.reset();
                known->duration_sec = 0;
                known->results.clear();
                registry.put(*known);
            }
            continue;
        }
        partitions.push_back({files.key, std::move(inputs)});
    }
    registry.add_partitions(partitions);
    nlohmann::json progress{{"state", "complete"}, {"partitions", result.partitions.size()}};
    progress["inputs"] = nlohmann::json::array();
    for (const extract::InputSummary& input : result.inputs) {
        progress["inputs"].push_back({{"role", extract::role_name(input.role)},
                                      {"path", input.path.string()},
                                      {"bytes", input.bytes},
                                      {"rows", input.lines},
                                      {"accepted", input.accepted},
                                      {"rejected", input.rejected}});
    }
    registry.set_extraction_progress(std::move(progress));
    registry.flush();
}

// Rows were read but none of a role's could be partitioned: the inputs are not what the run
// expects (a wrong file, a wrong --timezone would not do this, a wrong export format would), and
// an analysis of nothing would look like a result.
void require_accepted_rows(const extract::ExtractionResult& result) {
    for (const extract::InputRole role : extract::kAllInputRoles) {
        uint64_t lines = 0, accepted = 0;
        const extract::InputSummary* example = nullptr;
        for (const extract::InputSummary& input : result.inputs) {
            if (input.role != role) continue;
            lines += input.lines;
            accepted += input.accepted;
            if (example == nullptr) example = &input;
        }
        if (lines > 0 && accepted == 0) {
            throw InputError(example->path, "every one of the " + std::to_string(lines) + " rows of the " +
                                                std::string(extract::role_name(role)) +
                                                " inputs was rejected; see " + example->rejects_file.string());
        }
    }
}

}  // namespace

void run_extract_phase(const PipelineSettings& settings, const ResourcePlan& plan, RunDirectory& run) {
    if (run.extraction_complete()) return;
    extract::ExtractionOptions options;
    options.output_dir = settings.output;
    options.inputs = settings.inputs;
    options.timezone = settings.timezone;
    options.keep_columns = settings.columns;
    // Rows with a bad cell in a column the analysis reads are rejected here, with the input's
    // line; a full run analyses what it extracts, so there such a column must be there.
    options.analysed_columns = settings.phase == Phase::kAll ? extract::AnalysedColumnCheck::kRequired
                                                             : extract::AnalysedColumnCheck::kPresent;
    options.start_mode = settings.restart  ? extract::StartMode::kRestart
                         : settings.resume || settings.append ? extract::StartMode::kResume
                                           : extract::StartMode::kFresh;
    options.max_rejects = settings.max_rejects;
    options.max_line_bytes = settings.max_line_bytes;
    options.checkpoint_every_bytes = settings.checkpoint_every_bytes;
    options.checkpoint_every_seconds = settings.checkpoint_every_seconds;
    options.stop_requested = &stop_requested();

    // One sizing for the phase and for --show-system-info (phase_sizing.h).
    const ExtractionSizing sizing = size_extraction(
        plan, settings, settings.inputs.empty() ? std::filesystem::path() : settings.inputs.front().path);
    options.threads = sizing.threads;
    options.block_bytes = sizing.block_bytes;
    options.pending_budget_bytes = sizing.pending_budget_bytes;

    std::unique_ptr<ProgressMeter> meter;
    uint64_t reported = 0;
    if (settings.progress != ProgressStyle::kNone) {
        options.on_progress = [&](uint64_t done, uint64_t total) {
            if (!meter) meter = std::make_unique<ProgressMeter>(progress_options(settings, "extract", total, ProgressUnit::kBytes));
            if (done > reported) meter->advance(done - reported);
            reported = std::max(reported, done);
        };
    }
    options.on_input_done = [&](size_t ordinal, const extract::Hash128& hash) { run.record_content_hash(ordinal, hash); };
    run.registry().set_extraction_progress(nlohmann::json{{"state", "running"}});
    run.registry().flush();
    const auto result = extract::run_extraction(options);
    if (meter) meter->finish();
    if (settings.progress != ProgressStyle::kNone) print_summary(result, settings.output);
    require_accepted_rows(result);
    record_in_registry(result, run.registry());
}

}  // namespace mdp::app
