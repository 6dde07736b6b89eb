#include "command_line.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>

#include "build_info.h"
#include "common/byte_size.h"
#include "common/exit_codes.h"
#include "consolidate/pairwise_rule.h"
#include "engine/sizing.h"
#include "suggestions.h"

namespace mdp::app {

namespace {

constexpr const char* kVersion = "run_multidataset_pipeline " MDP_VERSION " (git " MDP_GIT_COMMIT ", " MDP_BUILD_TYPE " build)";

constexpr const char* kDescription = R"(Splits huge orders/trades exports into per-(date, security) partitions,
runs the Centre Point sweep-execution and unmatched-order analyses on every
partition across all cores, and consolidates the results. Interrupted runs
continue with --resume.

Phases (default: all three in order):
  extract     1. stream the inputs into DIR/partitions/<date>/<security>/
  process     2. run the analyzers on every pending partition
  aggregate   3. rebuild DIR/consolidated/ from completed partitions
Other commands:
  status        print the state of the run in DIR (--json, filters)
  reset-failed  mark failed partitions pending again (then --resume)
  export        write partitions' result files (stats/) from the run's records

Exit codes: 0 all partitions completed, 1 internal error, 2 usage error,
3 bad input, 4 finished with failed partitions, 5 interrupted (rerun with
--resume), 6 output not writable (read-only, disk full), 7 output directory
in use by another run, 8 resume refused (inputs or settings changed).
See docs/cli.md for every option in detail.)";

CLI::Validator byte_size_validator() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            return parse_byte_size(text) ? std::string() : "'" + text + "' is not a size like 512M or 2G";
        },
        "SIZE");
}

}  // namespace

std::string version_text() { return kVersion; }

