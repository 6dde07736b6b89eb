#include "datagen/sydney_clock.h"

#include <gtest/gtest.h>

namespace mdp::datagen {
namespace {

constexpr int64_t kHourNs = 3600 * kNanosPerSecond;

TEST(SydneyClock, FirstSundays) {
    EXPECT_EQ(first_sunday(2024, 4), 7U);
    EXPECT_EQ(first_sunday(2024, 10), 6U);
    EXPECT_EQ(first_sunday(2023, 4), 2U);
    EXPECT_EQ(first_sunday(2023, 10), 1U);
    EXPECT_EQ(weekday(CivilDate{2024, 4, 7}), 0);
    EXPECT_EQ(weekday(CivilDate{2024, 4, 6}), 6);
}

TEST(SydneyClock, PreOpenIsTheEveningBeforeInUtcOnBothSidesOfTheAprilChange) {
    // 07:00 AEDT on Friday 2024-04-05 = 20:00 UTC on 2024-04-04.
    EXPECT_EQ(sydney_to_utc_ns(CivilDate{2024, 4, 5}, 7 * kHourNs),
              int64_t{1712260800} * kNanosPerSecond);
    // 07:00 AEST on Monday 2024-04-08 = 21:00 UTC on 2024-04-07.
    EXPECT_EQ(sydney_to_utc_ns(CivilDate{2024, 4, 8}, 7 * kHourNs),
              int64_t{1712523600} * kNanosPerSecond);
}

TEST(SydneyClock, OctoberChange) {
    // Friday 2024-10-04 10:00 AEST = 00:00 UTC; Monday 2024-10-07 10:00 AEDT = 23:00 UTC Sunday.
    EXPECT_EQ(sydney_to_utc_ns(CivilDate{2024, 10, 4}, 10 * kHourNs),
              int64_t{1728000000} * kNanosPerSecond);
    EXPECT_EQ(sydney_to_utc_ns(CivilDate{2024, 10, 7}, 10 * kHourNs),
              int64_t{1728255600} * kNanosPerSecond);
}

TEST(SydneyClock, RepeatedHourResolvesToDaylightTime) {
    // 02:30 on 2024-04-07 happens twice; the first (AEDT) is 15:30 UTC on the 6th.
    EXPECT_EQ(sydney_to_utc_ns(CivilDate{2024, 4, 7}, 2 * kHourNs + 1800 * kNanosPerSecond),
              int64_t{1712417400} * kNanosPerSecond);
    EXPECT_EQ(sydney_utc_offset_seconds(CivilDate{2024, 4, 7}, 4 * 3600), 36000);
    EXPECT_EQ(sydney_utc_offset_seconds(CivilDate{2024, 1, 15}, 12 * 3600), 39600);
    EXPECT_EQ(sydney_utc_offset_seconds(CivilDate{2024, 7, 15}, 12 * 3600), 36000);
}

TEST(SydneyClock, DateOfAnInstant) {
    const int64_t preopen = sydney_to_utc_ns(CivilDate{2024, 4, 8}, 7 * kHourNs);
    EXPECT_EQ(sydney_date_of(preopen), (CivilDate{2024, 4, 8}));
    EXPECT_EQ(sydney_date_of(preopen - 8 * kHourNs), (CivilDate{2024, 4, 7}));
    const int64_t close = sydney_to_utc_ns(CivilDate{2024, 4, 5}, 16 * kHourNs);
    EXPECT_EQ(sydney_date_of(close), (CivilDate{2024, 4, 5}));
    // One ns before local midnight stays on the day.
    EXPECT_EQ(sydney_date_of(sydney_to_utc_ns(CivilDate{2024, 4, 3}, 24 * kHourNs) - 1),
              (CivilDate{2024, 4, 3}));
}

TEST(SydneyClock, TradingDaysSkipWeekends) {
    const CivilDate start{2024, 4, 2};  // Tuesday
    EXPECT_EQ(nth_trading_day(start, 0), (CivilDate{2024, 4, 2}));
    EXPECT_EQ(nth_trading_day(start, 3), (CivilDate{2024, 4, 5}));
    EXPECT_EQ(nth_trading_day(start, 4), (CivilDate{2024, 4, 8}));
    EXPECT_EQ(nth_trading_day(CivilDate{2024, 4, 6}, 0), (CivilDate{2024, 4, 8}));
}

}  // namespace
}  // namespace mdp::datagen
