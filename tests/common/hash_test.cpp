#include "common/hash.h"

#include <gtest/gtest.h>

namespace mdp {
namespace {

TEST(Fnv1a64, KnownValuesAndChaining) {
    EXPECT_EQ(fnv1a64(""), kFnvOffsetBasis);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);  // published FNV-1a test vector
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
    EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
}

}  // namespace
}  // namespace mdp
