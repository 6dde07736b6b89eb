#include "engine/timer_thread.h"

#include <utility>

namespace mdp::engine {

TimerThread::TimerThread() : thread_([this] { loop(); }) {}

TimerThread::~TimerThread() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    fire_all_now();
    thread_.join();
}

void TimerThread::schedule(Clock::time_point due, std::function<void()> callback) {
    {
        std::lock_guard lock(mutex_);
        scheduled_.emplace(due, std::move(callback));
    }
    wake_.notify_one();
}

void TimerThread::fire_all_now() {
    {
        std::lock_guard lock(mutex_);
        for (auto& entry : scheduled_) expedited_.push_back(std::move(entry.second));
        scheduled_.clear();
    }
    wake_.notify_one();
}

size_t TimerThread::pending() const {
    std::lock_guard lock(mutex_);
    return scheduled_.size() + expedited_.size();
}

void TimerThread::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        std::function<void()> callback;
        if (!expedited_.empty()) {
            callback = std::move(expedited_.front());
            expedited_.pop_front();
        } else if (!scheduled_.empty() && scheduled_.begin()->first <= Clock::now()) {
            callback = std::move(scheduled_.begin()->second);
            scheduled_.erase(scheduled_.begin());
        } else if (stopping_ && scheduled_.empty()) {
            return;
        } else if (scheduled_.empty()) {
            wake_.wait(lock);
            continue;
        } else {
            // A copy: while waiting, fire_all_now() may free the node holding the key.
            const Clock::time_point due = scheduled_.begin()->first;
            wake_.wait_until(lock, due);
            continue;
        }
        lock.unlock();
        callback();
        lock.lock();
    }
}

}  // namespace mdp::engine
