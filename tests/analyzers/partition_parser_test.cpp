// The scanner-based partition parser against the fast-cpp-csv-parser reader it replaced
// (fccp_reference_reader.h) on randomized files: column order permutations, extra and quoted
// columns, header case and padding, security aliases, CRLF, a missing final newline, spaces
// around fields, quoted integers, 19-digit and negative numbers, and one injected error of each
// kind. Both must return the same rows or throw the same message (file, physical line, reason).
// Then every error case with its line number on bytes that come from no file.

#include "analyzers/partition_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/fccp_reference_reader.h"
#include "common/integer_field.h"
#include "analyzers/partition_builder.h"
#include "analyzers/partition_reader.h"
#include "common/errors.h"

namespace mdp::analyzers {
namespace {

namespace fs = std::filesystem;
using namespace testing;

constexpr SecurityCode kSecurity = 7;

enum class Kind { kId, kTime, kSecurityCode, kPrice, kQuotePrice, kCode, kQuantity, kText };

struct Column {
    std::string name;
    Kind kind;
};

std::string describe(const OrderEvent& e) {
    std::ostringstream s;
    s << e.order_id << ' ' << e.timestamp << ' ' << e.sequence << ' ' << e.price << ' '
      << e.quantity << ' ' << e.leaves_quantity << ' ' << e.national_bid << ' ' << e.national_offer
      << ' ' << e.bid << ' ' << e.offer << ' ' << e.side << ' ' << e.change_reason << ' '
      << e.exchange_order_type << ' ' << e.row;
    return s.str();
}
std::string describe(const TradeRow& t) {
    std::ostringstream s;
    s << t.order_id << ' ' << t.trade_time << ' ' << t.price << ' ' << t.quantity << ' '
      << t.national_bid << ' ' << t.national_offer << ' ' << t.deal_source << ' ' << t.row;
    return s.str();
}
std::string describe(const NbboQuote& q) {
    std::ostringstream s;
    s << q.timestamp << ' ' << q.bid << ' ' << q.offer << ' ' << q.row;
    return s.str();
}

template <class Rows>
std::string describe_rows(const Rows& rows) {
    std::string out;
    for (const auto& r : rows) out += describe(r) + "\n";
    return out;
}

// The rows as text, or the InputError's message.
template <class F>
std::string outcome(F f) {
    try {
        return f();
    } catch (const InputError& e) {
        return std::string("error: ") + e.what();
    }
}

class RandomFile {
  public:
    explicit RandomFile(uint64_t seed) : rng_(seed) {}

    // A file with the needed `columns` plus extra ones, in a random order, `rows` data rows and
    // perhaps one error.
    std::string make(std::vector<Column> columns, size_t rows) {
        for (const char* extra : {"exchange", "note", "participantid"}) {
            if (chance(2)) columns.push_back({extra, Kind::kText});
        }
        std::shuffle(columns.begin(), columns.end(), rng_);
        const bool crlf = chance(3);
        const std::string eol = crlf ? "\r\n" : "\n";
        std::string text;
        for (size_t c = 0; c < columns.size(); ++c) {
            if (c > 0) text += ',';
            std::string name = columns[c].name;
            for (char& ch : name) {
                if (chance(4)) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            }
            if (chance(8)) name = " " + name + "  ";
            text += name;
        }
        text += eol;
        const size_t bad_row = chance(2) ? pick(rows + 1) : SIZE_MAX;
        const int error = static_cast<int>(pick(12));
        for (size_t r = 0; r < rows; ++r) {
            std::vector<std::string> cells;
            for (const Column& c : columns) cells.push_back(value(c.kind));
            std::string line;
            if (r == bad_row) inject(error, cells, columns, line);
            if (line.empty() && !(r == bad_row && error == 5)) {
                for (size_t c = 0; c < cells.size(); ++c) {
                    if (c > 0) line += ',';
                    line += cells[c];
                }
            }
            text += line;
            if (r + 1 < rows || !chance(3)) text += eol;
        }
        return text;
    }

  private:
    bool chance(uint64_t one_in) { return rng_() % one_in == 0; }
    uint64_t pick(uint64_t n) { return rng_() % n; }

    std::string number(int64_t v) {
        std::string s = std::to_string(v);
        switch (pick(v < 0 ? 30 : 40)) {
            case 0:
                return " " + s;
            case 1:
                return s + "  ";
            case 2:
                return "\"" + s + "\"";
            case 3:
                return "0000000000000000000000" + s;  // more than 19 characters
            default:
                return s;
        }
    }

