#include "extract/stream_extractor.h"

#include <algorithm>
#include <chrono>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <sstream>

#include "common/errors.h"
#include "extract/buffer_pool.h"
#include "extract/checkpoint/checkpoint_committer.h"
#include "extract/checkpoint/extraction_checkpoint.h"
#include "extract/input/input_block_reader.h"
#include "extract/input/input_list.h"
#include "extract/input/input_plan.h"
#include "extract/routing/market_time_zone.h"
#include "extract/output/partition_tree_reconciler.h"

namespace mdp::extract {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

std::string csv_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (const char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// The identity of a run: the tz database's rules for the zone, every option that changes the
// bytes of the partition files, and the inputs' roles in order. Fields are "name=value" joined by
// ';' so a mismatch can be named. The inputs' content is not here: a resume checks it by reading
// again what it extracted before (extract_input), and the finished inputs' content hashes are
// kept with the run (docs/extraction.md, "Resume").
std::string run_identity(const ExtractionOptions& options, const MarketTimeZone& zone,
                         const std::vector<InputPlan>& plans) {
    std::ostringstream id;
    id << "format=2;timezone=" << options.timezone << ";tzdata=" << std::hex << zone.data_fingerprint()
       << std::dec << ";max_line_bytes=" << options.max_line_bytes
       << ";columns=";
    for (size_t i = 0; i < options.keep_columns.size(); ++i) id << (i ? "," : "") << options.keep_columns[i];
    for (const InputPlan& plan : plans) id << ";input=" << role_name(plan.role);
    return id.str();
}

// True when `now` is `was` with inputs added at the end (the same settings and earlier inputs):
// a checkpoint of `was` can be continued by reading the added inputs after its own.
bool extends(const std::string& now, const std::string& was) {
    return now.size() > was.size() && now.compare(0, was.size(), was) == 0 && now[was.size()] == ';';
}

std::string first_difference(const std::string& was, const std::string& now) {
    auto split = [](const std::string& s) {
        std::vector<std::string> parts;
        std::istringstream in(s);
        for (std::string part; std::getline(in, part, ';');) parts.push_back(part);
        return parts;
    };
    const auto a = split(was);
    const auto b = split(now);
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        const std::string x = i < a.size() ? a[i] : "(nothing)";
        const std::string y = i < b.size() ? b[i] : "(nothing)";
        if (x != y) return "was '" + x + "', now '" + y + "'";
    }
    return "identical";
}

// No stage of the pipeline throws: oneTBB does not destroy the blocks in flight when an
// exception cancels a parallel_pipeline (LeakSanitizer found each of them leaked when a disk
// filled up). The first failure is kept instead; the reader then stops, the other stages let
// the blocks in flight drain, and the failure is rethrown once the pipeline has ended.
// A failure of the reader (a corrupt or truncated compressed stream, a read error) comes after
// every block before it was handed on: those are routed and written as usual, so the rows before
// the damage are partitioned and checkpointed before the error is reported.
class StageFailure {
public:
    // Any stage failed: the reader reads no more.
    bool happened() const { return happened_.load(std::memory_order_acquire); }
    // Routing or writing failed: the blocks in flight are dropped, not written.
    bool downstream() const { return downstream_.load(std::memory_order_acquire); }
    bool only_in_reader() const { return happened() && !downstream(); }
    void record(std::exception_ptr error, bool in_reader) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::move(error);
        if (!in_reader) downstream_.store(true, std::memory_order_release);
        happened_.store(true, std::memory_order_release);
    }
    void rethrow_if_any() const {
        if (error_) std::rethrow_exception(error_);
    }

private:
    std::atomic<bool> happened_{false};
    std::atomic<bool> downstream_{false};
    std::mutex mutex_;
    std::exception_ptr error_;
};

// Runs one extraction; one instance per run_extraction call.
class StreamExtractor {
public:
    explicit StreamExtractor(const ExtractionOptions& options)
        : options_(options),
          zone_(MarketTimeZone::load(options.timezone)),
          buffers_(InputBlockReader::block_bytes_for(options.block_bytes)),
          files_(options.output_dir,
                 options.max_open_files ? options.max_open_files : OpenFileCache::default_capacity(),
                 options.pending_budget_bytes) {}

