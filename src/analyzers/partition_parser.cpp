#include "analyzers/partition_parser.h"

#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "analyzers/csv_header.h"
#include "analyzers/integer_field.h"
#include "common/csv_header.h"
#include "common/csv_row_scanner.h"
#include "common/errors.h"

namespace mdp::analyzers {

namespace {

namespace fs = std::filesystem;

const WantedColumn kSecurityColumn{{"security_code", "securitycode", "orderbookid"}};

// fast-cpp-csv-parser's line limit (its block length), kept so that the same files fail.
constexpr size_t kMaxLineBytes = size_t{1} << 24;

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// The fields of the current row, with the checks every integer column needs.
template <size_t N>
class RowFields {
  public:
    RowFields(const fs::path& file, const std::array<WantedColumn, N>& columns)
        : file_(file), columns_(columns) {}

    std::array<std::string_view, N> text{};  // the wanted fields, trimmed and unquoted
    uint64_t line = 0;
    // Where the bytes the fields point into begin (all readable up to each field's end), or
    // nullptr when they are not in one buffer (the fields of a quoted line).
    const char* readable = nullptr;

    // A required integer.
    int64_t integer(size_t i) const {
        const std::string_view t = text[i];
        if (t.empty()) fail(i, "is empty");
        int64_t value = 0;
        const bool ok =
            readable != nullptr ? parse_int64_in(t, readable, value) : parse_int64_into(t, value);
        if (!ok) fail(i, "'" + std::string(t) + "' is not an integer");
        return value;
    }

    // A quote price: empty means no quote (0, which is unusable by SPEC 1.1).
    int64_t quote_price(size_t i) const {
        if (text[i].empty()) return 0;
        return integer(i);
    }

    // A small code (side, changereason, exchangeordertype, dealsource).
    int32_t code(size_t i) const {
        const int64_t value = integer(i);
        if (value < std::numeric_limits<int32_t>::min() ||
            value > std::numeric_limits<int32_t>::max()) {
            fail(i, "'" + std::to_string(value) + "' is out of range");
        }
        return static_cast<int32_t>(value);
    }

    void check_security(size_t i, SecurityCode security) const {
        const int64_t value = integer(i);
        if (value < 0 || static_cast<uint64_t>(value) != security) {
            throw InputError(file_, line,
                             "row belongs to security " + std::to_string(value) +
                                 ", not to this partition's security " + std::to_string(security));
        }
    }

  private:
    [[noreturn]] void fail(size_t i, const std::string& what) const {
        throw InputError(file_, line,
                         "column '" + std::string(columns_[i].names.front()) + "' " + what);
    }

