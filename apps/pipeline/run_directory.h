#pragma once
// One run's hold on its output directory: the lock (one writer per directory, for the life of
// the run) and the registry. begin_run() decides whether this invocation may start, resume or
// restart the run there, by comparing the inputs and output-affecting settings with what the
// registry recorded.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "extract/input/content_hasher.h"
#include "pipeline_settings.h"
#include "registry/output_directory_lock.h"
#include "registry/partition_registry.h"

namespace mdp::app {

class RunDirectory {
public:
    // Creates the directory if needed, takes its lock (throws registry::OutputBusyError naming
    // the holder) and loads the registry.
    explicit RunDirectory(const std::filesystem::path& output);
    ~RunDirectory();
    RunDirectory(const RunDirectory&) = delete;
    RunDirectory& operator=(const RunDirectory&) = delete;

    registry::PartitionRegistry& registry() { return registry_; }
    const registry::PartitionRegistry& registry() const { return registry_; }
    const std::filesystem::path& path() const { return output_; }

    // For a run that reads inputs (a full run or `extract`). Fills in input paths missing from
    // `settings` from the registry when resuming. Throws ResumeRefused when the directory holds
    // a run and neither --resume nor --restart was given, or when --resume finds other inputs
    // or settings; with --restart, forgets the previous run's registry and results.
    // With --append on a directory that holds a run, the run's inputs followed by the new ones
    // given (those already in the run are skipped; a changed one is refused).
    void begin_run(PipelineSettings& settings);

    // For phases that only use what is there (`process`, `aggregate`): throws ResumeRefused if
    // extraction has not completed, or if the output-affecting settings differ from the run's.
    void require_extracted(const PipelineSettings& settings) const;

    bool extraction_complete() const;

    // Records the content hash of input `ordinal` (its identity), once extraction has read it to
    // its end; durable before extraction's checkpoint records the input as done.
    void record_content_hash(size_t ordinal, const extract::Hash128& hash);

    // The settings that change outputs, as recorded in the registry.
    static nlohmann::json output_settings(const PipelineSettings& settings);

private:
    void begin_append(PipelineSettings& settings);
    // Throws ResumeRefused unless `given` are the recorded inputs (input_identity.h); records
    // where they are now.
    void check_inputs_for_resume(std::vector<registry::InputFingerprint>& given);

    std::filesystem::path output_;
    bool created_directory_ = false;  // by this invocation
    registry::OutputDirectoryLock lock_;
    registry::PartitionRegistry registry_;
};

}  // namespace mdp::app