    ExtractionResult run() {
        const auto started = Clock::now();
        if (options_.inputs.empty()) throw std::invalid_argument("run_extraction: no inputs");
        require_distinct_inputs(options_.inputs);
        plan_inputs();
        checkpoint_.identity = run_identity(options_, zone_, plans_);
        checkpoint_.inputs.assign(plans_.size(), InputProgress{});
        rejects_names_ = rejects_file_names(options_.inputs);
        files_.declare_inputs(rejects_names_);
        fs::create_directories(options_.output_dir);
        const bool resumed = prepare_output();
        committer_.emplace(options_.output_dir);

        for (const InputPlan& plan : plans_) total_bytes_ += plan.size;
        for (size_t i = 0; i < plans_.size(); ++i) {
            InputProgress& progress = checkpoint_.inputs[i];
            if (!progress.done) extract_input(i, plans_[i], progress);
            done_bytes_before_ += plans_[i].size;
        }

        ExtractionResult result;
        result.partitions = files_.partitions();
        std::sort(result.partitions.begin(), result.partitions.end(),
                  [](const PartitionFiles& a, const PartitionFiles& b) { return a.key < b.key; });
        for (size_t i = 0; i < plans_.size(); ++i) {
            InputSummary& summary = result.inputs.emplace_back();
            summary.role = plans_[i].role;
            summary.path = plans_[i].path;
            summary.rejects_file = PartitionFileSet::rejects_path(options_.output_dir, rejects_names_[i]);
            summary.bytes = plans_[i].size;
            summary.lines = checkpoint_.inputs[i].lines;
            summary.rejected = files_.rejects()[i].rows;
            summary.accepted = summary.lines - summary.rejected;
        }
        result.resumed_from_checkpoint = resumed;
        result.bytes_read_this_run = bytes_read_this_run_;
        result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        return result;
    }

private:
    // Every input's header is read and checked before any row is, so a bad header in the last
    // file fails the run before work is done. Later inputs of a role follow the first's columns.
    void plan_inputs() {
        std::array<std::optional<size_t>, 3> first_of_role;
        for (const InputSpec& input : options_.inputs) {
            InputPlan plan = plan_input(input.role, input.path, options_.keep_columns, options_.max_line_bytes,
                                        options_.analysed_columns);
            std::optional<size_t>& first = first_of_role[index_of(input.role)];
            if (first) {
                conform_to_first(plan, plans_[*first]);
            } else {
                first = plans_.size();
            }
            plans_.push_back(std::move(plan));
        }
        check_keep_columns();
    }

    void check_keep_columns() const {
        for (const std::string& name : options_.keep_columns) {
            const bool anywhere = std::any_of(plans_.begin(), plans_.end(),
                                              [&](const InputPlan& p) { return p.header.find(name).has_value(); });
            if (!anywhere) throw InputError(plans_.front().path, 1, "--columns names '" + name + "', which no input has");
        }
    }

    // Returns true when work resumes from a checkpoint.
    bool prepare_output() {
        const auto previous = ExtractionCheckpoint::load(options_.output_dir);
        const bool has_partitions = fs::exists(options_.output_dir / "partitions");
        switch (options_.start_mode) {
            case StartMode::kFresh:
                if (previous || has_partitions) {
                    throw ResumeRefused(options_.output_dir.string() +
                                        " already holds an extraction; pass --resume to continue it or "
                                        "--restart to start over");
                }
                return false;
            case StartMode::kRestart:
                fs::remove(ExtractionCheckpoint::path_in(options_.output_dir));
                reconcile_with_checkpoint(options_.output_dir, nullptr, rejects_names_);
                return false;
            case StartMode::kResume:
                break;
        }
        if (!previous) {
            reconcile_with_checkpoint(options_.output_dir, nullptr, rejects_names_);
            return false;
        }
        const bool extends_previous = extends(checkpoint_.identity, previous->identity);
        if (previous->identity != checkpoint_.identity && !extends_previous) {
            throw ResumeRefused("cannot resume in " + options_.output_dir.string() +
                                ": the inputs or settings changed (" +
                                first_difference(previous->identity, checkpoint_.identity) +
                                "); pass --restart to start over");
        }
        try {
            reconcile_with_checkpoint(options_.output_dir, &*previous, rejects_names_);
        } catch (const std::runtime_error& e) {
            if (dynamic_cast<const IoError*>(&e) != nullptr) throw;
            throw ResumeRefused(e.what());
        }
        // Inputs added since (an append) start from nothing, after the previous ones.
        std::copy(previous->inputs.begin(), previous->inputs.end(), checkpoint_.inputs.begin());
        std::vector<FileCounts> rejects = previous->rejects;
        rejects.resize(plans_.size());
        files_.restore(previous->partitions, std::move(rejects));
        return true;
    }

