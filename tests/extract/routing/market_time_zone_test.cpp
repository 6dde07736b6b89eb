// Tests of MarketTimeZone and LocalDateCache. The reference is glibc's localtime_r on the same tz
// database (TZ=":<zone>"), and glibc's own POSIX TZ parser for footer-only zones (TZ="<rule>").
// Environment changes happen on the test's single thread and are restored afterwards.

#include "extract/routing/market_time_zone.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mdp::extract {
namespace {

constexpr int64_t kNs = 1'000'000'000;
constexpr int64_t kMinNs = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxNs = std::numeric_limits<int64_t>::max();
constexpr int64_t k1970 = 0;
constexpr int64_t k2000 = 946684800;
constexpr int64_t k2024 = 1704067200;
constexpr int64_t k2040 = 2208988800;
constexpr int64_t k2100 = 4102444800;
constexpr int64_t kNsEnd = 9223372036;  // last whole second representable in int64 ns

int64_t utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
    return CivilDate{year, month, day}.to_days() * 86400 + hour * 3600 + minute * 60 + second;
}

// Sets an environment variable for the lifetime of the object (and calls tzset()).
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
        ::tzset();
    }
    ~ScopedEnv() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
        ::tzset();
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* name_;
    std::optional<std::string> old_;
};

struct GlibcLocal {
    int32_t offset;
    CivilDate date;
};

GlibcLocal glibc_local(int64_t unix_seconds) {
    const auto t = static_cast<time_t>(unix_seconds);
    std::tm tm{};
    if (::localtime_r(&t, &tm) == nullptr) throw std::runtime_error("localtime_r failed");
    return GlibcLocal{static_cast<int32_t>(tm.tm_gmtoff),
                      CivilDate{tm.tm_year + 1900, static_cast<uint32_t>(tm.tm_mon + 1),
                                static_cast<uint32_t>(tm.tm_mday)}};
}

int64_t floor_seconds(int64_t ns) {
    int64_t s = ns / kNs;
    if (ns % kNs < 0) --s;
    return s;
}

// Instants in [from, to) where glibc's offset changes, found by an hourly scan and a binary
// search for the exact second.
std::vector<int64_t> glibc_changes(int64_t from, int64_t to) {
    std::vector<int64_t> changes;
    int32_t previous = glibc_local(from).offset;
    for (int64_t t = from; t < to; t += 3600) {
        const int64_t next = std::min(t + 3600, to);
        const int32_t offset = glibc_local(next).offset;
        if (offset == previous) continue;
        int64_t lo = t;  // offset(lo) == previous
        int64_t hi = next;
        while (hi - lo > 1) {
            const int64_t mid = lo + (hi - lo) / 2;
            (glibc_local(mid).offset == previous ? lo : hi) = mid;
        }
        changes.push_back(hi);
        previous = offset;
    }
    return changes;
}

// The same, from our zone: walks its date spans and keeps the ends where the offset changes.
std::vector<int64_t> our_changes(const MarketTimeZone& zone, int64_t from, int64_t to) {
    std::vector<int64_t> changes;
    int64_t t = from * kNs;
    while (t < to * kNs) {
        const LocalDateSpan span = zone.local_date_span(t);
        if (span.end_ns <= t) throw std::runtime_error("span does not advance");
        t = span.end_ns;
        const int64_t s = floor_seconds(t);
        if (s < to && zone.utc_offset_seconds(s) != zone.utc_offset_seconds(s - 1)) {
            changes.push_back(s);
        }
    }
    return changes;
}

// Compares offset and local date at `unix_seconds` (with a sub-second part) against glibc.
::testing::AssertionResult agrees_with_glibc(const MarketTimeZone& zone, int64_t unix_seconds,
                                             int64_t sub_ns) {
    const GlibcLocal expected = glibc_local(unix_seconds);
    const int32_t offset = zone.utc_offset_seconds(unix_seconds);
    const int64_t ns = unix_seconds * kNs + sub_ns;
    const CivilDate date = zone.local_date(ns);
    if (offset == expected.offset && date == expected.date) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << zone.name() << " at " << unix_seconds << "s (+" << sub_ns << "ns): offset " << offset
           << " vs glibc " << expected.offset << ", date " << date.to_string() << " vs glibc "
           << expected.date.to_string();
}

// The span around `t` is right and exact: it holds `t`, one date and one offset throughout, and
// each end is a local midnight or an offset change.
::testing::AssertionResult span_is_exact(const MarketTimeZone& zone, int64_t t) {
    const LocalDateSpan span = zone.local_date_span(t);
    auto fail = [&](const char* what) {
        return ::testing::AssertionFailure()
               << zone.name() << " span of " << t << " [" << span.start_ns << ", " << span.end_ns
               << "): " << what;
    };
    if (t == kMaxNs) {  // no half-open int64 span can hold INT64_MAX
        if (span.end_ns != kMaxNs || span.start_ns > t) return fail("bad span at INT64_MAX");
        if (span.date != zone.local_date(t)) return fail("wrong date");
        return ::testing::AssertionSuccess();
    }
    if (!(span.start_ns <= t && t < span.end_ns)) return fail("does not contain the instant");
    if (span.date != zone.local_date(t)) return fail("wrong date");
    if (zone.local_date(span.start_ns) != span.date) return fail("wrong date at start");
    if (zone.local_date(span.end_ns - 1) != span.date) return fail("wrong date at end");
    const int32_t offset = zone.utc_offset_seconds(floor_seconds(t));
    if (zone.utc_offset_seconds(floor_seconds(span.start_ns)) != offset ||
        zone.utc_offset_seconds(floor_seconds(span.end_ns - 1)) != offset) {
        return fail("offset changes inside");
    }
    if (span.end_ns != kMaxNs && zone.local_date(span.end_ns) == span.date &&
        zone.utc_offset_seconds(floor_seconds(span.end_ns)) == offset) {
        return fail("ends early (neither midnight nor an offset change)");
    }
    if (span.start_ns != kMinNs && zone.local_date(span.start_ns - 1) == span.date &&
        zone.utc_offset_seconds(floor_seconds(span.start_ns - 1)) == offset) {
        return fail("starts late (neither midnight nor an offset change)");
    }
    return ::testing::AssertionSuccess();
}

// ---- synthetic TZif files -------------------------------------------------------------------

