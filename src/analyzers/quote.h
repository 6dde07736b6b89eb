#pragma once
// A bid/offer pair in price units and what SPEC 1.1 allows to be derived from it: a quote is
// usable only when 0 < bid <= offer; its midpoint is exact (a half unit is kept, never
// truncated: (bid + offer) / 2 is exact in a double for any realistic price).

#include <cstdint>
#include <limits>

namespace mdp::analyzers {

struct Quote {
    int64_t bid = 0;
    int64_t offer = 0;

    bool usable() const { return bid > 0 && bid <= offer; }

    // Twice the midpoint: bid + offer, an exact integer.
    int64_t midpoint_x2() const { return bid + offer; }

    // NaN when unusable.
    double midpoint() const {
        return usable() ? static_cast<double>(bid + offer) / 2.0
                        : std::numeric_limits<double>::quiet_NaN();
    }

    // offer - bid; NaN when unusable.
    double spread() const {
        return usable() ? static_cast<double>(offer - bid)
                        : std::numeric_limits<double>::quiet_NaN();
    }
};

}  // namespace mdp::analyzers