    void extract_input(size_t input, const InputPlan& plan, InputProgress& progress) {
        RoutingRules rules = plan.rules;
        rules.zone = &zone_;
        const LineRouter router(std::move(rules));
        if (progress.offset < plan.data_offset) progress.offset = plan.data_offset;
        const uint64_t start_offset = progress.lines == 0 ? 0 : progress.offset;
        std::optional<InputBlockReader> reader;
        if (plan.stream) {
            // A pipe: read once, from the header on; where a checkpoint left it cannot be reached again.
            if (progress.offset > plan.data_offset) {
                throw ResumeRefused("cannot resume: " + plan.path.string() +
                                    " is a pipe (or standard input) that was partly read before the "
                                    "interruption, and a pipe cannot be read again from where it stopped; "
                                    "start over with --restart, or give the data as a file");
            }
            reader.emplace(plan.stream, options_.block_bytes, buffers_, plan.read_past_header);
        } else if (progress.offset > plan.data_offset) {
            open_again(reader, plan, progress);
        } else {
            reader.emplace(plan.path, progress.offset, options_.block_bytes, buffers_);
        }
        files_.begin_input(input, plan.role, plan.partition_header);
        tbb::enumerable_thread_specific<LocalDateCache> date_caches{LocalDateCache(zone_)};

        bytes_at_last_checkpoint_ = progress.offset;
        last_checkpoint_time_ = Clock::now();
        bool stopped = false;
        StageFailure failure;

        auto read_stage = [&](tbb::flow_control& control) -> std::unique_ptr<InputBlock> {
            if (options_.stop_requested != nullptr && options_.stop_requested->load()) {
                stopped = true;
                control.stop();
                return nullptr;
            }
            std::optional<InputBlock> block;
            if (!failure.happened()) {
                try {
                    block = reader->next();
                } catch (...) {
                    failure.record(std::current_exception(), true);
                }
            }
            if (!block) {
                control.stop();
                return nullptr;
            }
            return std::make_unique<InputBlock>(std::move(*block));
        };
        auto route_stage = [&](std::unique_ptr<InputBlock> block) -> std::unique_ptr<RoutedBlock> {
            if (failure.downstream()) return nullptr;
            try {
                return std::make_unique<RoutedBlock>(router.route(std::move(*block), date_caches.local(), buffers_));
            } catch (...) {
                failure.record(std::current_exception(), false);
                return nullptr;
            }
        };
        auto write_stage = [&](std::unique_ptr<RoutedBlock> block) {
            if (!block || failure.downstream()) return;
            try {
                write_block(input, plan, progress, *block);
            } catch (...) {
                failure.record(std::current_exception(), false);
            }
        };

        const size_t threads = options_.threads ? options_.threads
                                                : static_cast<size_t>(tbb::this_task_arena::max_concurrency());
        tbb::task_arena arena(static_cast<int>(threads));
        arena.execute([&] {
            tbb::parallel_pipeline(
                2 * threads + 2,
                tbb::make_filter<void, std::unique_ptr<InputBlock>>(tbb::filter_mode::serial_in_order, read_stage) &
                    tbb::make_filter<std::unique_ptr<InputBlock>, std::unique_ptr<RoutedBlock>>(
                        tbb::filter_mode::parallel, route_stage) &
                    tbb::make_filter<std::unique_ptr<RoutedBlock>, void>(tbb::filter_mode::serial_in_order,
                                                                         write_stage));
        });
        if (failure.only_in_reader()) {
            // The rows before the damage are written: make them durable and recorded, so that
            // nothing read is read twice and `status` shows how far the input got.
            bytes_read_this_run_ += progress.offset - start_offset;
            files_.end_input();
            save_checkpoint();
        }
        failure.rethrow_if_any();  // a routing or writing failure: resume from the last checkpoint
        bytes_read_this_run_ += progress.offset - start_offset;
        if (stopped) {
            files_.end_input();
            save_checkpoint();
            throw Interrupted();
        }
        files_.end_input();
        progress.done = true;
        const ByteSource& source = reader->source();
        progress.content_hash = source.stored_bytes_are_decoded() ? progress.decoded_hash : source.raw_content_hash();
        if (options_.on_input_done) options_.on_input_done(input, progress.content_hash);
        save_checkpoint();
    }

