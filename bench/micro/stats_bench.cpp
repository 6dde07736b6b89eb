// Measures the statistics of src/analyzers/stats (SciPy-exact, on Boost.Math) at the sample sizes
// the engine meets: ~100 pairs in a partition, ~10,000 in a security's pooled table, ~1,000,000
// across a whole run, so that per-partition and consolidation costs can be predicted; items/s.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <span>
#include <vector>

#include "analyzers/stats/anova.h"
#include "analyzers/stats/correlation.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/multiple_testing.h"
#include "analyzers/stats/t_tests.h"
#include "analyzers/stats/wilcoxon.h"

namespace {

// A metric measured on real and simulated executions of the same orders: correlated, slightly
// shifted, continuous (no ties, no zero differences, so Wilcoxon takes the exact path at n <= 50).
struct PairedSample {
    std::vector<double> real;
    std::vector<double> simulated;
    std::vector<double> differences;
};

const PairedSample& paired_sample(size_t n) {
    static std::map<size_t, PairedSample> cache;
    auto [it, inserted] = cache.try_emplace(n);
    if (inserted) {
        std::mt19937_64 rng(n);
        std::normal_distribution<double> metric(0.0, 12.0);
        std::normal_distribution<double> noise(0.4, 3.0);
        PairedSample& s = it->second;
        for (size_t i = 0; i < n; ++i) {
            const double real = metric(rng);
            s.real.push_back(real);
            s.simulated.push_back(real + noise(rng));
            s.differences.push_back(s.real.back() - s.simulated.back());
        }
    }
    return it->second;
}

// p-values of a family of tests: mostly null (uniform), a tenth of them small.
const std::vector<double>& p_value_family(size_t m) {
    static std::map<size_t, std::vector<double>> cache;
    auto [it, inserted] = cache.try_emplace(m);
    if (inserted) {
        std::mt19937_64 rng(m);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (size_t i = 0; i < m; ++i) {
            const double p = uniform(rng);
            it->second.push_back(i % 10 == 0 ? p * 1e-4 : p);
        }
    }
    return it->second;
}

void set_items(benchmark::State& state) {
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

size_t sample_size(const benchmark::State& state) { return static_cast<size_t>(state.range(0)); }

void BM_PairedTTest(benchmark::State& state) {
    const PairedSample& s = paired_sample(sample_size(state));
    for (auto _ : state) benchmark::DoNotOptimize(mdp::stats::ttest_rel(s.real, s.simulated));
    set_items(state);
}

// Two independent samples of n / 2 each (two securities' differences).
void BM_WelchTTest(benchmark::State& state) {
    const PairedSample& s = paired_sample(sample_size(state));
    const std::span<const double> all(s.differences);
    const auto a = all.first(all.size() / 2);
    const auto b = all.subspan(all.size() / 2);
    for (auto _ : state) benchmark::DoNotOptimize(mdp::stats::ttest_ind_welch(a, b));
    set_items(state);
}

void BM_Wilcoxon(benchmark::State& state, bool expect_exact) {
    const PairedSample& s = paired_sample(sample_size(state));
    if (mdp::stats::wilcoxon(s.real, s.simulated).exact != expect_exact) {
        state.SkipWithError("wilcoxon took the other path than the one benchmarked");
        return;
    }
    for (auto _ : state) benchmark::DoNotOptimize(mdp::stats::wilcoxon(s.real, s.simulated));
    set_items(state);
}

void BM_Pearson(benchmark::State& state) {
    const PairedSample& s = paired_sample(sample_size(state));
    for (auto _ : state) benchmark::DoNotOptimize(mdp::stats::pearsonr(s.real, s.simulated));
    set_items(state);
}

void BM_Spearman(benchmark::State& state) {
    const PairedSample& s = paired_sample(sample_size(state));
    for (auto _ : state) benchmark::DoNotOptimize(mdp::stats::spearmanr(s.real, s.simulated));
    set_items(state);
}

// n observations split evenly across 20 groups (securities).
void BM_OneWayAnova(benchmark::State& state) {
    constexpr size_t kGroups = 20;
    const PairedSample& s = paired_sample(sample_size(state));
    const std::span<const double> all(s.differences);
    const size_t per_group = all.size() / kGroups;
    std::vector<std::span<const double>> groups;
    for (size_t g = 0; g < kGroups; ++g) groups.push_back(all.subspan(g * per_group, per_group));
    for (auto _ : state) benchmark::DoNotOptimize(mdp::stats::f_oneway(groups));
    set_items(state);
}

// A family of n p-values (pairwise tests between securities).
void BM_HolmAdjust(benchmark::State& state) {
    const std::vector<double>& p_values = p_value_family(sample_size(state));
    for (auto _ : state) {
        std::vector<double> adjusted = mdp::stats::holm_adjust(p_values);
        benchmark::DoNotOptimize(adjusted.data());
    }
    set_items(state);
}

// The percentiles of sweep_order_quantile_comparison.csv (SPEC 3.6), one sort for all five.
void BM_Quantiles(benchmark::State& state) {
    static constexpr double kPercentiles[] = {0.10, 0.25, 0.50, 0.75, 0.90};
    const PairedSample& s = paired_sample(sample_size(state));
    for (auto _ : state) {
        std::vector<double> q = mdp::stats::quantiles(s.real, kPercentiles);
        benchmark::DoNotOptimize(q.data());
    }
    set_items(state);
}

// n = 100 (a partition), 10,000 (a security's pooled table), 1,000,000 (a whole run).
void partition_security_run_sizes(benchmark::internal::Benchmark* b) {
    b->RangeMultiplier(100)->Range(100, 1'000'000);
}

BENCHMARK(BM_PairedTTest)->Apply(partition_security_run_sizes);
BENCHMARK(BM_WelchTTest)->Apply(partition_security_run_sizes);
BENCHMARK_CAPTURE(BM_Wilcoxon, exact, true)
    ->Arg(10)
    ->Arg(static_cast<int64_t>(mdp::stats::kWilcoxonExactMaxN));
BENCHMARK_CAPTURE(BM_Wilcoxon, normal_approximation, false)
    ->Apply(partition_security_run_sizes)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Pearson)->Apply(partition_security_run_sizes);
BENCHMARK(BM_Spearman)->Apply(partition_security_run_sizes)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OneWayAnova)->Apply(partition_security_run_sizes);
BENCHMARK(BM_HolmAdjust)->Apply(partition_security_run_sizes)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Quantiles)->Apply(partition_security_run_sizes)->Unit(benchmark::kMicrosecond);

}  // namespace
