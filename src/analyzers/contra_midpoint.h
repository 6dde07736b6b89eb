#pragma once
// The price of a simulated Centre Point match (SPEC 3.3): the midpoint at the contra's arrival.
// The primary quote is the contra's arrival national_bid/offer (`order` source) or the last
// nbbo.csv quote at or before the contra's arrival (`file` source); an unusable or missing
// primary quote falls back to the contra's arrival exchange bid/offer; when that is unusable too
// the contra cannot be priced and is skipped.

#include <optional>
#include <string_view>

#include "analyzers/centre_point_orders.h"
#include "analyzers/nbbo_timeline.h"

namespace mdp::analyzers {

enum class QuoteSource {
    kOrderNational,  // the contra's arrival national_bid / national_offer
    kNbboFile,       // nbbo.csv
    kOrderExchange,  // fallback: the contra's arrival bid / offer
};

// The text written in simulated_fills.csv's quote_source column.
std::string_view to_string(QuoteSource source);

struct ContraPrice {
    Quote quote;  // usable
    QuoteSource source = QuoteSource::kOrderNational;
};

// `nbbo` selects the file source; null selects the order source.
std::optional<ContraPrice> price_contra(const CpOrder& contra, const NbboTimeline* nbbo);

}  // namespace mdp::analyzers