    // A resume reads the decoded bytes it extracted before again and compares their hash with
    // the checkpoint's: the same bytes continue, even from a different stored file (a corrupt
    // .gz replaced by a good one decodes to the same prefix); anything else is refused.
    void open_again(std::optional<InputBlockReader>& reader, const InputPlan& plan,
                    const InputProgress& progress) {
        const auto refuse = [&](const std::string& why) {
            throw ResumeRefused("cannot resume: " + plan.path.string() + " " + why +
                                "; pass --restart to start over with the inputs as they are now");
        };
        try {
            reader.emplace(plan.path, progress.offset, options_.block_bytes, buffers_);
        } catch (const InputError& e) {
            refuse("no longer holds the " + std::to_string(progress.offset) +
                   " bytes extracted from it before (" + e.what() + ")");
        }
        if (reader->prefix_hash() != progress.decoded_hash) {
            refuse("is not the input extracted before: its first " + std::to_string(progress.offset) +
                   " (decoded) bytes differ from the ones already partitioned");
        }
    }

    void write_block(size_t input, const InputPlan& plan, InputProgress& progress, RoutedBlock& block) {
        const uint64_t block_start = progress.offset;  // blocks arrive in input order, end to end
        for (RejectedLine& reject : block.rejects) {
            // Physical line number: the header is line 1.
            const uint64_t line_number = progress.lines + reject.line_in_block + 2;
            files_.append_reject(std::to_string(line_number) + "," +
                                 std::to_string(block_start + reject.offset_in_block) + "," +
                                 std::string(reject_kind_name(reject.kind)) + "," + csv_quote(reject.reason) +
                                 "," + csv_quote(reject.text) + "\n");
            const uint64_t total_rejects = total_rejected();
            if (options_.max_rejects > 0 && total_rejects > options_.max_rejects) {
                throw InputError(plan.path, line_number,
                                 "more than " + std::to_string(options_.max_rejects) +
                                     " rejected rows (--max-rejects); this one: " + reject.reason + "; see " +
                                     PartitionFileSet::rejects_path(options_.output_dir, rejects_names_[input]).string());
            }
        }
        for (const RowGroup& group : block.groups) files_.append_rows(group.key, block.text_of(group), group.rows);
        files_.keep_until_flushed(std::move(block.text));
        progress.lines += block.lines;
        progress.offset = block.end_offset;
        progress.decoded_hash = block.decoded_hash;

        if (files_.should_flush()) files_.flush();
        const bool due_by_bytes = progress.offset - bytes_at_last_checkpoint_ >= options_.checkpoint_every_bytes;
        const bool due_by_time =
            std::chrono::duration<double>(Clock::now() - last_checkpoint_time_).count() >= options_.checkpoint_every_seconds;
        if (due_by_bytes || due_by_time) {
            files_.flush();
            committer_->commit_in_background(snapshot());
            bytes_at_last_checkpoint_ = progress.offset;
            last_checkpoint_time_ = Clock::now();
        }
        // In stored bytes, like the total: a compressed input's decoded offset would pass 100%.
        if (options_.on_progress) {
            options_.on_progress(done_bytes_before_ + std::min(block.raw_end, plan.size), total_bytes_);
        }
    }

    uint64_t total_rejected() const {
        uint64_t total = 0;
        for (const FileCounts& counts : files_.rejects()) total += counts.rows;
        return total;
    }

    // Where the run stands, once every pending row is written (flush first).
    ExtractionCheckpoint snapshot() const {
        ExtractionCheckpoint now;
        now.identity = checkpoint_.identity;
        now.inputs = checkpoint_.inputs;
        now.partitions = files_.partitions();
        now.rejects = files_.rejects();
        return now;
    }

    // Writes every pending row, makes it durable and records it, before returning (the ends of
    // inputs and interruptions; mid-input checkpoints are committed in the background).
    void save_checkpoint() {
        files_.flush();
        committer_->commit(snapshot());
    }

    const ExtractionOptions& options_;
    MarketTimeZone zone_;
    BufferPool buffers_;  // before files_, which keeps buffers until it writes them
    PartitionFileSet files_;
    std::vector<InputPlan> plans_;            // in input order
    std::vector<std::string> rejects_names_;  // per input
    ExtractionCheckpoint checkpoint_;  // identity and input progress; files' counts are in files_
    std::optional<CheckpointCommitter> committer_;
    uint64_t total_bytes_ = 0;
    uint64_t done_bytes_before_ = 0;
    uint64_t bytes_read_this_run_ = 0;
    uint64_t bytes_at_last_checkpoint_ = 0;
    Clock::time_point last_checkpoint_time_;
};

}  // namespace

ExtractionResult run_extraction(const ExtractionOptions& options) {
    return StreamExtractor(options).run();
}

}  // namespace mdp::extract
