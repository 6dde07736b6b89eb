#include "analyzers/partition_parser.h"

#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "analyzers/csv_header.h"
#include "analyzers/partition_columns.h"
#include "analyzers/row_fields.h"
#include "common/csv_header.h"
#include "common/csv_row_scanner.h"
#include "common/errors.h"

namespace mdp::analyzers {

namespace {

namespace fs = std::filesystem;

// fast-cpp-csv-parser's line limit (its block length), kept so that the same files fail.
constexpr size_t kMaxLineBytes = size_t{1} << 24;

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// Splits a line holding a quote the way fast-cpp-csv-parser did: a quote anywhere in a field
// starts a quoted stretch that runs to the next quote not followed by another one; exactly
// `field_count` fields; each trimmed of spaces, then unquoted (with "" -> ") when it starts and
// ends with a quote. `storage` receives the fields (one string per field, reused line to line).
void split_quoted_line(std::string_view line, size_t field_count, const fs::path& file,
                       uint64_t line_number, std::vector<std::string>& storage) {
    storage.resize(field_count);
    const size_t n = line.size();
    size_t p = 0;
    bool done = false;
    for (size_t f = 0; f < field_count; ++f) {
        if (done) throw InputError(file, line_number, "too few fields (truncated row?)");
        const size_t begin = p;
        while (p < n && line[p] != ',') {
            if (line[p] != '"') {
                ++p;
                continue;
            }
            do {
                ++p;
                for (;;) {
                    if (p >= n) throw InputError(file, line_number, "quoted field not closed");
                    if (line[p] == '"') break;
                    ++p;
                }
                ++p;
            } while (p < n && line[p] == '"');
        }
        const std::string_view cell = trim_spaces(line.substr(begin, p - begin));
        if (p >= n) {
            done = true;
        } else {
            ++p;
        }
        std::string& out = storage[f];
        out.clear();
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
            const std::string_view inner = cell.substr(1, cell.size() - 2);
            for (size_t k = 0; k < inner.size(); ++k) {
                if (inner[k] == '"' && k + 1 < inner.size() && inner[k + 1] == '"') ++k;
                out.push_back(inner[k]);
            }
        } else {
            out.assign(cell);
        }
    }
    if (!done) throw InputError(file, line_number, "too many fields");
}

// The header: the text's first line (a byte-order mark and a final '\r' dropped), and where the
// data rows begin.
std::pair<CsvHeader, size_t> read_header(std::string_view text, const fs::path& file) {
    if (text.empty()) throw InputError(file, 1, "empty file: no header row");
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    const size_t body = newline == std::string_view::npos ? text.size() : newline + 1;
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return {CsvHeader::parse(line, file), body};
}

// Calls on_row(const RowFields<N>&, uint32_t row) for every data row; returns the row count.
template <size_t N, class OnRow>
uint64_t for_each_row(std::string_view text, const fs::path& file,
                      const std::array<WantedColumn, N>& columns, OnRow&& on_row) {
    const auto [header, body] = read_header(text, file);
    const std::vector<size_t> index = resolve_columns(header, file, columns);
    const size_t field_count = header.field_count();
    size_t kept = 0;
    for (const size_t i : index) kept = std::max(kept, i + 1);

    CsvRowScanner scanner(text.substr(body), 2, kept);
    RowFields<N> fields(file, columns);
    std::vector<std::string> quoted;  // the fields of a line holding a quote
    CsvRow row;
    uint64_t rows = 0;
    while (scanner.next(row)) {
        fields.line = row.line;
        if (row.raw_length + 1 > kMaxLineBytes) throw InputError(file, row.line, "line too long");
        if (!row.has_quote) {
            if (row.field_count != field_count) {
                throw InputError(file, row.line,
                                 row.field_count < field_count ? "too few fields (truncated row?)"
                                                               : "too many fields");
            }
            fields.readable = text.data();
            for (size_t w = 0; w < N; ++w) {
                std::string_view f = scanner.field(index[w]);
                if (!f.empty() && (f.front() == ' ' || f.back() == ' ')) f = trim_spaces(f);
                fields.text[w] = f;
            }
        } else {
            split_quoted_line(row.text, field_count, file, row.line, quoted);
            fields.readable = nullptr;
            for (size_t w = 0; w < N; ++w) fields.text[w] = quoted[index[w]];
        }
        if (rows >= std::numeric_limits<uint32_t>::max()) {
            throw InputError(file, row.line, "more than 4294967295 rows in one partition file");
        }
        on_row(std::as_const(fields), static_cast<uint32_t>(rows));
        ++rows;
    }
    return rows;
}

}  // namespace

std::vector<OrderEvent> parse_order_events(std::string_view text, const fs::path& name,
                                           SecurityCode security) {
    std::vector<OrderEvent> events;
    // Orders lines are ~150 bytes: reserving from the size avoids the vector's regrowth copies.
    events.reserve(text.size() / 128);
    for_each_row(text, name, kOrderColumns,
                 [&](const RowFields<order_column::kCount>& f, uint32_t row) {
                     events.push_back(order_event_of(f, row, security));
                 });
    return events;
}

TradeRows parse_trade_rows(std::string_view text, const fs::path& name, SecurityCode security,
                           const std::function<bool(int64_t)>& keep) {
    TradeRows result;
    // Every row is validated, even the ones not kept: a corrupt file is reported, not half-read.
    result.row_count = for_each_row(text, name, kTradeColumns,
                                    [&](const RowFields<trade_column::kCount>& f, uint32_t row) {
                                        const TradeRow t = trade_row_of(f, row, security);
                                        if (keep(t.order_id)) result.kept.push_back(t);
                                    });
    return result;
}

std::vector<NbboQuote> parse_nbbo_quotes(std::string_view text, const fs::path& name,
                                         SecurityCode security) {
    std::vector<NbboQuote> quotes;
    for_each_row(text, name, kNbboColumns,
                 [&](const RowFields<nbbo_column::kCount>& f, uint32_t row) {
                     quotes.push_back(nbbo_quote_of(f, row, security));
                 });
    return quotes;
}

uint64_t count_data_rows_in(std::string_view text) {
    size_t p = text.find('\n');
    if (p == std::string_view::npos) return 0;  // the header alone
    ++p;
    uint64_t rows = 0;
    while (p < text.size()) {
        const auto* nl =
            static_cast<const char*>(std::memchr(text.data() + p, '\n', text.size() - p));
        const size_t end = nl == nullptr ? text.size() : static_cast<size_t>(nl - text.data());
        const size_t length = end - p;
        if (length != 0 && !(length == 1 && text[p] == '\r')) ++rows;
        p = end + 1;
    }
    return rows;
}

}  // namespace mdp::analyzers
