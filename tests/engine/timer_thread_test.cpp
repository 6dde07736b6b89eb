#include "engine/timer_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mdp::engine {
namespace {

using namespace std::chrono_literals;
using Clock = TimerThread::Clock;

struct Log {
    void add(std::string entry) {
        std::lock_guard lock(mutex);
        entries.push_back(std::move(entry));
        changed.notify_all();
    }
    void wait_for(size_t count) {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 20s, [&] { return entries.size() >= count; });
    }
    std::vector<std::string> snapshot() {
        std::lock_guard lock(mutex);
        return entries;
    }
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> entries;
};

TEST(TimerThread, RunsCallbacksInDueOrderNoSoonerThanDue) {
    TimerThread timer;
    Log log;
    const auto start = Clock::now();
    std::atomic<int64_t> late_ns{0};
    timer.schedule(start + 40ms, [&] {
        late_ns = (Clock::now() - (start + 40ms)).count();
        log.add("second");
    });
    timer.schedule(start + 10ms, [&] { log.add("first"); });
    timer.schedule(start + 40ms, [&] { log.add("third"); });  // same due: scheduling order
    log.wait_for(3);
    EXPECT_EQ(log.snapshot(), (std::vector<std::string>{"first", "second", "third"}));
    EXPECT_GE(late_ns.load(), 0);
    EXPECT_EQ(timer.pending(), 0u);
}

TEST(TimerThread, FireAllNowRunsPendingCallbacksEarly) {
    TimerThread timer;
    Log log;
    timer.schedule(Clock::now() + 1h, [&] { log.add("a"); });
    timer.schedule(Clock::now() + 2h, [&] { log.add("b"); });
    EXPECT_EQ(timer.pending(), 2u);
    timer.fire_all_now();
    log.wait_for(2);
    EXPECT_EQ(log.snapshot(), (std::vector<std::string>{"a", "b"}));
}

// Regression (found by ASan): the thread waited with a reference to the due time inside the
// map node that fire_all_now() frees. Give the thread time to reach its timed wait first; under
// AddressSanitizer the old code then reads freed memory when it wakes up.
TEST(TimerThread, FireAllNowWhileTheThreadWaitsForADueTime) {
    TimerThread timer;
    Log log;
    timer.schedule(Clock::now() + 1h, [&] { log.add("early"); });
    std::this_thread::sleep_for(50ms);
    timer.fire_all_now();
    log.wait_for(1);
    timer.schedule(Clock::now(), [&] { log.add("after"); });  // the thread still works
    log.wait_for(2);
    EXPECT_EQ(log.snapshot(), (std::vector<std::string>{"early", "after"}));
}

TEST(TimerThread, DestructorRunsWhatIsStillPending) {
    Log log;
    {
        TimerThread timer;
        timer.schedule(Clock::now() + 1h, [&] { log.add("released"); });
    }
    EXPECT_EQ(log.snapshot(), (std::vector<std::string>{"released"}));
}

}  // namespace
}  // namespace mdp::engine