void put32(std::string& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}
void put64(std::string& out, uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

struct TestType {
    int32_t offset;
    bool is_dst;
};

void put_header(std::string& out, char version, uint32_t timecnt, uint32_t typecnt,
                uint32_t charcnt, uint32_t leapcnt = 0) {
    out += "TZif";
    out += version;
    out += std::string(15, '\0');
    put32(out, 0);  // isutcnt
    put32(out, 0);  // isstdcnt
    put32(out, leapcnt);
    put32(out, timecnt);
    put32(out, typecnt);
    put32(out, charcnt);
}

void put_block(std::string& out, int time_size, const std::vector<int64_t>& times,
               const std::vector<uint8_t>& type_of, const std::vector<TestType>& types) {
    for (const int64_t t : times) {
        if (time_size == 8) {
            put64(out, static_cast<uint64_t>(t));
        } else {
            put32(out, static_cast<uint32_t>(static_cast<int32_t>(t)));
        }
    }
    for (const uint8_t i : type_of) out += static_cast<char>(i);
    for (const TestType& type : types) {
        put32(out, static_cast<uint32_t>(type.offset));
        out += static_cast<char>(type.is_dst ? 1 : 0);
        out += '\0';  // abbreviation index
    }
    out += std::string("ABC\0", 4);
}

// A version 2 file: a minimal 32-bit block, then the real 64-bit block and the footer.
std::string make_tzif_v2(const std::vector<int64_t>& times, const std::vector<uint8_t>& type_of,
                         const std::vector<TestType>& types, const std::string& footer,
                         char version = '2') {
    std::string out;
    put_header(out, version, 0, 1, 4);
    put_block(out, 4, {}, {}, {TestType{0, false}});
    put_header(out, version, static_cast<uint32_t>(times.size()),
               static_cast<uint32_t>(types.size()), 4);
    put_block(out, 8, times, type_of, types);
    out += '\n';
    out += footer;
    out += '\n';
    return out;
}

std::string make_tzif_v1(const std::vector<int64_t>& times, const std::vector<uint8_t>& type_of,
                         const std::vector<TestType>& types) {
    std::string out;
    put_header(out, '\0', static_cast<uint32_t>(times.size()), static_cast<uint32_t>(types.size()),
               4);
    put_block(out, 4, times, type_of, types);
    return out;
}

MarketTimeZone footer_only(const std::string& footer) {
    return MarketTimeZone::from_tzif("Test/" + footer,
                                     make_tzif_v2({}, {}, {TestType{0, false}}, footer));
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::string bytes(static_cast<size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in) throw std::runtime_error("cannot read " + path);
    return bytes;
}

uint32_t get32(const std::string& bytes, size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[at + i]);
    return v;
}

// Layout of a real v2+ file, to corrupt chosen fields.
struct Layout {
    size_t v2_header;
    size_t v2_times;
    size_t v2_indices;
    uint32_t timecnt;
};

Layout layout_of(const std::string& bytes) {
    auto block = [&](size_t header, uint64_t time_size) {
        const uint64_t isut = get32(bytes, header + 20);
        const uint64_t isstd = get32(bytes, header + 24);
        const uint64_t leap = get32(bytes, header + 28);
        const uint64_t time = get32(bytes, header + 32);
        const uint64_t type = get32(bytes, header + 36);
        const uint64_t chars = get32(bytes, header + 40);
        return time * time_size + time + type * 6 + chars + leap * (time_size + 4) + isstd + isut;
    };
    Layout layout{};
    layout.v2_header = 44 + static_cast<size_t>(block(0, 4));
    layout.v2_times = layout.v2_header + 44;
    layout.timecnt = get32(bytes, layout.v2_header + 32);
    layout.v2_indices = layout.v2_times + 8 * size_t{layout.timecnt};
    return layout;
}

// ---- cross-check against glibc --------------------------------------------------------------

class GlibcCrossCheck : public ::testing::TestWithParam<const char*> {};

