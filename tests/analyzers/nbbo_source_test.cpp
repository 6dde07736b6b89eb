// The `file` quote source (SPEC 3.3 --nbbo-source file) on the hand-worked partition with an
// nbbo.csv: the simulated midpoint is the last nbbo.csv quote at or before the contra's arrival,
// falling back to the contra's exchange bid/offer, else the contra is skipped.

#include <gtest/gtest.h>

#include "analyzers/hand_worked_partition.h"
#include "analyzers/partition_analysis.h"
#include "analyzers/partition_builder.h"

namespace mdp::analyzers {
namespace {

using namespace testing;

TEST(NbboSource, FileQuotesPriceTheSimulation) {
    const auto dir = scratch_dir("nbbo_file");
    write_hand_worked_partition(dir / "partition", true);
    const PartitionKey key{*CivilDate::parse("2024-03-05"), kSecurity};
    AnalysisSettings settings;
    settings.nbbo_source = AnalysisSettings::NbboSource::kFile;
    const auto result = analyze_partition(dir / "partition", dir / "stats", key, settings);
    // Quantities are those of the order source (the ledger does not depend on prices); prices:
    // C1 at 1100: quote of 0 ms, 9980/10000 -> 9990 (nbbo_file).
    // C2 at 1200: two quotes at 1200, the later in the file wins: 9992/10000 -> 9996.
    // C3 at 1300: quote 0/0 unusable, exchange 0/0 unusable -> skipped.
    // S3 at 1350: last quote (1300) unusable -> S3's exchange 9985/10005 -> 9995.
    // C4 at 1355: crossed quote of 1352 -> C4's exchange 9990/10010 -> 10000.
    const CsvContent fills = read_csv(dir / "stats/simulation/simulated_fills.csv");
    const std::vector<std::vector<std::string>> expected{
        {std::to_string(kS1), std::to_string(kC1), std::to_string(ms(1100)), "300", "9990",
         "nbbo_file"},
        {std::to_string(kS1), std::to_string(kC2), std::to_string(ms(1200)), "100", "9996",
         "nbbo_file"},
        {std::to_string(kS2), std::to_string(kC2), std::to_string(ms(1200)), "400", "9996",
         "nbbo_file"},
        {std::to_string(kS2), std::to_string(kS3), std::to_string(ms(1350)), "100", "9995",
         "order_exchange"},
        {std::to_string(kS3), std::to_string(kC4), std::to_string(ms(1355)), "50", "10000",
         "order_exchange"},
    };
    EXPECT_EQ(fills.rows, expected);
    EXPECT_EQ(result.at("simulated_fills"), 5);
    // S1's simulated vwap: (300*9990 + 100*9996) / 400 = 9991.5; cost vs the arrival mid
    // 10000 (always the order's own national quote): (9991.5 - 10000)/10000*1e4 = -8.5.
    const CsvContent d = read_csv(dir / "stats/matched/sweep_order_comparison_detailed.csv");
    EXPECT_EQ(d.cell(0, "sim_vwap"), "9991.5");
    EXPECT_NEAR(d.number(0, "sim_exec_cost_arrival_bps"), -8.5, 1e-9);
    const std::string v = read_text(dir / "stats/matched/sweep_order_validation.json");
    EXPECT_NE(v.find("\"nbbo_source\": \"file\""), std::string::npos);
    EXPECT_NE(v.find("\"nbbo\": 6"), std::string::npos) << v;
}

TEST(NbboSource, MissingNbboFileFallsBackToExchangeQuotes) {
    const auto dir = scratch_dir("nbbo_file_missing");
    write_hand_worked_partition(dir / "partition", false);
    const PartitionKey key{*CivilDate::parse("2024-03-05"), kSecurity};
    AnalysisSettings settings;
    settings.nbbo_source = AnalysisSettings::NbboSource::kFile;
    analyze_partition(dir / "partition", dir / "stats", key, settings);
    // No quote at all: every contra uses its own exchange bid/offer. C1 9990/10010 -> 10000.
    const CsvContent fills = read_csv(dir / "stats/simulation/simulated_fills.csv");
    ASSERT_FALSE(fills.rows.empty());
    EXPECT_EQ(fills.cell(0, "midpoint"), "10000");
    EXPECT_EQ(fills.cell(0, "quote_source"), "order_exchange");
}

}  // namespace
}  // namespace mdp::analyzers
