// The reader the analyzers used before partition_parser.h, kept verbatim (only its header
// resolution now goes through resolve_columns) as the oracle of the randomized comparison in
// partition_parser_test.cpp.
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
#include "analyzers/integer_field.h"
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

const WantedColumn kSecurityColumn{{"security_code", "securitycode", "orderbookid"}};

// The fields of the current row, with the checks every integer column needs.
class RowFields {
  public:
    RowFields(const fs::path& file, uint64_t line, std::span<char* const> fields,
              std::span<const WantedColumn> columns)
        : file_(file), line_(line), fields_(fields), columns_(columns) {}

    // A required integer.
    int64_t integer(size_t i) const {
        const std::string_view text(fields_[i]);
        if (text.empty()) fail(i, "is empty");
        const auto value = parse_int64(text);
        if (!value) fail(i, "'" + std::string(text) + "' is not an integer");
        return *value;
    }

    // A quote price: empty means no quote (0, which is unusable by SPEC 1.1).
    int64_t quote_price(size_t i) const {
        if (fields_[i][0] == '\0') return 0;
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
            throw InputError(file_, line_,
                             "row belongs to security " + std::to_string(value) +
                                 ", not to this partition's security " + std::to_string(security));
        }
    }

  private:
    [[noreturn]] void fail(size_t i, const std::string& what) const {
        throw InputError(file_, line_,
                         "column '" + std::string(columns_[i].names.front()) + "' " + what);
    }

    const fs::path& file_;
    uint64_t line_;
    std::span<char* const> fields_;
    std::span<const WantedColumn> columns_;
};

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

// Calls on_row(const RowFields&, uint32_t row) for every data row; returns the row count.
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
            on_row(RowFields(file, line, fields, columns), static_cast<uint32_t>(rows));
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
    for_each_row(file, columns, [&](const RowFields& f, uint32_t row) {
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

TradeRows read_trade_rows(const fs::path& file, SecurityCode security,
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
    result.row_count = for_each_row(file, columns, [&](const RowFields& f, uint32_t row) {
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

std::vector<NbboQuote> read_nbbo_quotes(const fs::path& file, SecurityCode security) {
    enum : size_t { kTimestamp, kSecurity, kBid, kOffer, kCount };
    static const std::array<WantedColumn, kCount> columns{{
        {{"timestamp"}},
        kSecurityColumn,
        {{"bidprice"}},
        {{"offerprice"}},
    }};
    std::vector<NbboQuote> quotes;
    for_each_row(file, columns, [&](const RowFields& f, uint32_t row) {
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
