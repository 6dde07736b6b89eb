// End-to-end tests of phase 3 through the real binaries: ~200 partitions generated with
// generate_market_data and processed by run_multidataset_pipeline; the consolidated files are
// checked against a direct computation over the per-partition stats/ files, for byte-identical
// reruns (also after kill -9 in the middle of `aggregate`), on a partially completed directory,
// and through the SQLite export.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/t_tests.h"
#include "consolidated_csv.h"
#include "registry/partition_registry.h"
#include "results/pack_store.h"
#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;
using registry::PartitionStatus;

// Direction of "better" (SPEC 3.4): +1 lower is better, -1 higher, 0 neutral.
const int kLowerBetter[] = {-1, -1, 0, 0, 0, 1, 1, 1, 1, 1, 1};

class ConsolidationCliTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fresh_scratch_dir();
        out_ = dir_ / "run";
        base_ = out_;
    }

    // Flips one byte in the middle of a completed partition's result record in its pack, as a
    // damaged disk block would.
    void damage_result_record(const registry::PartitionEntry& entry) {
        const auto location = results::location_in(entry.results);
        ASSERT_TRUE(location.has_value()) << entry.key.to_string();
        const fs::path pack = out_ / results::kDefaultPacksDirectory / results::pack_file_name(location->pack);
        std::fstream file(pack, std::ios::in | std::ios::out | std::ios::binary);
        ASSERT_TRUE(file) << pack;
        const auto at = static_cast<std::streamoff>(location->offset + 16 + location->length / 2);
        char byte = 0;
        file.seekg(at);
        file.get(byte);
        file.seekp(at);
        file.put(static_cast<char>(byte ^ 0x5A));
        ASSERT_TRUE(file.good()) << pack;
    }

    // Each test generates and processes its own run (ctest runs tests as parallel processes):
    // 40 securities x 5 days = 200 partitions, or a small one where the size does not matter.
    void make_run(bool large) {
        const fs::path in = dir_ / "in";
        CommandResult r =
            run_shell(shell_quote(binary("generate_market_data")) +
                      (large ? " -q --securities 40 --days 5 --orders-rows 30000 -o "
                             : " -q --securities 10 --days 3 --orders-rows 12000 -o ") +
                      shell_quote(in.string()));
        ASSERT_EQ(r.exit_code, 0) << r.output;
        r = run_shell(shell_quote(binary("run_multidataset_pipeline")) + " --orders " +
                      shell_quote((in / "orders.csv").string()) + " --trades " +
                      shell_quote((in / "trades.csv").string()) + " --nbbo " +
                      shell_quote((in / "nbbo.csv").string()) + " -o " +
                      shell_quote(out_.string()) + " --progress none");
        ASSERT_EQ(r.exit_code, 0) << r.output;
        // What the full run consolidated, before a test changes anything.
        full_run_ = read_tree(out_ / "consolidated");
        full_run_sweep_rows_ = read_table(out_ / "consolidated/sweep_comparison.csv").rows.size();
    }

    std::vector<std::string> aggregate_argv(const std::vector<std::string>& extra = {}) const {
        std::vector<std::string> argv{binary("run_multidataset_pipeline"),
                                      "aggregate",
                                      "--output",
                                      out_.string(),
                                      "--progress",
                                      "none"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return argv;
    }

    CommandResult aggregate(const std::vector<std::string>& extra = {}) const {
        std::string command;
        for (const auto& arg : aggregate_argv(extra)) command += shell_quote(arg) + " ";
        return run_shell(command);
    }

    fs::path base_;  // the processed run (the same directory as out_)
    fs::path dir_;
    fs::path out_;
    FileTree full_run_;
    size_t full_run_sweep_rows_ = 0;
};

