#include "datagen/sydney_clock.h"

namespace mdp::datagen {

namespace {

constexpr int32_t kStandard = 10 * 3600;
constexpr int32_t kDaylight = 11 * 3600;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

int weekday(const CivilDate& date) {
    // 1970-01-01 was a Thursday (4).
    const int64_t days = date.to_days();
    return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

uint32_t first_sunday(int32_t year, uint32_t month) {
    const CivilDate first{year, month, 1};
    const int wd = weekday(first);
    return 1 + static_cast<uint32_t>((7 - wd) % 7);
}

int32_t sydney_utc_offset_seconds(const CivilDate& local_date, int64_t local_seconds_of_day) {
    const uint32_t m = local_date.month;
    if (m >= 5 && m <= 9) return kStandard;
    if (m >= 11 || m <= 3) return kDaylight;
    if (m == 4) {
        const uint32_t change = first_sunday(local_date.year, 4);
        if (local_date.day < change) return kDaylight;
        if (local_date.day > change) return kStandard;
        return local_seconds_of_day < 3 * 3600 ? kDaylight : kStandard;
    }
    // October.
    const uint32_t change = first_sunday(local_date.year, 10);
    if (local_date.day < change) return kStandard;
    if (local_date.day > change) return kDaylight;
    return local_seconds_of_day < 3 * 3600 ? kStandard : kDaylight;
}

int64_t sydney_to_utc_ns(const CivilDate& local_date, int64_t local_ns_of_day) {
    const int64_t seconds_of_day = floor_div(local_ns_of_day, kNanosPerSecond);
    const int32_t offset = sydney_utc_offset_seconds(local_date, seconds_of_day);
    return (local_date.to_days() * 86400 - offset) * kNanosPerSecond + local_ns_of_day;
}

CivilDate sydney_date_of(int64_t utc_ns) {
    const int64_t utc_seconds = floor_div(utc_ns, kNanosPerSecond);
    // Try both offsets; the right one is the one whose local time maps back to this instant.
    for (const int32_t offset : {kDaylight, kStandard}) {
        const int64_t local = utc_seconds + offset;
        const int64_t days = floor_div(local, 86400);
        const CivilDate date = CivilDate::from_days(days);
        if (sydney_utc_offset_seconds(date, local - days * 86400) == offset) return date;
    }
    // Inside the skipped October hour no local time maps back; standard time is the answer.
    return CivilDate::from_days(floor_div(utc_seconds + kStandard, 86400));
}

CivilDate nth_trading_day(const CivilDate& start, uint32_t index) {
    int64_t days = start.to_days();
    while (weekday(CivilDate::from_days(days)) == 0 || weekday(CivilDate::from_days(days)) == 6) {
        ++days;
    }
    for (uint32_t i = 0; i < index; ++i) {
        ++days;
        while (weekday(CivilDate::from_days(days)) == 0 ||
               weekday(CivilDate::from_days(days)) == 6) {
            ++days;
        }
    }
    return CivilDate::from_days(days);
}

}  // namespace mdp::datagen
