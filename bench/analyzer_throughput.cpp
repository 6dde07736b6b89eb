// analyzer_throughput: how fast partitions are read and analysed (SPEC section 3), and with how
// much memory. Synthesises partitions (lit orders, Centre Point orders that rest and get
// cancelled or filled, sweeps that fill in the lit book with trades, some with Centre Point
// fills or unusable quotes), writes their orders.csv / trades.csv / nbbo.csv, then measures
//   1. the reader alone: orders.csv + trades.csv + nbbo.csv of every partition into typed rows,
//      one thread, best of --repeat runs (order events/s);
//   2. the whole analysis (mdp::analyzers::analyze_partition, outputs included) over every
//      partition with 1 and with 2 worker threads started here, as the engine would: order
//      events/s, per core, and parallel efficiency rate(2) / (2 * rate(1)).
// The page cache holds the inputs (they were just written), so this is CPU, not disk.
//
// Usage: analyzer_throughput [--events N (default 1200000, over all partitions)]
//                            [--partitions P (default 8)] [--repeat R (default 3)]
//                            [--work DIR] [--nbbo order|file] [--only reader]
//                            [--keep yes (the generated partitions stay in DIR)]
//                            [--buffer reused|fresh (one ReadBuffer per worker, the default, or
//                                                    a new one per partition)]

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/partition_analysis.h"
#include "analyzers/partition_files.h"
#include "analyzers/partition_reader.h"

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
    Synthesiser(const fs::path& dir, uint64_t security, uint64_t seed)
        : rng_(seed),
          orders_(dir / "orders.csv"),
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

    std::mt19937_64 rng_;
    std::ofstream orders_;
    std::ofstream trades_;
    std::ofstream nbbo_;
    uint64_t security_;
    Generated g_;
    int64_t next_id_ = 7000000000000000000;
    int64_t sequence_ = 0;
    int64_t mid_x2_ = 20000;
    int64_t half_spread_ = 5;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Partition {
    fs::path dir;
    mdp::PartitionKey key;
};

// Reads every partition's three files into typed rows; returns the order events read.
uint64_t read_all(const std::vector<Partition>& partitions, bool reuse_buffer) {
    uint64_t events = 0;
    mdp::analyzers::ReadBuffer reused;
    for (const Partition& p : partitions) {
        mdp::analyzers::ReadBuffer fresh;
        mdp::analyzers::ReadBuffer& buffer = reuse_buffer ? reused : fresh;
        events +=
            mdp::analyzers::read_order_events(p.dir / "orders.csv", p.key.security, buffer).size();
        const auto trades = mdp::analyzers::read_trade_rows(
            p.dir / "trades.csv", p.key.security, [](int64_t) { return true; }, buffer);
        const auto quotes =
            mdp::analyzers::read_nbbo_quotes(p.dir / "nbbo.csv", p.key.security, buffer);
        if (trades.row_count + quotes.size() == 0) std::cerr << "(no trades or quotes)\n";
    }
    return events;
}