// The completed partitions' directories in key order (date, then numeric security).
std::vector<std::pair<std::string, std::string>> partition_dirs(const fs::path& out) {
    std::vector<std::pair<std::string, uint64_t>> keys;
    for (const auto& date : fs::directory_iterator(out / "partitions")) {
        for (const auto& security : fs::directory_iterator(date.path())) {
            keys.emplace_back(date.path().filename().string(),
                              std::stoull(security.path().filename().string()));
        }
    }
    std::sort(keys.begin(), keys.end());
    std::vector<std::pair<std::string, std::string>> out_keys;
    for (const auto& [d, s] : keys) out_keys.emplace_back(d, std::to_string(s));
    return out_keys;
}

TEST_F(ConsolidationCliTest, ConsolidatedNumbersEqualADirectComputationOverThePartitionFiles) {
    ASSERT_NO_FATAL_FAILURE(make_run(true));
    const fs::path consolidated = base_ / "consolidated";
    const auto keys = partition_dirs(base_);
    ASSERT_GE(keys.size(), 190U);

    // Recompute from the stats/ files.
    std::string expected_sweeps;
    std::vector<std::vector<double>> pooled(11);
    std::map<std::string, std::vector<std::vector<double>>> per_security;
    std::map<std::string, std::map<std::string, int64_t>> causes;
    size_t header_lines = 0;
    for (const auto& [date, security] : keys) {
        const fs::path stats = base_ / "partitions" / date / security / "stats";
        std::istringstream detailed(
            read_text(stats / "matched/sweep_order_comparison_detailed.csv"));
        std::string line;
        std::getline(detailed, line);
        if (header_lines++ == 0) expected_sweeps = "date,security," + line + "\n";
        const auto header = split_line(line);
        std::vector<size_t> index;
        for (const char* name : kDifferenceMetrics) {
            index.push_back(static_cast<size_t>(std::find(header.begin(), header.end(), name) -
                                                header.begin()));
        }
        auto& mine = per_security[security];
        mine.resize(11);
        while (std::getline(detailed, line)) {
            expected_sweeps += date + "," + security + "," + line + "\n";
            const auto cells = split_line(line);
            for (size_t m = 0; m < 11; ++m) {
                const double v = cell_number(cells.at(index[m]));
                if (std::isnan(v)) continue;
                pooled[m].push_back(v);
                mine[m].push_back(v);
            }
        }
        const Table unmatched = read_table(stats / "unmatched/unmatched_orders_analysis.csv");
        auto& c = causes[security];
        for (const auto& row : unmatched.rows) ++c[row.at("root_cause")];
    }
    EXPECT_EQ(read_text(consolidated / "sweep_comparison.csv"), expected_sweeps);
    ASSERT_GT(pooled[5].size(), 100U) << "too few matched sweeps to test anything";

    const Table pooled_table = read_table(consolidated / "pooled_tests.csv");
    ASSERT_EQ(pooled_table.rows.size(), 11U);
    for (size_t m = 0; m < 11; ++m) {
        const auto& row = pooled_table.rows[m];
        const std::vector<double>& x = pooled[m];
        EXPECT_EQ(row.at("metric"), kDifferenceMetrics[m]);
        EXPECT_EQ(row.at("n"), std::to_string(x.size())) << kDifferenceMetrics[m];
        double sum = 0;
        for (const double v : x) sum += v;
        EXPECT_TRUE(near(cell_number(row.at("mean")), sum / static_cast<double>(x.size()), 1e-9))
            << kDifferenceMetrics[m];
        std::vector<double> sorted = x;
        std::sort(sorted.begin(), sorted.end());
        const size_t h = sorted.size() / 2;
        const double median = sorted.size() % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
        EXPECT_TRUE(near(cell_number(row.at("median")), median)) << kDifferenceMetrics[m];
        const stats::TestResult t = stats::ttest_1samp(x, 0.0);
        EXPECT_TRUE(near(cell_number(row.at("t_statistic")), t.statistic, 1e-9)) << kDifferenceMetrics[m];
        EXPECT_TRUE(near(cell_number(row.at("p_value")), t.p_value, 1e-9)) << kDifferenceMetrics[m];
        if (kLowerBetter[m] == 0) {
            EXPECT_EQ(row.at("dark_better_count"), "");
        } else {
            const auto better = std::count_if(
                x.begin(), x.end(), [&](double v) { return kLowerBetter[m] > 0 ? v > 0 : v < 0; });
            EXPECT_EQ(row.at("dark_better_count"), std::to_string(better)) << kDifferenceMetrics[m];
        }
    }
    // exec_cost_arrival_diff_bps: dark better by direction == dark_pool_better in the rows.
    const Table sweeps = read_table(consolidated / "sweep_comparison.csv");
    const auto dark_true = std::count_if(sweeps.rows.begin(), sweeps.rows.end(), [](const auto& r) {
        return r.at("dark_pool_better") == "true";
    });
    EXPECT_EQ(pooled_table.rows[5].at("dark_better_count"), std::to_string(dark_true));

    const Table security_table = read_table(consolidated / "per_security_tests.csv");
    size_t checked = 0;
    for (const auto& row : security_table.rows) {
        const size_t m = static_cast<size_t>(
            std::find(std::begin(kDifferenceMetrics), std::end(kDifferenceMetrics), row.at("metric")) - std::begin(kDifferenceMetrics));
        ASSERT_LT(m, 11U);
        const std::vector<double>& x = per_security.at(row.at("security"))[m];
        EXPECT_EQ(row.at("n"), std::to_string(x.size()));
        if (!x.empty()) {
            EXPECT_TRUE(near(cell_number(row.at("mean")), stats::mean(x), 1e-12));
            EXPECT_TRUE(
                near(cell_number(row.at("p_value")), stats::ttest_1samp(x, 0.0).p_value, 1e-12));
        }
        ++checked;
    }
    size_t securities_with_orders = 0;
    for (const auto& [s, v] : per_security) securities_with_orders += v[0].empty() ? 0 : 1;
    EXPECT_EQ(checked, securities_with_orders * 11);

    // Root causes per security and overall.
    const Table root = read_table(consolidated / "root_causes.csv");
    std::map<std::string, int64_t> overall;
    size_t nonzero = 0;
    for (const auto& row : root.rows) {
        const int64_t n = std::stoll(row.at("count"));
        if (row.at("scope") == "overall") {
            overall[row.at("root_cause")] = n;
            continue;
        }
        const auto& c = causes.at(row.at("security"));
        const auto it = c.find(row.at("root_cause"));
        EXPECT_EQ(n, it == c.end() ? 0 : it->second)
            << row.at("security") << " " << row.at("root_cause");
        if (n > 0) ++nonzero;
    }
    std::map<std::string, int64_t> expected_overall;
    for (const auto& [s, c] : causes) {
        for (const auto& [cause, n] : c) expected_overall[cause] += n;
    }
    for (const auto& [cause, n] : expected_overall) EXPECT_EQ(overall[cause], n) << cause;
    EXPECT_GT(nonzero, 20U);

    const Table partitions = read_table(consolidated / "partitions.csv");
    EXPECT_EQ(partitions.rows.size(), keys.size());
    for (const auto& row : partitions.rows) {
        EXPECT_EQ(row.at("status"), "completed");
        EXPECT_EQ(row.at("consolidated"), "true");
    }
}

