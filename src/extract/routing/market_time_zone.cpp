#include "extract/routing/market_time_zone.h"

#include "common/hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <utility>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::extract {
namespace {

using detail::PosixDate;
using detail::PosixRule;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kDay = 86400;
constexpr int64_t kNsPerSecond = 1'000'000'000;
// The Gregorian calendar, weekdays included, repeats every 400 years (146097 days = 20871 weeks).
constexpr int64_t kCycleSeconds = 146097 * kDay;
// The footer rule's changes are put into the lookup table from the last transition up to here
// (2101-01-01T00:00:00Z); later instants evaluate the rule directly.
constexpr int32_t kTableLastYear = 2100;
constexpr int64_t kTableEnd = 4133980800;
// Last transitions before this (1600-01-01) do not get a generated table (evaluated directly).
constexpr int64_t kTableStartMin = -11676096000;
constexpr size_t kMaxNameLength = 255;
constexpr off_t kMaxTzifBytes = off_t{1} << 20;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) --q;
    return q;
}

int64_t days_from_civil(int32_t year, int32_t month, int32_t day) {
    return CivilDate{year, static_cast<uint32_t>(month), static_cast<uint32_t>(day)}.to_days();
}

int32_t year_of(int64_t unix_seconds) {
    return CivilDate::from_days(floor_div(unix_seconds, kDay)).year;
}

bool is_leap(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t days_in_month(int32_t year, int32_t month) {
    static constexpr std::array<int32_t, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return kDays[static_cast<size_t>(month - 1)] + ((month == 2 && is_leap(year)) ? 1 : 0);
}

int64_t seconds_to_ns(int64_t seconds) {
    if (seconds < kMin / kNsPerSecond) return kMin;
    if (seconds > kMax / kNsPerSecond) return kMax;
    return seconds * kNsPerSecond;
}

// How many of the ascending `times` are <= t (std::upper_bound's index), without data-dependent
// branches: the lookup is in the per-row path and its comparisons are unpredictable.
size_t count_not_after(const std::vector<int64_t>& times, int64_t t) {
    if (times.empty()) return 0;
    const int64_t* base = times.data();
    size_t length = times.size();
    while (length > 1) {
        const size_t half = length / 2;
        base = base[half] <= t ? base + half : base;
        length -= half;
    }
    return static_cast<size_t>(base - times.data()) + (*base <= t ? 1U : 0U);
}

// The zone name as it may appear in a one-line message: non-printable bytes become '?', and very
// long names are cut.
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, 80)) {
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    if (text.size() > 80) out += "...";
    return out;
}

[[noreturn]] void bad_tzif(const std::string& zone, const std::string& reason) {
    throw std::invalid_argument("time zone '" + printable(zone) +
                                "': invalid TZif data: " + reason);
}

// ---- POSIX TZ strings ---------------------------------------------------------------------

// Parses "std offset [dst [offset] [,start[/time],end[/time]]]" (POSIX.1-2017 with the RFC 8536
// extensions: rule times from -167 to 167 hours).
class PosixParser {
  public:
    explicit PosixParser(std::string_view text) : text_(text) {}

    bool parse(PosixRule& out) {
        int32_t value = 0;
        if (!name() || !hms(24, value)) return false;
        out.std_offset = -value;
        out.dst_offset = out.std_offset;
        out.has_dst = false;
        if (at_end()) return true;
        if (!name()) return false;
        out.has_dst = true;
        out.dst_offset = out.std_offset + 3600;
        if (!at_end() && peek() != ',') {
            if (!hms(24, value)) return false;
            out.dst_offset = -value;
        }
        if (at_end()) {
            // No rule given: the POSIX default (US rules), as glibc applies it.
            out.dst_start = PosixDate{PosixDate::Kind::kMonthWeekDay, 0, 3, 2, 0, 7200};
            out.dst_end = PosixDate{PosixDate::Kind::kMonthWeekDay, 0, 11, 1, 0, 7200};
            return true;
        }
        if (!consume(',') || !date(out.dst_start)) return false;
        if (!consume(',') || !date(out.dst_end)) return false;
        return at_end();
    }

