#include "cluster/remote_work_source.h"

#include <stdexcept>
#include <utility>
#include <vector>

namespace mdp::cluster {

RemoteWorkSource::RemoteWorkSource(CoordinatorLink& link, uint32_t batch_size)
    : link_(link), batch_size_(batch_size) {
    if (batch_size_ == 0) throw std::invalid_argument("RemoteWorkSource: batch size must be at least 1");
}

void RemoteWorkSource::refill() const {
    if (exhausted_ || queue_.remaining() != 0) return;
    Batch batch = link_.request(batch_size_);
    ++requests_;
    exhausted_ = batch.exhausted || batch.items.empty();
    std::vector<engine::WorkItem> items;
    items.reserve(batch.items.size());
    {
        std::lock_guard lock(payload_mutex_);
        for (RemoteItem& remote : batch.items) {
            payloads_[remote.item.id] = std::move(remote.payload);
            items.push_back(std::move(remote.item));
        }
    }
    received_ += items.size();
    queue_ = engine::LargestFirstQueue(std::move(items));
}

const engine::WorkItem* RemoteWorkSource::next() const {
    refill();
    return queue_.next();
}

engine::WorkItem RemoteWorkSource::take() { return queue_.take(); }

void RemoteWorkSource::give_back(engine::WorkItem item) { queue_.give_back(std::move(item)); }

std::optional<std::string> RemoteWorkSource::payload(const std::string& id) const {
    std::lock_guard lock(payload_mutex_);
    const auto found = payloads_.find(id);
    if (found == payloads_.end()) return std::nullopt;
    return found->second;
}

}  // namespace mdp::cluster
