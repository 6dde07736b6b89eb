#pragma once
// The NBBO quotes of nbbo.csv as a timeline (SPEC 3.3, --nbbo-source file): the quote in force
// at an instant is the last quote at or before it, quotes with the same timestamp taking effect
// in input order.

#include <cstdint>
#include <optional>
#include <vector>

#include "analyzers/partition_rows.h"
#include "analyzers/quote.h"

namespace mdp::analyzers {

class NbboTimeline {
  public:
    explicit NbboTimeline(std::vector<NbboQuote> quotes);

    // The last quote with timestamp <= t; nullopt when there is none.
    std::optional<Quote> at_or_before(int64_t t) const;

    size_t size() const { return quotes_.size(); }

  private:
    std::vector<NbboQuote> quotes_;  // by (timestamp, input row)
};

}  // namespace mdp::analyzers
