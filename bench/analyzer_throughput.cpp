// analyzer_throughput: how fast one partition is analysed (SPEC section 3), and with how much
// memory. Synthesises one partition with >= 1,000,000 order events (lit orders, Centre Point
// orders that rest and get cancelled or filled, sweeps that fill in the lit book with trades,
// some with Centre Point fills or unusable quotes), writes its orders.csv / trades.csv /
// nbbo.csv, runs mdp::analyzers::analyze_partition on it, and reports order events per second
// and the peak resident set (VmHWM of /proc/self/status).
//
// Usage: analyzer_throughput [order_events (default 1200000)] [work_dir] [order|file]

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "analyzers/partition_analysis.h"

namespace {

namespace fs = std::filesystem;

std::string vm_hwm() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return line.substr(6);
    }
    return "unknown";
}

struct Generated {
    uint64_t order_events = 0;
    uint64_t trades = 0;
    uint64_t sweeps = 0;
    uint64_t cp_orders = 0;
};

class Synthesiser {
  public:
    Synthesiser(const fs::path& dir, uint64_t security)
        : orders_(dir / "orders.csv"),
          trades_(dir / "trades.csv"),
          nbbo_(dir / "nbbo.csv"),
          security_(security) {
        orders_ << "order_id,exchange,timestamp,security_code,price,side,changereason,"
                   "orderstatus,quantity,leavesquantity,ordertype,exchangeordertype,national_bid,"
                   "national_offer,bid,offer,participantid,preferenceonly,midtick,"
                   "singlefillminimumquantity,minimumquantity,sequence,crossingkey,"
                   "totalmatchedquantity,shortsellquantity,triggercondition,timevaliditydecoded,"
                   "row_num,timevalidity\n";
        trades_ << "EXCHANGE,sequence,tradedate,tradetime,securitycode,orderid,dealsource,"
                   "dealsourcedecoded,exchangeinfo,matchgroupid,nationalbidpricesnapshot,"
                   "nationalofferpricesnapshot,tradeprice,quantity,side,sidedecoded,"
                   "participantid,passiveaggressive,row_num\n";
        nbbo_ << "timestamp,orderbookid,bidprice,offerprice,bidsize,offersize,quotecondition\n";
    }

    Generated run(uint64_t target_events) {
        const int64_t open = 1709593200000000000;  // 10:00 Sydney, 2024-03-05
        int64_t t = open;
        while (g_.order_events < target_events) {
            t += static_cast<int64_t>(rng_() % 40'000'000);  // ~20 ms between orders
            step_quote(t);
            const uint64_t kind = rng_() % 100;
            if (kind < 78) {
                lit_order(t);
            } else if (kind < 95) {
                cp_order(t);
            } else {
                sweep(t);
            }
        }
        return g_;
    }

  private:
    void step_quote(int64_t t) {
        if (rng_() % 4 != 0) return;
        mid_x2_ += static_cast<int64_t>(rng_() % 5) * 2 - 4;
        half_spread_ = 5 * static_cast<int64_t>(1 + rng_() % 2);
        nbbo_ << t << ',' << security_ << ',' << bid() << ',' << offer() << ",1000,1000,N\n";
    }
    int64_t bid() const { return mid_x2_ / 2 - half_spread_; }
    int64_t offer() const { return mid_x2_ / 2 + half_spread_; }

    void event(int64_t id, int64_t t, int64_t price, int side, int reason, int64_t qty,
               int64_t leaves, int type, bool bad_quote = false) {
        const int64_t nb = bad_quote ? 0 : bid();
        const int64_t no = bad_quote ? 0 : offer();
        orders_ << id << ",ASX," << t << ',' << security_ << ',' << price << ',' << side << ','
                << reason << ",0," << qty << ',' << leaves << ",2," << type << ',' << nb << ','
                << no << ',' << bid() << ',' << offer() << ",1,0,0,0,0," << ++sequence_
                << ",0,0,0,0,Rest of Day," << g_.order_events << ",0\n";
        ++g_.order_events;
    }

    void trade(int64_t id, int64_t t, int64_t price, int64_t qty, int side, int deal_source) {
        ++g_.trades;
        trades_ << "ASX," << g_.trades << ",2024-03-05," << t << ',' << security_ << ',' << id
                << ',' << deal_source << ',' << (deal_source == 1 ? "Lit" : "Centre Point") << ",0,"
                << g_.trades << ',' << bid() << ',' << offer() << ',' << price << ',' << qty << ','
                << side << ',' << (side == 1 ? "Buy" : "Sell") << ",1,1," << g_.trades << '\n';
    }

