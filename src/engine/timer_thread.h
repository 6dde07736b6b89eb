#pragma once
// Runs callbacks at their due time on one background thread. The engine uses it for waits (a
// retry's delay, the next checkpoint tick) so that waiting never occupies a TBB worker thread:
// the callback only hands a message back to the flow graph.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace mdp::engine {

class TimerThread {
  public:
    using Clock = std::chrono::steady_clock;

    TimerThread();
    // Runs every callback still pending (early), then joins the thread: a callback may be
    // holding something open (a flow graph's wait count) that must be released.
    ~TimerThread();
    TimerThread(const TimerThread&) = delete;
    TimerThread& operator=(const TimerThread&) = delete;

    // Runs `callback` on the timer thread once `due` has passed. Callbacks with the same due time
    // run in the order they were scheduled.
    void schedule(Clock::time_point due, std::function<void()> callback);
    // Runs every callback pending now as soon as possible instead of at its due time.
    void fire_all_now();
    size_t pending() const;

  private:
    void loop();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<Clock::time_point, std::function<void()>> scheduled_;
    std::deque<std::function<void()>> expedited_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts after the members above exist
};

}  // namespace mdp::engine