TEST_F(ConsolidationCliTest, RerunsAreByteIdentical) {
    ASSERT_NO_FATAL_FAILURE(make_run(false));
    const FileTree& from_full_run = full_run_;
    ASSERT_EQ(from_full_run.size(), 9U);  // 7 tables, report.html, .consolidation_cache
    CommandResult r = aggregate();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(read_tree(out_ / "consolidated"), from_full_run);
    r = aggregate();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(read_tree(out_ / "consolidated"), from_full_run);
    EXPECT_FALSE(fs::exists(out_ / "consolidated.partial"));
}

TEST_F(ConsolidationCliTest, PartiallyCompletedDirectoryConsolidatesWhatCompletedAndNamesTheRest) {
    ASSERT_NO_FATAL_FAILURE(make_run(false));
    std::vector<PartitionKey> failed, running, unreadable;
    size_t excluded_rows = 0;
    {
        registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(out_));
        reg.load();
        const auto keys = reg.keys();
        ASSERT_GT(keys.size(), 20U);
        const auto now = registry::Clock::now();
        failed = {keys[3], keys[11]};
        running = {keys[7]};
        unreadable = {keys[15]};
        for (const auto& k : failed) {
            reg.mark_running(k, now);
            reg.mark_failed(k, "synthetic failure <boom> in " + k.to_string(), now);
        }
        for (const auto& k : running) reg.mark_running(k, now);
        reg.save();
        for (const auto& k : {keys[3], keys[11], keys[7]}) {
            excluded_rows += read_table(k.directory_under(out_) /
                                        "stats/matched/sweep_order_comparison_detailed.csv")
                                 .rows.size();
        }
        excluded_rows += read_table(unreadable[0].directory_under(out_) /
                                    "stats/matched/sweep_order_comparison_detailed.csv")
                             .rows.size();
        damage_result_record(*reg.find(unreadable[0]));
    }
    // The full run's aggregate kept a copy of every record it read (consolidation_cache.h), which
    // would stand in for the damaged one: without it, every record is read from its pack.
    fs::remove(out_ / "consolidated/.consolidation_cache");
    const size_t all_rows = full_run_sweep_rows_;
    ASSERT_GT(excluded_rows, 0U);

    const CommandResult r = aggregate();
    EXPECT_EQ(r.exit_code, 4) << r.output;  // finished with failed partitions
    EXPECT_NE(r.output.find("4 partitions are not consolidated"), std::string::npos) << r.output;
    for (const auto& k : failed) {
        EXPECT_NE(r.output.find(k.to_string() + " failed: synthetic failure"), std::string::npos)
            << r.output;
    }
    EXPECT_NE(r.output.find(running[0].to_string() + " running"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(unreadable[0].to_string() + " completed: results unreadable"),
              std::string::npos)
        << r.output;

    EXPECT_EQ(read_table(out_ / "consolidated/sweep_comparison.csv").rows.size(),
              all_rows - excluded_rows);
    const Table partitions = read_table(out_ / "consolidated/partitions.csv");
    size_t not_consolidated = 0;
    for (const auto& row : partitions.rows) {
        const std::string key = row.at("date") + "/" + row.at("security");
        if (row.at("consolidated") == "true") continue;
        ++not_consolidated;
        if (key == failed[0].to_string()) {
            EXPECT_EQ(row.at("status"), "failed");
            EXPECT_EQ(row.at("note"), "synthetic failure <boom> in " + key);
        } else if (key == running[0].to_string()) {
            EXPECT_EQ(row.at("status"), "running");
            EXPECT_NE(row.at("note").find("not processed yet"), std::string::npos);
        } else if (key == unreadable[0].to_string()) {
            EXPECT_EQ(row.at("status"), "completed");
            EXPECT_NE(row.at("note").find("checksum does not match"),
                      std::string::npos)
                << row.at("note");
        }
    }
    EXPECT_EQ(not_consolidated, 4U);
    const std::string html = read_text(out_ / "consolidated/report.html");
    EXPECT_NE(html.find("synthetic failure &lt;boom&gt; in " + failed[1].to_string()),
              std::string::npos);
    EXPECT_NE(html.find("2 partitions failed"), std::string::npos);
}

