#include "analyzers/partition_analysis.h"

#include <cmath>
#include <optional>
#include <span>
#include <unordered_set>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/dark_pool_simulation.h"
#include "analyzers/metric_catalog.h"
#include "analyzers/metric_summary.h"
#include "analyzers/nbbo_timeline.h"
#include "analyzers/order_comparison.h"
#include "analyzers/partition_files.h"
#include "analyzers/paired_tests.h"
#include "analyzers/partition_reader.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/sweep_qualification.h"
#include "analyzers/unmatched_analysis.h"

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

PartitionResults analyze_partition(const fs::path& partition_dir, const PartitionKey& key,
                                   const AnalysisSettings& settings, ReadBuffer& buffer) {
    const fs::path orders_file = partition_dir / "orders.csv";
    const fs::path trades_file = partition_dir / "trades.csv";
    const fs::path nbbo_file = partition_dir / "nbbo.csv";
    const bool use_nbbo_file = settings.nbbo_source == AnalysisSettings::NbboSource::kFile;
    PartitionResults results;

    // Inputs.
    results.orders = std::make_unique<const CentrePointOrders>(
        read_order_events(orders_file, key.security, buffer));
    const CentrePointOrders& orders = *results.orders;
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
    results.simulation = std::make_unique<const DarkPoolSimulation>(
        simulate_dark_pool(orders, qualifying, nbbo ? &*nbbo : nullptr));
    const DarkPoolSimulation& simulation = *results.simulation;

    // Set A (with simulated fills) and set B (without), both by orderid.
    std::vector<OrderComparison>& matched = results.matched;
    std::vector<UnexecutedOrder>& unexecuted = results.unexecuted;
    std::vector<const QualifyingSweep*> unmatched_sweeps;
    uint64_t real_fill_count = 0;
    for (size_t i = 0; i < qualifying.size(); ++i) {
        const QualifyingSweep& sweep = qualifying[i];
        const CpOrder& order = orders.orders()[sweep.order];
        real_fill_count += sweep.trades.size();
        const auto& fills = simulation.fills[i];
        if (!fills.empty()) {
            matched.push_back(compare_order(order, sweep.trades, fills));
            results.matched_fills.emplace_back(fills);
        } else {
            unexecuted.push_back(UnexecutedOrder{
                &order, compute_execution_metrics(arrival_of(order), real_fills(sweep.trades))});
            unmatched_sweeps.push_back(&sweep);
        }
    }

    // SPEC 3.4 - 3.5 over set A.
    for (size_t m = 0; m < kComparedMetrics.size(); ++m) {
        const MetricColumns c = columns_of(matched, m);
        results.summary.push_back(summarize_metric(kComparedMetrics[m], c.real, c.sim, c.diff));
        results.tests.push_back(run_paired_tests(kComparedMetrics[m], c.real, c.sim));
        const auto q = compare_quantiles(kComparedMetrics[m], c.real, c.sim);
        results.quantiles.insert(results.quantiles.end(), q.begin(), q.end());
    }

    // SPEC 3.7 over set B.
    results.diagnoses = diagnose_unmatched(orders, unmatched_sweeps);

    // Headline: exec_cost_arrival_bps over the set-A pairs where both sides are present.
    ValidationFacts& facts = results.facts;
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
        facts.mean_saving_bps = results.tests[cost].mean_diff;
        facts.saving_paired_t_pvalue = results.tests[cost].paired_t_pvalue;
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
    return results;
}

std::map<std::string, int64_t> analyze_partition(const fs::path& partition_dir, const fs::path& stats_dir,
                                                 const PartitionKey& key, const AnalysisSettings& settings) {
    ReadBuffer buffer;
    const PartitionResults results = analyze_partition(partition_dir, key, settings, buffer);
    write_partition_files(render_partition_files(results), stats_dir);
    return results.counts();
}

}  // namespace mdp::analyzers
