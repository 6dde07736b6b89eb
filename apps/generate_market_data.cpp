// generate_market_data: writes a deterministic synthetic ASX-style data set (orders.csv,
// trades.csv, nbbo.csv) for tests, demos and benchmarks. See docs/generator.md.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include "common/errors.h"
#include "common/exit_codes.h"
#include "datagen/generator_config.h"
#include "datagen/market_data_generator.h"

namespace {

using mdp::ExitCode;
using mdp::datagen::GeneratorConfig;

}  // namespace

int main(int argc, char** argv) {
    const GeneratorConfig defaults;
    CLI::App app{
        "Writes a deterministic synthetic ASX-style market-data set: DIR/orders.csv, "
        "DIR/trades.csv and DIR/nbbo.csv (SPEC section 1 schemas), the same bytes for the same "
        "seed and options. Options given explicitly override the preset's values."};

    std::string output_dir;
    std::string preset;
    uint64_t seed = defaults.seed;
    uint32_t securities = defaults.securities;
    uint32_t days = defaults.days;
    std::string start_date = defaults.start_date.to_string();
    uint64_t orders_rows = defaults.orders_rows;
    std::string target_bytes;
    bool nbbo = defaults.write_nbbo;
    double malformed_rate = defaults.malformed_rate;
    bool crlf = defaults.crlf;
    double sweep_share = defaults.sweep_share;
    double centre_point_share = defaults.centre_point_share;
    double zipf = defaults.zipf_exponent;
    double bad_quote_rate = defaults.bad_quote_rate;
    bool quiet = false;

    app.add_option("--output-dir,-o", output_dir, "Directory to write the CSV files into (created)")
        ->required();
    auto* preset_opt =
        app.add_option("--preset", preset,
                       "Starting point for the other options: demo (20 securities x 5 days, "
                       "25000 order rows, a few MB), bench (200 securities x 5 days, 2 GiB of "
                       "orders), asx (demo with --asx-quirks) or default")
            ->check(CLI::IsMember({"demo", "bench", "asx", "default"}));
    auto* seed_opt = app.add_option("--seed", seed, "Random seed")->capture_default_str();
    auto* securities_opt =
        app.add_option("--securities", securities, "Number of securities (activity is Zipf-skewed)")
            ->capture_default_str()
            ->check(CLI::Range(1U, 900000U));
    auto* days_opt = app.add_option("--days", days, "Number of trading days (weekends skipped)")
                         ->capture_default_str()
                         ->check(CLI::Range(1U, 100000U));
    auto* start_opt =
        app.add_option("--start-date", start_date,
                       "First trading day, YYYY-MM-DD (the default range crosses the Sydney "
                       "AEDT->AEST change of 2024-04-07)")
            ->capture_default_str();
    auto* rows_opt = app.add_option("--orders-rows", orders_rows,
                                    "Size the orders file by data rows (trades/NBBO follow)")
                         ->capture_default_str();
    auto* bytes_opt = app.add_option("--target-bytes", target_bytes,
                                     "Size the orders file by bytes instead, e.g. 500M, 2G, "
                                     "1.5GiB (binary units); lands within a few percent")
                          ->excludes(rows_opt);
    rows_opt->excludes(bytes_opt);
    auto* nbbo_opt = app.add_flag("--nbbo,!--no-nbbo", nbbo, "Write nbbo.csv (default: yes)");
    auto* malformed_opt =
        app.add_option("--malformed-rate", malformed_rate,
                       "Probability per data row of injecting a malformed line after it (kinds "
                       "in rotation, see docs/generator.md); 0 = clean files")
            ->capture_default_str()
            ->check(CLI::Range(0.0, 1.0));
    auto* crlf_opt = app.add_flag("--crlf", crlf, "Write \\r\\n line ends instead of \\n");
    auto* sweep_opt = app.add_option("--sweep-share", sweep_share,
                                     "Share of continuous-trading scenarios that are Centre "
                                     "Point sweeps")
                          ->capture_default_str()
                          ->check(CLI::Range(0.0, 1.0));
    auto* cp_opt = app.add_option("--centre-point-share", centre_point_share,
                                  "Share of scenarios that are background Centre Point orders")
                       ->capture_default_str()
                       ->check(CLI::Range(0.0, 1.0));
    auto* zipf_opt = app.add_option("--zipf", zipf,
                                    "Skew of activity across securities: weight of rank r is "
                                    "1/r^s")
                         ->capture_default_str()
                         ->check(CLI::Range(0.0, 4.0));
    auto* bad_quote_opt =
        app.add_option("--bad-quote-rate", bad_quote_rate,
                       "Probability that an order row carries a crossed/zero NBBO snapshot")
            ->capture_default_str()
            ->check(CLI::Range(0.0, 1.0));
    bool asx_quirks = false;
    auto* quirks_opt = app.add_flag(
        "--asx-quirks", asx_quirks,
        "Reproduce quirks of real ASX exports: evening reloads, crossed/locked quote bursts, "
        "upward amendments, dealsource 5/44/45/48, real value formats, no final newline in "
        "trades.csv, same-nanosecond pairs (docs/generator.md)");
    const auto add_quote_rate = [&app](const std::string& name, double& rate,
                                       const std::string& shape) {
        return app
            .add_option(name, rate,
                        "With --asx-quirks: share of order rows with a " + shape +
                            " national quote (in bursts)")
            ->capture_default_str()
            ->check(CLI::Range(0.0, 0.5));
    };
    double crossed_rate = defaults.quirks.crossed_quote_rate;
    auto* crossed_opt = add_quote_rate("--crossed-quote-rate", crossed_rate, "crossed");
    double locked_rate = defaults.quirks.locked_quote_rate;
    auto* locked_opt = add_quote_rate("--locked-quote-rate", locked_rate, "locked");
    app.add_flag("--quiet,-q", quiet, "Do not print the summary");
    bool discard = false;
    app.add_flag("--discard", discard,
                 "Generate but write nothing (only count bytes): measures generation speed "
                 "without the disk");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : mdp::to_int(ExitCode::kUsage);
    }

    GeneratorConfig config;
    if (*preset_opt) mdp::datagen::apply_preset(preset, config);
    if (*seed_opt) config.seed = seed;
    if (*securities_opt) config.securities = securities;
    if (*days_opt) config.days = days;
    if (*start_opt) {
        const auto date = mdp::CivilDate::parse(start_date);
        if (!date) {
            std::cerr << "error: --start-date must be YYYY-MM-DD, got '" << start_date << "'\n";
            return mdp::to_int(ExitCode::kUsage);
        }
        config.start_date = *date;
    }
    if (*rows_opt) {
        config.orders_rows = orders_rows;
        config.target_bytes = 0;
    }
    if (*bytes_opt) {
        const auto size = mdp::datagen::parse_byte_size(target_bytes);
        if (!size || *size == 0) {
            std::cerr << "error: --target-bytes: cannot read '" << target_bytes
                      << "' as a size (e.g. 500M, 2G)\n";
            return mdp::to_int(ExitCode::kUsage);
        }
        config.target_bytes = *size;
    }
    if (*nbbo_opt) config.write_nbbo = nbbo;
    if (*malformed_opt) config.malformed_rate = malformed_rate;
    if (*crlf_opt) config.crlf = crlf;
    if (*sweep_opt) config.sweep_share = sweep_share;
    if (*cp_opt) config.centre_point_share = centre_point_share;
    if (*zipf_opt) config.zipf_exponent = zipf;
    if (*bad_quote_opt) config.bad_quote_rate = bad_quote_rate;
    if (*quirks_opt) config.quirks.enabled = asx_quirks;
    if (*crossed_opt) config.quirks.crossed_quote_rate = crossed_rate;
    if (*locked_opt) config.quirks.locked_quote_rate = locked_rate;

    try {
        if (!quiet) std::cerr << "generating " << mdp::datagen::describe(config) << "\n";
        mdp::datagen::GenerationSummary summary;
        if (discard) {
            mdp::datagen::CountingSink orders, trades, nbbo_sink;
            summary = mdp::datagen::generate(
                config, mdp::datagen::OutputSinks{&orders, &trades,
                                                  config.write_nbbo ? &nbbo_sink : nullptr});
        } else {
            summary = mdp::datagen::generate(config, std::filesystem::path(output_dir));
        }
        if (!quiet) std::cout << mdp::datagen::format_summary(summary) << std::flush;
        return mdp::to_int(ExitCode::kSuccess);
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << "\n";
        return mdp::to_int(ExitCode::kUsage);
    } catch (const mdp::IoError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return mdp::to_int(ExitCode::kOutputError);
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return mdp::to_int(ExitCode::kInternalError);
    }
}
