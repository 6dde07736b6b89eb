#include "datagen/malformed_rows.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "datagen/csv_test_util.h"

namespace mdp::datagen {
namespace {

using testing::split_fields;

constexpr std::string_view kRow =
    "7000000000000000001,ASX,1712001694490007531,222786,1150,1,6,0,3800,3800,2,0,1140,1150,1140,"
    "1150,267,0,0,0,0,6288971,0,0,0,0,Rest of Day,1,0";

std::string make(MalformedKind kind, uint64_t seed = 1) {
    Rng rng(seed);
    return make_malformed_row(kind, kRow, kOrderLayout, rng);
}

TEST(MalformedRows, FieldCountKinds) {
    EXPECT_LT(split_fields(make(MalformedKind::kTooFewFields)).size(), 29U);
    EXPECT_GT(split_fields(make(MalformedKind::kTooManyFields)).size(), 29U);
}

TEST(MalformedRows, KeyColumnKinds) {
    const auto field = [](MalformedKind kind, size_t index) {
        const auto fields = split_fields(make(kind));
        EXPECT_EQ(fields.size(), 29U);
        return fields.at(index);
    };
    EXPECT_EQ(field(MalformedKind::kNonNumericTimestamp, 2), "2024-04-02 10:00:01.5");
    EXPECT_EQ(field(MalformedKind::kEmptySecurity, 3), "");
    EXPECT_EQ(field(MalformedKind::kPathSecurity, 3), "../x");
    EXPECT_EQ(field(MalformedKind::kExponentSecurity, 3), "1e5");
    EXPECT_EQ(field(MalformedKind::kHugeSecurity, 3).size(), 40U);
    EXPECT_EQ(field(MalformedKind::kNegativeNumbers, 3), "-222786");
    EXPECT_EQ(field(MalformedKind::kNegativeNumbers, 8), "-3800");
}

TEST(MalformedRows, QuotedCommaIsStillAValidRow) {
    const std::string row = make(MalformedKind::kQuotedComma);
    EXPECT_NE(row.find("\"Rest of Day, see note\""), std::string::npos);
    const auto fields = split_fields(row);
    ASSERT_EQ(fields.size(), 29U);
    EXPECT_EQ(fields[26], "Rest of Day, see note");
    EXPECT_EQ(fields[3], "222786");
    EXPECT_FALSE(is_rejectable(MalformedKind::kQuotedComma));
}

TEST(MalformedRows, BinaryGarbageHasNoLineBreaksQuotesOrCommas) {
    for (uint64_t seed = 0; seed < 200; ++seed) {
        const std::string line = make(MalformedKind::kBinaryGarbage, seed);
        ASSERT_GE(line.size(), 2U);
        EXPECT_EQ(line[0], '\0');
        EXPECT_EQ(line.find_first_of(std::string_view("\n\r,\"", 4)), std::string::npos);
        EXPECT_TRUE(is_rejectable(MalformedKind::kBinaryGarbage));
    }
}

TEST(MalformedRows, EveryKindHasADistinctName) {
    std::set<std::string_view> names;
    for (size_t i = 0; i < kMalformedKindCount; ++i) {
        names.insert(to_string(static_cast<MalformedKind>(i)));
    }
    EXPECT_EQ(names.size(), kMalformedKindCount);
    EXPECT_EQ(names.count("unknown"), 0U);
}

}  // namespace
}  // namespace mdp::datagen
