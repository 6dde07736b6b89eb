#pragma once
// Deterministic pseudo-random numbers for the synthetic data generator. The generator must give
// byte-identical files for the same seed on every platform and standard library, so it never
// uses std::*_distribution or libm transcendental functions: only SplitMix64 (seeding),
// xoshiro256** (the stream) and arithmetic built from exact IEEE operations.

#include <cstdint>

namespace mdp::datagen {

// SplitMix64 (Steele, Lea, Flood 2014): used to expand a 64-bit seed into generator state.
class SplitMix64 {
  public:
    explicit SplitMix64(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

  private:
    uint64_t state_;
};

// xoshiro256** 1.0 (Blackman, Vigna 2018) plus the few draws the generator needs.
class Rng {
  public:
    // `stream` separates independent streams derived from one seed (simulation, malformed rows).
    explicit Rng(uint64_t seed, uint64_t stream = 0);

    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n) (Lemire's multiply-shift; bias below 2^-40 for the n used here). n > 0.
    uint64_t below(uint64_t n) {
        __extension__ using U128 = unsigned __int128;
        return static_cast<uint64_t>((static_cast<U128>(next()) * n) >> 64);
    }
    // Uniform integer in [lo, hi] (inclusive), lo <= hi.
    int64_t between(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
    }
    // Uniform double in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform double in (0, 1]: safe to divide by or take the logarithm of.
    double uniform_open0() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
    bool chance(double p) { return uniform() < p; }
    // Exponential with mean 1 (inverse transform through det_log).
    double exponential();

  private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

// Natural logarithm of x > 0 computed only with +, -, *, / and exact scaling, so its result is
// the same on every IEEE-754 platform (std::log may differ in the last bit between libm
// versions). Accurate to a few ulp, which is all a random-number transform needs.
double det_log(double x);
// e^x with the same guarantees (|x| < 700).
double det_exp(double x);

}  // namespace mdp::datagen