    const fs::path& file_;
    const std::array<WantedColumn, N>& columns_;
};

// Splits a line holding a quote the way fast-cpp-csv-parser did: a quote anywhere in a field
// starts a quoted stretch that runs to the next quote not followed by another one; exactly
// `field_count` fields; each trimmed of spaces, then unquoted (with "" -> ") when it starts and
// ends with a quote. `storage` receives the fields (it must not reallocate: it is sized first).
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
    enum : size_t {
        kOrderId,
        kTimestamp,
        kSecurity,
        kPrice,
        kSide,
        kChangeReason,
        kQuantity,
        kLeaves,
        kExchangeOrderType,
        kNationalBid,
        kNationalOffer,
        kBid,
        kOffer,
        kSequence,
        kCount
    };
    static const std::array<WantedColumn, kCount> columns{{
        {{"order_id"}},
        {{"timestamp"}},
        kSecurityColumn,
        {{"price"}},
        {{"side"}},
        {{"changereason"}},
        {{"quantity"}},
        {{"leavesquantity"}},
        {{"exchangeordertype"}},
        {{"national_bid"}},
        {{"national_offer"}},
        {{"bid"}},
        {{"offer"}},
        {{"sequence"}},
    }};
    std::vector<OrderEvent> events;
    // Orders lines are ~150 bytes: reserving from the size avoids the vector's regrowth copies.
    events.reserve(text.size() / 128);
    for_each_row(text, name, columns, [&](const RowFields<kCount>& f, uint32_t row) {
        f.check_security(kSecurity, security);
        OrderEvent e;
        e.order_id = f.integer(kOrderId);
        e.timestamp = f.integer(kTimestamp);
        e.sequence = f.integer(kSequence);
        e.price = f.integer(kPrice);
        e.quantity = f.integer(kQuantity);
        e.leaves_quantity = f.integer(kLeaves);
        e.national_bid = f.quote_price(kNationalBid);
        e.national_offer = f.quote_price(kNationalOffer);
        e.bid = f.quote_price(kBid);
        e.offer = f.quote_price(kOffer);
        e.side = f.code(kSide);
        e.change_reason = f.code(kChangeReason);
        e.exchange_order_type = f.code(kExchangeOrderType);
        e.row = row;
        events.push_back(e);
    });
    return events;
}

TradeRows parse_trade_rows(std::string_view text, const fs::path& name, SecurityCode security,
                           const std::function<bool(int64_t)>& keep) {
    enum : size_t {
        kOrderId,
        kTradeTime,
        kSecurity,
        kDealSource,
        kNationalBid,
        kNationalOffer,
        kPrice,
        kQuantity,
        kCount
    };
    static const std::array<WantedColumn, kCount> columns{{
        {{"orderid"}},
        {{"tradetime"}},
        kSecurityColumn,
        {{"dealsource"}},
        {{"nationalbidpricesnapshot"}},
        {{"nationalofferpricesnapshot"}},
        {{"tradeprice"}},
        {{"quantity"}},
    }};
    TradeRows result;
    result.row_count = for_each_row(text, name, columns, [&](const RowFields<kCount>& f, uint32_t row) {
        // Every row is validated, even the ones not kept: a corrupt file is reported, not
        // half-read.
        f.check_security(kSecurity, security);
        TradeRow t;
        t.order_id = f.integer(kOrderId);
        t.trade_time = f.integer(kTradeTime);
        t.price = f.integer(kPrice);
        t.quantity = f.integer(kQuantity);
        t.national_bid = f.quote_price(kNationalBid);
        t.national_offer = f.quote_price(kNationalOffer);
        t.deal_source = f.code(kDealSource);
        t.row = row;
        if (keep(t.order_id)) result.kept.push_back(t);
    });
    return result;
}

std::vector<NbboQuote> parse_nbbo_quotes(std::string_view text, const fs::path& name,
                                         SecurityCode security) {
    enum : size_t { kTimestamp, kSecurity, kBid, kOffer, kCount };
    static const std::array<WantedColumn, kCount> columns{{
        {{"timestamp"}},
        kSecurityColumn,
        {{"bidprice"}},
        {{"offerprice"}},
    }};
    std::vector<NbboQuote> quotes;
    for_each_row(text, name, columns, [&](const RowFields<kCount>& f, uint32_t row) {
        f.check_security(kSecurity, security);
        NbboQuote q;
        q.timestamp = f.integer(kTimestamp);
        q.bid = f.quote_price(kBid);
        q.offer = f.quote_price(kOffer);
        q.row = row;
        quotes.push_back(q);
    });
    return quotes;
}

uint64_t count_data_rows_in(std::string_view text) {
    size_t p = text.find('\n');
    if (p == std::string_view::npos) return 0;  // the header alone
    ++p;
    uint64_t rows = 0;
    while (p < text.size()) {
        const auto* nl = static_cast<const char*>(std::memchr(text.data() + p, '\n', text.size() - p));
        const size_t end = nl == nullptr ? text.size() : static_cast<size_t>(nl - text.data());
        const size_t length = end - p;
        if (length != 0 && !(length == 1 && text[p] == '\r')) ++rows;
        p = end + 1;
    }
    return rows;
}

}  // namespace mdp::analyzers
