#include "partition_analysis_task.h"

#include <fcntl.h>

#include <cerrno>
#include <stdexcept>

#include "common/beneath.h"
#include "common/errors.h"
#include "extract/input/input_role.h"
#include "partition_views.h"
#include "results/partition_record.h"

namespace mdp::app {

namespace fs = std::filesystem;

PartitionAnalysisTask::PartitionAnalysisTask(fs::path output_dir, analyzers::AnalysisSettings settings,
                                             bool write_stats_views,
                                             std::unordered_map<std::string, registry::InputCountsMap> expected_inputs)
    : output_dir_(std::move(output_dir)),
      output_fd_(open_directory(output_dir_)),
      settings_(settings),
      write_stats_views_(write_stats_views),
      packs_(output_fd_.get(), output_dir_, fs::path(results::kDefaultPacksDirectory)),
      expected_inputs_(std::move(expected_inputs)) {}

void PartitionAnalysisTask::check_input_files(const PartitionKey& key, const fs::path& directory,
                                              const registry::InputCountsMap* expected) const {
    // Results are written into the partition's directory: it must be ours, not a link planted
    // to send them (or the removal of an old stats/) elsewhere.
    try {
        open_beneath(output_fd_.get(), key.directory_under(fs::path()), O_PATH | O_DIRECTORY, 0, output_dir_);
    } catch (const IoError& e) {
        if (e.error_number() != ENOENT) throw engine::PermanentTaskError(e.what());
    }
    if (expected == nullptr) return;
    for (const extract::InputRole role : extract::kAllInputRoles) {
        const auto counts = expected->find(std::string(extract::role_name(role)));
        const int64_t want = counts == expected->end() ? 0 : counts->second.bytes;
        const fs::path file = directory / extract::partition_file_name(role);
        std::error_code error;
        const auto size = fs::file_size(file, error);
        const int64_t have = error ? 0 : static_cast<int64_t>(size);
        if (have == want) continue;
        const std::string what = error ? "is missing" : "holds " + std::to_string(have) + " bytes";
        throw engine::PermanentTaskError(
            file.lexically_relative(output_dir_).string() + " " + what + " but extraction wrote " +
            std::to_string(want) + " bytes to it: the partition's input was changed after extraction "
            "(restore the file, or start over with --restart)");
    }
}

engine::TaskResult PartitionAnalysisTask::run(const engine::WorkItem& item) {
    const auto expected = expected_inputs_.find(item.id);
    return run_expecting(item, expected == expected_inputs_.end() ? nullptr : &expected->second);
}

engine::TaskResult PartitionAnalysisTask::run_expecting(const engine::WorkItem& item,
                                                        const registry::InputCountsMap* expected) const {
    const auto key = PartitionKey::parse(item.id);
    if (!key) throw engine::PermanentTaskError("not a partition key: " + item.id);
    const fs::path directory = key->directory_under(output_dir_);
    check_input_files(*key, directory, expected);
    // The engine calls run() from its worker threads, which live for the whole run: one read
    // buffer per thread is reused for every partition that thread analyses (read_buffer.h), so
    // the input files land in memory that is already mapped. Between partitions it holds at most
    // kKeptReadBuffer bytes for sure (the memory budget only sees running partitions'
    // estimates); the kernel may take back the rest whenever it needs memory (ReadBuffer::trim).
    constexpr size_t kKeptReadBuffer = size_t{64} << 20;
    thread_local analyzers::ReadBuffer buffer;
    analyzers::PartitionResults results;
    try {
        results = analyzers::analyze_partition(directory, *key, settings_, buffer);
    } catch (const InputError& e) {
        // The partition's data is what it is: another attempt would fail the same way.
        buffer.trim(kKeptReadBuffer);
        throw engine::PermanentTaskError(e.what());
    }
    buffer.trim(kKeptReadBuffer);
    const std::vector<analyzers::PartitionFile> files = analyzers::render_partition_files(results);
    const results::RecordLocation location =
        packs_.append(results::encode_record(*key, results::summarize(results), files));
    if (write_stats_views_) {
        write_stats_view(directory, files);
    } else {
        // A view from an earlier analysis of this partition would no longer match its record.
        fs::remove_all(directory / kStatsDirectory);
    }
    engine::TaskResult result{results.counts()};
    results::add_location(location, result.counts);
    return result;
}

}  // namespace mdp::app
