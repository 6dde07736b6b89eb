#include "consolidate/date_summaries.h"

#include <cmath>

#include "consolidate/consolidated_tables.h"

namespace mdp::consolidate {

void DateSummaries::add(const PartitionKey& key, registry::PartitionStatus status,
                        const results::PartitionSummary* consolidated) {
    Totals& totals = by_day_[key.date.to_days()];
    DateSummary& day = totals.summary;
    day.date = key.date;
    ++day.partitions;
    if (status == registry::PartitionStatus::kFailed) ++day.failed;
    if (consolidated == nullptr) return;
    ++day.consolidated;
    day.matched_sweeps += static_cast<int64_t>(consolidated->differences.size());
    for (const auto& [cause, n] : consolidated->root_causes) day.unmatched_sweeps += n;
    const size_t headline = headline_metric();
    for (const results::Differences& order : consolidated->differences) {
        const double saving = order[headline];
        if (std::isnan(saving)) continue;
        ++day.saving_n;
        totals.saving_sum += saving;
        if (saving > 0) ++day.dark_cheaper;
    }
}

std::vector<DateSummary> DateSummaries::rows() const {
    std::vector<DateSummary> rows;
    rows.reserve(by_day_.size());
    for (const auto& [days, totals] : by_day_) {
        rows.push_back(totals.summary);
        if (totals.summary.saving_n > 0) {
            rows.back().mean_saving_bps =
                totals.saving_sum / static_cast<double>(totals.summary.saving_n);
        }
    }
    return rows;
}

}  // namespace mdp::consolidate
