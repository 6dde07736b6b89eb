// End-to-end: an adversarial corpus of bad cells, one per class of docs/validation.md, through the
// real binary. A bad cell in a row is one rejected row (rejects/, with its kind and the input's
// line and byte offset) and the rest of its partition is analysed; a bad header stops the run
// with exit 3 before any row is read; integer columns written as integral floats give the same
// stats as the same data written as integers.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "registry/partition_registry.h"
#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;
using registry::PartitionStatus;

std::vector<std::string> split(const std::string& line, char by = ',') {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, by)) cells.push_back(cell);
    if (!line.empty() && line.back() == by) cells.emplace_back();
    return cells;
}

std::string join(const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) line += (i > 0 ? "," : "") + cells[i];
    return line;
}

// One generated input file, as lines, with cells found by column name.
struct CsvFile {
    std::vector<std::string> header;
    std::vector<std::string> rows;

    static CsvFile read(const fs::path& path) {
        CsvFile file;
        std::istringstream in(read_text(path));
        std::string line;
        std::getline(in, line);
        file.header = split(line);
        while (std::getline(in, line)) file.rows.push_back(line);
        return file;
    }

    size_t column(const std::string& name) const {
        for (size_t i = 0; i < header.size(); ++i) {
            if (header[i] == name) return i;
        }
        ADD_FAILURE() << "no column " << name;
        return 0;
    }

    // The first row without a quote: a template for the bad rows.
    std::vector<std::string> template_row() const {
        for (const std::string& row : rows) {
            if (row.find('"') == std::string::npos) return split(row);
        }
        ADD_FAILURE() << "every row holds a quote";
        return {};
    }

    std::string text() const {
        std::string out = join(header) + "\n";
        for (const std::string& row : rows) out += row + "\n";
        return out;
    }
};

// A row appended to a file, and what extraction must make of it.
struct BadRow {
    std::string text;
    std::string kind;  // empty: accepted
    uint64_t line = 0;
    uint64_t byte_offset = 0;
};

class BadValuesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fresh_scratch_dir();
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q -o " +
                                          shell_quote((dir_ / "in").string()) +
                                          " --securities 3 --days 2 --orders-rows 4000 --seed 5");
        ASSERT_EQ(r.exit_code, 0) << r.output;
        for (const char* role : {"orders", "trades", "nbbo"}) {
            files_.push_back(CsvFile::read(dir_ / "in" / (std::string(role) + ".csv")));
        }
    }

    CsvFile& orders() { return files_[0]; }
    CsvFile& trades() { return files_[1]; }
    CsvFile& nbbo() { return files_[2]; }

    // Writes the three files under `to`.
    void write(const fs::path& to, const std::vector<CsvFile>& files) const {
        fs::create_directories(to);
        write_text(to / "orders.csv", files[0].text());
        write_text(to / "trades.csv", files[1].text());
        write_text(to / "nbbo.csv", files[2].text());
    }

    CommandResult run(const fs::path& in, const fs::path& out,
                      const std::string& extra = "") const {
        return run_shell(shell_quote(binary("run_multidataset_pipeline")) +
                         " --progress none --orders " + shell_quote((in / "orders.csv").string()) +
                         " --trades " + shell_quote((in / "trades.csv").string()) + " --nbbo " +
                         shell_quote((in / "nbbo.csv").string()) + " -o " +
                         shell_quote(out.string()) + " " + extra + " 2>&1");
    }

    // Appends to `file` a copy of its template row with `column` set to `value`.
    static BadRow append(CsvFile& file, const std::string& column, const std::string& value,
                         std::string kind) {
        std::vector<std::string> cells = file.template_row();
        cells[file.column(column)] = value;
        BadRow row;
        row.text = join(cells);
        row.kind = std::move(kind);
        row.line = file.rows.size() + 2;  // the header is line 1
        row.byte_offset = file.text().size();
        file.rows.push_back(row.text);
        return row;
    }

    // The role's rejects file, or "" when nothing was rejected (no rejects/ then).
    static std::string rejects_of(const fs::path& out, const std::string& role) {
        if (!fs::exists(out / "rejects")) return "";
        for (const auto& entry : fs::directory_iterator(out / "rejects")) {
            if (entry.path().filename().string().starts_with(role + "-"))
                return read_text(entry.path());
        }
        return "";
    }

    // Every file under partitions/*/*/stats/.
    static FileTree stats_of(const fs::path& out) {
        FileTree stats;
        for (const auto& [path, content] : read_tree(out / "partitions")) {
            if (path.find("/stats/") != std::string::npos) stats[path] = content;
        }
        return stats;
    }

    fs::path dir_;
    std::vector<CsvFile> files_;
};

