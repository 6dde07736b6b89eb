#include "datagen/asx_quirks.h"

namespace mdp::datagen {

QuoteBursts::QuoteBursts(double crossed_rate, double locked_rate, size_t securities)
    : states_(securities) {
    // A burst starts on a row outside bursts with probability p and lasts kMeanBurstRows on
    // average, so the share of rows inside bursts of a kind is p * L / (1 + L * (p_c + p_l)).
    // Solving for p gives the configured shares.
    const double mean = kMeanBurstRows;
    const double outside = 1.0 - crossed_rate - locked_rate;
    crossed_start_ = outside > 0 ? crossed_rate / (mean * outside) : 1.0;
    locked_start_ = outside > 0 ? locked_rate / (mean * outside) : 1.0;
}

QuoteShape QuoteBursts::next_order_row(uint32_t si, Rng& rng) {
    State& state = states_[si];
    if (state.rows_left == 0) {
        const double u = rng.uniform();
        if (u < crossed_start_) {
            state.shape = QuoteShape::kCrossed;
        } else if (u < crossed_start_ + locked_start_) {
            state.shape = QuoteShape::kLocked;
        } else {
            state.shape = QuoteShape::kNormal;
            return QuoteShape::kNormal;
        }
        // 1 .. 2L-1 rows: mean L.
        state.rows_left = static_cast<int32_t>(rng.between(1, 2 * kMeanBurstRows - 1));
    }
    --state.rows_left;
    const QuoteShape shape = state.shape;
    if (state.rows_left == 0) state.shape = QuoteShape::kNormal;
    return shape;
}

QuoteShape QuoteBursts::current(uint32_t si) const { return states_[si].shape; }

std::string_view market_text(uint8_t deal_source) {
    // Trade reports (crossings and the other reported sources) are off-market in real exports.
    if (deal_source == kDealCrossingReport) return "OFF Market";
    for (const uint8_t other : kOtherDealSources) {
        if (deal_source == other) return "OFF Market";
    }
    return "ON Market";
}

int32_t real_time_validity_code(uint8_t validity_index, uint64_t order_id) {
    switch (validity_index) {
        case 0:
            return order_id % 2 == 0 ? 256 : 16640;
        case 1:
            return 1288;
        case 2:
            return 1370;
        default:
            return 1536;
    }
}

}  // namespace mdp::datagen
