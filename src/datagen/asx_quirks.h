#pragma once
// Quirks of real ASX order/trade exports (issue 16, found by running on public DRR data), which
// the generator can reproduce so that the engine is tested on data shaped like the real thing:
// evening reloads, crossed and locked national quotes in bursts, upward amendments, trade-report
// crossings and other deal sources, other value formats, a trades file without a final newline
// and same-nanosecond order pairs. All are off unless `AsxQuirks::enabled`, so outputs without
// them stay byte-identical; their random draws come from a stream of their own. What each one
// looks like in the files, and where it comes from: docs/generator.md, "Real ASX quirks".

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "datagen/random.h"

namespace mdp::datagen {

struct AsxQuirks {
    bool enabled = false;
    // Good Till Cancel orders (carried ones and ones from before the first day) are reloaded
    // (changereason 30) at ~21:20 Sydney the evening before the trading day, not at 07:00.
    // Mean number of orders from before the generated range reloaded per security-day.
    double evening_reloads_per_security_day = 1.0;
    // Share of order rows (after the open) whose national quote is crossed / locked, in bursts.
    double crossed_quote_rate = 0.02;
    double locked_quote_rate = 0.03;
    // Share of sweeps whose lit fills all happen at one instant under a crossed snapshot.
    double instant_crossed_sweep_rate = 0.10;
    // Share of lit orders entered small and amended upward (changereason 5) after arrival.
    double amend_up_rate = 0.02;
    // Per continuous-trading scenario: a trade-report crossing (dealsource 5, one order id on
    // both trade rows).
    double crossing_report_rate = 0.01;
    // Share of Centre Point dark fills reported with dealsource 44, 45 or 48.
    double other_deal_source_rate = 0.10;
    // Per continuous-trading scenario: a second lit order entered at the same nanosecond.
    double same_ns_pair_rate = 0.02;
    // exchange `3`, exchangeinfo `ON Market`/`OFF Market`, time-validity codes 256 ... 16640.
    bool real_value_formats = true;
    // The trades file ends without a line end after its last row.
    bool trades_without_final_newline = true;
};

// How many of each quirk a run produced (GenerationSummary::quirks).
struct AsxQuirkCounts {
    uint64_t evening_reloads = 0;  // reload rows written the evening before
    uint64_t instant_crossed_sweeps = 0;
    uint64_t amended_up = 0;
    uint64_t crossing_reports = 0;  // dealsource-5 match groups
    uint64_t other_deal_source_fills = 0;
    uint64_t same_ns_pairs = 0;
};

// changereason of an amendment that raises the quantity (real data: 5 -> 5,154).
inline constexpr uint8_t kAmendedUp = 5;
// dealsource of a trade-report crossing: both trade rows carry the same order id.
inline constexpr uint8_t kDealCrossingReport = 5;
// Other deal sources seen in real data (their meaning is not published with the data).
inline constexpr std::array<uint8_t, 3> kOtherDealSources{44, 45, 48};

// The national quote an order row or trade snapshot shows.
enum class QuoteShape : uint8_t { kNormal, kCrossed, kLocked };

// Crossed and locked national quotes come in bursts (real data: runs of consecutive rows of a
// security, while another venue's quote is through ASX's). Per security, a burst covers the next
// few order rows of that security; trade rows of the security show the burst while it lasts.
class QuoteBursts {
  public:
    QuoteBursts(double crossed_rate, double locked_rate, size_t securities);
    // The shape of the next order row of security `si` (consumes one row of a burst).
    QuoteShape next_order_row(uint32_t si, Rng& rng);
    // The shape a trade row of `si` shows now (does not consume).
    QuoteShape current(uint32_t si) const;

    static constexpr int kMeanBurstRows = 8;

  private:
    struct State {
        QuoteShape shape = QuoteShape::kNormal;
        int32_t rows_left = 0;
    };
    double crossed_start_;
    double locked_start_;
    std::vector<State> states_;
};

// Value formats of real exports (`real_value_formats`).
inline constexpr std::string_view kRealExchangeCode = "3";
std::string_view market_text(uint8_t deal_source);  // "ON Market" or "OFF Market"
// Real time-validity codes, one per generator validity (0 Rest of Day, 1 Good Till Cancel,
// 2 Fill and Kill, 3 Current Max); Rest of Day alternates with 16640 by order id.
int32_t real_time_validity_code(uint8_t validity_index, uint64_t order_id);

}  // namespace mdp::datagen
