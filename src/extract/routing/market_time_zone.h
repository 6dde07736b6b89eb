#pragma once
// The market's time zone, read from the system tz database (TZif files under /usr/share/zoneinfo
// or $TZDIR), so that partition dates follow daylight saving exactly as the system has it.
// Timestamps past the file's last transition follow its POSIX TZ footer rule.
//
// Partitioning asks "which local date is this instant?" once per CSV row, so the zone keeps a
// flat table of offset changes (the file's transitions plus the footer rule's changes up to
// 2100) for a binary search, and LocalDateCache answers repeated questions about nearby instants
// with two comparisons. See docs/time-zones.md.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/civil_date.h"

namespace mdp::extract {

namespace detail {

// One DST boundary of a POSIX TZ rule: Jn, n or Mm.w.d, at `time` seconds of local time
// (may be negative or beyond 24h, RFC 8536).
struct PosixDate {
    enum class Kind : uint8_t { kJulianNoLeap, kZeroBased, kMonthWeekDay };
    Kind kind = Kind::kMonthWeekDay;
    int32_t day = 0;  // Jn: 1..365, n: 0..365
    int32_t month = 1;
    int32_t week = 1;
    int32_t weekday = 0;  // 0 = Sunday
    int32_t time = 7200;
};
// A parsed POSIX TZ string. Offsets are east of UTC (the sign is flipped from the text).
struct PosixRule {
    int32_t std_offset = 0;
    int32_t dst_offset = 0;
    bool has_dst = false;
    PosixDate dst_start;
    PosixDate dst_end;
};

}  // namespace detail

// The instants [start_ns, end_ns) around a given one that have the same local date AND the same
// UTC offset: the span ends at the next local midnight or the next offset change, whichever
// comes first, and starts at the matching previous one. Ends saturate at the int64 range (so the
// single instant INT64_MAX lies in no span).
struct LocalDateSpan {
    CivilDate date;
    int64_t start_ns = 0;
    int64_t end_ns = 0;
};

class MarketTimeZone {
  public:
    // Loads a zone by IANA name ("Australia/Sydney"). The name is validated before it touches the
    // file system (letters, digits, '_', '-', '+', '/'; no "..", no leading '/'); an unknown or
    // invalid name throws std::invalid_argument with a one-line message.
    static MarketTimeZone load(const std::string& name);
    // Parses TZif bytes (versions 1-4; the 64-bit block of v2+); for tests and for callers with
    // their own tz data.
    static MarketTimeZone from_tzif(const std::string& name, std::string_view tzif_bytes);
    // True when `name` passes the checks load() applies before touching the file system.
    static bool is_valid_name(std::string_view name);

    // Offset from UTC, in seconds, in force at the given instant.
    int32_t utc_offset_seconds(int64_t unix_seconds) const;
    // Calendar date in this zone of an instant given in epoch nanoseconds (floor semantics for
    // negative values).
    CivilDate local_date(int64_t epoch_ns) const;
    // The local date of an instant together with the exact span of instants sharing it and the
    // same offset (what LocalDateCache remembers).
    LocalDateSpan local_date_span(int64_t epoch_ns) const;

    const std::string& name() const { return name_; }
    // The TZif footer (POSIX TZ string, e.g. "AEST-10AEDT,M10.1.0,M4.1.0/3"); empty if none.
    const std::string& footer_rule() const { return footer_rule_; }
    // A hash of the zone file's bytes: changes when the system's tz database is updated, so a
    // resumed extraction can refuse to mix dates from two versions of the rules.
    uint64_t data_fingerprint() const { return data_fingerprint_; }

  private:
    // [begin, end) in unix seconds during which `offset` is in force; `end` saturates at
    // INT64_MAX and `begin` at INT64_MIN.
    struct OffsetSpan {
        int64_t begin;
        int64_t end;
        int32_t offset;
    };

    MarketTimeZone() = default;
    OffsetSpan offset_span(int64_t unix_seconds) const;
    OffsetSpan rule_span(int64_t unix_seconds) const;
    void append_change(int64_t at, int32_t offset);

    std::string name_;
    uint64_t data_fingerprint_ = 0;
    // Instants at which the offset changes (strictly ascending, every entry a real change) and
    // the offset in force from each until the next; before the first, initial_offset_.
    std::vector<int64_t> transition_times_;
    std::vector<int32_t> transition_offsets_;
    int32_t initial_offset_ = 0;
    std::string footer_rule_;
    detail::PosixRule rule_;
    // When the footer has daylight saving, instants >= rule_from_ are answered by evaluating it
    // directly (the table already holds its changes up to 2100). The footer governs from
    // footer_from_ (the file's last transition) on.
    bool use_rule_ = false;
    int64_t rule_from_ = INT64_MAX;
    int64_t footer_from_ = INT64_MAX;
};

// Remembers the span of instants [start_ns, end_ns) that share one local date, so a stream of
// nearby timestamps (the normal case: files are roughly time-ordered) costs two comparisons per
// row instead of a zone lookup. One cache per thread; the zone must outlive it.
class LocalDateCache {
  public:
    explicit LocalDateCache(const MarketTimeZone& zone) : zone_(&zone) {}
    CivilDate date_of(int64_t epoch_ns) {
        if (epoch_ns >= start_ns_ && epoch_ns < end_ns_) [[likely]] {
            return date_;
        }
        return refill(epoch_ns);
    }

  private:
    CivilDate refill(int64_t epoch_ns);

    const MarketTimeZone* zone_;
    int64_t start_ns_ = 1;
    int64_t end_ns_ = 0;  // empty span: the first lookup always misses
    CivilDate date_;
};

}  // namespace mdp::extract