TEST_F(ConsolidationCliTest, KillNineDuringAggregateThenRerunGivesByteIdenticalFiles) {
    ASSERT_NO_FATAL_FAILURE(make_run(true));
    const FileTree expected = read_tree(out_ / "consolidated");
    ASSERT_FALSE(expected.empty());
    // A bigger job, so that kills land inside it: the SQLite export runs before the swap.
    const std::vector<std::string> extra{"--sqlite", (dir_ / "run.sqlite").string()};
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(aggregate(extra).exit_code, 0);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_EQ(read_tree(out_ / "consolidated"), expected);

    std::mt19937 rng(11);
    std::uniform_real_distribution<double> when(0.05, 0.95);
    int mid_run_kills = 0;
    for (int attempt = 0; attempt < 40 && mid_run_kills < 3; ++attempt) {
        const pid_t pid = spawn(aggregate_argv(extra), dir_ / "killed.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(when(rng) * seconds));
        ::kill(pid, SIGKILL);
        if (wait_for(pid).term_signal != SIGKILL) continue;  // finished before the kill
        // Genuinely mid-run: it had started writing and had not published yet.
        if (fs::exists(out_ / "consolidated.partial")) ++mid_run_kills;
        // Whatever the moment, consolidated/ is always a complete earlier result.
        EXPECT_EQ(read_tree(out_ / "consolidated"), expected) << "attempt " << attempt;
        const CommandResult r = aggregate(extra);
        ASSERT_EQ(r.exit_code, 0) << r.output;
        EXPECT_EQ(read_tree(out_ / "consolidated"), expected) << "attempt " << attempt;
        EXPECT_FALSE(fs::exists(out_ / "consolidated.partial"));
    }
    EXPECT_GE(mid_run_kills, 3) << "aggregate (" << seconds << " s) ended before most kills";
}

// SIGTERM (and SIGINT) during aggregate: it stops with exit 5, consolidated/ is the previous
// complete result, and the rerun gives the same bytes.
TEST_F(ConsolidationCliTest, SigtermDuringAggregateStopsWithTheInterruptedCode) {
    ASSERT_NO_FATAL_FAILURE(make_run(true));
    const FileTree expected = read_tree(out_ / "consolidated");
    const std::vector<std::string> extra{"--sqlite", (dir_ / "run.sqlite").string()};
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(aggregate(extra).exit_code, 0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::mt19937 rng(5);
    std::uniform_real_distribution<double> when(0.05, 0.9);
    int stopped = 0;
    for (int attempt = 0; attempt < 40 && stopped < 3; ++attempt) {
        const pid_t pid = spawn(aggregate_argv(extra), dir_ / "stopped.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(when(rng) * seconds));
        const int signal = attempt % 2 == 0 ? SIGTERM : SIGINT;
        ::kill(pid, signal);
        const CommandResult r = wait_for(pid);
        if (r.exit_code == 0) continue;  // finished before the signal
        if (r.term_signal == signal) {
            // Arrived before the handlers were installed (start-up, slow under ASan): the default
            // action ended it, which must leave consolidated/ as it was too.
            EXPECT_EQ(read_tree(out_ / "consolidated"), expected) << "attempt " << attempt;
            continue;
        }
        ++stopped;
        EXPECT_EQ(r.exit_code, 5) << read_text(dir_ / "stopped.log");
        EXPECT_NE(read_text(dir_ / "stopped.log").find("--resume"), std::string::npos);
        EXPECT_EQ(read_tree(out_ / "consolidated"), expected) << "attempt " << attempt;
    }
    EXPECT_GE(stopped, 2) << "aggregate (" << seconds << " s) ended before most signals";
    ASSERT_EQ(aggregate(extra).exit_code, 0);
    EXPECT_EQ(read_tree(out_ / "consolidated"), expected);
    EXPECT_FALSE(fs::exists(out_ / "consolidated.partial"));
}

// An output may never replace an input or land beside a directory it was not meant for.
TEST_F(ConsolidationCliTest, SqliteTargetThatIsAnInputOrADirectoryIsRefused) {
    ASSERT_NO_FATAL_FAILURE(make_run(false));
    const fs::path input = dir_ / "in/trades.csv";
    const std::string before = read_text(input);
    CommandResult r = aggregate({"--sqlite", input.string()});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("is the run's input"), std::string::npos) << r.output;
    EXPECT_EQ(read_text(input), before);

    fs::create_directories(dir_ / "a_directory");
    r = aggregate({"--sqlite", (dir_ / "a_directory").string()});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("is a directory"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "a_directory.partial"));

    r = aggregate({"--sqlite", (dir_ / "no/such/dir/x.db").string()});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("does not exist"), std::string::npos) << r.output;

    // reset-failed on a directory without a run creates nothing.
    r = run_shell(shell_quote(binary("run_multidataset_pipeline")) + " reset-failed -o " +
                  shell_quote((dir_ / "missing_dir").string()));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "missing_dir"));
}