TEST_F(BadValuesTest, EachBadCellIsOneRejectedRowAndItsPartitionIsStillAnalysed) {
    std::vector<std::pair<std::string, BadRow>> bad;  // role, row
    const std::string nul_text = std::string("Rest") + '\0' + "of Day";
    bad.emplace_back("orders", append(orders(), "price", "abc", "not_a_number"));
    bad.emplace_back("orders", append(orders(), "national_bid", "NaN", "not_a_number"));
    bad.emplace_back("orders",
                     append(orders(), "order_id", "12345678901234567890123", "out_of_range"));
    bad.emplace_back("orders", append(orders(), "order_id", "", "empty_value"));
    bad.emplace_back("orders",
                     append(orders(), "security_code", "18446744073709551615", "bad_security"));
    bad.emplace_back("orders",
                     append(orders(), "quantity", "-9223372036854775808", "out_of_range"));
    bad.emplace_back("orders", append(orders(), "quantity", "3330.5", "not_integral"));
    bad.emplace_back("orders", append(orders(), "timevaliditydecoded", nul_text, ""));
    bad.emplace_back("orders", append(orders(), "quantity", "3330.0", ""));
    bad.emplace_back("trades", append(trades(), "orderid", "12ab", "not_a_number"));
    bad.emplace_back("trades", append(trades(), "quantity", "9223372036854775807", "out_of_range"));
    bad.emplace_back("trades",
                     append(trades(), "tradeprice", "-9223372036854775808", "out_of_range"));
    bad.emplace_back("trades", append(trades(), "tradeprice", "3330.000", ""));
    bad.emplace_back("nbbo", append(nbbo(), "bidprice", "NaN", "not_a_number"));
    bad.emplace_back("nbbo", append(nbbo(), "offerprice", "", ""));  // no quote: allowed
    write(dir_ / "bad", files_);

    const CommandResult r = run(dir_ / "bad", dir_ / "out");
    ASSERT_EQ(r.exit_code, 0) << r.output;

    for (const auto& [role, row] : bad) {
        const std::string rejects = rejects_of(dir_ / "out", role);
        const std::string prefix =
            std::to_string(row.line) + "," + std::to_string(row.byte_offset) + ",";
        if (row.kind.empty()) {
            EXPECT_EQ(rejects.find("\n" + prefix), std::string::npos) << row.text << "\n"
                                                                      << rejects;
            continue;
        }
        const size_t at = rejects.find("\n" + prefix + row.kind + ",");
        EXPECT_NE(at, std::string::npos)
            << role << " line " << row.line << " not rejected as " << row.kind << ":\n"
            << rejects;
    }
    // One rejected row per bad cell, nothing else: 7 orders, 3 trades, 1 NBBO quote.
    const auto data_lines = [](const std::string& text) {
        return std::count(text.begin(), text.end(), '\n') - 1;
    };
    EXPECT_EQ(data_lines(rejects_of(dir_ / "out", "orders")), 7);
    EXPECT_EQ(data_lines(rejects_of(dir_ / "out", "trades")), 3);
    EXPECT_EQ(data_lines(rejects_of(dir_ / "out", "nbbo")), 1);
    const std::string orders_rejects = rejects_of(dir_ / "out", "orders");
    EXPECT_NE(orders_rejects.find("column 'price' value 'abc' is not a number"), std::string::npos)
        << orders_rejects;
    EXPECT_NE(orders_rejects.find(
                  "column 'quantity' value '-9223372036854775808' is outside 0 .. 1000000000"),
              std::string::npos)
        << orders_rejects;

    // Every partition analysed, the rows accepted with odd cells included (the NUL one kept
    // verbatim in its partition file).
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir_ / "out"));
    reg.load();
    ASSERT_GT(reg.size(), 0U);
    EXPECT_EQ(reg.count(PartitionStatus::kCompleted), reg.size());
    bool nul_row_kept = false;
    for (const auto& [path, content] : read_tree(dir_ / "out/partitions")) {
        if (path.ends_with("orders.csv") && content.find(nul_text) != std::string::npos)
            nul_row_kept = true;
    }
    EXPECT_TRUE(nul_row_kept);
}

