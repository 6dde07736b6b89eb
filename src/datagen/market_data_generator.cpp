#include "datagen/market_data_generator.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.h"
#include "datagen/csv_output.h"
#include "datagen/csv_schema.h"
#include "datagen/event_queue.h"
#include "datagen/random.h"
#include "datagen/sydney_clock.h"

namespace mdp::datagen {

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kHour = 60 * kMin;

constexpr uint8_t kBuy = 1;
constexpr uint8_t kSell = 2;

// changereason values (SPEC 1.1; 4 = amended is this generator's choice among "others").
constexpr uint8_t kCancelled = 1;
constexpr uint8_t kTraded = 3;
constexpr uint8_t kAmended = 4;
constexpr uint8_t kNew = 6;
constexpr uint8_t kSystemCancel = 9;
constexpr uint8_t kReloaded = 30;

// exchangeordertype values.
constexpr uint16_t kLitLimit = 0;
constexpr uint16_t kLitOther = 1;
constexpr uint16_t kCentrePoint = 64;
constexpr uint16_t kCpCrossing = 256;
constexpr uint16_t kSweep = 2048;
constexpr uint16_t kCpBlock = 4096;
constexpr uint16_t kCpBlockShort = 4098;

// dealsource values.
constexpr uint8_t kDealLit = 1;
constexpr uint8_t kDealAuction = 20;
constexpr uint8_t kDealPreferencing = 46;
constexpr uint8_t kDealCentrePoint = 47;

enum Flag : uint16_t {
    kPreferenceOnly = 1U << 0,
    kMidTick = 1U << 1,
    kSingleFillMin = 1U << 2,
    kShortSell = 1U << 3,
    kBadNational = 1U << 4,      // force an unusable national quote on this row
    kBadExchange = 1U << 5,      // force an unusable exchange bid/offer on this row
    kAggressive = 1U << 6,       // trade rows: passiveaggressive = 1
    kCrossedSnapshot = 1U << 7,  // quirk: a crossed national quote on this row (instant sweeps)
};

struct Validity {
    int32_t code;
    std::string_view text;
};
constexpr std::array<Validity, 4> kValidities{
    {{0, "Rest of Day"}, {1, "Good Till Cancel"}, {3, "Fill and Kill"}, {6, "Current Max"}}};
constexpr uint8_t kDay = 0;
constexpr uint8_t kGtc = 1;
constexpr uint8_t kFak = 2;
constexpr uint8_t kCurrentMax = 3;

enum class RowKind : uint8_t { kOrder, kTrade, kToken, kCheckpoint, kQuote };

struct Order {
    uint64_t id = 0;
    uint32_t security = 0;
    int32_t price = 0;
    int32_t quantity = 0;
    int32_t leaves = 0;
    int32_t matched = 0;
    int32_t min_quantity = 0;
    uint16_t participant = 0;
    uint16_t flags = 0;
    uint16_t eot = kLitLimit;
    uint8_t side = kBuy;
    uint8_t order_type = 2;
    uint8_t validity = kDay;
};

// One pending row (or control event). 64 bytes.
struct Event {
    uint64_t order_id = 0;
    uint64_t match_group = 0;  // trades: matchgroupid; tokens: version
    uint32_t security = 0;
    int32_t price = 0;
    int32_t quantity = 0;
    int32_t leaves = 0;
    int32_t matched = 0;
    int32_t min_quantity = 0;
    uint16_t participant = 0;
    uint16_t flags = 0;
    uint16_t eot = 0;
    RowKind kind = RowKind::kOrder;
    uint8_t side = 0;
    uint8_t reason = 0;  // orders: changereason; trades: dealsource
    uint8_t status = 0;
    uint8_t order_type = 0;
    uint8_t validity = 0;
};

struct Security {
    int64_t code = 0;
    std::string code_text;
    double weight = 0;
    int32_t tick = 10;
    int32_t bid = 0;
    int32_t ask = 0;
    int64_t open_ns = 0;
    uint64_t sequence = 0;
    uint64_t trade_sequence = 0;
    double rate = 0;  // scenario arrivals per ns in continuous trading
    uint64_t token_version = 0;
    bool has_token = false;
    std::vector<Order> carry;  // Good Till Cancel orders open at the close
};

constexpr size_t kCarryCap = 64;

std::string_view deal_source_text(uint8_t source) {
    switch (source) {
        case kDealLit:
            return "Normal Trade";
        case kDealAuction:
            return "Auction";
        case kDealPreferencing:
            return "CP Preferencing";
        case kDealCentrePoint:
            return "Centre Point";
        case kDealCrossingReport:
            return "Crossing";
        default:
            return "Other";
    }
}

std::string_view exchange_info_text(uint8_t source) {
    switch (source) {
        case kDealLit:
            return "XT";
        case kDealAuction:
            return "AU";
        case kDealPreferencing:
            return "PF";
        case kDealCentrePoint:
            return "CX";
        default:
            return "";
    }
}

uint8_t opposite(uint8_t side) { return side == kBuy ? kSell : kBuy; }

// The text of the last timestamp written to a file: rows of one execution share their time.
struct TimeText {
    int64_t time = -1;
    std::array<char, 24> text{};
    size_t length = 0;

    char* put(char* p, int64_t t) {
        if (t != time) {
            time = t;
            length = static_cast<size_t>(
                std::to_chars(text.data(), text.data() + text.size(), t).ptr - text.data());
        }
        std::memcpy(p, text.data(), length);
        return p + length;
    }
};

class Generator {
  public:
    Generator(const GeneratorConfig& config, const OutputSinks& sinks)
        : config_(config),
          rng_(config.seed, 1),
          bad_rng_(config.seed, 2),
          orders_(sinks.orders, config.crlf),
          trades_(sinks.trades, config.crlf),
          nbbo_(sinks.nbbo, config.crlf),
          write_nbbo_(sinks.nbbo != nullptr),
          quirks_(config.quirks),
          quirk_rng_(config.seed, 3),
          bursts_(config.quirks.crossed_quote_rate, config.quirks.locked_quote_rate,
                  config.securities) {}

    GenerationSummary run();

  private:
    // ---- set-up -------------------------------------------------------------------------
    void make_securities();
    void start_day(uint32_t day_index);
    void start_security_day(uint32_t si);
    int64_t local(int64_t local_ns_of_day) const {
        return sydney_to_utc_ns(day_date_, local_ns_of_day);
    }

    // ---- random helpers -----------------------------------------------------------------
    int64_t between(int64_t lo, int64_t hi) { return hi <= lo ? lo : rng_.between(lo, hi); }
    bool chance(double p) { return rng_.chance(p); }
    uint8_t random_side() { return rng_.below(2) == 0 ? kBuy : kSell; }
    int32_t lot(int32_t scale) {
        const int32_t unit = chance(0.6) ? 100 : 10;
        return static_cast<int32_t>(between(1, 40)) * unit * scale;
    }
    // Heavy-tailed duration: min / U, capped.
    int64_t pareto(int64_t min_ns, int64_t cap_ns) {
        const double value = static_cast<double>(min_ns) / rng_.uniform_open0();
        return value >= static_cast<double>(cap_ns) ? cap_ns : static_cast<int64_t>(value);
    }
    int32_t mid_floor(const Security& s) const { return (s.bid + s.ask) / 2; }

    // ---- building orders ----------------------------------------------------------------
    Order make_order(uint32_t si, uint8_t side, uint16_t eot, int32_t price, int32_t quantity,
                     uint8_t validity);
    void push_order(int64_t t, const Order& o, uint8_t reason, uint16_t extra_flags = 0);
    void push_trade(int64_t t, const Order& o, uint64_t group, int32_t price, int32_t quantity,
                    uint8_t deal_source, bool aggressive);
    void execute(int64_t t, Order& aggressor, Order& passive, int32_t quantity, int32_t price,
                 uint8_t deal_source);
    // Ends an order that still has open quantity at `end`: cancelled before the close, purged
    // (9) after it, or carried to the next day when Good Till Cancel.
    void finish_order(int64_t end, Order& o);
    Order make_cp_order(uint32_t si, uint8_t side, int32_t price, int32_t quantity,
                        bool allow_sweep_like_types);

