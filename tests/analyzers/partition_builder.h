#pragma once
// Test support: writes small partition files in the SPEC 1 layouts and reads output CSVs back
// by column name.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mdp::analyzers::testing {

struct OrderLine {
    int64_t id = 0;
    int64_t ts = 0;
    int64_t price = 0;
    int side = 1;
    int change_reason = 6;
    int64_t quantity = 0;
    int64_t leaves = 0;
    int type = 0;
    int64_t national_bid = 0;
    int64_t national_offer = 0;
    int64_t bid = 0;
    int64_t offer = 0;
    int64_t sequence = 0;
};

struct TradeLine {
    int64_t order_id = 0;
    int64_t time = 0;
    int64_t price = 0;
    int64_t quantity = 0;
    int deal_source = 1;
    int64_t national_bid = 0;
    int64_t national_offer = 0;
    int side = 1;
};

struct NbboLine {
    int64_t ts = 0;
    int64_t bid = 0;
    int64_t offer = 0;
};

// All 29 / 19 / 7 columns in the SPEC order, security code `security` on every row.
void write_orders(const std::filesystem::path& file, const std::vector<OrderLine>& rows,
                  uint64_t security);
void write_trades(const std::filesystem::path& file, const std::vector<TradeLine>& rows,
                  uint64_t security);
void write_nbbo(const std::filesystem::path& file, const std::vector<NbboLine>& rows,
                uint64_t security);

void write_text(const std::filesystem::path& file, const std::string& text);
std::string read_text(const std::filesystem::path& file);

// A parsed output CSV (no quoted commas in numeric files; quoted cells are unquoted).
struct CsvContent {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    std::string header_line() const;
    const std::string& cell(size_t row, const std::string& column) const;
    double number(size_t row, const std::string& column) const;  // NaN for an empty cell
    // Row whose `key_column` equals `key`.
    size_t find_row(const std::string& key_column, const std::string& key) const;
};
CsvContent read_csv(const std::filesystem::path& file);

// A fresh scratch directory below MDP_SCRATCH_DIR, private to this process.
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace mdp::analyzers::testing
