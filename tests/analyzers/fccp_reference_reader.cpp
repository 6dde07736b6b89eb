// The reader the analyzers used before partition_parser.h, kept as the oracle of the randomized
// comparison in partition_parser_test.cpp: fast-cpp-csv-parser splits, trims and unquotes the
// lines as it did; the fields then become rows through the same column tables and checks as the
// parser's (partition_columns.h), so what is compared is the reading of the text.
#include "analyzers/fccp_reference_reader.h"

// fast-cpp-csv-parser copies file names with strncpy into a 256-byte buffer that it terminates
// itself; GCC 12 reports the (harmless) truncation where that code is inlined into this file,
// which the SYSTEM include cannot silence.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
// The analyzers never start threads (the engine owns concurrency): fast-cpp-csv-parser's
// synchronous reader is used instead of its read-ahead thread.
#define CSV_IO_NO_THREAD
#include <libfccp/csv.h>

#include <array>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "analyzers/csv_header.h"
#include "analyzers/partition_columns.h"
#include "analyzers/row_fields.h"
#include "common/csv_header.h"
#include "common/errors.h"

namespace mdp::analyzers::fccp_reference {

namespace {

namespace fs = std::filesystem;

// The header cells of the wanted columns as fast-cpp-csv-parser compares them (trimmed).
std::vector<std::string> resolve_header(const fs::path& file,
                                        std::span<const WantedColumn> wanted) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, "cannot open the file");
    std::string line;
    if (!std::getline(in, line)) throw InputError(file, 1, "empty file: no header row");
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const CsvHeader header = CsvHeader::parse(line, file);
    std::vector<std::string> names;
    for (const size_t i : resolve_columns(header, file, wanted)) {
        std::string_view name = header.original_names()[i];
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        names.emplace_back(name);
    }
    return names;
}

template <size_t N>
using CsvReader =
    io::CSVReader<static_cast<unsigned>(N), io::trim_chars<' '>, io::double_quote_escape<',', '"'>>;

std::string describe(const io::error::base& error) {
    if (dynamic_cast<const io::error::too_few_columns*>(&error)) {
        return "too few fields (truncated row?)";
    }
    if (dynamic_cast<const io::error::too_many_columns*>(&error)) return "too many fields";
    if (dynamic_cast<const io::error::escaped_string_not_closed*>(&error)) {
        return "quoted field not closed";
    }
    if (dynamic_cast<const io::error::line_length_limit_exceeded*>(&error)) {
        return "line too long";
    }
    std::string text = error.what();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

template <class Reader, size_t... I>
void read_header(Reader& reader, const std::vector<std::string>& names, std::index_sequence<I...>) {
    reader.read_header(io::ignore_extra_column, names[I]...);
}

template <class Reader, class Fields, size_t... I>
bool read_row(Reader& reader, Fields& fields, std::index_sequence<I...>) {
    return reader.read_row(fields[I]...);
}

// Calls on_row(const RowFields<N>&, uint32_t row) for every data row; returns the row count.
template <size_t N, class OnRow>
uint64_t for_each_row(const fs::path& file, const std::array<WantedColumn, N>& columns,
                      OnRow&& on_row) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return 0;
    const std::vector<std::string> names = resolve_header(file, columns);
    uint64_t line = 1;
    uint64_t rows = 0;
    try {
        CsvReader<N> reader(file.string());
        read_header(reader, names, std::make_index_sequence<N>{});
        std::array<char*, N> fields{};
        while (read_row(reader, fields, std::make_index_sequence<N>{})) {
            line = reader.get_file_line();
            if (rows >= std::numeric_limits<uint32_t>::max()) {
                throw InputError(file, line, "more than 4294967295 rows in one partition file");
            }
            RowFields<N> row_fields(file, columns);
            row_fields.line = line;
            for (size_t i = 0; i < N; ++i) row_fields.text[i] = fields[i];
            on_row(std::as_const(row_fields), static_cast<uint32_t>(rows));
            ++rows;
        }
    } catch (const io::error::base& error) {
        if (const auto* with_line = dynamic_cast<const io::error::with_file_line*>(&error);
            with_line != nullptr && with_line->file_line > 0) {
            line = static_cast<uint64_t>(with_line->file_line);
        }
        throw InputError(file, line, describe(error));
    }
    return rows;
}

}  // namespace

std::vector<OrderEvent> read_order_events(const fs::path& file, SecurityCode security) {
    std::vector<OrderEvent> events;
    for_each_row(file, kOrderColumns, [&](const RowFields<order_column::kCount>& f, uint32_t row) {
        events.push_back(order_event_of(f, row, security));
    });
    return events;
}

TradeRows read_trade_rows(const fs::path& file, SecurityCode security,
                          const std::function<bool(int64_t)>& keep) {
    TradeRows result;
    result.row_count = for_each_row(file, kTradeColumns,
                                    [&](const RowFields<trade_column::kCount>& f, uint32_t row) {
                                        const TradeRow t = trade_row_of(f, row, security);
                                        if (keep(t.order_id)) result.kept.push_back(t);
                                    });
    return result;
}

std::vector<NbboQuote> read_nbbo_quotes(const fs::path& file, SecurityCode security) {
    std::vector<NbboQuote> quotes;
    for_each_row(file, kNbboColumns, [&](const RowFields<nbbo_column::kCount>& f, uint32_t row) {
        quotes.push_back(nbbo_quote_of(f, row, security));
    });
    return quotes;
}

uint64_t count_data_rows(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, "cannot open the file");
    std::string line;
    uint64_t rows = 0;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        if (!line.empty() && line != "\r") ++rows;
    }
    return rows;
}

}  // namespace mdp::analyzers::fccp_reference
