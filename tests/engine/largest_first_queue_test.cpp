#include "engine/largest_first_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mdp::engine {
namespace {

std::vector<std::string> drain(LargestFirstQueue& queue) {
    std::vector<std::string> ids;
    while (queue.next() != nullptr) {
        const std::string expected = queue.next()->id;
        ids.push_back(queue.take().id);
        EXPECT_EQ(ids.back(), expected);
    }
    return ids;
}

TEST(LargestFirstQueue, OrdersBySizeDescendingThenId) {
    LargestFirstQueue queue({{"b", 10, 0, 0}, {"a", 10, 0, 0}, {"z", 99, 0, 0}, {"m", 0, 0, 0}});
    EXPECT_EQ(queue.remaining(), 4u);
    EXPECT_EQ(drain(queue), (std::vector<std::string>{"z", "a", "b", "m"}));
    EXPECT_EQ(queue.remaining(), 0u);
    EXPECT_THROW(queue.take(), std::logic_error);
}

TEST(LargestFirstQueue, GivenBackItemsTakeTheirPlaceBySize) {
    LargestFirstQueue queue({{"big", 100, 0, 0}, {"mid", 50, 0, 0}, {"small", 10, 0, 0}});
    WorkItem big = queue.take();
    big.previous_attempts = 1;
    queue.give_back(big);
    queue.give_back({"tiny", 1, 0, 2});
    queue.give_back({"mid2", 50, 0, 1});  // same size as "mid": id decides
    EXPECT_EQ(queue.remaining(), 5u);
    EXPECT_EQ(queue.next()->previous_attempts, 1u);
    EXPECT_EQ(drain(queue), (std::vector<std::string>{"big", "mid", "mid2", "small", "tiny"}));
}

TEST(LargestFirstQueue, EmptyQueueHasNoNext) {
    LargestFirstQueue queue({});
    EXPECT_EQ(queue.next(), nullptr);
    EXPECT_EQ(queue.remaining(), 0u);
}

}  // namespace
}  // namespace mdp::engine