  private:
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    bool consume(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    // An abbreviation: three or more letters, or <...> with letters, digits, '+' and '-'.
    bool name() {
        size_t length = 0;
        if (consume('<')) {
            while (!at_end() && text_[pos_] != '>') {
                const char c = text_[pos_];
                if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-') return false;
                ++pos_;
                ++length;
            }
            if (!consume('>')) return false;
        } else {
            while (!at_end() && is_alpha(text_[pos_])) {
                ++pos_;
                ++length;
            }
        }
        return length >= 3;
    }

    bool number(int32_t max_value, int32_t& out) {
        out = 0;
        size_t digits = 0;
        while (!at_end() && is_digit(text_[pos_])) {
            out = out * 10 + (text_[pos_] - '0');
            ++pos_;
            if (++digits > 3 || out > max_value) return false;
        }
        return digits > 0;
    }

    // [+-]hh[:mm[:ss]] in seconds.
    bool hms(int32_t max_hours, int32_t& seconds) {
        int32_t sign = 1;
        if (consume('-')) {
            sign = -1;
        } else {
            consume('+');
        }
        int32_t hours = 0;
        int32_t minutes = 0;
        int32_t secs = 0;
        if (!number(max_hours, hours)) return false;
        if (consume(':')) {
            if (!number(59, minutes)) return false;
            if (consume(':') && !number(59, secs)) return false;
        }
        seconds = sign * (hours * 3600 + minutes * 60 + secs);
        return true;
    }

    bool date(PosixDate& out) {
        if (consume('J')) {
            out.kind = PosixDate::Kind::kJulianNoLeap;
            if (!number(365, out.day) || out.day < 1) return false;
        } else if (consume('M')) {
            out.kind = PosixDate::Kind::kMonthWeekDay;
            if (!number(12, out.month) || out.month < 1) return false;
            if (!consume('.') || !number(5, out.week) || out.week < 1) return false;
            if (!consume('.') || !number(6, out.weekday)) return false;
        } else if (is_digit(peek())) {
            out.kind = PosixDate::Kind::kZeroBased;
            if (!number(365, out.day)) return false;
        } else {
            return false;
        }
        out.time = 7200;
        if (consume('/')) return hms(167, out.time);
        return true;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

// Wall-clock seconds (as if the local time were UTC) at which a rule date falls in `year`.
int64_t local_seconds(const PosixDate& date, int32_t year) {
    int64_t day = 0;
    switch (date.kind) {
        case PosixDate::Kind::kJulianNoLeap:
            day = days_from_civil(year, 1, 1) + date.day - 1 +
                  ((is_leap(year) && date.day >= 60) ? 1 : 0);
            break;
        case PosixDate::Kind::kZeroBased:
            day = days_from_civil(year, 1, 1) + date.day;
            break;
        case PosixDate::Kind::kMonthWeekDay: {
            const int64_t first = days_from_civil(year, date.month, 1);
            const int64_t first_weekday = (first % 7 + 7 + 4) % 7;  // 1970-01-01 was a Thursday
            int64_t day_of_month = 1 + (date.weekday - first_weekday + 7) % 7 + 7 * (date.week - 1);
            if (day_of_month > days_in_month(year, date.month)) day_of_month -= 7;
            day = first + day_of_month - 1;
            break;
        }
    }
    return day * kDay + date.time;
}

struct Change {
    int64_t at;
    int32_t offset;
    uint8_t order;  // at equal instants a DST end (0) applies before a DST start (1)
};

// The offset changes of a DST rule for the years [first_year, last_year], in time order, without
// transitions that change nothing. The first entry is always kept (the state before it is not
// known), so only entries well inside the year range are trustworthy. `out` must hold two
// entries per year.
size_t rule_changes(const PosixRule& rule, int32_t first_year, int32_t last_year, Change* out) {
    size_t count = 0;
    for (int32_t year = first_year; year <= last_year; ++year) {
        out[count++] =
            Change{local_seconds(rule.dst_start, year) - rule.std_offset, rule.dst_offset, 1};
        out[count++] =
            Change{local_seconds(rule.dst_end, year) - rule.dst_offset, rule.std_offset, 0};
    }
    std::sort(out, out + count, [](const Change& a, const Change& b) {
        return a.at != b.at ? a.at < b.at : a.order < b.order;
    });
    size_t kept = 0;
    for (size_t i = 0; i < count; ++i) {
        const Change change = out[i];
        if (kept > 0 && out[kept - 1].at == change.at) {
            out[kept - 1] = change;
            if (kept >= 2 && out[kept - 2].offset == change.offset) --kept;
            continue;
        }
        if (kept > 0 && out[kept - 1].offset == change.offset) continue;
        out[kept++] = change;
    }
    return kept;
}

// ---- TZif ---------------------------------------------------------------------------------

class ByteReader {
  public:
    ByteReader(const std::string& zone, std::string_view data) : zone_(zone), data_(data) {}

    size_t remaining() const { return data_.size() - pos_; }
    void need(uint64_t count, const char* what) const {
        if (count > remaining()) bad_tzif(zone_, std::string("truncated ") + what);
    }
    uint8_t u8() {
        need(1, "data");
        return static_cast<uint8_t>(data_[pos_++]);
    }
    uint32_t be32() {
        need(4, "data");
        uint32_t value = 0;
        for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(data_[pos_++]);
        return value;
    }
    int64_t be64() {
        need(8, "data");
        uint64_t value = 0;
        for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<uint8_t>(data_[pos_++]);
        return static_cast<int64_t>(value);
    }
    std::string_view take(size_t count) {
        need(count, "data");
        const std::string_view out = data_.substr(pos_, count);
        pos_ += count;
        return out;
    }

  private:
    const std::string& zone_;
    std::string_view data_;
    size_t pos_ = 0;
};

struct TzifHeader {
    char version = 0;
    uint32_t isutcnt = 0;
    uint32_t isstdcnt = 0;
    uint32_t leapcnt = 0;
    uint32_t timecnt = 0;
    uint32_t typecnt = 0;
    uint32_t charcnt = 0;

    uint64_t block_size(uint64_t time_size) const {
        return uint64_t{timecnt} * time_size + timecnt + uint64_t{typecnt} * 6 + charcnt +
               uint64_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
    }
};

TzifHeader read_header(const std::string& zone, ByteReader& in) {
    in.need(44, "header");
    if (in.take(4) != "TZif") bad_tzif(zone, "no TZif magic");
    TzifHeader header;
    header.version = static_cast<char>(in.u8());
    if (header.version != '\0' && (header.version < '2' || header.version > '4')) {
        bad_tzif(zone, "unsupported version");
    }
    in.take(15);
    header.isutcnt = in.be32();
    header.isstdcnt = in.be32();
    header.leapcnt = in.be32();
    header.timecnt = in.be32();
    header.typecnt = in.be32();
    header.charcnt = in.be32();
    return header;
}

struct TzifType {
    int32_t offset;
    bool is_dst;
};

struct TzifData {
    std::vector<int64_t> times;
    std::vector<uint8_t> type_of;  // per transition
    std::vector<TzifType> types;
};

TzifData read_block(const std::string& zone, ByteReader& in, const TzifHeader& header,
                    uint64_t time_size) {
    if (header.typecnt == 0 || header.typecnt > 256) bad_tzif(zone, "bad type count");
    if (header.charcnt == 0) bad_tzif(zone, "no abbreviations");
    if (header.isutcnt != 0 && header.isutcnt != header.typecnt) bad_tzif(zone, "bad UT count");
    if (header.isstdcnt != 0 && header.isstdcnt != header.typecnt) {
        bad_tzif(zone, "bad standard/wall count");
    }
    if (header.leapcnt != 0) bad_tzif(zone, "leap-second zones ('right/') are not supported");
    in.need(header.block_size(time_size), "data block");

    TzifData data;
    data.times.resize(header.timecnt);
    for (auto& time : data.times) {
        time = time_size == 8 ? in.be64() : static_cast<int32_t>(in.be32());
    }
    for (size_t i = 1; i < data.times.size(); ++i) {
        if (data.times[i] <= data.times[i - 1]) bad_tzif(zone, "transitions out of order");
    }
    data.type_of.resize(header.timecnt);
    for (auto& type : data.type_of) {
        type = in.u8();
        if (type >= header.typecnt) bad_tzif(zone, "transition type out of range");
    }
    data.types.resize(header.typecnt);
    for (auto& type : data.types) {
        const auto offset = static_cast<int32_t>(in.be32());
        const uint8_t is_dst = in.u8();
        const uint8_t abbreviation = in.u8();
        if (offset == std::numeric_limits<int32_t>::min() || offset < -89999 || offset > 93599) {
            bad_tzif(zone, "UT offset out of range");
        }
        if (is_dst > 1) bad_tzif(zone, "bad DST flag");
        if (abbreviation >= header.charcnt) bad_tzif(zone, "abbreviation index out of range");
        type = TzifType{offset, is_dst == 1};
    }
    in.take(header.charcnt);
    for (uint32_t i = 0; i < header.isstdcnt + header.isutcnt; ++i) {
        if (in.u8() > 1) bad_tzif(zone, "bad standard/UT indicator");
    }
    return data;
}

}  // namespace

// ---- MarketTimeZone -------------------------------------------------------------------------

bool MarketTimeZone::is_valid_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxNameLength || name.front() == '/') return false;
    if (name.find("..") != std::string_view::npos) return false;
    size_t component = 0;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-' || c == '/';
        if (!ok) return false;
        if (c == '/') {
            if (component == 0) return false;  // "//" or a trailing '/'
            component = 0;
        } else {
            ++component;
        }
    }
    return component > 0;
}