    void lit_order(int64_t t) {
        const int64_t id = ++next_id_;
        const int side = 1 + static_cast<int>(rng_() % 2);
        const int64_t qty = 100 * static_cast<int64_t>(1 + rng_() % 20);
        const int64_t price = side == 1 ? bid() : offer();
        event(id, t, price, side, 6, qty, qty, 0);
        const int64_t later = t + static_cast<int64_t>(rng_() % 5'000'000'000);
        if (rng_() % 2 == 0) {
            event(id, later, price, side, 3, qty, 0, 0);
            trade(id, later, price, qty, side, 1);
        } else {
            event(id, later, price, side, 1, qty, 0, 0);
        }
    }

    void cp_order(int64_t t) {
        static constexpr int kTypes[] = {64, 64, 64, 256, 4096, 4098};
        const int64_t id = ++next_id_;
        ++g_.cp_orders;
        const int type = kTypes[rng_() % 6];
        const int side = 1 + static_cast<int>(rng_() % 2);
        const int64_t qty = 100 * static_cast<int64_t>(1 + rng_() % 50);
        const int64_t price =
            mid_x2_ / 2 + (side == 1 ? 1 : -1) * static_cast<int64_t>(rng_() % 20);
        const bool bad_quote = rng_() % 50 == 0;
        event(id, t, price, side, 6, qty, qty, type, bad_quote);
        const int64_t later = t + static_cast<int64_t>(rng_() % 30'000'000'000);
        if (rng_() % 3 == 0) {
            event(id, later, price, side, 3, qty, 0, type, bad_quote);
            trade(id, later, mid_x2_ / 2, qty, side, 47);
        } else {
            event(id, later, price, side, 1, qty, 0, type, bad_quote);
        }
    }

    void sweep(int64_t t) {
        const int64_t id = ++next_id_;
        ++g_.sweeps;
        const int side = 1 + static_cast<int>(rng_() % 2);
        const int64_t qty = 100 * static_cast<int64_t>(1 + rng_() % 30);
        const int64_t limit = side == 1 ? offer() + 20 : bid() - 20;
        event(id, t, limit, side, 6, qty, qty, 2048);
        const int fills = 1 + static_cast<int>(rng_() % 3);
        int64_t left = qty;
        int64_t ft = t;
        const bool cp_fill = rng_() % 10 == 0;
        for (int f = 0; f < fills; ++f) {
            const int64_t q = f + 1 == fills ? left : left / 2;
            if (q <= 0) continue;
            ft += static_cast<int64_t>(rng_() % 800'000'000);
            left -= q;
            event(id, ft, limit, side, 3, qty, left, 2048);
            trade(id, ft, side == 1 ? offer() : bid(), q, side, cp_fill && f == 0 ? 47 : 1);
        }
    }

    std::ofstream orders_;
    std::ofstream trades_;
    std::ofstream nbbo_;
    uint64_t security_;
    std::mt19937_64 rng_{20240305};
    Generated g_;
    int64_t next_id_ = 7000000000000000000;
    int64_t sequence_ = 0;
    int64_t mid_x2_ = 20000;
    int64_t half_spread_ = 5;
};

}  // namespace

int main(int argc, char** argv) {
    const uint64_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'200'000;
    const fs::path work =
        argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "mdp_analyzer_throughput";
    const bool file_source = argc > 3 && std::string(argv[3]) == "file";
    fs::remove_all(work);
    fs::create_directories(work / "partition");
    const mdp::PartitionKey key{*mdp::CivilDate::parse("2024-03-05"), 42};
    Generated g;
    {
        Synthesiser synth(work / "partition", key.security);
        g = synth.run(events);
    }
    // Flush the generator's writes first so that the analysis' own fsyncs do not pay for them.
    ::sync();
    const std::string hwm_before = vm_hwm();
    rusage usage_before{};
    ::getrusage(RUSAGE_SELF, &usage_before);
    mdp::analyzers::AnalysisSettings settings;
    if (file_source) settings.nbbo_source = mdp::analyzers::AnalysisSettings::NbboSource::kFile;
    const auto start = std::chrono::steady_clock::now();
    const auto result =
        mdp::analyzers::analyze_partition(work / "partition", work / "stats", key, settings);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage_after{};
    ::getrusage(RUSAGE_SELF, &usage_after);
    auto cpu = [](const rusage& u) {
        return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
               static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    };
    const double cpu_seconds = cpu(usage_after) - cpu(usage_before);
    std::cout << "partition: " << g.order_events << " order events, " << g.trades << " trade rows, "
              << g.cp_orders + g.sweeps << " CP orders (" << g.sweeps << " sweeps)\n";
    for (const auto& [name, value] : result.counts)
        std::cout << "  " << name << " = " << value << "\n";
    std::cout << "nbbo source: " << (file_source ? "file" : "order") << "\n";
    std::cout << "analysis time: " << seconds << " s wall, " << cpu_seconds << " s CPU\n";
    std::cout << "throughput: " << static_cast<double>(g.order_events) / seconds
              << " order events/s (wall), " << static_cast<double>(g.order_events) / cpu_seconds
              << " per CPU second\n";
    std::cout << "peak RSS (VmHWM) before analysis:" << hwm_before << "\n";
    std::cout << "peak RSS (VmHWM) after analysis:" << vm_hwm() << "\n";
    fs::remove_all(work);
    return 0;
}