TEST_P(GlibcCrossCheck, OffsetsAndDatesMatchLocaltime) {
    const std::string name = GetParam();
    const MarketTimeZone zone = MarketTimeZone::load(name);
    ASSERT_EQ(zone.name(), name);
    const ScopedEnv tz("TZ", ":" + name);
    std::mt19937_64 rng(0x5eed ^ std::hash<std::string>{}(name));
    std::uniform_int_distribution<int64_t> sub(0, kNs - 1);

    auto check_range = [&](int64_t from, int64_t to, int count) {
        std::uniform_int_distribution<int64_t> pick(from, to - 1);
        int checked = 0;
        for (int i = 0; i < count; ++i) {
            ASSERT_TRUE(agrees_with_glibc(zone, pick(rng), sub(rng)));
            ++checked;
        }
        EXPECT_EQ(checked, count);
    };
    check_range(k1970, k2100, 200'000);                     // the table, then the footer to 2100
    check_range(k2100, kNsEnd, 20'000);                     // the footer rule evaluated directly
    check_range(-kNsEnd, k1970, 20'000);                    // history, LMT, negative ns
    check_range(utc(2008, 1, 1), utc(2030, 1, 1), 50'000);  // the years that matter most

    // Every change 2000-2040, one second either side, and exactly at it.
    const std::vector<int64_t> changes = glibc_changes(k2000, k2040);
    for (const int64_t t : changes) {
        for (int64_t d = -2; d <= 1; ++d) {
            ASSERT_TRUE(agrees_with_glibc(zone, t + d, 0));
            ASSERT_TRUE(agrees_with_glibc(zone, t + d, kNs - 1));
        }
        ASSERT_TRUE(span_is_exact(zone, t * kNs - 1));
        ASSERT_TRUE(span_is_exact(zone, t * kNs));
    }
    // Our spans end at exactly the same offset changes as glibc's.
    EXPECT_EQ(our_changes(zone, k2000, k2040), changes);

    // The ends of the int64 ns range do not trip anything.
    for (const int64_t ns : {kMinNs, kMinNs + 1, kMaxNs - 1, kMaxNs}) {
        EXPECT_EQ(zone.local_date(ns), glibc_local(floor_seconds(ns)).date) << ns;
        EXPECT_TRUE(span_is_exact(zone, ns));
    }
}

INSTANTIATE_TEST_SUITE_P(Zones, GlibcCrossCheck,
                         ::testing::Values("Australia/Sydney", "Australia/Perth",
                                           "America/New_York", "Europe/London", "UTC",
                                           "Pacific/Auckland", "Asia/Kolkata", "Etc/GMT-10",
                                           "Australia/Lord_Howe", "Europe/Dublin",
                                           "America/Santiago", "Asia/Gaza", "Africa/Casablanca"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                             std::string out;
                             for (const char c : std::string(param_info.param)) {
                                 out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return out;
                         });

TEST(GlibcCrossCheckCounts, DaylightZonesHaveTwoChangesAYear) {
    for (const char* name : {"Australia/Sydney", "America/New_York", "Europe/London"}) {
        const MarketTimeZone zone = MarketTimeZone::load(name);
        EXPECT_EQ(our_changes(zone, k2000, k2040).size(), 80U) << name;
        EXPECT_EQ(our_changes(zone, utc(2050, 1, 1), utc(2090, 1, 1)).size(), 80U) << name;
    }
    const MarketTimeZone perth = MarketTimeZone::load("Australia/Perth");
    EXPECT_EQ(our_changes(perth, k2000, k2100).size(), 6U);  // the 2006-2009 DST trial
}

// ---- Sydney, by hand ----------------------------------------------------------------------

TEST(MarketTimeZoneSydney, DaylightSavingEndsOn2024_04_07) {
    const MarketTimeZone sydney = MarketTimeZone::load("Australia/Sydney");
    // 03:00 AEDT (UTC+11) on 2024-04-07 is 2024-04-06T16:00:00Z; clocks go back to 02:00 AEST.
    const int64_t change = utc(2024, 4, 6, 16);
    EXPECT_EQ(sydney.utc_offset_seconds(change - 1), 11 * 3600);
    EXPECT_EQ(sydney.utc_offset_seconds(change), 10 * 3600);
    EXPECT_EQ(sydney.local_date(change * kNs - 1), (CivilDate{2024, 4, 7}));
    EXPECT_EQ(sydney.local_date(change * kNs), (CivilDate{2024, 4, 7}));
    // The 25-hour day 2024-04-07 is two spans: midnight AEDT to the change, then to midnight
    // AEST.
    const LocalDateSpan before = sydney.local_date_span(change * kNs - 1);
    EXPECT_EQ(before.date, (CivilDate{2024, 4, 7}));
    EXPECT_EQ(before.start_ns, utc(2024, 4, 6, 13) * kNs);
    EXPECT_EQ(before.end_ns, change * kNs);
    const LocalDateSpan after = sydney.local_date_span(change * kNs);
    EXPECT_EQ(after.date, (CivilDate{2024, 4, 7}));
    EXPECT_EQ(after.start_ns, change * kNs);
    EXPECT_EQ(after.end_ns, utc(2024, 4, 7, 14) * kNs);
    EXPECT_EQ(sydney.local_date(utc(2024, 4, 7, 14) * kNs), (CivilDate{2024, 4, 8}));
    EXPECT_EQ(sydney.local_date(utc(2024, 4, 7, 14) * kNs - 1), (CivilDate{2024, 4, 7}));
}

TEST(MarketTimeZoneSydney, DaylightSavingStartsOn2024_10_06) {
    const MarketTimeZone sydney = MarketTimeZone::load("Australia/Sydney");
    // 02:00 AEST (UTC+10) on 2024-10-06 is 2024-10-05T16:00:00Z; clocks jump to 03:00 AEDT.
    const int64_t change = utc(2024, 10, 5, 16);
    EXPECT_EQ(sydney.utc_offset_seconds(change - 1), 10 * 3600);
    EXPECT_EQ(sydney.utc_offset_seconds(change), 11 * 3600);
    const LocalDateSpan before = sydney.local_date_span(change * kNs - 1);
    EXPECT_EQ(before.date, (CivilDate{2024, 10, 6}));
    EXPECT_EQ(before.start_ns, utc(2024, 10, 5, 14) * kNs);
    EXPECT_EQ(before.end_ns, change * kNs);
    const LocalDateSpan after = sydney.local_date_span(change * kNs);
    EXPECT_EQ(after.date, (CivilDate{2024, 10, 6}));
    EXPECT_EQ(after.end_ns, utc(2024, 10, 6, 13) * kNs);  // the 23-hour day
    EXPECT_EQ(sydney.local_date(utc(2024, 10, 6, 13) * kNs), (CivilDate{2024, 10, 7}));
}

TEST(MarketTimeZoneSydney, PreOpenBeforeUtcMidnightBelongsToTheSydneyDate) {
    const MarketTimeZone sydney = MarketTimeZone::load("Australia/Sydney");
    // 2024-03-04T21:00:00Z is 08:00 AEDT (UTC+11) on 2024-03-05; 07:00 AEDT is 20:00Z.
    const int64_t pre_open = utc(2024, 3, 4, 21) * kNs;
    EXPECT_EQ(sydney.utc_offset_seconds(pre_open / kNs), 11 * 3600);
    EXPECT_EQ(sydney.local_date(pre_open), (CivilDate{2024, 3, 5}));
    EXPECT_EQ(sydney.local_date(utc(2024, 3, 4, 20) * kNs), (CivilDate{2024, 3, 5}));
    LocalDateCache cache(sydney);
    EXPECT_EQ(cache.date_of(pre_open), (CivilDate{2024, 3, 5}));
    EXPECT_EQ(cache.date_of(utc(2024, 3, 4, 12, 59, 59) * kNs), (CivilDate{2024, 3, 4}));
    EXPECT_EQ(cache.date_of(utc(2024, 3, 4, 13) * kNs), (CivilDate{2024, 3, 5}));
    // Winter: 07:00 AEST on 2024-07-01 is 2024-06-30T21:00:00Z.
    EXPECT_EQ(sydney.local_date(utc(2024, 6, 30, 21) * kNs), (CivilDate{2024, 7, 1}));
    EXPECT_EQ(sydney.local_date(utc(2024, 6, 30, 13, 59, 59) * kNs), (CivilDate{2024, 6, 30}));
}

TEST(MarketTimeZoneSydney, NegativeNanosecondsUseFloorDivision) {
    const MarketTimeZone utc_zone = MarketTimeZone::load("UTC");
    EXPECT_EQ(utc_zone.local_date(-1), (CivilDate{1969, 12, 31}));
    EXPECT_EQ(utc_zone.local_date(0), (CivilDate{1970, 1, 1}));
    EXPECT_EQ(utc_zone.local_date(-86400 * kNs), (CivilDate{1969, 12, 31}));
    EXPECT_EQ(utc_zone.local_date(-86400 * kNs - 1), (CivilDate{1969, 12, 30}));
    const MarketTimeZone sydney = MarketTimeZone::load("Australia/Sydney");
    EXPECT_EQ(sydney.local_date(-1), (CivilDate{1970, 1, 1}));  // 10:00 AEST
    EXPECT_EQ(sydney.local_date(-10 * 3600 * kNs - 1), (CivilDate{1969, 12, 31}));
    EXPECT_EQ(sydney.utc_offset_seconds(-1), 36000);
}

TEST(MarketTimeZone, ZonesWithoutTransitions) {
    const MarketTimeZone utc_zone = MarketTimeZone::load("UTC");
    const MarketTimeZone plus10 = MarketTimeZone::load("Etc/GMT-10");
    for (const int64_t s : {int64_t{-5'000'000'000}, int64_t{0}, k2024, int64_t{9'000'000'000}}) {
        EXPECT_EQ(utc_zone.utc_offset_seconds(s), 0);
        EXPECT_EQ(plus10.utc_offset_seconds(s), 36000);
    }
    EXPECT_EQ(plus10.local_date(utc(2024, 3, 4, 14) * kNs), (CivilDate{2024, 3, 5}));
    const LocalDateSpan span = plus10.local_date_span(utc(2024, 3, 4, 14) * kNs);
    EXPECT_EQ(span.start_ns, utc(2024, 3, 4, 14) * kNs);
    EXPECT_EQ(span.end_ns, utc(2024, 3, 5, 14) * kNs);
    EXPECT_EQ(plus10.footer_rule(), "<+10>-10");
}

// ---- POSIX footer -------------------------------------------------------------------------

// Footer-only zones (zero transitions) against glibc parsing the same rule as TZ. The rules
// keep their changes away from the UTC new year, where glibc only looks at the current year.
TEST(PosixFooter, FooterOnlyZonesMatchGlibcPosixParser) {
    const std::vector<std::string> rules = {
        "AEST-10AEDT,M10.1.0,M4.1.0/3",          // southern hemisphere
        "EST5EDT,M3.2.0,M11.1.0",                // default 02:00 times
        "CET-1CEST,M3.5.0,M10.5.0/3",            //
        "IST-1GMT0,M10.5.0,M3.5.0/1",            // "negative DST" (Europe/Dublin)
        "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",       // negative time (America/Nuuk)
        "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",  // half-hour DST (Lord Howe)
        "EET-2EEST,M3.4.4/50,M10.4.4/50",        // time beyond 24h (Asia/Gaza)
        "<-04>4<-03>,M9.1.6/24,M4.1.6/24",       // 24:00 (America/Santiago)
        "XXX3YYY,J60/2,J300/2",                  // Jn: 1-based, no Feb 29
        "XXX3YYY,59/2,299/2",                    // n: 0-based, counts Feb 29
        "AAA+3:30:15BBB+2:30:15,M3.2.0/1:02:03,M11.1.0/4:05:06",
        "NZST-12NZDT,M9.5.0,M4.1.0/3",
        "<+0530>-5:30",  // fixed, quoted
        "<-0330>3:30",
    };
    for (const std::string& rule : rules) {
        SCOPED_TRACE(rule);
        const MarketTimeZone zone = footer_only(rule);
        EXPECT_EQ(zone.footer_rule(), rule);
        const ScopedEnv tz("TZ", rule);
        std::mt19937_64 rng(std::hash<std::string>{}(rule));
        std::uniform_int_distribution<int64_t> pick(k1970, k2100 - 1);
        std::uniform_int_distribution<int64_t> far(k2100, kNsEnd - 1);
        for (int i = 0; i < 20'000; ++i) {
            ASSERT_TRUE(agrees_with_glibc(zone, pick(rng), 0));
            ASSERT_TRUE(agrees_with_glibc(zone, far(rng), kNs - 1));
        }
        const std::vector<int64_t> changes = glibc_changes(utc(2020, 1, 1), utc(2030, 1, 1));
        const bool fixed = rule.find(',') == std::string::npos;
        EXPECT_EQ(changes.size(), fixed ? 0U : 20U);
        for (const int64_t t : changes) {
            for (int64_t d = -1; d <= 1; ++d) ASSERT_TRUE(agrees_with_glibc(zone, t + d, 0));
            ASSERT_TRUE(span_is_exact(zone, t * kNs - 1));
            ASSERT_TRUE(span_is_exact(zone, t * kNs));
        }
        EXPECT_EQ(our_changes(zone, utc(2020, 1, 1), utc(2030, 1, 1)), changes);
    }
}

TEST(PosixFooter, SouthernRuleByHand) {
    const MarketTimeZone zone = footer_only("AEST-10AEDT,M10.1.0,M4.1.0/3");
    // The same answers as the real Australia/Sydney file in 2024.
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 4, 6, 16) - 1), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 4, 6, 16)), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 10, 5, 16) - 1), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 10, 5, 16)), 39600);
    // DST spans the new year: in force on both sides of 1 January.
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 12, 31, 23)), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2025, 1, 1, 1)), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2025, 7, 1)), 36000);
    EXPECT_EQ(zone.local_date(utc(2024, 3, 4, 21) * kNs), (CivilDate{2024, 3, 5}));
    // Before 1970 and far in the future the rule still applies.
    EXPECT_EQ(zone.utc_offset_seconds(utc(1900, 1, 15)), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1900, 7, 15)), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(3000, 1, 15)), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(3000, 7, 15)), 36000);
    // 2200: first Sunday of October is 5 October; 02:00 AEST = 4 October 16:00Z.
    EXPECT_EQ(zone.utc_offset_seconds(utc(2200, 10, 4, 16) - 1), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2200, 10, 4, 16)), 39600);
    EXPECT_TRUE(span_is_exact(zone, utc(2200, 10, 4, 16) * kNs));
    // Whole int64 range: no overflow, answers stay one of the two offsets.
    for (const int64_t s : {std::numeric_limits<int64_t>::min(), int64_t{-1} << 62,
                            int64_t{1} << 62, std::numeric_limits<int64_t>::max()}) {
        const int32_t offset = zone.utc_offset_seconds(s);
        EXPECT_TRUE(offset == 36000 || offset == 39600) << s;
    }
}

