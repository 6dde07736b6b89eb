#pragma once
// The hand-worked partition of partition_analysis_test.cpp: a handful of Centre Point orders,
// sweeps and trades whose every output number is derived by hand there. Times are
// T0 + milliseconds.

#include <cstdint>
#include <filesystem>

namespace mdp::analyzers::testing {

inline constexpr uint64_t kSecurity = 7;
inline constexpr int64_t kT0 = 1709600000000000000;  // ns
inline constexpr int64_t ms(int64_t m) { return kT0 + m * 1000000; }

// 19-digit order ids (never exact in a double).
inline constexpr int64_t kS1 = 7000000000000000101;  // buy sweep, set A
inline constexpr int64_t kS2 = 7000000000000000102;  // buy sweep, set A
inline constexpr int64_t kS3 = 7000000000000000103;  // sell sweep, set A, contra of S2
inline constexpr int64_t kC1 = 7000000000000000201;  // sell CP 64
inline constexpr int64_t kC2 = 7000000000000000202;  // sell CP 4096, national unusable
inline constexpr int64_t kC3 = 7000000000000000203;  // sell CP 64, no usable quote
inline constexpr int64_t kC4 = 7000000000000000204;  // buy CP 256
inline constexpr int64_t kC5 = 7000000000000000205;  // sell CP 64, no usable quote
inline constexpr int64_t kC6 = 7000000000000000206;  // buy CP 64, no usable quote
inline constexpr int64_t kC7 = 7000000000000000207;  // sell CP 4098 resting
inline constexpr int64_t kU1 = 7000000000000000301;  // set B: INSTANT_LIT_EXECUTION
inline constexpr int64_t kU2 = 7000000000000000302;  // set B: NO_LIQUIDITY_AT_ALL
inline constexpr int64_t kU3 = 7000000000000000303;  // set B: TIMING_MISMATCH
inline constexpr int64_t kU4 = 7000000000000000304;  // set B: TIMING_MISMATCH_NO_PRICE_OVERLAP
inline constexpr int64_t kU5 = 7000000000000000305;  // set B: PRICE_INCOMPATIBLE
inline constexpr int64_t kU6 = 7000000000000000306;  // set B: SIMULATION_MISS
inline constexpr int64_t kN1 = 7000000000000000401;  // fails rule 1 (cancelled)
inline constexpr int64_t kN2 = 7000000000000000402;  // fails rule 2 (no changereason 6)
inline constexpr int64_t kN3 = 7000000000000000403;  // fails rule 3 (no trade)
inline constexpr int64_t kN4 = 7000000000000000404;  // fails rule 4 (a Centre Point trade)
inline constexpr int64_t kL1 = 7000000000000000501;  // lit order
inline constexpr int64_t kL2 = 7000000000000000502;  // lit order

// Writes orders.csv and trades.csv (and nbbo.csv when `with_nbbo`) into `dir`.
void write_hand_worked_partition(const std::filesystem::path& dir, bool with_nbbo);

}  // namespace mdp::analyzers::testing
