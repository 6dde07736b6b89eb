// Measures the CSV scanners on generated orders lines, in bytes/s: the block scanner routing
// runs over every line (CsvLineScanner: line ends, field count, the two key fields), and the
// full split and field count of src/common/csv_fields.h that quoted lines fall back to.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv_fields.h"
#include "common/csv_line_scanner.h"
#include "datagen/csv_schema.h"
#include "datagen/malformed_rows.h"
#include "datagen/random.h"
#include "sample_lines.h"

namespace {

// Lines per iteration: about 280 KB of orders (135 bytes a line), a slice that stays in cache.
constexpr size_t kLinesPerIteration = 2048;

enum class Quoting {
    kNone,          // the lines as exported (SPEC 1: no quoted fields in practice)
    kOneTextField,  // timevaliditydecoded quoted with a comma inside, as datagen's quoted rows
    kEveryField,    // every field in quotes, as some export tools write CSV
};

std::string quote_every_field(std::string_view line) {
    std::string out = "\"";
    for (const char c : line) {
        if (c == ',') {
            out += "\",\"";
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
    return out;
}

const std::vector<std::string>& sample_lines(Quoting quoting) {
    static const auto make = [](Quoting q) {
        mdp::datagen::Rng rng(7);
        std::vector<std::string> lines;
        for (const std::string_view line :
             mdp::bench::first_lines(mdp::bench::sample_orders().rows, kLinesPerIteration)) {
            switch (q) {
                case Quoting::kNone:
                    lines.emplace_back(line);
                    break;
                case Quoting::kOneTextField:
                    lines.push_back(
                        mdp::datagen::make_malformed_row(mdp::datagen::MalformedKind::kQuotedComma,
                                                         line, mdp::datagen::kOrderLayout, rng));
                    break;
                case Quoting::kEveryField:
                    lines.push_back(quote_every_field(line));
                    break;
            }
        }
        return lines;
    };
    static const std::vector<std::string> unquoted = make(Quoting::kNone);
    static const std::vector<std::string> one_text_field = make(Quoting::kOneTextField);
    static const std::vector<std::string> every_field = make(Quoting::kEveryField);
    switch (quoting) {
        case Quoting::kNone:
            return unquoted;
        case Quoting::kOneTextField:
            return one_text_field;
        case Quoting::kEveryField:
            break;
    }
    return every_field;
}

void set_throughput(benchmark::State& state, const std::vector<std::string>& lines) {
    int64_t bytes = 0;
    for (const std::string& line : lines) bytes += static_cast<int64_t>(line.size());
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(lines.size()));
}

void BM_SplitCsvLine(benchmark::State& state, Quoting quoting) {
    const std::vector<std::string>& lines = sample_lines(quoting);
    mdp::SplitFields fields;  // reused across lines, as the router does
    size_t total_fields = 0;
    for (auto _ : state) {
        for (const std::string& line : lines) {
            mdp::split_csv_line(line, fields);
            benchmark::DoNotOptimize(fields.fields.data());
            total_fields += fields.fields.size();
        }
    }
    benchmark::DoNotOptimize(total_fields);
    if (fields.status != mdp::SplitStatus::kOk ||
        fields.fields.size() != mdp::datagen::kOrderColumns.size()) {
        state.SkipWithError("split_csv_line did not find the orders fields");
    }
    set_throughput(state, lines);
}

void BM_CountCsvFields(benchmark::State& state, Quoting quoting) {
    const std::vector<std::string>& lines = sample_lines(quoting);
    size_t total_fields = 0;
    for (auto _ : state) {
        for (const std::string& line : lines) {
            total_fields += mdp::count_csv_fields(line);
        }
        benchmark::DoNotOptimize(total_fields);
    }
    if (state.iterations() > 0 && total_fields != static_cast<size_t>(state.iterations()) *
                                                      lines.size() *
                                                      mdp::datagen::kOrderColumns.size()) {
        state.SkipWithError("count_csv_fields miscounted the orders fields");
    }
    set_throughput(state, lines);
}

// The lines joined into one block, as the router sees them. On quoted lines the scanner only
// flags them (the router then splits each with split_csv_line).
void BM_CsvLineScanner(benchmark::State& state, Quoting quoting) {
    const std::vector<std::string>& lines = sample_lines(quoting);
    std::string block;
    for (const std::string& line : lines) block += line + "\n";
    const size_t timestamp = mdp::datagen::kOrderLayout.timestamp_field;
    const size_t security = mdp::datagen::kOrderLayout.security_field;
    size_t unquoted = 0;
    size_t fields = 0;
    for (auto _ : state) {
        mdp::CsvLineScanner scanner(block, timestamp, security);
        mdp::ScannedLine line;
        while (scanner.next(line)) {
            unquoted += line.has_quote ? 0 : 1;
            fields += line.field_count;
            benchmark::DoNotOptimize(line);
        }
    }
    const size_t expected = quoting == Quoting::kNone ? lines.size() : 0;
    if (state.iterations() > 0 && unquoted != static_cast<size_t>(state.iterations()) * expected) {
        state.SkipWithError("the scanner did not classify the lines as expected");
    }
    if (quoting == Quoting::kNone && state.iterations() > 0 &&
        fields != static_cast<size_t>(state.iterations()) * lines.size() * mdp::datagen::kOrderColumns.size()) {
        state.SkipWithError("the scanner miscounted the orders fields");
    }
    set_throughput(state, lines);
}

BENCHMARK_CAPTURE(BM_CsvLineScanner, unquoted, Quoting::kNone);
BENCHMARK_CAPTURE(BM_CsvLineScanner, quoted_text_field_flagged, Quoting::kOneTextField);
BENCHMARK_CAPTURE(BM_SplitCsvLine, unquoted, Quoting::kNone);
BENCHMARK_CAPTURE(BM_SplitCsvLine, quoted_text_field, Quoting::kOneTextField);
BENCHMARK_CAPTURE(BM_SplitCsvLine, every_field_quoted, Quoting::kEveryField);
BENCHMARK_CAPTURE(BM_CountCsvFields, unquoted, Quoting::kNone);
BENCHMARK_CAPTURE(BM_CountCsvFields, quoted_text_field, Quoting::kOneTextField);
BENCHMARK_CAPTURE(BM_CountCsvFields, every_field_quoted, Quoting::kEveryField);

}  // namespace
