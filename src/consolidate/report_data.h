#pragma once
// What report.html shows, gathered while consolidating: everything in it is bounded (a fixed
// number of slowest partitions and listed failures, a fixed number of quantiles and histogram
// bins) except the per-security headline rows, one per security, and the per-date rows, one per
// trading date.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/partition_key.h"
#include "consolidate/consolidated_tables.h"
#include "consolidate/date_summaries.h"
#include "consolidate/metric_tests.h"
#include "consolidate/provenance.h"
#include "consolidate/saving_distribution.h"

namespace mdp::consolidate {

struct PartitionNote {
    PartitionKey key;
    std::string status;
    uint32_t attempts = 0;
    double duration_sec = 0;
    int64_t orders_rows = 0;
    std::string text;  // the error, or why it was not consolidated
};

struct ReportData {
    Provenance provenance;
    size_t partitions = 0;
    std::array<size_t, 4> by_status{};  // indexed by registry::PartitionStatus
    size_t included = 0;                // completed and consolidated
    size_t securities = 0;              // with at least one consolidated partition
    size_t dates = 0;
    int64_t set_a_orders = 0;
    int64_t set_b_orders = 0;
    int64_t order_rows = 0;
    int64_t trade_rows = 0;
    double total_duration_sec = 0;

    std::vector<PartitionNote> slowest;   // longest duration first
    std::vector<PartitionNote> failures;  // first ones in key order
    size_t failures_total = 0;
    std::vector<PartitionNote> unreadable;  // completed, but stats could not be read
    size_t unreadable_total = 0;

    std::vector<MetricTestRow> pooled;               // per metric, SPEC 3.4 order
    std::vector<SecurityTestRow> security_headline;  // exec_cost_arrival_diff_bps per security
    SavingDistribution saving_distribution;          // of exec_cost_arrival_diff_bps per order
    std::vector<DateSummary> per_date;               // one per trading date, in date order
    std::vector<AnovaRow> anova;                     // per metric
    size_t pairwise_rows = 0;
    std::string pairwise_rule;  // which pairs were compared, in words
    std::vector<std::pair<std::string, int64_t>> root_causes;  // overall
};

}  // namespace mdp::consolidate