MarketTimeZone MarketTimeZone::load(const std::string& name) {
    if (!is_valid_name(name)) {
        throw std::invalid_argument("invalid time zone name '" + printable(name) +
                                    "' (expected an IANA name such as Australia/Sydney)");
    }
    const char* tzdir = std::getenv("TZDIR");
    const std::string dir = (tzdir != nullptr && *tzdir != '\0') ? tzdir : "/usr/share/zoneinfo";
    const std::string path = dir + "/" + name;
    // O_NONBLOCK: a FIFO in the zone directory must not hang the open; regular files ignore it.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!fd) {
        if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || errno == ENAMETOOLONG) {
            throw std::invalid_argument("unknown time zone '" + name + "' (not found under " +
                                        printable(dir) + ")");
        }
        throw IoError::from_errno("open", path);
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw IoError::from_errno("stat", path);
    if (!S_ISREG(info.st_mode)) {
        throw std::invalid_argument("unknown time zone '" + name + "' (" + printable(path) +
                                    " is not a zone file)");
    }
    if (info.st_size > kMaxTzifBytes) {
        throw std::invalid_argument("time zone '" + name + "': " + printable(path) +
                                    " is too large to be a TZif file");
    }
    std::string bytes(static_cast<size_t>(info.st_size) + 1, '\0');
    size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = ::read(fd.get(), bytes.data() + filled, bytes.size() - filled);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", path);
        }
        if (got == 0) break;
        filled += static_cast<size_t>(got);
        if (filled > static_cast<size_t>(kMaxTzifBytes)) {
            throw std::invalid_argument("time zone '" + name + "': " + printable(path) +
                                        " is too large to be a TZif file");
        }
        if (filled == bytes.size()) bytes.resize(bytes.size() * 2);
    }
    bytes.resize(filled);
    return from_tzif(name, bytes);
}