TEST(PosixFooter, DefaultDstOffsetAndDefaultRules) {
    // No rule: the POSIX default M3.2.0,M11.1.0 at 02:00; DST one hour ahead of standard.
    const MarketTimeZone zone = footer_only("AAA3BBB");
    // 2024: second Sunday of March is the 10th, 02:00 at UTC-3 = 05:00Z.
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 3, 10, 5) - 1), -3 * 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 3, 10, 5)), -2 * 3600);
    // First Sunday of November is the 3rd, 02:00 at UTC-2 = 04:00Z.
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 11, 3, 4) - 1), -2 * 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2024, 11, 3, 4)), -3 * 3600);
}

TEST(PosixFooter, DaylightSavingAllYear) {
    // RFC 8536: DST all year when it starts Jan 1 00:00 and ends Dec 31 24:00 + 1h.
    const MarketTimeZone zone = footer_only("EST5EDT,0/0,J365/25");
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int64_t> pick(-kNsEnd, kNsEnd);
    for (int i = 0; i < 20'000; ++i) {
        const int64_t s = pick(rng);
        ASSERT_EQ(zone.utc_offset_seconds(s), -4 * 3600) << s;
    }
    for (int year = 1990; year < 2110; ++year) {
        for (const int64_t s : {utc(year, 1, 1, 4, 59, 59), utc(year, 1, 1, 5), utc(year, 1, 1)}) {
            ASSERT_EQ(zone.utc_offset_seconds(s), -4 * 3600) << s;
            const LocalDateSpan span = zone.local_date_span(s * kNs);
            ASSERT_LE(span.start_ns, s * kNs);
            ASSERT_GT(span.end_ns, s * kNs);
            ASSERT_EQ(span.date, zone.local_date(s * kNs));
        }
    }
}

