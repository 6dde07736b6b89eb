#pragma once
// Sydney wall-clock time to UTC instants for the generator. The generator places events at
// Sydney session times (pre-open 07:00, open 10:00, close 16:00) and must turn them into epoch
// nanoseconds exactly, across the AEDT -> AEST change. The rule is hard-coded (New South Wales
// since 2008): AEDT (+11) from the first Sunday in October 02:00 standard time to the first
// Sunday in April 03:00 daylight time, AEST (+10) otherwise. The extractor reads the real tz
// database instead; the generator only needs a rule that is right for the years it writes.

#include <cstdint>

#include "common/civil_date.h"

namespace mdp::datagen {

inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

// 0 = Sunday ... 6 = Saturday.
int weekday(const CivilDate& date);
// Day of month of the first Sunday of the given month.
uint32_t first_sunday(int32_t year, uint32_t month);

// UTC offset in seconds (36000 or 39600) in force at a Sydney wall-clock time. A wall time that
// occurs twice (the repeated hour in April) resolves to the first occurrence (daylight time); one
// that does not exist (the skipped hour in October) is read as standard time.
int32_t sydney_utc_offset_seconds(const CivilDate& local_date, int64_t local_seconds_of_day);

// Epoch nanoseconds of Sydney wall-clock time `local_ns_of_day` (ns since local midnight) on
// `local_date`.
int64_t sydney_to_utc_ns(const CivilDate& local_date, int64_t local_ns_of_day);

// Sydney calendar date of an instant (epoch ns, UTC).
CivilDate sydney_date_of(int64_t utc_ns);

// Trading days: `count` weekdays from `start` (inclusive); weekends are skipped, public
// holidays are not modelled.
CivilDate nth_trading_day(const CivilDate& start, uint32_t index);

}  // namespace mdp::datagen
