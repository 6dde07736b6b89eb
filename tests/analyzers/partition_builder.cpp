#include "analyzers/partition_builder.h"
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace mdp::analyzers::testing {

void write_text(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_orders(const std::filesystem::path& file, const std::vector<OrderLine>& rows,
                  uint64_t security) {
    std::ostringstream s;
    s << "order_id,exchange,timestamp,security_code,price,side,changereason,orderstatus,"
         "quantity,leavesquantity,ordertype,exchangeordertype,national_bid,national_offer,bid,"
         "offer,participantid,preferenceonly,midtick,singlefillminimumquantity,minimumquantity,"
         "sequence,crossingkey,totalmatchedquantity,shortsellquantity,triggercondition,"
         "timevaliditydecoded,row_num,timevalidity\n";
    int row = 0;
    for (const OrderLine& o : rows) {
        s << o.id << ",ASX," << o.ts << "," << security << "," << o.price << "," << o.side << ","
          << o.change_reason << ",0," << o.quantity << "," << o.leaves << ",2," << o.type << ","
          << o.national_bid << "," << o.national_offer << "," << o.bid << "," << o.offer
          << ",100,0,0,0,0," << o.sequence << ",0,0,0,0,Rest of Day," << ++row << ",0\n";
    }
    write_text(file, s.str());
}

void write_trades(const std::filesystem::path& file, const std::vector<TradeLine>& rows,
                  uint64_t security) {
    std::ostringstream s;
    s << "EXCHANGE,sequence,tradedate,tradetime,securitycode,orderid,dealsource,"
         "dealsourcedecoded,exchangeinfo,matchgroupid,nationalbidpricesnapshot,"
         "nationalofferpricesnapshot,tradeprice,quantity,side,sidedecoded,participantid,"
         "passiveaggressive,row_num\n";
    int row = 0;
    for (const TradeLine& t : rows) {
        ++row;
        s << "ASX," << row << ",2024-03-05," << t.time << "," << security << "," << t.order_id
          << "," << t.deal_source << ",\"Lit, continuous\",0," << 9000 + row << ","
          << t.national_bid << "," << t.national_offer << "," << t.price << "," << t.quantity << ","
          << t.side << "," << (t.side == 1 ? "Buy" : "Sell") << ",100,1," << row << "\n";
    }
    write_text(file, s.str());
}

void write_nbbo(const std::filesystem::path& file, const std::vector<NbboLine>& rows,
                uint64_t security) {
    std::ostringstream s;
    s << "timestamp,orderbookid,bidprice,offerprice,bidsize,offersize,quotecondition\n";
    for (const NbboLine& q : rows) {
        s << q.ts << "," << security << "," << q.bid << "," << q.offer << ",100,100,Normal\n";
    }
    write_text(file, s.str());
}

namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.push_back(cell);
            cell.clear();
        } else {
            cell.push_back(c);
        }
    }
    cells.push_back(cell);
    return cells;
}

}  // namespace

CsvContent read_csv(const std::filesystem::path& file) {
    std::istringstream in(read_text(file));
    CsvContent c;
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (first) {
            c.header = split_csv_line(line);
            first = false;
        } else {
            c.rows.push_back(split_csv_line(line));
        }
    }
    return c;
}

std::string CsvContent::header_line() const {
    std::string s;
    for (size_t i = 0; i < header.size(); ++i) s += (i ? "," : "") + header[i];
    return s;
}

const std::string& CsvContent::cell(size_t row, const std::string& column) const {
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i] == column) return rows.at(row).at(i);
    }
    throw std::out_of_range("no column " + column);
}

double CsvContent::number(size_t row, const std::string& column) const {
    const std::string& text = cell(row, column);
    if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(text.c_str(), nullptr);
}

size_t CsvContent::find_row(const std::string& key_column, const std::string& key) const {
    for (size_t r = 0; r < rows.size(); ++r) {
        if (cell(r, key_column) == key) return r;
    }
    throw std::out_of_range("no row with " + key_column + " = " + key);
}

std::filesystem::path scratch_dir(const std::string& name) {
    // The pid keeps ctest's parallel processes (one per test) out of each other's directories.
    const std::filesystem::path dir =
        std::filesystem::path(MDP_SCRATCH_DIR) / "analyzers" / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace mdp::analyzers::testing