TEST(PosixFooter, FooterAfterTheLastTransition) {
    // One transition in 2000 from +09:00 standard to the footer's regime.
    const std::string bytes =
        make_tzif_v2({utc(2000, 1, 1)}, {1}, {TestType{9 * 3600, false}, TestType{39600, true}},
                     "AEST-10AEDT,M10.1.0,M4.1.0/3", '3');
    const MarketTimeZone zone = MarketTimeZone::from_tzif("Test/Mixed", bytes);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1999, 12, 31, 23, 59, 59)), 9 * 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2000, 1, 1)), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2000, 7, 1)), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2150, 7, 1)), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2150, 1, 1)), 39600);
    EXPECT_TRUE(span_is_exact(zone, utc(2000, 1, 1) * kNs));
    EXPECT_TRUE(span_is_exact(zone, utc(2000, 1, 1) * kNs - 1));
    const MarketTimeZone sydney = MarketTimeZone::load("Australia/Sydney");
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int64_t> pick(utc(2009, 1, 1), kNsEnd);
    for (int i = 0; i < 20'000; ++i) {
        const int64_t s = pick(rng);
        ASSERT_EQ(zone.utc_offset_seconds(s), sydney.utc_offset_seconds(s)) << s;
    }
}

// A last transition after 2100 (beyond the precomputed table): the rule governs only from it on,
// so its changes before that transition must not leak into spans.
TEST(PosixFooter, LastTransitionBeyondTheTable) {
    const std::string rule = "AEST-10AEDT,M10.1.0,M4.1.0/3";
    const int64_t last = utc(2150, 6, 1);
    const MarketTimeZone zone = MarketTimeZone::from_tzif(
        "Test/Late",
        make_tzif_v2({last}, {1}, {TestType{9 * 3600, false}, TestType{36000, false}}, rule));
    EXPECT_EQ(zone.utc_offset_seconds(last - 1), 9 * 3600);
    EXPECT_EQ(zone.utc_offset_seconds(last), 36000);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2150, 12, 1)), 39600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2151, 7, 1)), 36000);
    const LocalDateSpan span = zone.local_date_span(last * kNs + 1);
    EXPECT_EQ(span.start_ns, last * kNs);  // not local midnight at +10 (2150-05-31T14:00Z)
    EXPECT_EQ(span.end_ns, utc(2150, 6, 1, 14) * kNs);
    for (int64_t s = last - 2 * 86400; s < last + 400 * 86400; s += 3 * 3600 + 7) {
        ASSERT_TRUE(span_is_exact(zone, s * kNs));
    }

    // A last transition that changes nothing, an hour before the rule's next change: the span
    // before it must still end at that change.
    const MarketTimeZone plain = footer_only(rule);
    const std::vector<int64_t> changes = our_changes(plain, utc(2150, 9, 1), utc(2150, 11, 1));
    ASSERT_EQ(changes.size(), 1U);
    const int64_t change = changes[0];
    const MarketTimeZone no_op = MarketTimeZone::from_tzif(
        "Test/NoOp",
        make_tzif_v2({utc(2140, 1, 1), change - 3600}, {1, 2},
                     {TestType{9 * 3600, false}, TestType{36000, false}, TestType{36000, false}},
                     rule));
    EXPECT_EQ(no_op.utc_offset_seconds(change - 1), 36000);
    EXPECT_EQ(no_op.utc_offset_seconds(change), 39600);
    EXPECT_EQ(no_op.local_date_span((change - 5400) * kNs).end_ns, change * kNs);
    for (int64_t s = change - 3 * 86400; s < change + 3 * 86400; s += 599) {
        ASSERT_TRUE(span_is_exact(no_op, s * kNs));
    }
}

TEST(MarketTimeZone, TransitionsThatKeepTheOffsetDoNotSplitSpans) {
    // 2000-01-01T12:00Z: only the DST flag changes (+01:00 either way); 2001: a real change.
    const MarketTimeZone zone = MarketTimeZone::from_tzif(
        "Test/Flags",
        make_tzif_v2({utc(2000, 1, 1, 12), utc(2001, 1, 1, 12)}, {1, 2},
                     {TestType{3600, false}, TestType{3600, true}, TestType{7200, false}}, ""));
    const LocalDateSpan span = zone.local_date_span(utc(2000, 1, 1, 12) * kNs);
    EXPECT_EQ(span.start_ns, utc(1999, 12, 31, 23) * kNs);
    EXPECT_EQ(span.end_ns, utc(2000, 1, 1, 23) * kNs);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2001, 1, 1, 12) - 1), 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2001, 1, 1, 12)), 7200);
    EXPECT_TRUE(span_is_exact(zone, utc(2001, 1, 1, 12) * kNs));
}