    // ---- scenarios ----------------------------------------------------------------------
    void lit_scenario(uint32_t si, int64_t tc, int64_t earliest_fill);
    void cp_scenario(uint32_t si, int64_t tc);
    void sweep_scenario(uint32_t si, int64_t tc);
    // Times of `count` lit fills of a sweep arriving at t0.
    std::vector<int64_t> sweep_fill_times(int64_t t0, int count, bool instant);
    // Fills `quantity` of `sweep` in the lit book at `times`, against passive orders entered in
    // [tc, first fill). Returns the last fill time.
    int64_t sweep_lit_fills(int64_t tc, Order& sweep, int32_t quantity,
                            const std::vector<int64_t>& times);
    Order new_sweep(uint32_t si, uint8_t side, int32_t quantity, uint8_t validity);
    int32_t contra_price(const Security& s, const Order& sweep, bool compatible);
    void add_contra(uint32_t si, const Order& sweep, int64_t ta, bool compatible,
                    uint16_t extra_flags, int64_t min_end, int32_t quantity = 0);
    // Reloads (30) a Good Till Cancel order open from an earlier day and plays its day: at
    // 07:00, or with the quirks on at ~21:20 the evening before (no event of the trading day
    // enters it).
    void carried_order(uint32_t si, Order o);
    int64_t reload_time();
    // Quirks of real exports (asx_quirks.h), drawn from quirk_rng_ only.
    bool quirk(double rate) { return quirks_.enabled && quirk_rng_.chance(rate); }
    void orders_from_before_range(uint32_t si);
    void crossing_report(uint32_t si, int64_t t);
    void count_sweep(SweepScenario scenario) {
        ++summary_.sweeps;
        ++summary_.sweep_scenarios[static_cast<size_t>(scenario)];
    }

    // ---- the clock and the rate controller ----------------------------------------------
    void update_rates(int64_t now, bool schedule);
    void schedule_token(uint32_t si, int64_t from);
    void on_token(uint32_t si, int64_t t, uint64_t version);
    void maybe_move_quote(uint32_t si, int64_t t);
    double target_rows() const;

    // ---- output -------------------------------------------------------------------------
    void emit(const Event& e, int64_t t);
    void write_order_row(const Event& e, int64_t t);
    void write_trade_row(const Event& e, int64_t t);
    void write_nbbo_row(uint32_t si, int64_t t, int32_t bid, int32_t ask);
    void maybe_inject(CsvOutput& out, const RowLayout& layout, uint64_t& kind_counter);

    const GeneratorConfig& config_;
    Rng rng_;
    Rng bad_rng_;
    CsvOutput orders_;
    CsvOutput trades_;
    CsvOutput nbbo_;
    bool write_nbbo_;
    const AsxQuirks& quirks_;
    Rng quirk_rng_;
    QuoteBursts bursts_;
    uint16_t forced_flags_ = 0;  // OR-ed into every row pushed while set (instant crossed sweeps)
    TimeText order_time_;
    TimeText trade_time_;
    GenerationSummary summary_;
    std::vector<Security> secs_;
    double weight_sum_ = 0;
    EventQueue<Event> queue_;

    uint64_t next_order_id_ = 0;
    uint64_t next_match_group_ = 0;
    uint64_t orders_row_num_ = 0;
    uint64_t trades_row_num_ = 0;
    uint64_t orders_kind_counter_ = 0;
    uint64_t trades_kind_counter_ = 0;
    uint64_t nbbo_kind_counter_ = 0;

    // The current trading day.
    uint32_t day_index_ = 0;
    CivilDate day_date_;
    std::string day_text_;
    bool last_day_ = false;
    int64_t preopen_ = 0;  // 07:00 local
    int64_t close_ = 0;    // 16:00 local: end of continuous trading
    int64_t purge_ = 0;    // 16:12 local: day orders still open are purged