TEST_F(BadValuesTest, IntegralFloatsGiveTheStatsOfIntegers) {
    write(dir_ / "plain", files_);
    std::vector<CsvFile> floats = files_;
    const auto as_float = [](CsvFile& file, const std::vector<std::string>& columns) {
        std::vector<size_t> index;
        for (const std::string& c : columns) index.push_back(file.column(c));
        for (size_t r = 0; r < file.rows.size(); ++r) {
            if (file.rows[r].find('"') != std::string::npos) continue;
            std::vector<std::string> cells = split(file.rows[r]);
            for (const size_t i : index) {
                if (!cells[i].empty()) cells[i] += r % 2 == 0 ? ".0" : ".00";
            }
            file.rows[r] = join(cells);
        }
    };
    as_float(floats[0], {"order_id", "price", "quantity", "leavesquantity", "national_bid",
                         "national_offer", "bid", "offer", "side", "sequence"});
    as_float(floats[1],
             {"orderid", "tradeprice", "quantity", "nationalbidpricesnapshot", "dealsource"});
    as_float(floats[2], {"bidprice", "offerprice"});
    write(dir_ / "floats", floats);

    CommandResult r = run(dir_ / "plain", dir_ / "out-plain");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run(dir_ / "floats", dir_ / "out-floats");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "out-floats/rejects"));
    EXPECT_FALSE(fs::exists(dir_ / "out-plain/rejects"));
    const FileTree plain = stats_of(dir_ / "out-plain");
    const FileTree from_floats = stats_of(dir_ / "out-floats");
    ASSERT_GT(plain.size(), 0U);
    EXPECT_EQ(from_floats.size(), plain.size());
    EXPECT_EQ(first_difference(from_floats, plain), "");
}

TEST_F(BadValuesTest, HeaderProblemsStopTheRunWithExitThree) {
    // No order_id column.
    {
        std::vector<CsvFile> files = files_;
        CsvFile& o = files[0];
        const size_t id = o.column("order_id");
        std::vector<std::string> header = o.header;
        header.erase(header.begin() + static_cast<std::ptrdiff_t>(id));
        o.header = header;
        for (std::string& row : o.rows) {
            std::vector<std::string> cells = split(row);
            cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(id));
            row = join(cells);
        }
        write(dir_ / "no_id", files);
        const CommandResult r = run(dir_ / "no_id", dir_ / "out-no-id");
        EXPECT_EQ(r.exit_code, 3) << r.output;
        EXPECT_NE(r.output.find(
                      "orders.csv:1: header lacks the column 'order_id', which the analysis reads"),
                  std::string::npos)
            << r.output;
        EXPECT_FALSE(fs::exists(dir_ / "out-no-id/partitions"));
    }
    // Both security_code and orderbookid.
    {
        std::vector<CsvFile> files = files_;
        CsvFile& q = files[2];
        q.header.push_back("security_code");
        for (std::string& row : q.rows) row += ",1";
        write(dir_ / "two_securities", files);
        const CommandResult r = run(dir_ / "two_securities", dir_ / "out-two");
        EXPECT_EQ(r.exit_code, 3) << r.output;
        EXPECT_NE(r.output.find("nbbo.csv:1: header has more than one column for "
                                "'security_code/securitycode/orderbookid'"),
                  std::string::npos)
            << r.output;
        EXPECT_FALSE(fs::exists(dir_ / "out-two/partitions"));
    }
    // --columns that leaves out a column the analysis reads.
    {
        write(dir_ / "plain", files_);
        const CommandResult r =
            run(dir_ / "plain", dir_ / "out-columns", "--columns order_id,price");
        EXPECT_EQ(r.exit_code, 3) << r.output;
        EXPECT_NE(r.output.find("--columns leaves out the column"), std::string::npos) << r.output;
        EXPECT_FALSE(fs::exists(dir_ / "out-columns/partitions"));
    }
}

}  // namespace
}  // namespace mdp
