#include "analyzers/contra_midpoint.h"

namespace mdp::analyzers {

std::string_view to_string(QuoteSource source) {
    switch (source) {
        case QuoteSource::kOrderNational:
            return "order_national";
        case QuoteSource::kNbboFile:
            return "nbbo_file";
        case QuoteSource::kOrderExchange:
            return "order_exchange";
    }
    return "unknown";
}

std::optional<ContraPrice> price_contra(const CpOrder& contra, const NbboTimeline* nbbo) {
    if (nbbo == nullptr) {
        if (contra.national.usable())
            return ContraPrice{contra.national, QuoteSource::kOrderNational};
    } else if (const auto quote = nbbo->at_or_before(contra.arrival_time);
               quote && quote->usable()) {
        return ContraPrice{*quote, QuoteSource::kNbboFile};
    }
    if (contra.exchange.usable()) return ContraPrice{contra.exchange, QuoteSource::kOrderExchange};
    return std::nullopt;
}

}  // namespace mdp::analyzers
