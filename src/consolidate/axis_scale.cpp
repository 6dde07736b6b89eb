#include "consolidate/axis_scale.h"

#include <algorithm>
#include <cmath>

namespace mdp::consolidate {

double round_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
        if (raw <= factor * magnitude) return factor * magnitude;
    }
    return 10 * magnitude;
}

int AxisScale::ticks() const { return static_cast<int>(std::lround((high - low) / step)); }

AxisScale round_axis(double low, double high, int target_ticks) {
    low = std::min(low, 0.0);
    high = std::max(high, 0.0);
    if (high - low <= 0) {
        low -= 1;
        high += 1;
    }
    AxisScale scale;
    scale.step = round_step((high - low) / target_ticks);
    scale.low = std::floor(low / scale.step) * scale.step;
    scale.high = std::ceil(high / scale.step) * scale.step;
    return scale;
}

}  // namespace mdp::consolidate
