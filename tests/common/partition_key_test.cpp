#include "common/partition_key.h"

#include <gtest/gtest.h>

namespace mdp {
namespace {

TEST(SecurityCode, AcceptsPlainNonNegativeIntegers) {
    EXPECT_EQ(parse_security_code("0"), 0U);
    EXPECT_EQ(parse_security_code("123456"), 123456U);
    EXPECT_EQ(parse_security_code("007"), 7U);
    EXPECT_EQ(parse_security_code("18446744073709551615"), UINT64_MAX);
}

TEST(SecurityCode, RejectsAnythingThatCouldMisbehaveAsAPath) {
    for (const char* bad : {"", "../x", "1e5", "-3", "+3", " 3", "3 ", "3/4", "..", ".",
                            "0x10", "18446744073709551616",
                            "1234567890123456789012345678901234567890", "BHP", "1.0"}) {
        EXPECT_FALSE(parse_security_code(bad)) << bad;
    }
}

TEST(PartitionKey, StringAndPathForms) {
    const PartitionKey key{CivilDate{2024, 4, 7}, 42};
    EXPECT_EQ(key.to_string(), "2024-04-07/42");
    EXPECT_EQ(key.directory_under("/out"), std::filesystem::path("/out/partitions/2024-04-07/42"));
    EXPECT_EQ(PartitionKey::parse("2024-04-07/42"), key);
    EXPECT_FALSE(PartitionKey::parse("2024-04-07/../../etc"));
    EXPECT_FALSE(PartitionKey::parse("2024-04-31/1"));
}

TEST(PartitionKey, OrdersByDateThenSecurity) {
    const PartitionKey a{CivilDate{2024, 4, 7}, 99};
    const PartitionKey b{CivilDate{2024, 4, 8}, 1};
    const PartitionKey c{CivilDate{2024, 4, 8}, 2};
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
}

}  // namespace
}  // namespace mdp
