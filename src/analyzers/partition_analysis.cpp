#include "analyzers/partition_analysis.h"

#include <optional>
#include <span>
#include <unordered_set>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/comparison_report.h"
#include "analyzers/dark_pool_simulation.h"
#include "analyzers/metric_catalog.h"
#include "analyzers/metric_summary.h"
#include "analyzers/nbbo_timeline.h"
#include "analyzers/order_comparison.h"
#include "analyzers/output_file.h"
#include "analyzers/paired_tests.h"
#include "analyzers/partition_reader.h"
#include "analyzers/simulation_report.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/sweep_qualification.h"
#include "analyzers/unmatched_analysis.h"
#include "analyzers/unmatched_report.h"
#include "analyzers/validation_report.h"

namespace mdp::analyzers {

namespace fs = std::filesystem;

namespace {

// Set A's values of one compared metric: real, sim and real - sim, one entry per order.
struct MetricColumns {
    std::vector<double> real;
    std::vector<double> sim;
    std::vector<double> diff;
};

MetricColumns columns_of(std::span<const OrderComparison> matched, size_t metric) {
    MetricColumns c;
    for (const OrderComparison& o : matched) {
        c.real.push_back(o.real.*kComparedMetrics[metric].member);
        c.sim.push_back(o.sim.*kComparedMetrics[metric].member);
        c.diff.push_back(o.differences[metric]);
    }
    return c;
}

}  // namespace

PartitionAnalysisResult analyze_partition(const fs::path& partition_dir, const fs::path& stats_dir,
                                          const PartitionKey& key,
                                          const AnalysisSettings& settings, ReadBuffer& buffer) {
    const fs::path orders_file = partition_dir / "orders.csv";
    const fs::path trades_file = partition_dir / "trades.csv";
    const fs::path nbbo_file = partition_dir / "nbbo.csv";
    const bool use_nbbo_file = settings.nbbo_source == AnalysisSettings::NbboSource::kFile;

    // Inputs.
    const CentrePointOrders orders(read_order_events(orders_file, key.security, buffer));
    std::unordered_set<int64_t> sweep_ids;
    for (const CpOrder& o : orders.orders()) {
        if (o.is_sweep()) sweep_ids.insert(o.order_id);
    }
    TradeRows trades = read_trade_rows(trades_file, key.security,
                                       [&](int64_t id) { return sweep_ids.count(id) > 0; }, buffer);
    std::optional<NbboTimeline> nbbo;
    uint64_t nbbo_rows = 0;
    if (use_nbbo_file) {
        std::vector<NbboQuote> quotes = read_nbbo_quotes(nbbo_file, key.security, buffer);
        nbbo_rows = quotes.size();
        nbbo.emplace(std::move(quotes));
    } else {
        nbbo_rows = count_data_rows(nbbo_file, buffer);
    }

    // SPEC 3.2 and 3.3.
    const SweepQualification qualification = qualify_sweeps(orders, std::move(trades.kept));
    const std::vector<QualifyingSweep>& qualifying = qualification.qualifying;  // by orderid
    const DarkPoolSimulation simulation =
        simulate_dark_pool(orders, qualifying, nbbo ? &*nbbo : nullptr);

    // Set A (with simulated fills) and set B (without), both by orderid.
    std::vector<OrderComparison> matched;
    std::vector<UnexecutedOrder> unexecuted;
    std::vector<const QualifyingSweep*> unmatched_sweeps;
    std::vector<std::span<const SimulatedFill>> fills_by_sweep;
    uint64_t real_fill_count = 0;
    for (size_t i = 0; i < qualifying.size(); ++i) {
        const QualifyingSweep& sweep = qualifying[i];
        const CpOrder& order = orders.orders()[sweep.order];
        real_fill_count += sweep.trades.size();
        const auto& fills = simulation.fills[i];
        if (!fills.empty()) {
            matched.push_back(compare_order(order, sweep.trades, fills));
            fills_by_sweep.emplace_back(fills);
        } else {
            unexecuted.push_back(UnexecutedOrder{
                &order, compute_execution_metrics(arrival_of(order), real_fills(sweep.trades))});
            unmatched_sweeps.push_back(&sweep);
        }
    }

    // SPEC 3.4 - 3.5 over set A.
    std::vector<MetricSummaryRow> summary;
    std::vector<PairedTestRow> tests;
    std::vector<QuantileRow> quantiles;
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        const MetricColumns c = columns_of(matched, m);
        summary.push_back(summarize_metric(kComparedMetrics[m], c.real, c.sim, c.diff));
        tests.push_back(run_paired_tests(kComparedMetrics[m], c.real, c.sim));
        const auto q = compare_quantiles(kComparedMetrics[m], c.real, c.sim);
        quantiles.insert(quantiles.end(), q.begin(), q.end());
    }

