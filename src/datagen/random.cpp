#include "datagen/random.h"

#include <cmath>

namespace mdp::datagen {

Rng::Rng(uint64_t seed, uint64_t stream) {
    SplitMix64 mix(seed ^ (stream * 0xD1B54A32D192ED03ULL));
    for (auto& word : s_) word = mix.next();
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;  // the all-zero state is a fixed point
}

double Rng::exponential() { return -det_log(uniform_open0()); }

double det_log(double x) {
    // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); frexp/ldexp are exact.
    int e = 0;
    double m = std::frexp(x, &e);  // m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.1716: the odd series converges fast.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double term = s;
    double sum = 0.0;
    for (int k = 1; k <= 41; k += 2) {
        sum += term / k;
        term *= s2;
    }
    constexpr double kLn2 = 0.69314718055994530942;
    return 2.0 * sum + static_cast<double>(e) * kLn2;
}

double det_exp(double x) {
    constexpr double kLn2 = 0.69314718055994530942;
    // Cody-Waite split of ln 2 (fdlibm): k * kLn2Hi is exact for |k| < 2^11.
    constexpr double kLn2Hi = 6.93147180369123816490e-01;
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    // x = k ln2 + r, |r| <= ln2 / 2; e^r by its Taylor series; 2^k exactly by ldexp.
    const double kd = x / kLn2;
    const int k = static_cast<int>(kd < 0 ? kd - 0.5 : kd + 0.5);
    const double r = (x - static_cast<double>(k) * kLn2Hi) - static_cast<double>(k) * kLn2Lo;
    double term = 1.0;
    double sum = 1.0;
    for (int n = 1; n <= 22; ++n) {
        term *= r / n;
        sum += term;
    }
    return std::ldexp(sum, k);
}

}  // namespace mdp::datagen
