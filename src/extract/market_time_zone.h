#pragma once
// The market's time zone, read from the system tz database (TZif files under /usr/share/zoneinfo
// or $TZDIR), so that partition dates follow daylight saving exactly as the system has it.
// Timestamps past the file's last transition follow its POSIX TZ footer rule.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/civil_date.h"

namespace mdp::extract {

class MarketTimeZone {
public:
    // Loads a zone by IANA name ("Australia/Sydney"). The name is validated before it touches the
    // file system (letters, digits, '_', '-', '+', '/'; no "..", no leading '/'); an unknown or
    // invalid name throws std::invalid_argument with a one-line message.
    static MarketTimeZone load(const std::string& name);
    // Parses TZif bytes (versions 1-3); for tests and for callers with their own tz data.
    static MarketTimeZone from_tzif(const std::string& name, std::string_view tzif_bytes);

    // Offset from UTC, in seconds, in force at the given instant.
    int32_t utc_offset_seconds(int64_t unix_seconds) const;
    // Calendar date in this zone of an instant given in epoch nanoseconds (floor semantics for
    // negative values).
    CivilDate local_date(int64_t epoch_ns) const;

    const std::string& name() const { return name_; }

private:
    MarketTimeZone() = default;
    std::string name_;
    // Implementation detail owned by market_time_zone.cpp.
    std::vector<int64_t> transition_times_;
    std::vector<int32_t> transition_offsets_;
    int32_t initial_offset_ = 0;
    std::string footer_rule_;
};

// Remembers the span of instants [start_ns, end_ns) that share one local date, so a stream of
// nearby timestamps (the normal case: files are roughly time-ordered) costs two comparisons per
// row instead of a zone lookup. One cache per thread; the zone must outlive it.
class LocalDateCache {
public:
    explicit LocalDateCache(const MarketTimeZone& zone) : zone_(&zone) {}
    CivilDate date_of(int64_t epoch_ns);

private:
    const MarketTimeZone* zone_;
    int64_t start_ns_ = 1;
    int64_t end_ns_ = 0;  // empty span: the first lookup always misses
    CivilDate date_;
};

}  // namespace mdp::extract
