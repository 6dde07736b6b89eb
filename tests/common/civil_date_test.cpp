#include "common/civil_date.h"

#include <gtest/gtest.h>

namespace mdp {
namespace {

TEST(CivilDate, EpochIsDayZero) {
    EXPECT_EQ(CivilDate::from_days(0), (CivilDate{1970, 1, 1}));
    EXPECT_EQ((CivilDate{1970, 1, 1}).to_days(), 0);
}

TEST(CivilDate, KnownDates) {
    EXPECT_EQ((CivilDate{2000, 3, 1}).to_days(), 11017);
    EXPECT_EQ((CivilDate{2024, 2, 29}).to_days(), 19782);
    EXPECT_EQ(CivilDate::from_days(-1), (CivilDate{1969, 12, 31}));
}

TEST(CivilDate, FromDaysInRangeTakesExactlyTheYearsZeroTo9999) {
    const auto first = CivilDate::parse("0000-01-01");
    const auto last = CivilDate::parse("9999-12-31");
    ASSERT_TRUE(first && last);
    EXPECT_EQ(CivilDate::from_days_in_range(first->to_days()), first);
    EXPECT_EQ(CivilDate::from_days_in_range(last->to_days()), last);
    EXPECT_FALSE(CivilDate::from_days_in_range(first->to_days() - 1));
    EXPECT_FALSE(CivilDate::from_days_in_range(last->to_days() + 1));
    EXPECT_FALSE(CivilDate::from_days_in_range(INT64_MIN));
    EXPECT_FALSE(CivilDate::from_days_in_range(INT64_MAX));
}

TEST(CivilDate, RoundTripsEveryDayOverFourCenturies) {
    const int64_t start = (CivilDate{1900, 1, 1}).to_days();
    const int64_t end = (CivilDate{2300, 1, 1}).to_days();
    CivilDate previous = CivilDate::from_days(start - 1);
    for (int64_t d = start; d < end; ++d) {
        const CivilDate date = CivilDate::from_days(d);
        ASSERT_TRUE(date.is_valid()) << d;
        ASSERT_EQ(date.to_days(), d);
        ASSERT_LT(previous, date);
        previous = date;
    }
}

TEST(CivilDate, ParseAcceptsOnlyRealDates) {
    EXPECT_EQ(CivilDate::parse("2024-02-29"), (CivilDate{2024, 2, 29}));
    EXPECT_FALSE(CivilDate::parse("2023-02-29"));
    EXPECT_FALSE(CivilDate::parse("2024-13-01"));
    EXPECT_FALSE(CivilDate::parse("2024-00-10"));
    EXPECT_FALSE(CivilDate::parse("2024-1-10"));
    EXPECT_FALSE(CivilDate::parse("../x"));
    EXPECT_FALSE(CivilDate::parse(""));
    EXPECT_EQ((CivilDate{2024, 3, 5}).to_string(), "2024-03-05");
}

}  // namespace
}  // namespace mdp