MarketTimeZone MarketTimeZone::from_tzif(const std::string& name, std::string_view tzif_bytes) {
    const uint64_t fingerprint = fnv1a64(tzif_bytes);
    ByteReader in(name, tzif_bytes);
    const TzifHeader first = read_header(name, in);
    TzifData data;
    std::string_view footer;
    if (first.version == '\0') {
        data = read_block(name, in, first, 4);
    } else {
        // Skip the 32-bit block; only its size is checked (it may be truncated or empty).
        in.need(first.block_size(4), "version 1 data block");
        in.take(static_cast<size_t>(first.block_size(4)));
        const TzifHeader second = read_header(name, in);
        if (second.version < '2') bad_tzif(name, "second header has the wrong version");
        data = read_block(name, in, second, 8);
        if (in.u8() != '\n') bad_tzif(name, "footer does not start with a newline");
        const std::string_view rest = in.take(in.remaining());
        const size_t end = rest.find('\n');
        if (end == std::string_view::npos) bad_tzif(name, "footer does not end with a newline");
        if (end + 1 != rest.size()) bad_tzif(name, "data after the footer");
        footer = rest.substr(0, end);
    }
    if (in.remaining() != 0) bad_tzif(name, "data after the last block");

    MarketTimeZone zone;
    zone.name_ = name;
    zone.data_fingerprint_ = fingerprint;
    // Before the first transition: the first standard-time type (type 0 if all are DST), as
    // glibc and zic-produced files agree.
    size_t initial = 0;
    while (initial < data.types.size() && data.types[initial].is_dst) ++initial;
    if (initial == data.types.size()) initial = 0;
    zone.initial_offset_ = data.types[initial].offset;
    for (size_t i = 0; i < data.times.size(); ++i) {
        zone.append_change(data.times[i], data.types[data.type_of[i]].offset);
    }
    if (footer.empty()) return zone;

    PosixRule rule;
    if (!PosixParser(footer).parse(rule)) {
        bad_tzif(name, "bad POSIX TZ footer '" + printable(footer) + "'");
    }
    zone.footer_rule_ = std::string(footer);
    zone.rule_ = rule;
    const bool has_changes = rule.has_dst && rule.dst_offset != rule.std_offset;
    if (data.times.empty()) {
        // The footer describes every instant.
        zone.initial_offset_ = rule.std_offset;
        zone.use_rule_ = has_changes;
        zone.rule_from_ = kMin;
        zone.footer_from_ = kMin;
        return zone;
    }
    const int64_t last = data.times.back();
    if (!has_changes) {
        zone.append_change(last, rule.std_offset);
        return zone;
    }
    zone.use_rule_ = true;
    zone.footer_from_ = last;
    zone.append_change(last, zone.rule_span(last).offset);
    if (last >= kTableStartMin && last < kTableEnd) {
        const int32_t first_year = year_of(last) - 2;
        std::vector<Change> changes(2 * static_cast<size_t>(kTableLastYear + 2 - first_year + 1));
        const size_t count = rule_changes(rule, first_year, kTableLastYear + 2, changes.data());
        for (size_t i = 0; i < count; ++i) {
            if (changes[i].at > last && changes[i].at < kTableEnd) {
                zone.append_change(changes[i].at, changes[i].offset);
            }
        }
    }
    zone.rule_from_ =
        zone.transition_times_.empty() ? last : std::max(last, zone.transition_times_.back());
    return zone;
}

