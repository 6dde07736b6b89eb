#include "cluster/work_coordinator.h"

#include <utility>

namespace mdp::cluster {

namespace {

std::vector<engine::WorkItem> items_of(const std::vector<RemoteItem>& items) {
    std::vector<engine::WorkItem> out;
    out.reserve(items.size());
    for (const RemoteItem& remote : items) out.push_back(remote.item);
    return out;
}

}  // namespace

WorkCoordinator::WorkCoordinator(std::vector<RemoteItem> items, engine::RunListener& listener,
                                 ProgressMeter* progress)
    : queue_(items_of(items)), listener_(listener), progress_(progress) {
    counts_.total = items.size();
    payloads_.reserve(items.size());
    for (RemoteItem& remote : items) payloads_.emplace(remote.item.id, std::move(remote.payload));
}

template <typename Call>
void WorkCoordinator::notify(Call&& call) {
    if (listener_error_) return;  // the listener failed once: the run is winding down
    try {
        call();
    } catch (...) {
        listener_error_ = std::current_exception();
        stopping_ = true;
    }
}

Batch WorkCoordinator::hand_out(size_t count) {
    std::lock_guard lock(mutex_);
    Batch batch;
    while (!stopping_ && batch.items.size() < count && queue_.next() != nullptr) {
        RemoteItem remote;
        remote.item = queue_.take();
        auto payload = payloads_.find(remote.item.id);
        if (payload != payloads_.end()) {
            remote.payload = std::move(payload->second);
            payloads_.erase(payload);
        }
        batch.items.push_back(std::move(remote));
    }
    batch.exhausted = stopping_ || queue_.next() == nullptr;
    return batch;
}

void WorkCoordinator::record(const std::vector<Report>& reports) {
    std::lock_guard lock(mutex_);
    for (const Report& report : reports) {
        switch (report.kind) {
            case Report::Kind::kStarted:
                notify([&] { listener_.on_started(report.item, report.attempt); });
                break;
            case Report::Kind::kCompleted:
                ++counts_.completed;
                notify([&] { listener_.on_completed(report.item, engine::TaskResult{report.counts}, report.seconds); });
                if (progress_ != nullptr) progress_->advance(report.item.size_bytes);
                break;
            case Report::Kind::kFailed:
                if (!report.will_retry) {
                    ++counts_.failed;
                    if (progress_ != nullptr) progress_->advance(report.item.size_bytes);
                }
                notify([&] { listener_.on_attempt_failed(report.item, report.attempt, report.text, report.will_retry); });
                break;
            case Report::Kind::kWarning:
                notify([&] { listener_.on_warning(report.text); });
                break;
        }
    }
}

void WorkCoordinator::checkpoint() {
    std::lock_guard lock(mutex_);
    notify([&] { listener_.on_idle_checkpoint(); });
    if (progress_ != nullptr) progress_->refresh();
}

void WorkCoordinator::stop() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
}

bool WorkCoordinator::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
}

CoordinatorCounts WorkCoordinator::counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

std::exception_ptr WorkCoordinator::listener_error() const {
    std::lock_guard lock(mutex_);
    return listener_error_;
}

}  // namespace mdp::cluster