// Analyses every partition with `threads` workers taking the next partition in turn, each with
// its own ReadBuffer (as the engine's workers do) or a fresh one per partition; returns the wall
// time.
double analyse_all(const std::vector<Partition>& partitions, const fs::path& stats_root,
                   const mdp::analyzers::AnalysisSettings& settings, unsigned threads,
                   bool reuse_buffer) {
    std::atomic<size_t> next{0};
    const auto work = [&] {
        mdp::analyzers::ReadBuffer reused;
        for (size_t i = next++; i < partitions.size(); i = next++) {
            const Partition& p = partitions[i];
            mdp::analyzers::ReadBuffer fresh;
            const auto results = mdp::analyzers::analyze_partition(p.dir, p.key, settings,
                                                                   reuse_buffer ? reused : fresh);
            mdp::analyzers::write_partition_files(mdp::analyzers::render_partition_files(results),
                                                  stats_root / std::to_string(i));
        }
    };
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
    for (auto& w : workers) w.join();
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t events = 1'200'000;
    uint64_t partition_count = 8;
    int repeat = 3;
    fs::path work = fs::temp_directory_path() / "mdp_analyzer_throughput";
    bool file_source = false;
    bool reader_only = false;
    bool keep = false;
    bool reuse_buffer = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--events") {
            events = std::strtoull(value.c_str(), nullptr, 10);
        } else if (flag == "--partitions") {
            partition_count = std::max<uint64_t>(1, std::strtoull(value.c_str(), nullptr, 10));
        } else if (flag == "--repeat") {
            repeat = std::max(1, std::atoi(value.c_str()));
        } else if (flag == "--work") {
            work = value;
        } else if (flag == "--buffer") {
            reuse_buffer = value != "fresh";
        } else if (flag == "--keep") {
            keep = value == "yes";
        } else if (flag == "--only") {
            reader_only = value == "reader";
        } else if (flag == "--nbbo") {
            file_source = value == "file";
        } else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }
    fs::remove_all(work);
    std::vector<Partition> partitions;
    Generated g;
    for (uint64_t i = 0; i < partition_count; ++i) {
        const mdp::PartitionKey key{*mdp::CivilDate::parse("2024-03-05"), 42 + i};
        const fs::path dir = work / ("partition" + std::to_string(i));
        fs::create_directories(dir);
        Synthesiser synth(dir, key.security, 20240305 + i);
        const Generated one = synth.run(events / partition_count);
        g.order_events += one.order_events;
        g.trades += one.trades;
        g.sweeps += one.sweeps;
        g.cp_orders += one.cp_orders;
        partitions.push_back({dir, key});
    }
    // Flush the generator's writes first so that the analysis' own fsyncs do not pay for them.
    ::sync();
    const auto events_d = static_cast<double>(g.order_events);
    std::cout << partition_count << " partitions: " << g.order_events << " order events, "
              << g.trades << " trade rows, " << g.cp_orders + g.sweeps << " CP orders (" << g.sweeps
              << " sweeps)\n";

    // The machine may be shared: wall and CPU time are both reported, CPU time is what a
    // loaded machine does not inflate.
    double best_read = 1e300;
    double best_read_cpu = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = cpu_seconds();
        if (read_all(partitions, reuse_buffer) != g.order_events)
            std::cerr << "reader lost events\n";
        best_read = std::min(best_read, seconds_since(start));
        best_read_cpu = std::min(best_read_cpu, cpu_seconds() - cpu_start);
    }
    std::cout << "reader (orders + trades + nbbo, 1 thread): " << best_read << " s wall, "
              << best_read_cpu << " s CPU, " << events_d / best_read << " order events/s, "
              << events_d / best_read_cpu << " per CPU second\n";

    if (reader_only) {
        if (!keep) fs::remove_all(work);
        return 0;
    }
    mdp::analyzers::AnalysisSettings settings;
    if (file_source) settings.nbbo_source = mdp::analyzers::AnalysisSettings::NbboSource::kFile;
    std::cout << "nbbo source: " << (file_source ? "file" : "order")
              << ", read buffer: " << (reuse_buffer ? "one per worker" : "new per partition")
              << "\n";
    const std::string hwm_before = vm_hwm();
    double rate_one = 0;
    double cpu_rate_one = 0;
    for (const unsigned threads : {1U, 2U}) {
        double best = 1e300;
        double best_cpu = 0;
        for (int r = 0; r < repeat; ++r) {
            fs::remove_all(work / "stats");
            ::sync();
            const double cpu_start = cpu_seconds();
            const double wall =
                analyse_all(partitions, work / "stats", settings, threads, reuse_buffer);
            if (wall < best) {
                best = wall;
                best_cpu = cpu_seconds() - cpu_start;
            }
        }
        const double rate = events_d / best;
        const double cpu_rate = events_d / best_cpu;
        if (threads == 1) {
            rate_one = rate;
            cpu_rate_one = cpu_rate;
        }
        std::cout << "analysis, " << threads << " worker" << (threads > 1 ? "s" : "") << ": "
                  << best << " s wall, " << best_cpu << " s CPU, " << rate << " order events/s, "
                  << rate / threads << " per core, " << cpu_rate << " per CPU second";
        if (threads > 1) {
            std::cout << ", parallel efficiency " << rate / (threads * rate_one)
                      << " (CPU-time efficiency " << cpu_rate / cpu_rate_one << ")";
        }
        std::cout << "\n";
    }
    std::cout << "peak RSS (VmHWM) before analysis:" << hwm_before << "\n";
    std::cout << "peak RSS (VmHWM) after analysis:" << vm_hwm() << "\n";
    if (!keep) fs::remove_all(work);
    return 0;
}