// Records that `offset` is in force from `at` (not before the last recorded change) on, dropping
// changes that change nothing.
void MarketTimeZone::append_change(int64_t at, int32_t offset) {
    if (!transition_times_.empty() && transition_times_.back() == at) {
        transition_offsets_.back() = offset;
        const size_t n = transition_offsets_.size();
        const int32_t before = n >= 2 ? transition_offsets_[n - 2] : initial_offset_;
        if (before == offset) {
            transition_times_.pop_back();
            transition_offsets_.pop_back();
        }
        return;
    }
    const int32_t current =
        transition_offsets_.empty() ? initial_offset_ : transition_offsets_.back();
    if (current != offset) {
        transition_times_.push_back(at);
        transition_offsets_.push_back(offset);
    }
}

// Evaluates the footer rule (which must have DST) around an instant. The span's ends are real
// changes of the rule, except in degenerate rules (DST all year) where they are merely bounds
// with no change strictly inside. Instants beyond +-2^62 s are clamped (only the offset is
// meaningful there).
MarketTimeZone::OffsetSpan MarketTimeZone::rule_span(int64_t unix_seconds) const {
    constexpr int64_t kLimit = int64_t{1} << 62;
    const int64_t clamped = std::clamp(unix_seconds, -kLimit, kLimit);
    int64_t reduced = clamped % kCycleSeconds;
    if (reduced < 0) reduced += kCycleSeconds;
    const int64_t base = clamped - reduced;  // whole 400-year cycles: the rule repeats exactly
    const int32_t year = year_of(reduced);   // 1970..2369
    std::array<Change, 14> changes{};
    const size_t count = rule_changes(rule_, year - 3, year + 3, changes.data());
    // Entries after the start of year+2 may miss a spill-over from year+4: not trusted.
    const int64_t trusted_end = days_from_civil(year + 2, 1, 1) * kDay;
    size_t after = 0;  // first entry later than `reduced`
    while (after < count && changes[after].at <= reduced) ++after;
    OffsetSpan span{kMin, base + trusted_end, rule_.std_offset};
    if (after > 0) {  // always: year-3's changes all precede `reduced`
        span.begin = base + changes[after - 1].at;
        span.offset = changes[after - 1].offset;
    }
    if (after < count && changes[after].at < trusted_end) span.end = base + changes[after].at;
    return span;
}

