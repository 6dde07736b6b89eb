#include "registry_listener.h"

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

#include "common/errors.h"

namespace mdp::app {

namespace {

PartitionKey key_of(const engine::WorkItem& item) {
    const auto key = PartitionKey::parse(item.id);
    if (!key) throw std::logic_error("work item '" + item.id + "' is not a partition key");
    return *key;
}

}  // namespace

RegistryListener::RegistryListener(registry::PartitionRegistry& registry, const std::filesystem::path& output_dir)
    : registry_(registry),
      output_dir_(output_dir),
      output_fd_(::open(output_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (!output_fd_) throw IoError::from_errno("open", output_dir);
}

void RegistryListener::on_started(const engine::WorkItem& item, uint32_t) {
    registry_.mark_running(key_of(item), registry::Clock::now());
    ++unflushed_;
}

void RegistryListener::on_completed(const engine::WorkItem& item, const engine::TaskResult& result,
                                    double seconds) {
    registry_.mark_completed(key_of(item), result.counts, std::chrono::duration<double>(seconds),
                             registry::Clock::now());
    ++unflushed_;
}

void RegistryListener::on_attempt_failed(const engine::WorkItem& item, uint32_t, const std::string& error,
                                         bool) {
    // A failed attempt that will be retried is still recorded as failed with its error, so
    // `status` shows the truth while the retry waits; the retry's start makes it running again.
    registry_.mark_failed(key_of(item), error, registry::Clock::now());
    ++unflushed_;
}

void RegistryListener::on_idle_checkpoint() {
    if (unflushed_ == 0) return;
    if (::syncfs(output_fd_.get()) != 0) throw IoError::from_errno("sync", output_dir_);
    registry_.flush();
    unflushed_ = 0;
}

}  // namespace mdp::app