    std::string value(Kind kind) {
        switch (kind) {
            case Kind::kId:
                return number(7000000000000000000 +
                              static_cast<int64_t>(pick(2000000000000000000)));
            case Kind::kTime:
                return number(1709593200000000000 + static_cast<int64_t>(pick(30000000000000)));
            case Kind::kSecurityCode:
                return number(static_cast<int64_t>(kSecurity));
            case Kind::kPrice:
                return number(static_cast<int64_t>(pick(200000)) - 100);
            case Kind::kQuotePrice:
                return chance(5) ? (chance(2) ? "" : " ")
                                 : number(static_cast<int64_t>(pick(20000)));
            case Kind::kCode:
                return number(static_cast<int64_t>(pick(5000)));
            case Kind::kQuantity:
                return number(static_cast<int64_t>(pick(1000000000)));
            case Kind::kText: {
                static const char* kTexts[] = {
                    "ASX", "", "\"a, b\"", "\"say \"\"hi\"\", ok\"", "Rest of Day", " x ", "\"\""};
                return kTexts[pick(7)];
            }
        }
        return "";
    }

    // Makes row `cells` wrong in way `error`, or replaces the whole `line`.
    void inject(int error, std::vector<std::string>& cells, const std::vector<Column>& columns,
                std::string& line) {
        const size_t c = pick(cells.size());
        switch (error) {
            case 0:
                cells.resize(1 + pick(cells.size() - 1));
                break;  // truncated
            case 1:
                cells.push_back(chance(2) ? "1" : "\"z");
                break;  // a field too many
            case 2:
                cells[c] = "\"unclosed, " + cells[c];
                break;  // unclosed quote
            case 3: {   // not an integer
                static const char* kBad[] = {"12x",
                                             "1.5",
                                             "+5",
                                             "1e3",
                                             "",
                                             "-",
                                             "abc",
                                             "99999999999999999999",
                                             "9223372036854775808"};
                cells[c] = kBad[pick(9)];
                break;
            }
            case 4:  // another security
                for (size_t i = 0; i < columns.size(); ++i) {
                    if (columns[i].kind == Kind::kSecurityCode) cells[i] = "8";
                }
                break;
            case 5:
                line.clear();
                break;  // an empty line
            case 6:
                cells[c] = "3000000000";
                break;  // out of int32 range
            case 7:
                cells[c] = "-9223372036854775808";
                break;  // the smallest int64
            case 8:
                cells[c] = "\"" + cells[c] + "\"\"x\"";
                break;  // doubled quote
            case 9:
                cells[c] = " \" 12 \" ";
                break;  // spaces in quotes
            case 10:
                cells[c] = "x\"y";
                break;  // a quote inside
            default:
                cells[c] = "\"1,2\"";
                break;  // a quoted comma
        }
    }