std::variant<PipelineSettings, int> parse_command_line(int argc, char** argv) {
    PipelineSettings s;
    CLI::App app{kDescription, "run_multidataset_pipeline"};
    app.set_version_flag("--version", kVersion);
    app.get_formatter()->column_width(34);
    app.require_subcommand(0, 1);

    auto* extract = app.add_subcommand("extract", "Phase 1 only: split the inputs into partitions");
    auto* process = app.add_subcommand("process", "Phase 2 only: analyse pending partitions");
    auto* aggregate = app.add_subcommand("aggregate", "Phase 3 only: rebuild consolidated/ from completed partitions");
    auto* status = app.add_subcommand(
        "status", "Print the state of the run in --output DIR: inputs, partitions by status, rows, times, errors");
    auto* reset_failed = app.add_subcommand("reset-failed", "Mark failed partitions of --output DIR pending again");
    auto* export_files = app.add_subcommand(
        "export", "Write the result files (stats/) of completed partitions of --output DIR, e.g. of a run too big "
                  "for them to be written by default (--partition-files)");
    for (auto* sub : {extract, process, aggregate, status, reset_failed, export_files}) sub->fallthrough();

    std::string status_filter, date_filter;
    std::optional<uint64_t> security_filter;
    status->add_flag("--json", s.status_query.json, "Print the status as JSON (same facts, for scripts)");
    status->add_flag("--list", s.status_query.list, "Also list every matching partition");
    status->add_option("--status", status_filter, "Only partitions with this status")
        ->check(CLI::IsMember({"pending", "running", "completed", "failed"}));
    status->add_option("--date", date_filter, "Only partitions of this trading date (YYYY-MM-DD)")
        ->check([](const std::string& text) {
            return CivilDate::parse(text) ? std::string() : "'" + text + "' is not a date like 2024-04-02";
        });
    status->add_option("--security", security_filter, "Only partitions of this security code");
    std::string export_date;
    std::optional<uint64_t> export_security;
    export_files->add_option("--date", export_date, "Only partitions of this trading date (YYYY-MM-DD)")
        ->check([](const std::string& text) {
            return CivilDate::parse(text) ? std::string() : "'" + text + "' is not a date like 2024-04-02";
        });
    export_files->add_option("--security", export_security, "Only partitions of this security code");
    export_files->add_option("--to", s.export_query.to,
                             "Write into DIR/<date>/<security>/stats/ instead of the run's partitions/ directory");

    bool show_system_info = false;
    std::string memory_budget, checkpoint_every, progress = "auto", max_line = "1M";
    std::optional<size_t> workers_flag, chunk_flag;

    app.add_option("--orders", s.orders,
                   "Orders CSV files or directories of them, read in the order given (a directory: its files "
                   "sorted by name)")
        ->group("Inputs");
    app.add_option("--trades", s.trades, "Trades CSV files or directories, as --orders")
        ->group("Inputs");
    app.add_option("--nbbo", s.nbbo, "Optional NBBO quotes CSV files or directories, as --orders")
        ->group("Inputs");
    app.add_option("-o,--output", s.output, "Output directory (created if missing); one run per directory")
        ->group("Inputs");

    app.add_flag("--resume", s.resume, "Continue an interrupted run in --output without redoing finished work")
        ->group("Run control");
    app.add_flag("--restart", s.restart,
                 "Discard the run in --output (partitions, registry, results) and start over")
        ->group("Run control")
        ->excludes(app.get_option("--resume"));
    app.add_flag("--append", s.append,
                 "Add the inputs given to the run in --output (e.g. a new day): inputs already in the run are "
                 "skipped, partitions that gain rows are analysed again, the results are rebuilt")
        ->group("Run control")
        ->excludes(app.get_option("--resume"))
        ->excludes(app.get_option("--restart"));
    app.add_option("--max-retries", s.max_retries, "Attempts after the first before a partition is marked failed")
        ->capture_default_str()->check(CLI::Range(0, 100))->group("Run control");
    app.add_option("--retry-delay-ms", s.retry_delay_ms, "Delay before retrying a failed partition")
        ->capture_default_str()->group("Run control");
    app.add_option("--progress", progress, "Progress display: auto (bar on a terminal, lines otherwise), bar, plain, none")
        ->capture_default_str()->check(CLI::IsMember({"auto", "bar", "plain", "none"}))->group("Run control");
    app.add_flag("--show-system-info", show_system_info,
                 "Print detected CPUs, memory and disk, and the worker count and chunk size chosen from them")
        ->group("Run control");

    app.add_option("-w,--workers", workers_flag,
                   "Partitions processed at once (default: usable CPUs, limited by memory; env SWEEP_WORKERS)")
        ->check(CLI::Range(uint64_t{1}, engine::kMaxWorkers))->group("Resources");
    app.add_option("--chunk-size", chunk_flag,
                   "Input rows per extraction block (default: from memory, ~64k; env SWEEP_CHUNK_SIZE)")
        ->check(CLI::Range(uint64_t{1}, engine::kMaxChunkRows))->group("Resources");
    app.add_option("--memory-budget", memory_budget,
                   "Memory the run may use, e.g. 2G (default: from MemAvailable and the cgroup limit)")
        ->check(byte_size_validator())->group("Resources");

    app.add_option("--timezone", s.timezone, "Market time zone that decides each row's trading date")
        ->capture_default_str()->group("Extraction");
    app.add_option("--columns", s.columns,
                   "Keep only these columns in partition files (comma separated; key columns always kept)")
        ->delimiter(',')->group("Extraction");
    app.add_option("--max-rejects", s.max_rejects,
                   "Stop with an error once more rows than this are rejected (0: never stop, just report)")
        ->capture_default_str()->group("Extraction");
    app.add_option("--max-line-bytes", max_line, "Longer lines are rejected")
        ->capture_default_str()->check(byte_size_validator())->group("Extraction");
    app.add_option("--checkpoint-every", checkpoint_every,
                   "Checkpoint extraction after this much input (default 1G) or every 30 s, whichever first")
        ->check(byte_size_validator())->group("Extraction");

    app.add_option("--nbbo-source", s.nbbo_source,
                   "Midpoint for simulated fills: 'order' (contra's arrival NBBO) or 'file' (--nbbo quotes)")
        ->capture_default_str()->check(CLI::IsMember({"order", "file"}))->group("Analysis");
    app.add_option("--partition-files", s.partition_files,
                   "Write each partition's result files (stats/) next to its rows: 'auto' (runs of at most "
                   "1,000 partitions and 1 GiB), 'always' or 'never'; `export` writes them for any partition")
        ->capture_default_str()->check(CLI::IsMember({"auto", "always", "never"}))->group("Analysis");

    app.add_option("--pairwise", s.pairwise,
                   "Which securities cross_security_pairwise.csv compares: top:K (the K with the most matched "
                   "sweeps), all, or none; Holm's correction runs over the pairs compared")
        ->capture_default_str()
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                return consolidate::PairwiseRule::parse(text) ? std::string()
                                                              : "'" + text + "' is not all, none or top:K (K >= 2)";
            },
            "RULE"))
        ->group("Consolidation");
    app.add_option("--sqlite", s.sqlite,
                   "Also write the consolidated tables into this SQLite database (replaced when complete)")
        ->group("Consolidation");

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11's message, in our voice: the program's name first, and the option or command
        // the user probably meant.
        std::cerr << "run_multidataset_pipeline: " << e.what() << "\n";
        for (const std::string& hint : suggestions_for(app, argc, argv)) std::cerr << "  " << hint << "\n";
        std::cerr << "Run with --help for usage.\n";
        return to_int(ExitCode::kUsage);
    }

    s.workers = workers_flag;
    s.chunk_rows = chunk_flag;
    if (!memory_budget.empty()) s.memory_budget_bytes = parse_byte_size(memory_budget);
    if (!checkpoint_every.empty()) s.checkpoint_every_bytes = *parse_byte_size(checkpoint_every);
    s.max_line_bytes = static_cast<size_t>(*parse_byte_size(max_line));
    s.progress = progress == "bar"     ? ProgressStyle::kBar
                 : progress == "plain" ? ProgressStyle::kPlain
                 : progress == "none"  ? ProgressStyle::kNone
                                       : ProgressStyle::kAuto;
    for (std::string& column : s.columns) {
        std::transform(column.begin(), column.end(), column.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }

    if (!status_filter.empty()) s.status_query.filter.status = registry::parse_status(status_filter);
    if (!date_filter.empty()) s.status_query.filter.date = CivilDate::parse(date_filter);
    if (security_filter) s.status_query.filter.security = *security_filter;
    if (!export_date.empty()) s.export_query.filter.date = CivilDate::parse(export_date);
    if (export_security) s.export_query.filter.security = *export_security;

    if (show_system_info) {
        s.phase = Phase::kSystemInfo;
        return s;
    }
    s.phase = extract->parsed()        ? Phase::kExtract
              : process->parsed()      ? Phase::kProcess
              : aggregate->parsed()    ? Phase::kAggregate
              : status->parsed()       ? Phase::kStatus
              : reset_failed->parsed() ? Phase::kResetFailed
              : export_files->parsed() ? Phase::kExport
                                       : Phase::kAll;

    auto usage = [&](const std::string& message) {
        std::cerr << "run_multidataset_pipeline: " << message << "\nRun with --help for usage.\n";
        return to_int(ExitCode::kUsage);
    };
    if (s.output.empty()) return usage("--output DIR is required");
    const bool needs_inputs = s.phase == Phase::kAll || s.phase == Phase::kExtract;
    if (s.append && !needs_inputs) return usage("--append adds inputs: use it with the whole pipeline or `extract`");
    if (s.append && s.orders.empty() && s.trades.empty() && s.nbbo.empty()) {
        return usage("--append needs the inputs to add (--orders, --trades, --nbbo)");
    }
    if (needs_inputs && !s.resume && !s.append && (s.orders.empty() || s.trades.empty())) {
        return usage("--orders and --trades are required (or --resume to continue the run in --output)");
    }
    if (s.nbbo_source == "file" && needs_inputs && s.nbbo.empty() && !s.resume && !s.append) {
        return usage("--nbbo-source file needs --nbbo FILE");
    }
    return s;
}

}  // namespace mdp::app