MarketTimeZone::OffsetSpan MarketTimeZone::offset_span(int64_t unix_seconds) const {
    if (use_rule_ && unix_seconds >= rule_from_) {
        OffsetSpan span = rule_span(unix_seconds);
        // The last change is the rule's, or else the table's last entry (which holds every
        // change before rule_from_).
        if (!transition_times_.empty()) {
            const int64_t table_last = transition_times_.back();
            span.begin = span.begin >= footer_from_ ? std::max(span.begin, table_last) : table_last;
        }
        return span;
    }
    const size_t index = count_not_after(transition_times_, unix_seconds);
    OffsetSpan span{kMin, kMax, initial_offset_};
    if (index > 0) {
        span.begin = transition_times_[index - 1];
        span.offset = transition_offsets_[index - 1];
    }
    if (index < transition_times_.size()) {
        span.end = transition_times_[index];
    } else if (use_rule_) {
        // The file's last transition changed nothing and the rule's first change is not in the
        // table (rule evaluated directly from rule_from_ on).
        span.end = rule_span(rule_from_).end;
    }
    return span;
}

int32_t MarketTimeZone::utc_offset_seconds(int64_t unix_seconds) const {
    if (use_rule_ && unix_seconds >= rule_from_) return rule_span(unix_seconds).offset;
    const size_t index = count_not_after(transition_times_, unix_seconds);
    return index == 0 ? initial_offset_ : transition_offsets_[index - 1];
}

CivilDate MarketTimeZone::local_date(int64_t epoch_ns) const {
    const int64_t seconds = floor_div(epoch_ns, kNsPerSecond);
    return CivilDate::from_days(floor_div(seconds + utc_offset_seconds(seconds), kDay));
}

LocalDateSpan MarketTimeZone::local_date_span(int64_t epoch_ns) const {
    const int64_t seconds = floor_div(epoch_ns, kNsPerSecond);
    const OffsetSpan span = offset_span(seconds);
    const int64_t days = floor_div(seconds + span.offset, kDay);
    const int64_t midnight = days * kDay - span.offset;  // local midnight starting the date
    LocalDateSpan out;
    out.date = CivilDate::from_days(days);
    out.start_ns = seconds_to_ns(std::max(span.begin, midnight));
    out.end_ns = seconds_to_ns(std::min(span.end, midnight + kDay));
    return out;
}

// ---- LocalDateCache -------------------------------------------------------------------------

CivilDate LocalDateCache::refill(int64_t epoch_ns) {
    const LocalDateSpan span = zone_->local_date_span(epoch_ns);
    start_ns_ = span.start_ns;
    end_ns_ = span.end_ns;
    date_ = span.date;
    return date_;
}

}  // namespace mdp::extract