    std::mt19937_64 rng_;
};

const std::vector<Column> kOrderColumns{{"order_id", Kind::kId},
                                        {"timestamp", Kind::kTime},
                                        {"security_code", Kind::kSecurityCode},
                                        {"price", Kind::kPrice},
                                        {"side", Kind::kCode},
                                        {"changereason", Kind::kCode},
                                        {"quantity", Kind::kQuantity},
                                        {"leavesquantity", Kind::kQuantity},
                                        {"exchangeordertype", Kind::kCode},
                                        {"national_bid", Kind::kQuotePrice},
                                        {"national_offer", Kind::kQuotePrice},
                                        {"bid", Kind::kQuotePrice},
                                        {"offer", Kind::kQuotePrice},
                                        {"sequence", Kind::kQuantity}};
const std::vector<Column> kTradeColumns{{"orderid", Kind::kId},
                                        {"tradetime", Kind::kTime},
                                        {"securitycode", Kind::kSecurityCode},
                                        {"dealsource", Kind::kCode},
                                        {"nationalbidpricesnapshot", Kind::kQuotePrice},
                                        {"nationalofferpricesnapshot", Kind::kQuotePrice},
                                        {"tradeprice", Kind::kPrice},
                                        {"quantity", Kind::kQuantity}};
const std::vector<Column> kNbboColumns{{"timestamp", Kind::kTime},
                                       {"orderbookid", Kind::kSecurityCode},
                                       {"bidprice", Kind::kQuotePrice},
                                       {"offerprice", Kind::kQuotePrice}};

TEST(PartitionParser, AgreesWithTheFastCppCsvParserReaderOnRandomFiles) {
    const fs::path dir = scratch_dir("parser_random");
    const fs::path file = dir / "data.csv";
    RandomFile random(20240305);
    size_t errors = 0;
    for (int round = 0; round < 600; ++round) {
        const size_t rows = 1 + static_cast<size_t>(round % 40);
        const auto keep = [](int64_t id) { return id % 2 != 0; };
        std::string expected;
        std::string actual;
        switch (round % 3) {
            case 0:
                write_text(file, random.make(kOrderColumns, rows));
                expected = outcome([&] {
                    return describe_rows(fccp_reference::read_order_events(file, kSecurity));
                });
                actual = outcome([&] { return describe_rows(read_order_events(file, kSecurity)); });
                break;
            case 1:
                write_text(file, random.make(kTradeColumns, rows));
                expected = outcome([&] {
                    const auto t = fccp_reference::read_trade_rows(file, kSecurity, keep);
                    return describe_rows(t.kept) + std::to_string(t.row_count);
                });
                actual = outcome([&] {
                    const auto t = read_trade_rows(file, kSecurity, keep);
                    return describe_rows(t.kept) + std::to_string(t.row_count);
                });
                break;
            default:
                write_text(file, random.make(kNbboColumns, rows));
                expected = outcome([&] {
                    return describe_rows(fccp_reference::read_nbbo_quotes(file, kSecurity));
                });
                actual = outcome([&] { return describe_rows(read_nbbo_quotes(file, kSecurity)); });
                break;
        }
        ASSERT_EQ(actual, expected) << "round " << round << ", file:\n" << read_text(file);
        EXPECT_EQ(count_data_rows(file), fccp_reference::count_data_rows(file));
        errors += expected.rfind("error: ", 0) == 0 ? 1 : 0;
    }
    // Both outcomes were exercised.
    EXPECT_GT(errors, 150U);
    EXPECT_LT(errors, 450U);
}

// The old rule: std::from_chars over the whole text, no '+'.
std::optional<int64_t> from_chars_int64(std::string_view text) {
    if (text.empty() || text.front() == '+') return std::nullopt;
    int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

// The eight-digits-at-a-time and the scalar paths against std::from_chars on random texts of 0
// to 24 characters (digits, a sign, spaces, dots, letters), each placed at the end of a buffer
// with other bytes before it, as fields are.
TEST(ParseInt64, EveryPathAgreesWithFromChars) {
    std::mt19937_64 rng(11);
    const std::string alphabet = "0123456789012345678901234567890123456789-+ .e9x\"";
    for (int i = 0; i < 200000; ++i) {
        std::string field;
        const size_t length = rng() % 25;
        for (size_t k = 0; k < length; ++k) {
            field.push_back(rng() % 8 == 0 ? alphabet[rng() % alphabet.size()]
                                           : static_cast<char>('0' + rng() % 10));
        }
        if (rng() % 4 == 0 && !field.empty()) field[0] = '-';
        if (rng() % 50 == 0) field = rng() % 2 ? "9223372036854775807" : "-9223372036854775808";
        const std::string buffer = std::string(rng() % 40, '7') + field;
        const std::string_view text(buffer.data() + buffer.size() - field.size(), field.size());
        const auto expected = from_chars_int64(text);
        int64_t in_buffer = 0;
        const bool ok_in = parse_int64_in(text, buffer.data(), in_buffer);
        int64_t scalar = 0;
        const bool ok_scalar = parse_int64_into(text, scalar);
        ASSERT_EQ(ok_in, expected.has_value()) << field;
        ASSERT_EQ(ok_scalar, expected.has_value()) << field;
        if (expected) {
            ASSERT_EQ(in_buffer, *expected) << field;
            ASSERT_EQ(scalar, *expected) << field;
        }
    }
}

// Bytes that come from no file: every error names the given name and the physical line.
std::string error_of(std::string_view text) {
    try {
        parse_nbbo_quotes(text, "store:nbbo", kSecurity);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(PartitionParser, EveryErrorNamesTheNameAndThePhysicalLine) {
    const std::string header = "timestamp,orderbookid,bidprice,offerprice\n";
    const std::string good = "1,7,10,11\n";
    EXPECT_EQ(error_of(""), "store:nbbo:1: empty file: no header row");
    EXPECT_EQ(error_of("timestamp,orderbookid,bidprice\n"),
              "store:nbbo:1: header has no column 'offerprice'");
    EXPECT_EQ(error_of("timestamp,orderbookid,securitycode,bidprice,offerprice\n"),
              "store:nbbo:1: header has more than one column for "
              "'security_code/securitycode/orderbookid' ('securitycode' and 'orderbookid')");
    EXPECT_EQ(error_of(header + good + "\n" + good),
              "store:nbbo:3: too few fields (truncated row?)");
    EXPECT_EQ(error_of(header + good + "1,7,10"), "store:nbbo:3: too few fields (truncated row?)");
    EXPECT_EQ(error_of(header + "1,7,10,11,12\r\n"), "store:nbbo:2: too many fields");
    EXPECT_EQ(error_of(header + good + good + "1,7,\"10,11\n"),
              "store:nbbo:4: quoted field not closed");
    EXPECT_EQ(error_of(header + "1,7,10.5,11\n"),
              "store:nbbo:2: column 'bidprice' '10.5' is not an integer");
    EXPECT_EQ(error_of(header + ",7,10,11\n"), "store:nbbo:2: column 'timestamp' is empty");
    EXPECT_EQ(error_of(header + good + "1,8,10,11\n"),
              "store:nbbo:3: row belongs to security 8, not to this partition's security 7");
    EXPECT_EQ(error_of(header + good + good), "no error");
}

TEST(PartitionParser, QuotedLinesParseAndRowsKeepTheirIndex) {
    const auto quotes = parse_nbbo_quotes(
        "\xEF\xBB\xBF Offerprice ,bidprice,timestamp,note,orderbookid\r\n"
        "11,\"10\",1,\"a, \"\"b\"\"\",7\r\n"
        "12,,2,x,7",
        "mem", kSecurity);
    ASSERT_EQ(quotes.size(), 2U);
    EXPECT_EQ(describe(quotes[0]), "1 10 11 0");
    EXPECT_EQ(describe(quotes[1]), "2 0 12 1");
    EXPECT_EQ(count_data_rows_in("h\n1\n\r\n\n2"), 2U);
    EXPECT_EQ(count_data_rows_in("h"), 0U);
}

// The cells are read by the schema extraction checks (common/cell_value.h): integral floats are
// their integer (partition files keep the input's text), each column has its range.
TEST(PartitionParser, IntegralFloatsAreIntegersAndRangesHold) {
    const auto quotes = parse_nbbo_quotes(
        "timestamp,orderbookid,bidprice,offerprice\n"
        "1,7,3330.0,3340.00\n"
        "2,7,\" 3330.000000 \",\n"
        "3,7,-0,1000000000\n",
        "mem", kSecurity);
    ASSERT_EQ(quotes.size(), 3U);
    EXPECT_EQ(describe(quotes[0]), "1 3330 3340 0");
    EXPECT_EQ(describe(quotes[1]), "2 3330 0 1");
    EXPECT_EQ(describe(quotes[2]), "3 0 1000000000 2");
    const std::string header = "timestamp,orderbookid,bidprice,offerprice\n";
    EXPECT_EQ(error_of(header + "1,7,1000000001,11\n"),
              "store:nbbo:2: column 'bidprice' '1000000001' is out of range");
    EXPECT_EQ(error_of(header + "1,7,-9223372036854775808,11\n"),
              "store:nbbo:2: column 'bidprice' '-9223372036854775808' is out of range");
    EXPECT_EQ(error_of(header + "1,7,NaN,11\n"), "store:nbbo:2: column 'bidprice' 'NaN' is not an integer");
    EXPECT_EQ(error_of(header + "-1,7,1,11\n"), "store:nbbo:2: column 'timestamp' '-1' is out of range");

    const std::string orders_header =
        "order_id,timestamp,security_code,price,side,changereason,quantity,leavesquantity,exchangeordertype,"
        "national_bid,national_offer,bid,offer,sequence\n";
    const auto events = parse_order_events(
        orders_header + "7000000000000000101.0,5,7,3330.0,1.0,6.00,200.0,100.0,2048.0,3320.0,3340.0,,,9.0\n", "mem",
        kSecurity);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(describe(events[0]), "7000000000000000101 5 9 3330 200 100 3320 3340 0 0 1 6 2048 0");
    for (const char* quantity : {"-9223372036854775808", "9223372036854775807", "1000000001", "-1"}) {
        try {
            parse_order_events(orders_header + "1,5,7,3330,1,6," + quantity + ",0,2048,,,,,9\n", "mem", kSecurity);
            ADD_FAILURE() << quantity << " accepted";
        } catch (const InputError& e) {
            EXPECT_EQ(std::string(e.what()), "mem:2: column 'quantity' '" + std::string(quantity) + "' is out of range");
        }
    }
}

}  // namespace
}  // namespace mdp::analyzers
