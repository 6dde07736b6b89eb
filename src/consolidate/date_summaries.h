#pragma once
// The report's per-date view, gathered while consolidation walks the registry in key order: per
// trading date, its partitions (all, consolidated, failed), its matched and unmatched sweeps, and
// the headline saving (exec_cost_arrival_diff_bps, real - simulated) over its matched sweeps. It
// holds a few numbers per date (a year of data is ~250 dates), nothing per partition or order.

#include <cstdint>
#include <map>
#include <vector>

#include "analyzers/stats/result.h"
#include "common/partition_key.h"
#include "registry/partition_entry.h"
#include "results/partition_summary.h"

namespace mdp::consolidate {

struct DateSummary {
    CivilDate date;
    size_t partitions = 0;    // in the registry, any status
    size_t consolidated = 0;  // completed and read
    size_t failed = 0;
    int64_t matched_sweeps = 0;    // set A
    int64_t unmatched_sweeps = 0;  // set B
    size_t saving_n = 0;           // matched sweeps whose saving is defined
    double mean_saving_bps = stats::kNaN;
    size_t dark_cheaper = 0;  // of those, saving > 0
};

class DateSummaries {
  public:
    // Counts one registry partition; `consolidated` is its results when they entered the
    // consolidated files, nullptr otherwise.
    void add(const PartitionKey& key, registry::PartitionStatus status,
             const results::PartitionSummary* consolidated);
    // One row per date seen, in date order.
    std::vector<DateSummary> rows() const;

  private:
    struct Totals {
        DateSummary summary;
        double saving_sum = 0;
    };
    std::map<int64_t, Totals> by_day_;  // days since 1970-01-01
};

}  // namespace mdp::consolidate
