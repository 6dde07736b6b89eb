#pragma once
// A calendar date without a time zone, and its conversion to and from days since 1970-01-01.
// Uses Howard Hinnant's civil-from-days algorithms: exact for the whole proleptic Gregorian
// calendar, branch-light, and independent of the C library's time functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdp {

struct CivilDate {
    int32_t year = 1970;
    uint32_t month = 1;  // 1..12
    uint32_t day = 1;    // 1..31

    static CivilDate from_days(int64_t days_since_epoch);
    // The date of years 0..9999 (what "YYYY-MM-DD" can name), nullopt for any other day count:
    // for day counts read back from files, which damage can make anything.
    static std::optional<CivilDate> from_days_in_range(int64_t days_since_epoch);
    int64_t to_days() const;
    bool is_valid() const;

    // "YYYY-MM-DD"; only meaningful for years 0..9999.
    std::string to_string() const;
    // Parses exactly "YYYY-MM-DD" and checks the date exists; anything else is nullopt.
    static std::optional<CivilDate> parse(std::string_view text);

    friend bool operator==(const CivilDate&, const CivilDate&) = default;
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

}  // namespace mdp
