#pragma once
// The only data consolidation keeps for its statistics (SPEC 4): for every set-A order, its
// security and its 11 difference values (real - sim, SPEC 3.4), appended in partition-key order
// (then by orderid, as each partition's file is sorted). ~96 bytes per set-A order, and nothing
// per partition or per file. The tests then look at one metric at a time: the present (non-NaN)
// values pooled over everything, or grouped by security (ascending code), each in append order.

#include <cstdint>
#include <span>
#include <map>
#include <vector>

#include "common/partition_key.h"
#include "results/partition_summary.h"

namespace mdp::consolidate {

struct SecuritySample {
    SecurityCode security = 0;
    std::vector<double> values;  // present values of one metric, in append order
};

class DifferenceSamples {
  public:
    void add(SecurityCode security, const results::Differences& differences);

    size_t orders() const { return securities_.size(); }
    // Present values of `metric` (index into analyzers::kComparedMetrics), in append order.
    std::vector<double> pooled(size_t metric) const;
    // One sample per security that has at least one set-A order (even when every value of this
    // metric is missing: its sample is then empty), in ascending security order.
    std::vector<SecuritySample> by_security(size_t metric) const;
    // Set-A orders per security (present values or not).
    std::map<SecurityCode, size_t> orders_by_security() const;
    // Bytes held by the samples.
    size_t memory_bytes() const;

  private:
    const std::vector<uint32_t>& security_order() const;

    std::vector<SecurityCode> securities_;  // per order
    std::array<std::vector<double>, results::kMetricCount> values_;
    mutable std::vector<uint32_t> order_;  // order indices sorted by (security, index)
};

}  // namespace mdp::consolidate
