#pragma once
// Commits extraction checkpoints: makes every byte written so far durable (syncfs on the
// output's file system), then saves the checkpoint atomically. That order is what makes resume
// exact: a checkpoint never describes bytes a power loss could take back.
//
// The sync is the slow part (on a disk, about as long as routing the gigabyte it covers), and
// nothing in it needs the pipeline, so commit_in_background() runs it on a thread of its own
// while the next blocks are routed and written. Bytes written after the snapshot may be synced
// with it; that is harmless, since resume cuts every file back to the checkpoint's lengths. At
// most one commit is in flight, so checkpoints land in order and memory stays bounded.

#include <exception>
#include <filesystem>
#include <thread>

#include "common/unique_fd.h"
#include "extract/checkpoint/extraction_checkpoint.h"

namespace mdp::extract {

class CheckpointCommitter {
public:
    explicit CheckpointCommitter(std::filesystem::path output_dir);
    CheckpointCommitter(const CheckpointCommitter&) = delete;
    CheckpointCommitter& operator=(const CheckpointCommitter&) = delete;
    // Waits for a commit in flight; its error, if any, is dropped (the run is already failing
    // or wait() was called).
    ~CheckpointCommitter();

    // Waits for the previous commit, then commits `snapshot` here, now. Throws IoError.
    void commit(const ExtractionCheckpoint& snapshot);
    // Waits for the previous commit (rethrowing its error), then starts committing `snapshot`
    // on a background thread.
    void commit_in_background(ExtractionCheckpoint snapshot);
    // Waits for the commit in flight, if any; rethrows its error.
    void wait();

private:
    void sync_and_save(const ExtractionCheckpoint& snapshot) const;

    std::filesystem::path output_dir_;
    UniqueFd sync_fd_;
    std::thread in_flight_;
    std::exception_ptr error_;
};

}  // namespace mdp::extract
