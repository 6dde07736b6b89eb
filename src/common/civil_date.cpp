#include "civil_date.h"

#include <array>
#include <cstdio>

namespace mdp {

CivilDate CivilDate::from_days(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<uint32_t>(z - era * 146097);
    const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const uint32_t mp = (5 * doy + 2) / 153;
    const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
    const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{static_cast<int32_t>(y + (m <= 2)), m, d};
}

std::optional<CivilDate> CivilDate::from_days_in_range(int64_t days_since_epoch) {
    constexpr int64_t kFirstDay = -719528;  // 0000-01-01
    constexpr int64_t kLastDay = 2932896;   // 9999-12-31
    if (days_since_epoch < kFirstDay || days_since_epoch > kLastDay) return std::nullopt;
    return from_days(days_since_epoch);
}

int64_t CivilDate::to_days() const {
    const int64_t y = static_cast<int64_t>(year) - (month <= 2);
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<uint32_t>(y - era * 400);
    const uint32_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool CivilDate::is_valid() const {
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr std::array<uint32_t, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const uint32_t limit = kDays[month - 1] + ((month == 2 && leap) ? 1U : 0U);
    return day <= limit;
}

std::string CivilDate::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
    return buf;
}

std::optional<CivilDate> CivilDate::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t count, uint32_t& out) {
        out = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + static_cast<uint32_t>(t[i] - '0');
        }
        return true;
    };
    uint32_t y = 0, m = 0, d = 0;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    CivilDate date{static_cast<int32_t>(y), m, d};
    if (!date.is_valid()) return std::nullopt;
    return date;
}

}  // namespace mdp
