#include "extract/market_time_zone.h"

#include <stdexcept>

namespace mdp::extract {
// Placeholder until the time-zone implementation lands.
MarketTimeZone MarketTimeZone::load(const std::string&) { throw std::logic_error("not implemented"); }
MarketTimeZone MarketTimeZone::from_tzif(const std::string&, std::string_view) { throw std::logic_error("not implemented"); }
int32_t MarketTimeZone::utc_offset_seconds(int64_t) const { throw std::logic_error("not implemented"); }
CivilDate MarketTimeZone::local_date(int64_t) const { throw std::logic_error("not implemented"); }
CivilDate LocalDateCache::date_of(int64_t) { throw std::logic_error("not implemented"); }
}  // namespace mdp::extract