TEST(PosixFooter, VersionOneFilesUseTheirTransitions) {
    const std::string bytes = make_tzif_v1({utc(1990, 3, 1), utc(1990, 10, 1)}, {1, 0},
                                           {TestType{3600, false}, TestType{7200, true}});
    const MarketTimeZone zone = MarketTimeZone::from_tzif("Test/V1", bytes);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1980, 1, 1)), 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1990, 3, 1)), 7200);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1990, 10, 1) - 1), 7200);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1990, 10, 1)), 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2100, 1, 1)), 3600);
    EXPECT_TRUE(zone.footer_rule().empty());
}

TEST(PosixFooter, BeforeTheFirstTransitionUsesTheFirstStandardType) {
    // Type 0 is DST (unusual); before the first transition the first standard type applies.
    const std::string bytes =
        make_tzif_v2({utc(2000, 1, 1)}, {0}, {TestType{7200, true}, TestType{3600, false}}, "");
    const MarketTimeZone zone = MarketTimeZone::from_tzif("Test/DstFirst", bytes);
    EXPECT_EQ(zone.utc_offset_seconds(utc(1999, 1, 1)), 3600);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2000, 1, 1)), 7200);
    EXPECT_EQ(zone.utc_offset_seconds(utc(2050, 1, 1)), 7200);  // empty footer: last type
}

TEST(PosixFooter, BadFootersAreRejected) {
    const std::vector<std::string> footers = {"AEST",
                                              "AE-10",
                                              "AEST-10AEDT,M13.1.0,M4.1.0",
                                              "AEST-10AEDT,M10.6.0,M4.1.0",
                                              "AEST-10AEDT,M10.1.7,M4.1.0",
                                              "AEST-10AEDT,M10.1.0",
                                              "AEST-10AEDT,M10.1.0,",
                                              "AEST-10AEDT,M10.1.0,M4.1.0/168",
                                              "AEST-10AEDT,J0,J365",
                                              "AEST-10AEDT,366,4",
                                              "<AB>-10",
                                              "<+10-10",
                                              "AEST-25",
                                              "AEST-10:60",
                                              "AEST-10AEDT,M10.1.0,M4.1.0x",
                                              "AEST-10 AEDT",
                                              "AEST-10AEDT;M10.1.0,M4.1.0",
                                              std::string("AEST-10\0", 8)};
    for (const std::string& footer : footers) {
        SCOPED_TRACE(footer);
        EXPECT_THROW(footer_only(footer), std::invalid_argument);
    }
}

// ---- names and files ----------------------------------------------------------------------

TEST(MarketTimeZoneNames, InvalidAndUnknownNamesThrowOneLineMessages) {
    const std::vector<std::string> bad = {"../etc/passwd",
                                          "/etc/passwd",
                                          "",
                                          "Foo/Bar",
                                          "Australia/../../etc/passwd",
                                          "Australia//Sydney",
                                          "Australia/",
                                          "Australia/Sydney\n",
                                          "Australia/Sydney ",
                                          "zone.tab",
                                          "Australia",
                                          std::string(300, 'A'),
                                          std::string("Australia/Syd\0ney", 17),
                                          "Europe/*",
                                          "Australia/Sydney/x"};
    for (const std::string& name : bad) {
        SCOPED_TRACE(name);
        try {
            (void)MarketTimeZone::load(name);
            ADD_FAILURE() << "loaded";
        } catch (const std::invalid_argument& error) {
            const std::string message = error.what();
            EXPECT_EQ(message.find('\n'), std::string::npos) << message;
            EXPECT_NE(message.find("time zone"), std::string::npos) << message;
        }
    }
    try {
        (void)MarketTimeZone::load("Foo/Bar");
        ADD_FAILURE() << "loaded Foo/Bar";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("'Foo/Bar'"), std::string::npos);
    }
    EXPECT_FALSE(MarketTimeZone::is_valid_name("../etc/passwd"));
    EXPECT_FALSE(MarketTimeZone::is_valid_name("/etc/passwd"));
    EXPECT_FALSE(MarketTimeZone::is_valid_name(""));
    EXPECT_FALSE(MarketTimeZone::is_valid_name("a..b"));
    EXPECT_FALSE(MarketTimeZone::is_valid_name(std::string(256, 'a')));
    EXPECT_TRUE(MarketTimeZone::is_valid_name(std::string(255, 'a')));
    EXPECT_TRUE(MarketTimeZone::is_valid_name("Foo/Bar"));  // valid, just unknown
    EXPECT_TRUE(MarketTimeZone::is_valid_name("Etc/GMT+10"));
    EXPECT_TRUE(MarketTimeZone::is_valid_name("America/Port-au-Prince"));
    EXPECT_TRUE(MarketTimeZone::is_valid_name("America/Argentina/Buenos_Aires"));
}

TEST(MarketTimeZoneNames, TzdirIsHonoured) {
    const std::filesystem::path dir = std::filesystem::path(MDP_SCRATCH_DIR) / "tzdir";
    std::filesystem::create_directories(dir / "Test");
    {
        std::ofstream out(dir / "Test" / "Zone", std::ios::binary);
        out << make_tzif_v2({}, {}, {TestType{0, false}}, "<+0345>-3:45");
    }
    {
        const ScopedEnv tzdir("TZDIR", dir.string());
        const MarketTimeZone zone = MarketTimeZone::load("Test/Zone");
        EXPECT_EQ(zone.utc_offset_seconds(k2024), 3 * 3600 + 45 * 60);
        EXPECT_THROW((void)MarketTimeZone::load("Australia/Sydney"), std::invalid_argument);
    }
    EXPECT_EQ(MarketTimeZone::load("Australia/Sydney").utc_offset_seconds(k2024), 39600);
    EXPECT_THROW((void)MarketTimeZone::load("Test/Zone"), std::invalid_argument);
}

