#include "datagen/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "datagen/random.h"

namespace mdp::datagen {
namespace {

TEST(EventQueue, PopsInTimeThenInsertionOrder) {
    EventQueue<int> queue;
    queue.push(30, 1);
    queue.push(10, 2);
    queue.push(30, 3);  // chained after 1? no: 2 came between, so its own entry
    queue.push(30, 4);  // chained to 3
    queue.push(20, 5);
    std::vector<std::pair<int64_t, int>> out;
    while (!queue.empty()) {
        queue.pop([&](int64_t t, int v) { out.emplace_back(t, v); });
    }
    const std::vector<std::pair<int64_t, int>> expected{
        {10, 2}, {20, 5}, {30, 1}, {30, 3}, {30, 4}};
    EXPECT_EQ(out, expected);
}

TEST(EventQueue, MatchesAStableSortUnderRandomLoadWithPushesDuringPops) {
    EventQueue<int> queue;
    Rng rng(3);
    std::vector<std::pair<int64_t, int>> pushed;  // (time, id); ids increase with push order
    std::vector<std::pair<int64_t, int>> popped;
    int next_id = 0;
    int64_t now = 0;
    const auto push = [&](int64_t t) {
        queue.push(t, next_id);
        pushed.emplace_back(t, next_id++);
    };
    for (int i = 0; i < 200; ++i) push(rng.between(0, 50));
    while (!queue.empty()) {
        queue.pop([&](int64_t t, int v) {
            ASSERT_GE(t, now);
            now = t;
            popped.emplace_back(t, v);
            if (next_id < 5000) {
                const int64_t base = now + rng.between(0, 30);
                const int64_t burst = rng.between(1, 4);
                for (int64_t k = 0; k < burst; ++k) push(base);  // same-time bursts chain
            }
        });
    }
    std::stable_sort(pushed.begin(), pushed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    EXPECT_EQ(popped, pushed);
    EXPECT_LT(queue.peak(), pushed.size());
}

}  // namespace
}  // namespace mdp::datagen
