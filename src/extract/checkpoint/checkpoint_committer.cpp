#include "extract/checkpoint/checkpoint_committer.h"

#include <fcntl.h>
#include <unistd.h>

#include <utility>

#include "common/errors.h"

namespace mdp::extract {

CheckpointCommitter::CheckpointCommitter(std::filesystem::path output_dir) : output_dir_(std::move(output_dir)) {
    sync_fd_ = UniqueFd(::open(output_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!sync_fd_) throw IoError::from_errno("open", output_dir_);
}

CheckpointCommitter::~CheckpointCommitter() {
    if (in_flight_.joinable()) in_flight_.join();
}

void CheckpointCommitter::sync_and_save(const ExtractionCheckpoint& snapshot) const {
    if (::syncfs(sync_fd_.get()) != 0) throw IoError::from_errno("sync", output_dir_);
    snapshot.save(output_dir_);
}

void CheckpointCommitter::commit(const ExtractionCheckpoint& snapshot) {
    wait();
    sync_and_save(snapshot);
}

void CheckpointCommitter::commit_in_background(ExtractionCheckpoint snapshot) {
    wait();
    in_flight_ = std::thread([this, snapshot = std::move(snapshot)] {
        try {
            sync_and_save(snapshot);
        } catch (...) {
            error_ = std::current_exception();
        }
    });
}

void CheckpointCommitter::wait() {
    if (in_flight_.joinable()) in_flight_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

}  // namespace mdp::extract
