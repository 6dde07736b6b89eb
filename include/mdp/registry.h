#pragma once
// The mdp library's stable facade over a run's partition registry: what a researcher's own
// program needs to inspect a run directory and repair it between runs, without the engine's
// internal headers. It does what the `status` and `reset-failed` commands do, with the same
// safety rule: a handle that may change the registry holds the run directory's lock (the one a
// running pipeline holds for its whole life), so it is refused while a pipeline uses the
// directory, and a pipeline started meanwhile is refused until the handle is gone.
//
//   auto run = mdp::api::RunRegistry::open("runs/2024-05");   // locks; throws mdp::api::Error
//   const auto counts = run.counts();
//   const std::size_t reset = run.reset_failed();             // durable when it returns
//   // then: run_multidataset_pipeline --output runs/2024-05 --resume
//
// Every failure is thrown as mdp::api::Error (<mdp/error.h>). Not thread-safe: use one handle
// from one thread at a time.

#include <mdp/error.h>
#include <mdp/partition.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace mdp::api {

class RunRegistry {
  public:
    // Opens the registry of the run in `run_directory` for changes: takes the directory's lock
    // without waiting, then loads the registry. Throws Error with kBadInput when the directory
    // holds no run (no partition_registry.json; nothing is created then), kOutputBusy when a
    // pipeline or another handle holds the lock (holder_pid() names it), kOutputError when the
    // files cannot be read or the lock file cannot be written.
    static RunRegistry open(const std::filesystem::path& run_directory);

    // Opens the registry for reading only, without the lock, as `status` does: it works while a
    // pipeline is running and sees the registry as it was durable at this moment. The reset
    // calls throw Error(kInternalError) on such a handle.
    static RunRegistry open_read_only(const std::filesystem::path& run_directory);

    RunRegistry(RunRegistry&&) noexcept;
    RunRegistry& operator=(RunRegistry&&) noexcept;
    RunRegistry(const RunRegistry&) = delete;
    RunRegistry& operator=(const RunRegistry&) = delete;
    // Releases the lock (the registry is already durable: every change is saved by its call).
    ~RunRegistry();

    const std::filesystem::path& directory() const;
    bool read_only() const;

    StatusCounts counts() const;
    // Every partition in key order (trading date, then security).
    std::vector<PartitionInfo> partitions() const;
    // The partitions with this status, in key order.
    std::vector<PartitionInfo> partitions(PartitionStatus status) const;

    // failed -> pending with attempts back to 0 (last_error kept), so the next `--resume`
    // analyses them again; what `reset-failed` does. Saved before it returns. Returns how many.
    std::size_t reset_failed();
    // running -> pending, attempts kept: partitions left `running` by a pipeline that died. (A
    // `--resume` does this itself; this is for tools that inspect a crashed run first.) The
    // lock proves no pipeline runs them. Saved before it returns. Returns how many.
    std::size_t reset_interrupted();

  private:
    struct Impl;
    explicit RunRegistry(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mdp::api
