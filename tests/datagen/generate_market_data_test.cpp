// End-to-end: runs the real generate_market_data binary (found through MDP_BIN_DIR).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "common/durable_file.h"
#include "datagen/csv_test_util.h"

namespace mdp::datagen {
namespace {

struct Result {
    int exit_code;
    std::string output;
};

Result run_app(const std::string& arguments) {
    const std::string command =
        std::string(MDP_BIN_DIR) + "/generate_market_data " + arguments + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    Result result{-1, {}};
    if (pipe == nullptr) return result;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::path(MDP_SCRATCH_DIR) / "datagen" / name;
    std::filesystem::remove_all(dir);
    return dir;
}

TEST(GenerateMarketDataApp, HelpDocumentsEveryOption) {
    const Result r = run_app("--help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* option : {"--output-dir", "--seed", "--securities", "--days", "--start-date",
                               "--orders-rows", "--target-bytes", "--nbbo", "--no-nbbo",
                               "--malformed-rate", "--crlf", "--preset", "--discard"}) {
        EXPECT_NE(r.output.find(option), std::string::npos) << option;
    }
    EXPECT_NE(r.output.find("2024-04-02"), std::string::npos);  // defaults are shown
}

TEST(GenerateMarketDataApp, DemoPresetWithOverridesWritesTheThreeFiles) {
    const auto dir = scratch("app_demo");
    const Result r = run_app("--preset demo --days 2 --seed 7 --output-dir " + dir.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("20 securities x 2 trading days"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("sweeps"), std::string::npos);
    for (const char* name : {"orders.csv", "trades.csv", "nbbo.csv"}) {
        ASSERT_TRUE(std::filesystem::exists(dir / name)) << name;
        EXPECT_GT(std::filesystem::file_size(dir / name), 1000U) << name;
    }
    const std::string orders = read_file(dir / "orders.csv");
    EXPECT_EQ(orders.substr(0, 9), "order_id,");
    // Same options again: byte-identical.
    const auto again = scratch("app_demo_again");
    ASSERT_EQ(
        run_app("--preset demo --days 2 --seed 7 -q --output-dir " + again.string()).exit_code, 0);
    EXPECT_EQ(read_file(again / "orders.csv"), orders);
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(again);
}

TEST(GenerateMarketDataApp, NoNbboAndTargetBytes) {
    const auto dir = scratch("app_bytes");
    const Result r = run_app(
        "--securities 5 --days 1 --target-bytes 2M --no-nbbo -q --output-dir " + dir.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "nbbo.csv"));
    const auto size = static_cast<double>(std::filesystem::file_size(dir / "orders.csv"));
    EXPECT_NEAR(size, 2.0 * 1024 * 1024, 0.1 * 2.0 * 1024 * 1024);
    std::filesystem::remove_all(dir);
}

TEST(GenerateMarketDataApp, BadArgumentsAreUsageErrors) {
    const auto dir = scratch("app_bad");
    EXPECT_EQ(run_app("--output-dir " + dir.string() + " --target-bytes lots").exit_code, 2);
    EXPECT_EQ(run_app("--output-dir " + dir.string() + " --start-date 2024-02-30").exit_code, 2);
    EXPECT_EQ(
        run_app("--output-dir " + dir.string() + " --orders-rows 5 --target-bytes 1M").exit_code,
        2);
    EXPECT_EQ(run_app("--securities 3").exit_code, 2);  // --output-dir is required
    EXPECT_FALSE(std::filesystem::exists(dir / "orders.csv"));
}

}  // namespace
}  // namespace mdp::datagen
