#include "common/byte_size.h"

#include <gtest/gtest.h>

namespace mdp {
namespace {

TEST(ByteSize, ParsesPlainAndSuffixedSizes) {
    EXPECT_EQ(parse_byte_size("4096"), 4096U);
    EXPECT_EQ(parse_byte_size("64K"), 64U * 1024);
    EXPECT_EQ(parse_byte_size("256M"), 256U << 20);
    EXPECT_EQ(parse_byte_size("2g"), 2ULL << 30);
    EXPECT_EQ(parse_byte_size("1.5G"), 3ULL << 29);
    EXPECT_EQ(parse_byte_size("512MB"), 512U << 20);
}

TEST(ByteSize, RejectsNonsense) {
    for (const char* bad : {"", "G", "-1M", "+1M", "1.2.3", "12X", "abc", "1e30T"}) {
        EXPECT_FALSE(parse_byte_size(bad)) << bad;
    }
}

}  // namespace
}  // namespace mdp