TEST_F(ConsolidationCliTest, SqliteExportHoldsEveryTable) {
    ASSERT_NO_FATAL_FAILURE(make_run(false));
    const fs::path db_path = dir_ / "tables.sqlite";
    const CommandResult r = aggregate({"--sqlite", db_path.string()});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    auto scalar = [&](const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW) << sql;
        const double v = sqlite3_column_double(statement, 0);
        sqlite3_finalize(statement);
        return v;
    };
    const fs::path c = out_ / "consolidated";
    EXPECT_EQ(scalar("SELECT count(*) FROM sweep_comparison"),
              static_cast<double>(read_table(c / "sweep_comparison.csv").rows.size()));
    EXPECT_EQ(
        scalar("SELECT count(*) FROM partitions WHERE status = 'completed' AND consolidated = 1"),
        static_cast<double>(read_table(c / "partitions.csv").rows.size()));
    EXPECT_EQ(scalar("SELECT count(*) FROM cross_security_pairwise"),
              static_cast<double>(read_table(c / "cross_security_pairwise.csv").rows.size()));
    const Table pooled = read_table(c / "pooled_tests.csv");
    EXPECT_EQ(scalar("SELECT mean FROM pooled_tests WHERE metric = 'exec_cost_arrival_diff_bps'"),
              cell_number(pooled.rows[5].at("mean")));
    // Values keep their types: the mean of a column equals the mean of the CSV's cells.
    EXPECT_TRUE(near(scalar("SELECT avg(exec_cost_arrival_diff_bps) FROM sweep_comparison"),
                     cell_number(pooled.rows[5].at("mean")), 1e-9));
    // Declared types, not guessed ones: every p-value is REAL (or NULL), every count INTEGER,
    // dates TEXT, booleans 0/1.
    for (const char* table : {"pooled_tests", "per_security_tests", "cross_security_anova", "cross_security_pairwise"}) {
        const std::string t = table;
        EXPECT_EQ(scalar("SELECT count(*) FROM " + t + " WHERE p_value IS NOT NULL AND typeof(p_value) <> 'real'"), 0.0)
            << t;
        EXPECT_GT(scalar("SELECT count(*) FROM " + t + " WHERE typeof(p_value) = 'real'"), 0.0) << t;
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM sweep_comparison WHERE typeof(orderid) <> 'integer' OR typeof(date) <> "
                     "'text' OR dark_pool_better NOT IN (0, 1) OR typeof(exec_cost_arrival_diff_bps) NOT IN ('real', "
                     "'null')"),
              0.0);
    EXPECT_EQ(scalar("SELECT count(*) FROM partitions WHERE typeof(orders_rows) <> 'integer'"), 0.0);
    // Primary keys and indexes on (date, security).
    EXPECT_EQ(scalar("SELECT group_concat(name) = 'date,security' FROM (SELECT name FROM pragma_table_info('partitions') "
                     "WHERE pk > 0 ORDER BY pk)"),
              1.0);
    EXPECT_EQ(scalar("SELECT count(*) FROM pragma_table_info('pooled_tests') WHERE pk > 0"), 1.0);
    EXPECT_EQ(scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sweep_comparison' AND "
                     "sql LIKE '%(\"date\", \"security\")%'"),
              1.0);
    // Set B per order: as many rows as root_causes.csv counts overall.
    double set_b = 0;
    for (const auto& row : read_table(c / "root_causes.csv").rows) {
        if (row.at("scope") == "overall") set_b += cell_number(row.at("count"));
    }
    EXPECT_GT(set_b, 0.0);
    EXPECT_EQ(scalar("SELECT count(*) FROM unmatched_sweeps"), set_b);
    EXPECT_EQ(scalar("SELECT count(*) FROM unmatched_sweeps WHERE typeof(orderid) <> 'integer' OR root_cause IS NULL"),
              0.0);
    // The run: one row with the program and settings; its inputs with their content hashes.
    EXPECT_EQ(scalar("SELECT count(*) FROM runs WHERE program LIKE 'run_multidataset_pipeline%' AND "
                     "json_extract(settings, '$.pairwise') IS NOT NULL"),
              1.0);
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(out_));
    ASSERT_TRUE(reg.load());
    const auto* registry = &reg;
    EXPECT_EQ(scalar("SELECT count(*) FROM run_inputs WHERE length(content_hash) > 0"),
              static_cast<double>(registry->input_files().size()));
    // Run metadata (attempts, durations, times) is in `partition_runs`, one row per partition of
    // the registry, not in consolidated/.
    EXPECT_EQ(scalar("SELECT count(*) FROM partition_runs"), static_cast<double>(registry->size()));
    EXPECT_EQ(scalar("SELECT count(*) FROM partition_runs WHERE status = 'completed' AND attempts >= 1 AND "
                     "duration_sec > 0 AND completed_at LIKE '20%Z'"),
              static_cast<double>(registry->count(registry::PartitionStatus::kCompleted)));
    EXPECT_EQ(scalar("SELECT count(*) FROM partition_runs JOIN partitions USING (date, security)"),
              static_cast<double>(registry->size()));
    sqlite3_close(db);
}

