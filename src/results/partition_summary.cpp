#include "results/partition_summary.h"

#include <cmath>

namespace mdp::results {

namespace {

// The detailed CSV writes -0.0 as "0".
double as_written(double value) { return value == 0 ? 0.0 : value; }

// sweep_order_validation.json writes a value that is not finite as null.
double as_json_writes(double value) { return std::isfinite(value) ? value : stats::kNaN; }

}  // namespace

PartitionSummary summarize(const analyzers::PartitionResults& results) {
    PartitionSummary summary;
    const analyzers::ValidationFacts& facts = results.facts;
    summary.headline.n_pairs = static_cast<int64_t>(facts.headline_pairs);
    summary.headline.mean_real_exec_cost_arrival_bps = as_json_writes(facts.mean_real_exec_cost_arrival_bps);
    summary.headline.mean_sim_exec_cost_arrival_bps = as_json_writes(facts.mean_sim_exec_cost_arrival_bps);
    summary.headline.mean_saving_bps = as_json_writes(facts.mean_saving_bps);
    summary.headline.saving_paired_t_pvalue = as_json_writes(facts.saving_paired_t_pvalue);
    summary.differences.reserve(results.matched.size());
    for (const analyzers::OrderComparison& order : results.matched) {
        Differences d{};
        for (size_t m = 0; m < kMetricCount; ++m) d[m] = as_written(order.differences[m]);
        summary.differences.push_back(d);
    }
    for (const analyzers::UnmatchedDiagnosis& diagnosis : results.diagnoses) {
        ++summary.root_causes[std::string(analyzers::to_string(diagnosis.root_cause))];
    }
    return summary;
}

}  // namespace mdp::results
