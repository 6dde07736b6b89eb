#pragma once
// Round numbers for chart axes and histogram bins: a step of 1, 2, 2.5 or 5 times a power of
// ten, and an axis range widened to whole steps that always contains 0, so readers see where
// "no difference" lies. Shared by every chart of report.html and the saving histogram's bins.

namespace mdp::consolidate {

// The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `raw` (> 0).
double round_step(double raw);

struct AxisScale {
    double low = 0;   // a multiple of step, <= min(0, every value)
    double high = 0;  // a multiple of step, >= max(0, every value)
    double step = 1;
    int ticks() const;  // steps from low to high
};

// About `target_ticks` round steps covering [low, high] and 0. A zero-width range becomes
// [-1, 1] around it.
AxisScale round_axis(double low, double high, int target_ticks);

}  // namespace mdp::consolidate