TEST_F(ConsolidationCliTest, ReportIsASelfContainedPageWithItsChartsAndSections) {
    ASSERT_NO_FATAL_FAILURE(make_run(false));
    const std::string html = read_text(out_ / "consolidated/report.html");
    ASSERT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    EXPECT_NE(html.find("</html>"), std::string::npos);
    size_t svgs = 0;
    for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
        ++svgs;
    EXPECT_GE(svgs, 4U);
    size_t closes = 0;
    for (size_t at = html.find("</svg>"); at != std::string::npos; at = html.find("</svg>", at + 1))
        ++closes;
    EXPECT_EQ(closes, svgs);
    for (const char* id :
         {"id=\"savings\"", "id=\"partitions\"", "id=\"root-causes\"", "id=\"metrics\"",
          "id=\"slowest\"", "id=\"failures\"", "No partition failed", "id=\"provenance\"",
          "run_multidataset_pipeline 0.1.0 (git ", "setting timezone", "content hash (XXH3-128)",
          "id=\"distribution\"", "id=\"dates\"", "id=\"glossary\"", "id=\"g-SIMULATION_MISS\""}) {
        EXPECT_NE(html.find(id), std::string::npos) << id;
    }
    // One inline script (it sorts tables), nothing loaded from a file or the network.
    EXPECT_EQ(html.find("<script"), html.rfind("<script"));
    EXPECT_EQ(html.find("<script src"), std::string::npos);
    EXPECT_EQ(html.find("http://www.w3.org/2000/svg"),
              html.find("xmlns=\"http://www.w3.org/2000/svg\"") + 7);
    for (const char* remote : {"src=\"http", "href=\"http", "url(http", "@import"}) {
        EXPECT_EQ(html.find(remote), std::string::npos) << remote;
    }
}

}  // namespace
}  // namespace mdp