    // Rate controller state.
    uint64_t rows_created_ = 0;  // order rows scheduled so far
    uint64_t fixed_rows_ = 0;    // of which created at day starts (not by the rate)
    uint64_t scenarios_ = 0;     // continuous-trading scenarios started
    double header_bytes_ = 0;
};

// ------------------------------------------------------------------------------------------
// Set-up

void Generator::make_securities() {
    secs_.resize(config_.securities);
    for (uint32_t i = 0; i < config_.securities; ++i) {
        Security& s = secs_[i];
        // Distinct, stable, realistic-looking codes: a permutation of 100000..999999.
        s.code = 100000 + static_cast<int64_t>((uint64_t{i} * 7919 + 35677) % 900000);
        s.code_text = std::to_string(s.code);
        s.weight = det_exp(-config_.zipf_exponent * det_log(static_cast<double>(i) + 1.0));
        weight_sum_ += s.weight;
        // Log-uniform starting price between A$1 and A$100 (1000..100000 units).
        const double lo = det_log(1000.0);
        const double hi = det_log(100000.0);
        const auto price = static_cast<int32_t>(det_exp(lo + rng_.uniform() * (hi - lo)));
        s.tick = price < 2000 ? 5 : 10;
        s.bid = std::max(20 * s.tick, price / s.tick * s.tick);
        s.ask = s.bid + s.tick * static_cast<int32_t>(between(1, 2));
        s.sequence = static_cast<uint64_t>(between(100000, 999999)) * 10;
        s.trade_sequence = static_cast<uint64_t>(between(100000, 999999)) * 10;
    }
}

void Generator::start_day(uint32_t day_index) {
    day_index_ = day_index;
    day_date_ = nth_trading_day(config_.start_date, day_index);
    day_text_ = day_date_.to_string();
    last_day_ = day_index + 1 == config_.days;
    preopen_ = local(7 * kHour);
    close_ = local(16 * kHour);
    purge_ = local(16 * kHour + 12 * kMin);

    const uint64_t rows_before = rows_created_;
    update_rates(local(10 * kHour), false);
    for (uint32_t si = 0; si < secs_.size(); ++si) start_security_day(si);
    fixed_rows_ += rows_created_ - rows_before;

    // Rate checkpoints every 5 minutes of continuous trading; the first one starts the tokens.
    for (int64_t m = 0; m < 6 * 60; m += 5) {
        Event checkpoint;
        checkpoint.kind = RowKind::kCheckpoint;
        queue_.push(local(10 * kHour + m * kMin), checkpoint);
    }
}

void Generator::start_security_day(uint32_t si) {
    Security& s = secs_[si];
    s.has_token = false;
    ++s.token_version;
    // ASX opens in five alphabetical groups from 10:00:00 to 10:09:00, +/- 15 s random.
    s.open_ns =
        local(10 * kHour + static_cast<int64_t>(si % 5) * 135 * kSec) + between(0, 15 * kSec);
    // Overnight move.
    s.bid = std::max(20 * s.tick, s.bid + s.tick * static_cast<int32_t>(between(-3, 3)));
    s.ask = s.bid + s.tick * static_cast<int32_t>(between(1, 2));
    Event quote;
    quote.kind = RowKind::kQuote;
    quote.security = si;
    queue_.push(s.open_ns, quote);

    // Reload (30) the Good Till Cancel orders carried over from the previous day.
    std::vector<Order> carried;
    carried.swap(s.carry);
    for (Order& o : carried) carried_order(si, o);
    if (quirks_.enabled) orders_from_before_range(si);

    // Opening auction: pairs of crossing pre-open orders matched at the open (dealsource 20).
    const int64_t pairs = between(1, 3);
    for (int64_t p = 0; p < pairs; ++p) {
        const int64_t tb = between(preopen_ + 5 * kSec, s.open_ns - 60 * kSec);
        const int64_t ts = between(preopen_ + 5 * kSec, s.open_ns - 60 * kSec);
        Order buy = make_order(si, kBuy, kLitLimit,
                               s.ask + s.tick * static_cast<int32_t>(between(0, 2)), lot(1), kDay);
        Order sell = make_order(
            si, kSell, kLitLimit,
            std::max(s.tick, s.bid - s.tick * static_cast<int32_t>(between(0, 2))), lot(1), kDay);
        push_order(tb, buy, kNew);
        push_order(ts, sell, kNew);
        const int32_t quantity = std::min(buy.leaves, sell.leaves);
        if (tb >= ts) {
            execute(s.open_ns, buy, sell, quantity, mid_floor(s), kDealAuction);
        } else {
            execute(s.open_ns, sell, buy, quantity, mid_floor(s), kDealAuction);
        }
        finish_order(s.open_ns + pareto(5 * kSec, 7 * kHour), buy);
        finish_order(s.open_ns + pareto(5 * kSec, 7 * kHour), sell);
    }

    // Pre-open limit orders, a small bounded number per security-day.
    const double expected = s.rate * static_cast<double>(6 * kHour);
    const auto preopen_orders =
        static_cast<int64_t>(std::min(30.0, 0.02 * expected)) + between(0, 2);
    for (int64_t k = 0; k < preopen_orders; ++k) {
        lit_scenario(si, between(preopen_ + 5 * kSec, s.open_ns - kSec), s.open_ns + kMs);
    }
}

int64_t Generator::reload_time() {
    if (!quirks_.enabled) return preopen_ + between(0, 3 * kSec);
    // Real exports reload open orders at ~21:20 Sydney on the evening before the trading day
    // (for a Monday: Sunday evening), which puts the reload rows in the previous date's partition.
    const CivilDate evening = CivilDate::from_days(day_date_.to_days() - 1);
    ++summary_.quirks.evening_reloads;
    return sydney_to_utc_ns(evening, 21 * kHour + 20 * kMin) + quirk_rng_.between(0, 30 * kSec);
}

void Generator::orders_from_before_range(uint32_t si) {
    // Good Till Cancel orders entered before the generated range: their only rows before the
    // trading day are the evening reloads, so on the first day (and after weekends) the previous
    // date's partition holds orders and no trades.
    const Security& s = secs_[si];
    const auto count = static_cast<int64_t>(
        quirk_rng_.below(static_cast<uint64_t>(2 * quirks_.evening_reloads_per_security_day) + 1));
    for (int64_t k = 0; k < count; ++k) {
        const uint8_t side = quirk_rng_.below(2) == 0 ? kBuy : kSell;
        const auto away = s.tick * static_cast<int32_t>(quirk_rng_.between(1, 6));
        Order o = make_order(si, side, kLitLimit, side == kBuy ? s.bid - away : s.ask + away,
                             lot(1), kGtc);
        carried_order(si, o);
    }
}

void Generator::crossing_report(uint32_t si, int64_t t) {
    // A trade-report crossing (dealsource 5): one participant on both sides, so both trade rows
    // of the match carry the same order id (and opposite sides).
    Security& s = secs_[si];
    Order o = make_order(si, quirk_rng_.below(2) == 0 ? kBuy : kSell, kLitLimit, mid_floor(s),
                         lot(5), kFak);
    push_order(t, o, kNew);
    const int32_t quantity = o.leaves;
    o.leaves = 0;
    o.matched = quantity;
    push_order(t, o, kTraded);
    const uint64_t group = ++next_match_group_;
    ++summary_.match_groups;
    ++summary_.quirks.crossing_reports;
    Order other_side = o;
    other_side.side = opposite(o.side);
    push_trade(t, o, group, o.price, quantity, kDealCrossingReport, true);
    push_trade(t, other_side, group, o.price, quantity, kDealCrossingReport, false);
}

void Generator::carried_order(uint32_t si, Order o) {
    Security& s = secs_[si];
    push_order(reload_time(), o, kReloaded);
    const bool centre_point = o.eot == kCentrePoint || o.eot == kCpCrossing || o.eot == kSweep ||
                              o.eot == kCpBlock || o.eot == kCpBlockShort;
    int64_t last = s.open_ns;
    // Carried sweeps are always completed in Centre Point: on this day they have no entry event
    // (changereason 6) and a dealsource-47 trade, so they never qualify here.
    if (o.eot == kSweep || chance(0.5)) {
        const int64_t tf = between(s.open_ns + kSec, s.open_ns + 4 * kHour);
        const int32_t price = centre_point ? mid_floor(s) : o.price;
        Order contra = centre_point
                           ? make_cp_order(si, opposite(o.side), o.price, o.leaves, false)
                           : make_order(si, opposite(o.side), kLitLimit, o.price, o.leaves, kFak);
        push_order(tf, contra, kNew);
        execute(tf, contra, o, std::min(contra.leaves, o.leaves), price,
                centre_point ? kDealCentrePoint : kDealLit);
        last = tf;
    }
    if (o.leaves > 0) {
        // Half are cancelled during the day; the rest stay and are carried again.
        const int64_t end = chance(0.5) ? last + pareto(kMin, 2 * kHour) : purge_;
        finish_order(end, o);
    }
}

// ------------------------------------------------------------------------------------------
// Building orders

Order Generator::make_order(uint32_t si, uint8_t side, uint16_t eot, int32_t price,
                            int32_t quantity, uint8_t validity) {
    Order o;
    next_order_id_ += 1 + rng_.below(6);
    ++summary_.orders_created;
    o.id = next_order_id_;
    o.security = si;
    o.side = side;
    o.eot = eot;
    o.price = std::max(1, price);
    o.quantity = std::max(1, quantity);
    o.leaves = o.quantity;
    o.validity = validity;
    o.participant = static_cast<uint16_t>(between(100, 399));
    return o;
}

Order Generator::make_cp_order(uint32_t si, uint8_t side, int32_t price, int32_t quantity,
                               bool allow_blocks) {
    uint16_t eot = kCentrePoint;
    const double u = rng_.uniform();
    if (u < 0.15) {
        eot = kCpCrossing;
    } else if (allow_blocks && u < 0.40) {
        eot = (side == kSell && chance(0.5)) ? kCpBlockShort : kCpBlock;
    }
    Order o = make_order(si, side, eot, price, quantity, chance(0.2) ? kCurrentMax : kDay);
    if (chance(0.3)) o.flags |= kMidTick;
    if (chance(0.05)) o.flags |= kPreferenceOnly;
    if (eot == kCpBlockShort || (side == kSell && chance(0.1))) o.flags |= kShortSell;
    return o;
}

void Generator::push_order(int64_t t, const Order& o, uint8_t reason, uint16_t extra_flags) {
    Event e;
    e.kind = RowKind::kOrder;
    e.order_id = o.id;
    e.security = o.security;
    e.price = o.price;
    e.quantity = o.quantity;
    // leavesquantity is the open quantity after the event: nothing is open after a cancel.
    e.leaves = (reason == kCancelled || reason == kSystemCancel) ? 0 : o.leaves;
    e.matched = o.matched;
    e.min_quantity = o.min_quantity;
    e.participant = o.participant;
    e.flags = static_cast<uint16_t>(o.flags | extra_flags);
    // Only the fill rows of an instant crossed sweep carry the crossed snapshot.
    if (reason == kTraded) e.flags |= forced_flags_;
    e.eot = o.eot;
    e.side = o.side;
    e.reason = reason;
    e.order_type = o.order_type;
    e.validity = o.validity;
    // orderstatus: 0 new, 1 partially filled, 2 filled, 4 cancelled, 5 replaced.
    switch (reason) {
        case kCancelled:
        case kSystemCancel:
            e.status = 4;
            break;
        case kTraded:
            e.status = o.leaves == 0 ? 2 : 1;
            break;
        case kAmended:
            e.status = 5;
            break;
        default:
            e.status = o.matched > 0 ? 1 : 0;
            break;
    }
    queue_.push(t, e);
    ++rows_created_;
}

void Generator::push_trade(int64_t t, const Order& o, uint64_t group, int32_t price,
                           int32_t quantity, uint8_t deal_source, bool aggressive) {
    Event e;
    e.kind = RowKind::kTrade;
    e.order_id = o.id;
    e.match_group = group;
    e.security = o.security;
    e.price = price;
    e.quantity = quantity;
    e.participant = o.participant;
    e.flags = static_cast<uint16_t>((aggressive ? kAggressive : 0) | forced_flags_);
    e.side = o.side;
    e.reason = deal_source;
    queue_.push(t, e);
}

void Generator::execute(int64_t t, Order& aggressor, Order& passive, int32_t quantity,
                        int32_t price, uint8_t deal_source) {
    quantity = std::min({quantity, aggressor.leaves, passive.leaves});
    if (quantity <= 0) return;
    aggressor.leaves -= quantity;
    aggressor.matched += quantity;
    passive.leaves -= quantity;
    passive.matched += quantity;
    push_order(t, aggressor, kTraded);
    push_order(t, passive, kTraded);
    const uint64_t group = ++next_match_group_;
    ++summary_.match_groups;
    push_trade(t, aggressor, group, price, quantity, deal_source, true);
    push_trade(t, passive, group, price, quantity, deal_source, false);
}

void Generator::finish_order(int64_t end, Order& o) {
    if (o.leaves <= 0) return;
    if (end < close_) {
        push_order(end, o, chance(0.85) ? kCancelled : kSystemCancel);
        o.leaves = 0;
        return;
    }
    Security& s = secs_[o.security];
    if (o.validity == kGtc && !last_day_ && s.carry.size() < kCarryCap) {
        s.carry.push_back(o);
        return;
    }
    if (o.validity == kGtc && last_day_) return;  // stays open past the generated range
    push_order(purge_ + between(0, 2 * kSec), o, kSystemCancel);
    o.leaves = 0;
}

// ------------------------------------------------------------------------------------------
// Scenarios

void Generator::lit_scenario(uint32_t si, int64_t tc, int64_t earliest_fill) {
    Security& s = secs_[si];
    const uint8_t side = random_side();
    const double u = rng_.uniform();
    const int32_t levels = u < 0.5 ? 0 : u < 0.75 ? 1 : static_cast<int32_t>(between(2, 4));
    const int32_t price = side == kBuy ? s.bid - levels * s.tick : s.ask + levels * s.tick;
    Order o = make_order(si, side, chance(0.85) ? kLitLimit : kLitOther, std::max(s.tick, price),
                         lot(1), chance(0.03) ? kGtc : kDay);
    if (chance(0.05)) o.order_type = 1;
    // Quirk: entered small and amended upward soon after (real data: 5 -> 5,154).
    const bool amend_up = earliest_fill <= tc && quirk(quirks_.amend_up_rate);
    if (amend_up) o.quantity = o.leaves = static_cast<int32_t>(quirk_rng_.between(1, 9));
    push_order(tc, o, kNew);

    const bool preopen = earliest_fill > tc;
    if (preopen && chance(0.15)) {  // cancelled during the pre-open
        finish_order(between(tc + kMs, earliest_fill - kMs), o);
        return;
    }
    int64_t fill_from = std::max(tc + 1, earliest_fill);
    if (amend_up) {
        const int64_t ta = tc + quirk_rng_.between(kMs, 2 * kSec);
        // Two statements: the order of two draws in one expression is unspecified.
        const int64_t hundreds = quirk_rng_.between(10, 60);
        const auto more = static_cast<int32_t>(hundreds * 100 + quirk_rng_.below(100));
        o.quantity += more;
        o.leaves += more;
        push_order(ta, o, kAmendedUp);
        ++summary_.quirks.amended_up;
        fill_from = std::max(fill_from, ta + 1);
    }
    const int64_t end = fill_from + pareto(kSec, 8 * kHour);
    if (chance(0.12)) {  // amend: price moves a tick, sometimes the quantity shrinks
        // After an upward amendment when there was one (fill_from is then past it).
        const int64_t ta = (amend_up ? fill_from : tc + 1) +
                           between(0, std::max<int64_t>(1, (std::min(end, close_) - tc) / 3));
        o.price = std::max(s.tick, o.price + (chance(0.5) ? s.tick : -s.tick));
        if (o.leaves >= 20 && chance(0.3)) {
            const int32_t reduce = o.leaves / 2;
            o.quantity -= reduce;
            o.leaves -= reduce;
        }
        push_order(ta, o, kAmended);
        fill_from = std::max(fill_from, ta + 1);
    }
    const double f = rng_.uniform();
    int fills = f < 0.45 ? 0 : f < 0.75 ? 1 : f < 0.9 ? 2 : static_cast<int>(between(3, 5));
    const int64_t fill_to = std::min(end, close_ - kMs);
    if (fill_to <= fill_from) fills = 0;
    std::array<int64_t, 5> times{};
    for (int i = 0; i < fills; ++i) times[static_cast<size_t>(i)] = between(fill_from, fill_to);
    std::sort(times.begin(), times.begin() + fills);
    int64_t last = tc;
    for (int i = 0; i < fills && o.leaves > 0; ++i) {
        const int64_t tf = times[static_cast<size_t>(i)];
        int32_t quantity = o.leaves;
        if (!(i + 1 == fills && chance(0.4))) {
            quantity = std::max(1, static_cast<int32_t>(o.leaves * (0.1 + 0.5 * rng_.uniform())));
        }
        const bool immediate_or_cancel = chance(0.7);
        const int32_t extra = (immediate_or_cancel && chance(0.2)) ? lot(1) : 0;
        Order aggressor = make_order(si, opposite(side), chance(0.8) ? kLitLimit : kLitOther,
                                     o.price, quantity + extra, immediate_or_cancel ? kFak : kDay);
        push_order(tf, aggressor, kNew);
        execute(tf, aggressor, o, quantity, o.price, kDealLit);
        if (aggressor.leaves > 0) {
            if (immediate_or_cancel) {
                push_order(tf, aggressor, kSystemCancel);
            } else {
                finish_order(tf + pareto(kSec, kHour), aggressor);
            }
        }
        last = tf;
    }
    finish_order(std::max(end, last + 1), o);
}

void Generator::cp_scenario(uint32_t si, int64_t tc) {
    Security& s = secs_[si];
    const uint8_t side = random_side();
    const int32_t price = side == kBuy ? s.ask - s.tick * static_cast<int32_t>(rng_.below(2))
                                       : s.bid + s.tick * static_cast<int32_t>(rng_.below(2));
    Order o = make_cp_order(si, side, price, lot(1), true);
    if (o.eot == kCpBlock || o.eot == kCpBlockShort) {
        o.quantity = o.leaves = lot(10);
        o.min_quantity = o.quantity / static_cast<int32_t>(between(2, 4));
    } else if (chance(0.1)) {
        o.min_quantity = std::max(1, o.quantity / 2);
    }
    if (o.min_quantity > 0 && chance(0.5)) o.flags |= kSingleFillMin;
    push_order(tc, o, kNew);
    const int64_t end = tc + pareto(300 * kMs, 30 * kMin);
    int64_t last = tc;
    const int64_t fill_to = std::min(end, close_ - kMs);
    if (chance(0.3) && fill_to > tc + 1) {
        const int64_t tf = between(tc + 1, fill_to);
        const int32_t wanted = std::max(o.min_quantity, lot(1));
        Order contra =
            make_cp_order(si, opposite(side), side == kBuy ? s.bid : s.ask, wanted, false);
        push_order(tf, contra, kNew);
        uint8_t deal_source = chance(0.08) ? kDealPreferencing : kDealCentrePoint;
        if (quirk(quirks_.other_deal_source_rate)) {
            deal_source = kOtherDealSources[quirk_rng_.below(kOtherDealSources.size())];
            ++summary_.quirks.other_deal_source_fills;
        }
        execute(tf, contra, o, std::min(contra.leaves, o.leaves), mid_floor(s), deal_source);
        finish_order(tf + pareto(100 * kMs, 10 * kMin), contra);
        last = tf;
    }
    finish_order(std::max(end, last + 1), o);
}

Order Generator::new_sweep(uint32_t si, uint8_t side, int32_t quantity, uint8_t validity) {
    const Security& s = secs_[si];
    const int32_t through = s.tick * static_cast<int32_t>(between(3, 5));
    const int32_t limit = side == kBuy ? s.ask + through : std::max(s.tick, s.bid - through);
    Order o = make_order(si, side, kSweep, limit, quantity, validity);
    if (chance(0.2)) o.flags |= kMidTick;
    return o;
}

std::vector<int64_t> Generator::sweep_fill_times(int64_t t0, int count, bool instant) {
    std::vector<int64_t> times;
    int64_t t = instant ? t0 + (chance(0.5) ? 0 : between(kMs, 60 * kMs))
                        : t0 + between(150 * kMs, 1500 * kMs);
    for (int i = 0; i < count; ++i) {
        times.push_back(t);
        t += instant ? between(0, 10 * kMs) : (chance(0.2) ? 0 : between(kMs, 1500 * kMs));
    }
    return times;
}

int64_t Generator::sweep_lit_fills(int64_t tc, Order& sweep, int32_t quantity,
                                   const std::vector<int64_t>& planned_times) {
    Security& s = secs_[sweep.security];
    // Quirk: every fill at one instant, with a crossed national quote on the fills' order and
    // trade rows (real data: a sweep taking several levels in the same nanosecond while
    // another venue's quote was through ASX's).
    std::vector<int64_t> times = planned_times;
    const bool instant_crossed = quirk(quirks_.instant_crossed_sweep_rate);
    if (instant_crossed) {
        std::fill(times.begin(), times.end(), times.front());
        forced_flags_ = kCrossedSnapshot;
        ++summary_.quirks.instant_crossed_sweeps;
    }
    const auto count =
        static_cast<int32_t>(std::min<size_t>(times.size(), static_cast<size_t>(quantity)));
    // Split `quantity` into `count` positive parts.
    std::vector<int32_t> parts(static_cast<size_t>(count), 1);
    int32_t rest = quantity - count;
    for (int32_t i = 0; i + 1 < count && rest > 0; ++i) {
        const auto share = static_cast<int32_t>(rng_.below(static_cast<uint64_t>(rest) + 1));
        parts[static_cast<size_t>(i)] += share;
        rest -= share;
    }
    parts[static_cast<size_t>(count - 1)] += rest;

    int32_t level_price = sweep.side == kBuy ? s.ask : s.bid;
    int64_t last = times.front();
    for (int32_t i = 0; i < count; ++i) {
        const int64_t tf = times[static_cast<size_t>(i)];
        if (i > 0 && chance(0.4)) {  // walk the book one tick
            level_price =
                sweep.side == kBuy ? level_price + s.tick : std::max(s.tick, level_price - s.tick);
        }
        const int32_t part = parts[static_cast<size_t>(i)];
        Order passive =
            make_order(sweep.security, opposite(sweep.side), chance(0.85) ? kLitLimit : kLitOther,
                       level_price, part + (chance(0.5) ? lot(1) : 0), chance(0.02) ? kGtc : kDay);
        push_order(between(tc, times.front() - 1), passive, kNew);
        execute(tf, sweep, passive, part, level_price, kDealLit);
        finish_order(tf + pareto(kSec, kHour), passive);
        last = tf;
    }
    forced_flags_ = 0;
    return last;
}

int32_t Generator::contra_price(const Security& s, const Order& sweep, bool compatible) {
    const int32_t ticks = s.tick * static_cast<int32_t>(between(1, 5));
    if (sweep.side == kBuy) {  // contra sells: compatible when its price <= the sweep's limit
        return compatible ? std::min(sweep.price, s.bid + s.tick) : sweep.price + ticks;
    }
    // contra buys: compatible when its price >= the sweep's limit
    return compatible ? std::max(sweep.price, s.ask - s.tick) : std::max(1, sweep.price - ticks);
}

void Generator::add_contra(uint32_t si, const Order& sweep, int64_t ta, bool compatible,
                           uint16_t extra_flags, int64_t min_end, int32_t quantity) {
    const Security& s = secs_[si];
    Order contra = make_cp_order(si, opposite(sweep.side), contra_price(s, sweep, compatible),
                                 quantity > 0 ? quantity : lot(2), true);
    push_order(ta, contra, kNew, extra_flags);
    finish_order(std::max(min_end, ta + 1) + pareto(500 * kMs, 20 * kMin), contra);
}

void Generator::sweep_scenario(uint32_t si, int64_t tc) {
    if (tc > close_ - 3 * kMin) {  // too late for a sweep and its aftermath
        lit_scenario(si, tc, tc);
        return;
    }
    static constexpr std::array<std::pair<SweepScenario, int>, kSweepScenarioCount> kWeights{{
        {SweepScenario::kMatched, 30},
        {SweepScenario::kCrossingSweeps, 4},
        {SweepScenario::kInstantLit, 15},
        {SweepScenario::kNoLiquidity, 10},
        {SweepScenario::kNearMiss, 6},
        {SweepScenario::kUnusableQuoteContra, 3},
        {SweepScenario::kUnusableQuoteNoOverlap, 3},
        {SweepScenario::kPriceIncompatible, 5},
        {SweepScenario::kRestingCompatible, 5},
        {SweepScenario::kInsufficientQuantity, 3},
        {SweepScenario::kDarkPartial, 6},
        {SweepScenario::kNotFullyFilled, 5},
        {SweepScenario::kCancelled, 3},
        {SweepScenario::kCarriedOver, 2},
    }};
    int total = 0;
    for (const auto& entry : kWeights) total += entry.second;
    auto pick = static_cast<int>(rng_.below(static_cast<uint64_t>(total)));
    SweepScenario scenario = SweepScenario::kMatched;
    for (const auto& entry : kWeights) {
        if (pick < entry.second) {
            scenario = entry.first;
            break;
        }
        pick -= entry.second;
    }
    if (scenario == SweepScenario::kCarriedOver && last_day_) {
        scenario = SweepScenario::kNotFullyFilled;
    }

    Security& s = secs_[si];
    const uint8_t side = random_side();
    const int64_t t0 = tc + between(300 * kMs, 2 * kSec);
    const int fill_count = static_cast<int>(between(1, 4));
    const uint8_t validity = scenario == SweepScenario::kCarriedOver ? kGtc
                             : chance(0.7)                           ? kFak
                                                                     : kDay;
    Order sweep = new_sweep(si, side, lot(2), validity);
    count_sweep(scenario);

    // Resting contras must be open at the sweep's arrival: they arrive in [tc, t0).
    const auto resting_time = [&] { return between(tc, t0 - kMs); };

    switch (scenario) {
        case SweepScenario::kMatched:
        case SweepScenario::kInstantLit:
        case SweepScenario::kNoLiquidity:
        case SweepScenario::kNearMiss:
        case SweepScenario::kUnusableQuoteContra:
        case SweepScenario::kUnusableQuoteNoOverlap: {
            const bool instant = scenario == SweepScenario::kInstantLit ||
                                 (scenario == SweepScenario::kMatched && chance(0.15));
            const auto times = sweep_fill_times(t0, fill_count, instant);
            push_order(t0, sweep, kNew);
            if (scenario == SweepScenario::kNearMiss && chance(0.5)) {
                // A contra that left just before the sweep arrived.
                Order gone =
                    make_cp_order(si, opposite(side), contra_price(s, sweep, true), lot(2), true);
                const int64_t ta = between(tc, t0 - 2 * kMs);
                push_order(ta, gone, kNew);
                push_order(between(ta + 1, t0 - kMs), gone, kCancelled);
            }
            const int64_t last = sweep_lit_fills(tc, sweep, sweep.quantity, times);
            const int64_t first = times.front();
            if (scenario == SweepScenario::kMatched) {
                const int64_t contras = between(1, 3);
                for (int64_t c = 0; c < contras; ++c) {
                    const double where = rng_.uniform();
                    const int64_t ta = where < 0.1 ? t0 : where < 0.2 ? last : between(t0, last);
                    // Some contras carry an unusable national quote (exchange quote fallback).
                    add_contra(si, sweep, ta, chance(0.8), chance(0.15) ? kBadNational : 0, last);
                }
            } else if (scenario == SweepScenario::kNearMiss) {
                add_contra(si, sweep, last + between(kMs, 1500 * kMs), true, 0, last);
            } else if (scenario == SweepScenario::kUnusableQuoteContra ||
                       scenario == SweepScenario::kUnusableQuoteNoOverlap) {
                add_contra(si, sweep, between(t0 + 1, first),
                           scenario == SweepScenario::kUnusableQuoteContra,
                           kBadNational | kBadExchange, last);
            }
            break;
        }
        case SweepScenario::kCrossingSweeps: {
            const auto times = sweep_fill_times(t0, std::max(2, fill_count), false);
            push_order(t0, sweep, kNew);
            const int64_t last = sweep_lit_fills(tc, sweep, sweep.quantity, times);
            // An opposite qualifying sweep arriving inside this one's window.
            Order other = new_sweep(si, opposite(side), lot(2), chance(0.7) ? kFak : kDay);
            count_sweep(scenario);
            const int64_t t1 = between(t0 + 1, last);
            const auto other_times = sweep_fill_times(t1, static_cast<int>(between(1, 3)), false);
            push_order(t1, other, kNew);
            sweep_lit_fills(tc, other, other.quantity, other_times);
            break;
        }
        case SweepScenario::kPriceIncompatible:
        case SweepScenario::kRestingCompatible:
        case SweepScenario::kInsufficientQuantity: {
            const bool compatible = scenario != SweepScenario::kPriceIncompatible;
            const bool small = scenario == SweepScenario::kInsufficientQuantity;
            const int32_t contra_quantity = small ? static_cast<int32_t>(between(1, 9)) * 10 : 0;
            if (small) {
                sweep.min_quantity = contra_quantity * 10;
                sweep.flags |= kSingleFillMin;
            }
            const auto times = sweep_fill_times(t0, fill_count, false);
            // The contra arrives before the sweep (in [tc, t0)) and is still resting at t0.
            const int64_t ta = resting_time();
            push_order(t0, sweep, kNew);
            const int64_t last = sweep_lit_fills(tc, sweep, sweep.quantity, times);
            add_contra(si, sweep, ta, compatible, 0, last + kSec, contra_quantity);
            break;
        }
        case SweepScenario::kDarkPartial: {
            const int64_t ta = resting_time();
            Order contra = make_cp_order(si, opposite(side), contra_price(s, sweep, true),
                                         std::max(1, sweep.quantity / 3), true);
            push_order(ta, contra, kNew);
            push_order(t0, sweep, kNew);
            execute(t0, sweep, contra, contra.leaves, mid_floor(s), kDealCentrePoint);
            finish_order(t0 + pareto(kSec, 10 * kMin), contra);
            if (sweep.leaves > 0) {
                sweep_lit_fills(tc, sweep, sweep.leaves, sweep_fill_times(t0, fill_count, false));
            }
            break;
        }
        case SweepScenario::kNotFullyFilled:
        case SweepScenario::kCarriedOver: {
            push_order(t0, sweep, kNew);
            const int32_t part =
                std::max(1, static_cast<int32_t>(sweep.quantity * (0.2 + 0.6 * rng_.uniform())));
            const int64_t last = sweep_lit_fills(
                tc, sweep, std::min(part, sweep.quantity - 1 > 0 ? sweep.quantity - 1 : 1),
                sweep_fill_times(t0, fill_count, chance(0.3)));
            if (scenario == SweepScenario::kCarriedOver) {
                finish_order(purge_, sweep);  // Good Till Cancel: carried to the next day
            } else if (sweep.leaves > 0) {
                push_order(last + between(0, 50 * kMs), sweep,
                           sweep.validity == kFak ? kSystemCancel : kCancelled);
            }
            break;
        }
        case SweepScenario::kCancelled: {
            push_order(t0, sweep, kNew);
            push_order(t0 + between(kMs, 5 * kSec), sweep, kCancelled);
            break;
        }
    }
}

// ------------------------------------------------------------------------------------------
// Clock and rate control

double Generator::target_rows() const {
    if (config_.target_bytes == 0) return static_cast<double>(config_.orders_rows);
    double bytes_per_row = 185.0;
    if (orders_.rows() >= 5000) {
        bytes_per_row = (static_cast<double>(orders_.bytes()) - header_bytes_) /
                        static_cast<double>(orders_.rows() + orders_.extra_lines());
    }
    return std::max(0.0,
                    (static_cast<double>(config_.target_bytes) - header_bytes_) / bytes_per_row);
}

void Generator::update_rates(int64_t now, bool schedule) {
    const double days_after = static_cast<double>(config_.days - day_index_ - 1);
    const double days_started = static_cast<double>(day_index_ + 1);
    // Day-start rows (reloads, auction, pre-open) of the days still to come.
    const double fixed_per_day =
        fixed_rows_ > 0 ? static_cast<double>(fixed_rows_) / days_started : 0.0;
    const double rows_per_scenario =
        scenarios_ >= 50
            ? static_cast<double>(rows_created_ - fixed_rows_) / static_cast<double>(scenarios_)
            : 7.0;
    const double remaining =
        target_rows() - static_cast<double>(rows_created_) - fixed_per_day * days_after;
    const double seconds_left =
        static_cast<double>(std::max<int64_t>(close_ - now, kSec)) / 1e9 + days_after * 6 * 3600;
    const double total_rate =
        remaining > 0 ? remaining / std::max(1.0, rows_per_scenario) / seconds_left : 0.0;
    for (uint32_t si = 0; si < secs_.size(); ++si) {
        Security& s = secs_[si];
        const double rate = total_rate * (s.weight / weight_sum_) / 1e9;
        const bool changed = rate > s.rate * 1.2 || rate < s.rate / 1.2;
        if (changed || !schedule) s.rate = rate;
        if (schedule && (changed || !s.has_token)) {
            ++s.token_version;
            s.has_token = false;
            schedule_token(si, std::max(now, s.open_ns));
        }
    }
}

void Generator::schedule_token(uint32_t si, int64_t from) {
    Security& s = secs_[si];
    if (s.rate <= 0) return;
    const double gap = rng_.exponential() / s.rate;
    if (gap >= static_cast<double>(close_ - from)) return;
    Event token;
    token.kind = RowKind::kToken;
    token.security = si;
    token.match_group = s.token_version;
    queue_.push(from + std::max<int64_t>(1, static_cast<int64_t>(gap)), token);
    s.has_token = true;
}

void Generator::maybe_move_quote(uint32_t si, int64_t t) {
    Security& s = secs_[si];
    if (!chance(0.3)) return;
    if (chance(0.6)) {
        const int32_t step = chance(0.5) ? s.tick : -s.tick;
        if (s.bid + step >= 20 * s.tick) {
            s.bid += step;
            s.ask += step;
        }
    } else {
        s.ask = s.bid + s.tick * static_cast<int32_t>(between(1, 3));
    }
    if (!write_nbbo_) return;
    if (chance(config_.bad_quote_rate)) {
        // A short-lived crossed or zero quote, corrected a moment later.
        if (chance(0.5)) {
            write_nbbo_row(si, t, s.ask + s.tick, s.bid);
        } else {
            write_nbbo_row(si, t, 0, 0);
        }
        Event fix;
        fix.kind = RowKind::kQuote;
        fix.security = si;
        queue_.push(t + between(kMs, 200 * kMs), fix);
        return;
    }
    write_nbbo_row(si, t, s.bid, s.ask);
}

void Generator::on_token(uint32_t si, int64_t t, uint64_t version) {
    Security& s = secs_[si];
    if (version != s.token_version) return;  // superseded by a rate change
    s.has_token = false;
    if (t >= close_ - kSec) return;
    maybe_move_quote(si, t);
    const double u = rng_.uniform();
    if (u < config_.sweep_share) {
        sweep_scenario(si, t);
    } else if (u < config_.sweep_share + config_.centre_point_share) {
        cp_scenario(si, t);
    } else {
        lit_scenario(si, t, t);
    }
    // Quirks: another order entered at the very same nanosecond; a trade-report crossing.
    if (quirk(quirks_.same_ns_pair_rate)) {
        lit_scenario(si, t, t);
        ++summary_.quirks.same_ns_pairs;
    }
    if (quirk(quirks_.crossing_report_rate)) crossing_report(si, t + quirk_rng_.between(kMs, kSec));
    ++scenarios_;
    schedule_token(si, t);
}

// ------------------------------------------------------------------------------------------
// Output

void Generator::maybe_inject(CsvOutput& out, const RowLayout& layout, uint64_t& kind_counter) {
    if (config_.malformed_rate <= 0 || !bad_rng_.chance(config_.malformed_rate)) return;
    const auto kind = static_cast<MalformedKind>(kind_counter++ % kMalformedKindCount);
    const std::string line = make_malformed_row(kind, out.last_row(), layout, bad_rng_);
    if (kind == MalformedKind::kQuotedComma) {
        out.replace_last_row(line);
    } else {
        out.append_line(line);
    }
    ++summary_.malformed_kinds[static_cast<size_t>(kind)];
}

void Generator::write_order_row(const Event& e, int64_t t) {
    Security& s = secs_[e.security];
    int32_t national_bid = 0, national_offer = 0, bid = 0, offer = 0;
    if (t >= s.open_ns) {  // the pre-open has no NBBO: zeros (unusable)
        national_bid = bid = s.bid;
        national_offer = offer = s.ask;
        if ((e.flags & kBadNational) != 0 || rng_.chance(config_.bad_quote_rate)) {
            if (chance(0.5)) {
                national_bid = s.ask + s.tick;  // crossed
                national_offer = s.bid;
            } else {
                national_bid = 0;
                national_offer = chance(0.5) ? 0 : s.ask;
            }
        }
        if ((e.flags & kBadExchange) != 0 || rng_.chance(config_.bad_quote_rate)) {
            bid = 0;
            offer = chance(0.5) ? 0 : s.ask;
        } else if (rng_.chance(0.15)) {  // the exchange's own book is a tick wider
            bid = std::max(0, bid - s.tick);
            offer += s.tick;
        }
        if (quirks_.enabled) {
            // Bursts of crossed and locked national quotes; the exchange's own quote stays sane
            // (the other venue is the one through ASX), so SPEC 1.1's fallback has a quote.
            QuoteShape shape = bursts_.next_order_row(e.security, quirk_rng_);
            if ((e.flags & kCrossedSnapshot) != 0) shape = QuoteShape::kCrossed;
            if (shape == QuoteShape::kCrossed) {
                national_bid = s.ask;
                national_offer = s.bid;
            } else if (shape == QuoteShape::kLocked) {
                national_bid = national_offer = quirk_rng_.below(2) == 0 ? s.bid : s.ask;
            }
        }
    }
    const Validity& validity = kValidities[e.validity];
    const bool real_formats = quirks_.enabled && quirks_.real_value_formats;
    char* p = orders_.begin_row();
    p = CsvOutput::put(p, e.order_id);
    p = CsvOutput::put(p, real_formats ? std::string_view(",3,") : std::string_view(",ASX,"));
    p = order_time_.put(p, t);
    *p++ = ',';
    p = CsvOutput::put(p, s.code_text);
    *p++ = ',';
    p = CsvOutput::put(p, e.price);
    *p++ = ',';
    *p++ = static_cast<char>('0' + e.side);
    *p++ = ',';
    p = CsvOutput::put(p, uint32_t{e.reason});
    *p++ = ',';
    p = CsvOutput::put(p, uint32_t{e.status});
    *p++ = ',';
    p = CsvOutput::put(p, e.quantity);
    *p++ = ',';
    p = CsvOutput::put(p, e.leaves);
    *p++ = ',';
    p = CsvOutput::put(p, uint32_t{e.order_type});
    *p++ = ',';
    p = CsvOutput::put(p, uint32_t{e.eot});
    *p++ = ',';
    p = CsvOutput::put(p, national_bid);
    *p++ = ',';
    p = CsvOutput::put(p, national_offer);
    *p++ = ',';
    p = CsvOutput::put(p, bid);
    *p++ = ',';
    p = CsvOutput::put(p, offer);
    *p++ = ',';
    p = CsvOutput::put(p, uint32_t{e.participant});
    *p++ = ',';
    *p++ = (e.flags & kPreferenceOnly) != 0 ? '1' : '0';
    *p++ = ',';
    *p++ = (e.flags & kMidTick) != 0 ? '1' : '0';
    *p++ = ',';
    p = CsvOutput::put(p, (e.flags & kSingleFillMin) != 0 ? e.min_quantity : 0);
    *p++ = ',';
    p = CsvOutput::put(p, e.min_quantity);
    *p++ = ',';
    p = CsvOutput::put(p, ++s.sequence);
    *p++ = ',';
    p = CsvOutput::put(p, e.eot == kCpCrossing ? e.order_id % 9973 + 1 : uint64_t{0});
    *p++ = ',';
    p = CsvOutput::put(p, e.matched);
    *p++ = ',';
    p = CsvOutput::put(p, (e.flags & kShortSell) != 0 ? e.quantity : 0);
    p = CsvOutput::put(p, std::string_view(",0,"));
    p = CsvOutput::put(p, validity.text);
    *p++ = ',';
    p = CsvOutput::put(p, ++orders_row_num_);
    *p++ = ',';
    p = CsvOutput::put(
        p, real_formats ? real_time_validity_code(e.validity, e.order_id) : validity.code);
    orders_.end_row(p);
    maybe_inject(orders_, kOrderLayout, orders_kind_counter_);
}

void Generator::write_trade_row(const Event& e, int64_t t) {
    Security& s = secs_[e.security];
    int32_t national_bid = s.bid, national_offer = s.ask;
    if (rng_.chance(config_.bad_quote_rate / 2)) national_bid = national_offer = 0;
    if (quirks_.enabled) {  // the snapshot shows the security's quote burst, if any
        QuoteShape shape = bursts_.current(e.security);
        if ((e.flags & kCrossedSnapshot) != 0) shape = QuoteShape::kCrossed;
        if (shape == QuoteShape::kCrossed) {
            national_bid = s.ask;
            national_offer = s.bid;
        } else if (shape == QuoteShape::kLocked) {
            national_bid = national_offer = s.bid;
        }
    }
    const bool real_formats = quirks_.enabled && quirks_.real_value_formats;
    char* p = trades_.begin_row();
    p = CsvOutput::put(p, real_formats ? std::string_view("3,") : std::string_view("ASX,"));
    p = CsvOutput::put(p, ++s.trade_sequence);
    *p++ = ',';
    p = CsvOutput::put(p, day_text_);
    *p++ = ',';
    p = trade_time_.put(p, t);
    *p++ = ',';
    p = CsvOutput::put(p, s.code_text);
    *p++ = ',';
    p = CsvOutput::put(p, e.order_id);
    *p++ = ',';
    p = CsvOutput::put(p, uint32_t{e.reason});
    *p++ = ',';
    p = CsvOutput::put(p, deal_source_text(e.reason));
    *p++ = ',';
    p = CsvOutput::put(p, real_formats ? market_text(e.reason) : exchange_info_text(e.reason));
    *p++ = ',';
    p = CsvOutput::put(p, e.match_group);
    *p++ = ',';
    p = CsvOutput::put(p, national_bid);
    *p++ = ',';
    p = CsvOutput::put(p, national_offer);
    *p++ = ',';
    p = CsvOutput::put(p, e.price);
    *p++ = ',';
    p = CsvOutput::put(p, e.quantity);
    *p++ = ',';
    *p++ = static_cast<char>('0' + e.side);
    p = CsvOutput::put(p, e.side == kBuy ? std::string_view(",Buy,") : std::string_view(",Sell,"));
    p = CsvOutput::put(p, uint32_t{e.participant});
    *p++ = ',';
    *p++ = (e.flags & kAggressive) != 0 ? '1' : '0';
    *p++ = ',';
    p = CsvOutput::put(p, ++trades_row_num_);
    trades_.end_row(p);
    maybe_inject(trades_, kTradeLayout, trades_kind_counter_);
}

void Generator::write_nbbo_row(uint32_t si, int64_t t, int32_t bid, int32_t ask) {
    if (!write_nbbo_) return;
    const Security& s = secs_[si];
    char* p = nbbo_.begin_row();
    p = CsvOutput::put(p, t);
    *p++ = ',';
    p = CsvOutput::put(p, s.code_text);
    *p++ = ',';
    p = CsvOutput::put(p, bid);
    *p++ = ',';
    p = CsvOutput::put(p, ask);
    *p++ = ',';
    p = CsvOutput::put(p, lot(1));
    *p++ = ',';
    p = CsvOutput::put(p, lot(1));
    p = CsvOutput::put(p, bid > 0 && bid <= ask ? std::string_view(",Normal")
                                                : std::string_view(",Crossed or empty"));
    nbbo_.end_row(p);
    maybe_inject(nbbo_, kNbboLayout, nbbo_kind_counter_);
}

void Generator::emit(const Event& e, int64_t t) {
    switch (e.kind) {
        case RowKind::kOrder:
            write_order_row(e, t);
            break;
        case RowKind::kTrade:
            write_trade_row(e, t);
            break;
        case RowKind::kToken:
            on_token(e.security, t, e.match_group);
            break;
        case RowKind::kCheckpoint:
            update_rates(t, true);
            break;
        case RowKind::kQuote:
            write_nbbo_row(e.security, t, secs_[e.security].bid, secs_[e.security].ask);
            break;
    }
}

GenerationSummary Generator::run() {
    const auto started = std::chrono::steady_clock::now();
    orders_.write_header(kOrderColumns.data(), kOrderColumns.size());
    trades_.write_header(kTradeColumns.data(), kTradeColumns.size());
    if (write_nbbo_) nbbo_.write_header(kNbboColumns.data(), kNbboColumns.size());
    header_bytes_ = static_cast<double>(orders_.bytes());

    next_order_id_ = 7'000'000'000'000'000'000ULL + rng_.below(1'000'000'000'000'000ULL);
    next_match_group_ = 5'000'000'000'000'000'000ULL + rng_.below(1'000'000'000'000'000ULL);
    make_securities();

    for (uint32_t d = 0; d < config_.days; ++d) {
        start_day(d);
        while (!queue_.empty()) {
            queue_.pop([this](int64_t t, const Event& e) { emit(e, t); });
        }
    }

    orders_.finish();
    if (quirks_.enabled && quirks_.trades_without_final_newline) trades_.drop_final_line_end();
    trades_.finish();
    if (write_nbbo_) nbbo_.finish();
    const auto summarize = [](const CsvOutput& out) {
        return FileSummary{out.rows(), out.extra_lines(), out.bytes()};
    };
    summary_.orders = summarize(orders_);
    summary_.trades = summarize(trades_);
    if (write_nbbo_) summary_.nbbo = summarize(nbbo_);
    summary_.securities = config_.securities;
    summary_.days = config_.days;
    summary_.first_day = nth_trading_day(config_.start_date, 0);
    summary_.last_day = nth_trading_day(config_.start_date, config_.days - 1);
    summary_.peak_queue_entries = queue_.peak();
    summary_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary_;
}

void validate(const GeneratorConfig& config) {
    if (config.securities == 0) throw std::invalid_argument("securities must be at least 1");
    if (config.securities > 900000) throw std::invalid_argument("at most 900000 securities");
    if (config.days == 0) throw std::invalid_argument("days must be at least 1");
    if (!config.start_date.is_valid() || config.start_date.year < 2008 ||
        config.start_date.year > 9000) {
        throw std::invalid_argument("start date must be a valid date from 2008 on");
    }
    const auto unit = [](double v) { return v >= 0.0 && v <= 1.0; };
    if (!unit(config.malformed_rate) || !unit(config.sweep_share) ||
        !unit(config.centre_point_share) || !unit(config.bad_quote_rate) ||
        config.sweep_share + config.centre_point_share > 1.0) {
        throw std::invalid_argument("rates and shares must lie in [0, 1] (shares summing to <= 1)");
    }
    const AsxQuirks& q = config.quirks;
    if (!unit(q.crossed_quote_rate) || !unit(q.locked_quote_rate) ||
        q.crossed_quote_rate + q.locked_quote_rate >= 1.0 || !unit(q.instant_crossed_sweep_rate) ||
        !unit(q.amend_up_rate) || !unit(q.crossing_report_rate) ||
        !unit(q.other_deal_source_rate) || !unit(q.same_ns_pair_rate) ||
        !(q.evening_reloads_per_security_day >= 0 && q.evening_reloads_per_security_day <= 100)) {
        throw std::invalid_argument(
            "quirk rates must lie in [0, 1] (crossed + locked < 1), evening reloads in [0, 100]");
    }
    if (!(config.zipf_exponent >= 0.0 && config.zipf_exponent <= 4.0)) {
        throw std::invalid_argument("zipf exponent must lie in [0, 4]");
    }
}

}  // namespace

std::string_view to_string(SweepScenario scenario) {
    switch (scenario) {
        case SweepScenario::kMatched:
            return "matched";
        case SweepScenario::kCrossingSweeps:
            return "crossing_sweeps";
        case SweepScenario::kInstantLit:
            return "instant_lit";
        case SweepScenario::kNoLiquidity:
            return "no_liquidity";
        case SweepScenario::kNearMiss:
            return "near_miss";
        case SweepScenario::kUnusableQuoteContra:
            return "unusable_quote_contra";
        case SweepScenario::kUnusableQuoteNoOverlap:
            return "unusable_quote_no_overlap";
        case SweepScenario::kPriceIncompatible:
            return "price_incompatible";
        case SweepScenario::kRestingCompatible:
            return "resting_compatible";
        case SweepScenario::kInsufficientQuantity:
            return "insufficient_quantity";
        case SweepScenario::kDarkPartial:
            return "dark_partial";
        case SweepScenario::kNotFullyFilled:
            return "not_fully_filled";
        case SweepScenario::kCancelled:
            return "cancelled";
        case SweepScenario::kCarriedOver:
            return "carried_over";
    }
    return "unknown";
}

GenerationSummary generate(const GeneratorConfig& config, const OutputSinks& sinks) {
    validate(config);
    if (sinks.orders == nullptr || sinks.trades == nullptr) {
        throw std::invalid_argument("orders and trades sinks are required");
    }
    GeneratorConfig effective = config;
    OutputSinks used = sinks;
    if (sinks.nbbo == nullptr) effective.write_nbbo = false;
    if (!effective.write_nbbo) used.nbbo = nullptr;
    Generator generator(effective, used);
    return generator.run();
}

GenerationSummary generate(const GeneratorConfig& config, const std::filesystem::path& dir) {
    validate(config);
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw IoError("cannot create directory " + dir.string() + ": " + error.message());
    FileSink orders(dir / "orders.csv");
    FileSink trades(dir / "trades.csv");
    std::optional<FileSink> nbbo;
    if (config.write_nbbo) nbbo.emplace(dir / "nbbo.csv");
    return generate(config, OutputSinks{&orders, &trades, nbbo ? &*nbbo : nullptr});
}

std::string format_summary(const GenerationSummary& summary) {
    std::string text;
    char line[256];
    const auto file_line = [&](const char* name, const FileSummary& f) {
        std::snprintf(line, sizeof line, "  %-7s %12llu rows %15llu bytes (%.1f MiB)%s\n", name,
                      static_cast<unsigned long long>(f.rows),
                      static_cast<unsigned long long>(f.bytes),
                      static_cast<double>(f.bytes) / 1048576.0,
                      f.malformed_rows > 0
                          ? (" + " + std::to_string(f.malformed_rows) + " malformed lines").c_str()
                          : "");
        text += line;
    };
    std::snprintf(line, sizeof line, "generated %u securities x %u trading days (%s .. %s)\n",
                  summary.securities, summary.days, summary.first_day.to_string().c_str(),
                  summary.last_day.to_string().c_str());
    text += line;
    file_line("orders", summary.orders);
    file_line("trades", summary.trades);
    if (summary.nbbo.bytes > 0) file_line("nbbo", summary.nbbo);
    std::snprintf(line, sizeof line, "  %llu orders, %llu match groups, %llu sweeps:\n",
                  static_cast<unsigned long long>(summary.orders_created),
                  static_cast<unsigned long long>(summary.match_groups),
                  static_cast<unsigned long long>(summary.sweeps));
    text += line;
    for (size_t i = 0; i < kSweepScenarioCount; ++i) {
        std::snprintf(line, sizeof line, "    %-26s %llu\n",
                      std::string(to_string(static_cast<SweepScenario>(i))).c_str(),
                      static_cast<unsigned long long>(summary.sweep_scenarios[i]));
        text += line;
    }
    uint64_t malformed = 0;
    for (const uint64_t count : summary.malformed_kinds) malformed += count;
    if (malformed > 0) {
        text += "  malformed/quoted rows by kind:";
        for (size_t i = 0; i < kMalformedKindCount; ++i) {
            text += " " + std::string(to_string(static_cast<MalformedKind>(i))) + "=" +
                    std::to_string(summary.malformed_kinds[i]);
        }
        text += "\n";
    }
    const AsxQuirkCounts& q = summary.quirks;
    if (q.evening_reloads + q.instant_crossed_sweeps + q.amended_up + q.crossing_reports +
            q.other_deal_source_fills + q.same_ns_pairs >
        0) {
        std::snprintf(line, sizeof line,
                      "  ASX quirks: %llu evening reloads, %llu instant crossed sweeps, %llu "
                      "amended up, %llu crossing reports, %llu fills with dealsource 44/45/48, "
                      "%llu same-ns pairs\n",
                      static_cast<unsigned long long>(q.evening_reloads),
                      static_cast<unsigned long long>(q.instant_crossed_sweeps),
                      static_cast<unsigned long long>(q.amended_up),
                      static_cast<unsigned long long>(q.crossing_reports),
                      static_cast<unsigned long long>(q.other_deal_source_fills),
                      static_cast<unsigned long long>(q.same_ns_pairs));
        text += line;
    }
    const double mib =
        static_cast<double>(summary.orders.bytes + summary.trades.bytes + summary.nbbo.bytes) /
        1048576.0;
    std::snprintf(line, sizeof line,
                  "  %.2f s, %.1f MiB/s of output (orders %.1f MiB/s), peak %zu queue entries\n",
                  summary.seconds, summary.seconds > 0 ? mib / summary.seconds : 0.0,
                  summary.seconds > 0
                      ? static_cast<double>(summary.orders.bytes) / 1048576.0 / summary.seconds
                      : 0.0,
                  summary.peak_queue_entries);
    text += line;
    return text;
}

}  // namespace mdp::datagen