// ---- corrupt TZif ---------------------------------------------------------------------------

TEST(TzifParsing, EveryTruncationIsRejected) {
    const std::string bytes = read_file("/usr/share/zoneinfo/Australia/Sydney");
    ASSERT_GT(bytes.size(), 100U);
    EXPECT_NO_THROW((void)MarketTimeZone::from_tzif("Australia/Sydney", bytes));
    for (size_t length = 0; length < bytes.size(); ++length) {
        // A copy of exactly `length` bytes, so ASan sees any read past the end.
        const std::string prefix = bytes.substr(0, length);
        EXPECT_THROW((void)MarketTimeZone::from_tzif("Australia/Sydney", prefix),
                     std::invalid_argument)
            << length;
    }
}

TEST(TzifParsing, CorruptFieldsAreRejected) {
    const std::string good = read_file("/usr/share/zoneinfo/America/New_York");
    const Layout layout = layout_of(good);
    ASSERT_GT(layout.timecnt, 2U);
    std::vector<std::pair<std::string, std::string>> cases;
    auto corrupt = [&](const char* what, auto&& change) {
        std::string bytes = good;
        change(bytes);
        cases.emplace_back(what, bytes);
    };
    auto set32 = [](std::string& bytes, size_t at, uint32_t v) {
        for (size_t i = 0; i < 4; ++i) {
            bytes[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
        }
    };
    corrupt("magic", [](std::string& b) { b[0] = 'X'; });
    corrupt("version", [](std::string& b) { b[4] = '9'; });
    corrupt("v1 timecnt huge", [&](std::string& b) { set32(b, 32, 0xffffffffU); });
    corrupt("v2 magic", [&](std::string& b) { b[layout.v2_header] = 'X'; });
    corrupt("v2 typecnt 0", [&](std::string& b) { set32(b, layout.v2_header + 36, 0); });
    corrupt("v2 charcnt 0", [&](std::string& b) { set32(b, layout.v2_header + 40, 0); });
    corrupt("v2 timecnt huge", [&](std::string& b) { set32(b, layout.v2_header + 32, 1U << 30); });
    corrupt("v2 isutcnt", [&](std::string& b) { set32(b, layout.v2_header + 20, 1); });
    corrupt("type index", [&](std::string& b) { b[layout.v2_indices] = static_cast<char>(0x7f); });
    corrupt("order", [&](std::string& b) {
        std::swap_ranges(b.begin() + static_cast<long>(layout.v2_times),
                         b.begin() + static_cast<long>(layout.v2_times + 8),
                         b.begin() + static_cast<long>(layout.v2_times + 8));
    });
    corrupt("no final newline", [](std::string& b) { b.pop_back(); });
    corrupt("trailing data", [](std::string& b) { b += "x"; });
    corrupt("footer", [](std::string& b) {
        const size_t at = b.rfind("EST5EDT");
        b.replace(at, 7, "EST5EDT,M13.1.0,M1.1.0");  // bad month
    });
    cases.emplace_back("leap seconds", [] {
        std::string out;
        put_header(out, '2', 0, 1, 4);
        put_block(out, 4, {}, {}, {TestType{0, false}});
        put_header(out, '2', 0, 1, 4, 1);
        put_block(out, 8, {}, {}, {TestType{0, false}});
        put64(out, 78796800);
        put32(out, 1);
        out += "\nUTC0\n";
        return out;
    }());
    cases.emplace_back("empty", "");
    cases.emplace_back("text", "AEST-10AEDT,M10.1.0,M4.1.0/3\n");
    for (const auto& [what, bytes] : cases) {
        EXPECT_THROW((void)MarketTimeZone::from_tzif("America/New_York", bytes),
                     std::invalid_argument)
            << what;
    }
}

TEST(TzifParsing, RandomDamageNeverCrashes) {
    const std::string good = read_file("/usr/share/zoneinfo/Australia/Sydney");
    std::mt19937_64 rng(42);
    int rejected = 0;
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string bytes = good;
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; ++f) {
            bytes[rng() % bytes.size()] = static_cast<char>(rng() & 0xff);
        }
        if (i % 3 == 0) bytes.resize(rng() % bytes.size());
        try {
            const MarketTimeZone zone = MarketTimeZone::from_tzif("Damaged", bytes);
            // Whatever was accepted must answer sanely.
            for (const int64_t s : {int64_t{-4'000'000'000}, int64_t{0}, k2024, k2100}) {
                const int32_t offset = zone.utc_offset_seconds(s);
                ASSERT_TRUE(offset > -90000 && offset < 93600) << offset;
                ASSERT_TRUE(span_is_exact(zone, s * kNs));
            }
            ++accepted;
        } catch (const std::invalid_argument&) {
            ++rejected;
        }
    }
    EXPECT_GT(rejected, 1000);  // every truncated copy at least
    EXPECT_EQ(accepted + rejected, 3000);
    // Pure noise (no TZif magic) is always rejected.
    for (int i = 0; i < 500; ++i) {
        std::string noise(rng() % 3000, '\0');
        for (char& c : noise) c = static_cast<char>(rng() & 0xff);
        if (noise.size() >= 4) noise[0] = 'Z';
        EXPECT_THROW((void)MarketTimeZone::from_tzif("Noise", noise), std::invalid_argument);
    }
}

// ---- LocalDateCache ------------------------------------------------------------------------

// Sorted timestamps: a random walk (steps up to ~20 minutes) from 2023 through several DST
// changes, then dense bursts straddling each 2024 change and each midnight around it.
std::vector<int64_t> sorted_timestamps(const MarketTimeZone& zone, std::mt19937_64& rng) {
    std::vector<int64_t> out;
    out.reserve(1'000'000);
    std::uniform_int_distribution<int64_t> step(0, 1200 * kNs);
    int64_t t = utc(2023, 1, 1) * kNs;
    while (out.size() < 600'000) {
        t += step(rng);
        out.push_back(t);
    }
    const std::vector<int64_t> changes = our_changes(zone, utc(2024, 1, 1), utc(2025, 1, 1));
    std::vector<int64_t> centres = changes;
    for (const int64_t c : changes) {
        const LocalDateSpan span = zone.local_date_span(c * kNs);
        centres.push_back(floor_seconds(span.end_ns));
        centres.push_back(floor_seconds(zone.local_date_span(c * kNs - 1).start_ns));
    }
    centres.push_back(utc(2024, 6, 1));
    const size_t per_centre = (1'000'000 - out.size()) / centres.size() - 3;
    std::uniform_int_distribution<int64_t> tiny(0, 50'000'000);  // up to 50 ms
    for (const int64_t c : centres) {
        int64_t u = c * kNs - static_cast<int64_t>(per_centre / 2) * 25'000'000;
        std::vector<int64_t> burst;
        for (size_t i = 0; i < per_centre; ++i) {
            u += tiny(rng);
            burst.push_back(u);
        }
        out.insert(out.end(), burst.begin(), burst.end());
    }
    for (const int64_t c : centres) {  // exactly at each boundary and either side of it
        for (const int64_t d : {-1, 0, 1}) out.push_back(c * kNs + d);
    }
    while (out.size() < 1'000'000) out.push_back(out.back() + 1);
    out.resize(1'000'000);
    std::sort(out.begin(), out.end());
    return out;
}

void expect_cache_agrees(const MarketTimeZone& zone, const std::vector<int64_t>& timestamps) {
    LocalDateCache cache(zone);
    size_t mismatches = 0;
    for (const int64_t t : timestamps) {
        if (cache.date_of(t) != zone.local_date(t)) {
            if (++mismatches <= 5) {
                ADD_FAILURE() << zone.name() << ": cache disagrees at " << t << " ("
                              << cache.date_of(t).to_string() << " vs "
                              << zone.local_date(t).to_string() << ")";
            }
        }
    }
    EXPECT_EQ(mismatches, 0U) << zone.name() << " over " << timestamps.size() << " timestamps";
}

TEST(LocalDateCache, AgreesWithLocalDateOnSortedAndUnsortedStreams) {
    std::vector<MarketTimeZone> zones;
    for (const char* name :
         {"Australia/Sydney", "America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "UTC"}) {
        zones.push_back(MarketTimeZone::load(name));
    }
    zones.push_back(footer_only("AEST-10AEDT,M10.1.0,M4.1.0/3"));
    zones.push_back(footer_only("EET-2EEST,M3.4.4/50,M10.4.4/50"));
    std::mt19937_64 rng(2024);
    for (const MarketTimeZone& zone : zones) {
        SCOPED_TRACE(zone.name());
        std::vector<int64_t> sorted = sorted_timestamps(zone, rng);
        ASSERT_EQ(sorted.size(), 1'000'000U);
        ASSERT_TRUE(std::is_sorted(sorted.begin(), sorted.end()));
        expect_cache_agrees(zone, sorted);

        // Unsorted: the same instants shuffled, plus random ones anywhere in the ns range.
        std::vector<int64_t> unsorted = sorted;
        std::shuffle(unsorted.begin(), unsorted.end(), rng);
        std::uniform_int_distribution<int64_t> anywhere(kMinNs, kMaxNs);
        for (size_t i = 0; i < unsorted.size(); i += 4) unsorted[i] = anywhere(rng);
        expect_cache_agrees(zone, unsorted);

        // Locally shuffled (a roughly ordered file): windows of 64 rows shuffled.
        std::vector<int64_t> jittered = sorted;
        for (size_t i = 0; i + 64 <= jittered.size(); i += 64) {
            std::shuffle(jittered.begin() + static_cast<long>(i),
                         jittered.begin() + static_cast<long>(i + 64), rng);
        }
        expect_cache_agrees(zone, jittered);

        // Historical instants: negative ns, pre-1970 offsets.
        std::vector<int64_t> old;
        int64_t t = kMinNs + 1;
        std::uniform_int_distribution<int64_t> big_step(0, 80'000 * kNs);  // ends ~1930
        while (old.size() < 200'000) {
            t += big_step(rng);
            old.push_back(t);
        }
        expect_cache_agrees(zone, old);

        // Exactness of spans at random instants.
        std::uniform_int_distribution<int64_t> pick(kMinNs, kMaxNs);
        for (int i = 0; i < 20'000; ++i) ASSERT_TRUE(span_is_exact(zone, pick(rng)));
    }
}

TEST(LocalDateCache, HitsInsideOneSpanAndMissesOutside) {
    const MarketTimeZone sydney = MarketTimeZone::load("Australia/Sydney");
    LocalDateCache cache(sydney);
    // A trading day: 2024-03-05, 07:00 to 17:00 AEDT = 2024-03-04T20:00Z to 2024-03-05T06:00Z.
    const int64_t open = utc(2024, 3, 4, 20) * kNs;
    const int64_t close = utc(2024, 3, 5, 6) * kNs;
    for (int64_t t = open; t < close; t += 60 * kNs) {
        ASSERT_EQ(cache.date_of(t), (CivilDate{2024, 3, 5}));
    }
    EXPECT_EQ(cache.date_of(utc(2024, 3, 5, 13) * kNs - 1), (CivilDate{2024, 3, 5}));
    EXPECT_EQ(cache.date_of(utc(2024, 3, 5, 13) * kNs), (CivilDate{2024, 3, 6}));
    EXPECT_EQ(cache.date_of(utc(2024, 3, 4, 13) * kNs - 1), (CivilDate{2024, 3, 4}));
    // Copies (one per thread) are independent.
    LocalDateCache copy = cache;
    EXPECT_EQ(copy.date_of(open), (CivilDate{2024, 3, 5}));
    EXPECT_EQ(cache.date_of(kMinNs), sydney.local_date(kMinNs));
    EXPECT_EQ(cache.date_of(kMaxNs), sydney.local_date(kMaxNs));
    EXPECT_EQ(cache.date_of(kMaxNs), sydney.local_date(kMaxNs));
}

}  // namespace
}  // namespace mdp::extract

namespace mdp::extract {
namespace {

TEST(MarketTimeZoneFingerprint, FollowsTheZoneFilesBytes) {
    const auto sydney = MarketTimeZone::load("Australia/Sydney");
    EXPECT_EQ(sydney.data_fingerprint(), MarketTimeZone::load("Australia/Sydney").data_fingerprint());
    EXPECT_NE(sydney.data_fingerprint(), MarketTimeZone::load("Australia/Perth").data_fingerprint());
    EXPECT_NE(sydney.data_fingerprint(), 0U);
}

}  // namespace
}  // namespace mdp::extract
