#include "analyzers/nbbo_timeline.h"

#include <algorithm>

namespace mdp::analyzers {

NbboTimeline::NbboTimeline(std::vector<NbboQuote> quotes) : quotes_(std::move(quotes)) {
    std::sort(quotes_.begin(), quotes_.end(), [](const NbboQuote& a, const NbboQuote& b) {
        if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
        return a.row < b.row;
    });
}

std::optional<Quote> NbboTimeline::at_or_before(int64_t t) const {
    const auto it = std::upper_bound(quotes_.begin(), quotes_.end(), t,
                                     [](int64_t x, const NbboQuote& q) { return x < q.timestamp; });
    if (it == quotes_.begin()) return std::nullopt;
    const NbboQuote& q = *std::prev(it);
    return Quote{q.bid, q.offer};
}

}  // namespace mdp::analyzers