    // SPEC 3.7 over set B.
    const std::vector<UnmatchedDiagnosis> diagnoses = diagnose_unmatched(orders, unmatched_sweeps);

    // Headline: exec_cost_arrival_bps over the set-A pairs where both sides are present.
    ValidationFacts facts;
    {
        size_t cost = 0;
        while (kComparedMetrics[cost].name != "exec_cost_arrival_bps") ++cost;
        const MetricColumns c = columns_of(matched, cost);
        std::vector<double> real;
        std::vector<double> sim;
        for (size_t i = 0; i < c.real.size(); ++i) {
            if (std::isnan(c.real[i]) || std::isnan(c.sim[i])) continue;
            real.push_back(c.real[i]);
            sim.push_back(c.sim[i]);
        }
        facts.headline_pairs = real.size();
        facts.mean_real_exec_cost_arrival_bps = stats::mean(real);
        facts.mean_sim_exec_cost_arrival_bps = stats::mean(sim);
        facts.mean_saving_bps = tests[cost].mean_diff;
        facts.saving_paired_t_pvalue = tests[cost].paired_t_pvalue;
    }
    facts.key = key;
    facts.nbbo_source = use_nbbo_file ? "file" : "order";
    facts.cp_orders = orders.orders().size();
    facts.sweeps = orders.sweep_count();
    facts.qualifying = qualifying.size();
    facts.not_fully_filled = qualification.not_fully_filled;
    facts.not_entered_in_partition = qualification.not_entered_in_partition;
    facts.no_trades = qualification.no_trades;
    facts.not_all_lit = qualification.not_all_lit;
    facts.matched = matched.size();
    facts.unmatched = unexecuted.size();
    facts.real_fills = real_fill_count;
    facts.simulated_fills = simulation.fill_count;
    facts.unpriceable_contras = simulation.unpriceable_contras;
    facts.order_rows = orders.order_event_count();
    facts.trade_rows = trades.row_count;
    facts.nbbo_rows = nbbo_rows;
    std::error_code ec;
    facts.nbbo_file_present = fs::exists(nbbo_file, ec);

    // SPEC 3.6 outputs.
    const fs::path matched_dir = stats_dir / "matched";
    const fs::path unmatched_dir = stats_dir / "unmatched";
    write_output_file(matched_dir / "sweep_order_comparison_detailed.csv",
                      comparison_detailed_csv(matched));
    write_output_file(matched_dir / "sweep_order_comparison_summary.csv",
                      comparison_summary_csv(summary));
    write_output_file(matched_dir / "sweep_order_statistical_tests.csv",
                      statistical_tests_csv(tests));
    write_output_file(matched_dir / "sweep_order_quantile_comparison.csv",
                      quantile_comparison_csv(quantiles));
    write_output_file(matched_dir / "sweep_order_validation.json", validation_json(facts));
    write_output_file(unmatched_dir / "sweep_order_unexecuted_in_dark.csv",
                      unexecuted_in_dark_csv(unexecuted));
    write_output_file(unmatched_dir / "unmatched_orders_analysis.csv",
                      unmatched_analysis_csv(diagnoses));
    write_output_file(unmatched_dir / "unmatched_summary.json",
                      unmatched_summary_json(key, diagnoses));
    write_output_file(stats_dir / "simulation" / "simulated_fills.csv",
                      simulated_fills_csv(fills_by_sweep));

    PartitionAnalysisResult result;
    result.counts = {
        {"cp_orders", static_cast<int64_t>(facts.cp_orders)},
        {"sweeps", static_cast<int64_t>(facts.sweeps)},
        {"qualifying", static_cast<int64_t>(facts.qualifying)},
        {"matched", static_cast<int64_t>(facts.matched)},
        {"unmatched", static_cast<int64_t>(facts.unmatched)},
        {"real_fills", static_cast<int64_t>(facts.real_fills)},
        {"simulated_fills", static_cast<int64_t>(facts.simulated_fills)},
        {"order_events", static_cast<int64_t>(facts.order_rows)},
        {"trade_rows", static_cast<int64_t>(facts.trade_rows)},
    };
    return result;
}

PartitionAnalysisResult analyze_partition(const fs::path& partition_dir, const fs::path& stats_dir,
                                          const PartitionKey& key,
                                          const AnalysisSettings& settings) {
    ReadBuffer buffer;
    return analyze_partition(partition_dir, stats_dir, key, settings, buffer);
}

}  // namespace mdp::analyzers
