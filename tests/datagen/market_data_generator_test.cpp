#include "datagen/market_data_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "datagen/csv_test_util.h"
#include "datagen/generated_files.h"
#include "datagen/sydney_clock.h"

namespace mdp::datagen {
namespace {

using testing::generate_in_memory;
using testing::Generated;
using testing::split_fields;
using testing::split_lines;
using testing::to_int;

constexpr std::string_view kOrdersHeader =
    "order_id,exchange,timestamp,security_code,price,side,changereason,orderstatus,quantity,"
    "leavesquantity,ordertype,exchangeordertype,national_bid,national_offer,bid,offer,"
    "participantid,preferenceonly,midtick,singlefillminimumquantity,minimumquantity,sequence,"
    "crossingkey,totalmatchedquantity,shortsellquantity,triggercondition,timevaliditydecoded,"
    "row_num,timevalidity";
constexpr std::string_view kTradesHeader =
    "EXCHANGE,sequence,tradedate,tradetime,securitycode,orderid,dealsource,dealsourcedecoded,"
    "exchangeinfo,matchgroupid,nationalbidpricesnapshot,nationalofferpricesnapshot,tradeprice,"
    "quantity,side,sidedecoded,participantid,passiveaggressive,row_num";

GeneratorConfig small_config() {
    GeneratorConfig config;
    config.securities = 12;
    config.days = 5;
    config.orders_rows = 40000;
    config.seed = 20240402;
    return config;
}

const Generated& standard() {
    static const Generated generated = generate_in_memory(small_config());
    return generated;
}

// ---- parsed rows ---------------------------------------------------------------------------

struct OrderRow {
    int64_t id, ts, security, price, side, reason, status, quantity, leaves, eot, national_bid,
        national_offer, bid, offer, sequence, matched, row_num;
    std::string id_text;
};

struct TradeRow {
    int64_t ts, security, order_id, deal_source, group, price, quantity, side, aggressive, row_num;
    std::string trade_date;
};

int64_t field(const std::vector<std::string>& fields, size_t index) {
    const auto value = to_int(fields.at(index));
    EXPECT_TRUE(value.has_value()) << "not an integer: '" << fields.at(index) << "'";
    return value.value_or(0);
}

std::map<std::string, size_t> columns(std::string_view header) {
    std::map<std::string, size_t> index;
    const auto names = split_fields(header);
    for (size_t i = 0; i < names.size(); ++i) index[names[i]] = i;
    return index;
}

std::vector<OrderRow> parse_orders(std::string_view text) {
    const auto lines = split_lines(text);
    auto c = columns(lines.at(0));
    std::vector<OrderRow> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto f = split_fields(lines[i]);
        OrderRow r{};
        r.id = field(f, c["order_id"]);
        r.id_text = f.at(c["order_id"]);
        r.ts = field(f, c["timestamp"]);
        r.security = field(f, c["security_code"]);
        r.price = field(f, c["price"]);
        r.side = field(f, c["side"]);
        r.reason = field(f, c["changereason"]);
        r.status = field(f, c["orderstatus"]);
        r.quantity = field(f, c["quantity"]);
        r.leaves = field(f, c["leavesquantity"]);
        r.eot = field(f, c["exchangeordertype"]);
        r.national_bid = field(f, c["national_bid"]);
        r.national_offer = field(f, c["national_offer"]);
        r.bid = field(f, c["bid"]);
        r.offer = field(f, c["offer"]);
        r.sequence = field(f, c["sequence"]);
        r.matched = field(f, c["totalmatchedquantity"]);
        r.row_num = field(f, c["row_num"]);
        rows.push_back(r);
    }
    return rows;
}

std::vector<TradeRow> parse_trades(std::string_view text) {
    const auto lines = split_lines(text);
    auto c = columns(lines.at(0));
    std::vector<TradeRow> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto f = split_fields(lines[i]);
        TradeRow r{};
        r.ts = field(f, c["tradetime"]);
        r.security = field(f, c["securitycode"]);
        r.order_id = field(f, c["orderid"]);
        r.deal_source = field(f, c["dealsource"]);
        r.group = field(f, c["matchgroupid"]);
        r.price = field(f, c["tradeprice"]);
        r.quantity = field(f, c["quantity"]);
        r.side = field(f, c["side"]);
        r.aggressive = field(f, c["passiveaggressive"]);
        r.row_num = field(f, c["row_num"]);
        r.trade_date = f.at(c["tradedate"]);
        rows.push_back(r);
    }
    return rows;
}

bool is_centre_point(int64_t eot) {
    return eot == 64 || eot == 256 || eot == 2048 || eot == 4096 || eot == 4098;
}

int64_t local_day(int64_t ts) { return sydney_date_of(ts).to_days(); }

// ---- tests ---------------------------------------------------------------------------------

TEST(Generator, SameSeedSameBytesOtherSeedOtherBytes) {
    const Generated again = generate_in_memory(small_config());
    EXPECT_EQ(again.orders, standard().orders);
    EXPECT_EQ(again.trades, standard().trades);
    EXPECT_EQ(again.nbbo, standard().nbbo);
    GeneratorConfig other = small_config();
    other.seed += 1;
    const Generated different = generate_in_memory(other);
    EXPECT_NE(different.orders, standard().orders);
    EXPECT_NE(different.trades, standard().trades);
}

TEST(Generator, HeadersAreExactlyTheSpecSchemas) {
    EXPECT_EQ(split_lines(standard().orders).at(0), kOrdersHeader);
    EXPECT_EQ(split_lines(standard().trades).at(0), kTradesHeader);
    EXPECT_EQ(split_lines(standard().nbbo).at(0),
              "timestamp,orderbookid,bidprice,offerprice,bidsize,offersize,quotecondition");
}

TEST(Generator, EveryRowHasTheHeadersFieldCountAndLfLineEnds) {
    for (const std::string* text : {&standard().orders, &standard().trades, &standard().nbbo}) {
        ASSERT_FALSE(text->empty());
        EXPECT_EQ(text->back(), '\n');
        EXPECT_EQ(text->find('\r'), std::string::npos);
        EXPECT_EQ(text->find('"'), std::string::npos);  // no quoting without injection
        const auto lines = split_lines(*text);
        const size_t expected = split_fields(lines.at(0)).size();
        ASSERT_GT(lines.size(), 100U);
        for (size_t i = 1; i < lines.size(); ++i) {
            ASSERT_EQ(split_fields(lines[i]).size(), expected) << "line " << i + 1;
        }
    }
    EXPECT_EQ(split_lines(standard().orders).size() - 1, standard().summary.orders.rows);
    EXPECT_EQ(split_lines(standard().trades).size() - 1, standard().summary.trades.rows);
    EXPECT_EQ(standard().summary.orders.bytes, standard().orders.size());
}

TEST(Generator, OrdersRowsTargetIsMet) {
    const double rows = static_cast<double>(standard().summary.orders.rows);
    EXPECT_NEAR(rows, 40000.0, 4000.0);
}

TEST(Generator, FilesAreTimeOrderedWithRunningRowNumbers) {
    const auto orders = parse_orders(standard().orders);
    const auto trades = parse_trades(standard().trades);
    std::map<int64_t, int64_t> last_sequence;
    for (size_t i = 0; i < orders.size(); ++i) {
        EXPECT_EQ(orders[i].row_num, static_cast<int64_t>(i + 1));
        if (i > 0) {
            ASSERT_GE(orders[i].ts, orders[i - 1].ts) << "row " << i + 1;
        }
        auto& last = last_sequence[orders[i].security];
        EXPECT_GT(orders[i].sequence, last);
        last = orders[i].sequence;
    }
    for (size_t i = 0; i < trades.size(); ++i) {
        EXPECT_EQ(trades[i].row_num, static_cast<int64_t>(i + 1));
        if (i > 0) {
            ASSERT_GE(trades[i].ts, trades[i - 1].ts);
        }
    }
    const auto nbbo = split_lines(standard().nbbo);
    for (size_t i = 2; i < nbbo.size(); ++i) {
        ASSERT_LE(*to_int(split_fields(nbbo[i - 1]).at(0)), *to_int(split_fields(nbbo[i]).at(0)));
    }
    // Securities interleave within a day (not one security after another).
    std::set<int64_t> first_hundred;
    for (size_t i = 0; i < 100; ++i) first_hundred.insert(orders[i].security);
    EXPECT_GT(first_hundred.size(), 3U);
}

TEST(Generator, OrderLifeCyclesAreConsistent) {
    const auto orders = parse_orders(standard().orders);
    std::unordered_map<int64_t, std::vector<const OrderRow*>> by_id;
    for (const auto& r : orders) by_id[r.id].push_back(&r);
    std::set<int64_t> reasons, types;
    size_t multi_fill = 0;
    for (const auto& [id, events] : by_id) {
        const OrderRow& first = *events.front();
        EXPECT_TRUE(first.reason == 6 || first.reason == 30) << id;
        EXPECT_EQ(first.id_text.size(), 19U);
        size_t fills = 0;
        int64_t previous_leaves = first.leaves;
        for (const OrderRow* e : events) {
            reasons.insert(e->reason);
            types.insert(e->eot);
            EXPECT_EQ(e->security, first.security);
            EXPECT_EQ(e->side, first.side);
            EXPECT_GT(e->price, 0);
            EXPECT_GE(e->leaves, 0);
            if (e->reason == 1 || e->reason == 9) {
                EXPECT_EQ(e->leaves, 0) << id;
                EXPECT_EQ(e->status, 4);
            } else {
                EXPECT_EQ(e->leaves + e->matched, e->quantity) << id;
            }
            if (e->reason == 3) {
                EXPECT_LT(e->leaves, previous_leaves) << id;
                ++fills;
            }
            previous_leaves = e->leaves;
        }
        if (fills >= 2) ++multi_fill;
    }
    for (const int64_t reason : {1, 3, 4, 6, 9, 30}) EXPECT_EQ(reasons.count(reason), 1U) << reason;
    for (const int64_t eot : {0, 1, 64, 256, 2048, 4096, 4098})
        EXPECT_EQ(types.count(eot), 1U) << eot;
    EXPECT_GT(multi_fill, 50U);
    EXPECT_GT(orders.front().id, int64_t{7'000'000'000'000'000'000});
}

TEST(Generator, TradesJoinOrdersOnIdSecurityAndDateAndComeInPairs) {
    const auto orders = parse_orders(standard().orders);
    const auto trades = parse_trades(standard().trades);
    std::set<std::tuple<int64_t, int64_t, int64_t>> order_keys;  // (id, security, local day)
    for (const auto& r : orders) order_keys.emplace(r.id, r.security, local_day(r.ts));
    std::map<int64_t, std::vector<const TradeRow*>> groups;
    std::set<int64_t> sources;
    for (const auto& t : trades) {
        EXPECT_EQ(order_keys.count({t.order_id, t.security, local_day(t.ts)}), 1U)
            << "trade of order " << t.order_id << " has no order row that day";
        EXPECT_EQ(t.trade_date, sydney_date_of(t.ts).to_string());
        groups[t.group].push_back(&t);
        sources.insert(t.deal_source);
    }
    ASSERT_GT(groups.size(), 1000U);
    for (const auto& [group, rows] : groups) {
        ASSERT_EQ(rows.size(), 2U) << group;
        const TradeRow& a = *rows[0];
        const TradeRow& b = *rows[1];
        EXPECT_NE(a.side, b.side);
        EXPECT_EQ(a.aggressive + b.aggressive, 1);
        EXPECT_EQ(a.price, b.price);
        EXPECT_EQ(a.quantity, b.quantity);
        EXPECT_EQ(a.ts, b.ts);
        EXPECT_EQ(a.security, b.security);
        EXPECT_NE(a.order_id, b.order_id);
    }
    for (const int64_t source : {1, 20, 46, 47}) EXPECT_EQ(sources.count(source), 1U) << source;
}

// SPEC 3.2 qualification and the SPEC 3.3 contra window, per partition.
TEST(Generator, SweepsWithAndWithoutContrasInTheirWindowShareAPartition) {
    const auto orders = parse_orders(standard().orders);
    const auto trades = parse_trades(standard().trades);
    using Key = std::pair<int64_t, int64_t>;  // (local day, security)
    std::map<Key, std::map<int64_t, std::vector<const OrderRow*>>> partitions;
    std::map<Key, std::map<int64_t, std::vector<const TradeRow*>>> partition_trades;
    for (const auto& r : orders) partitions[{local_day(r.ts), r.security}][r.id].push_back(&r);
    for (const auto& t : trades) {
        partition_trades[{local_day(t.ts), t.security}][t.order_id].push_back(&t);
    }
    size_t with_total = 0, without_total = 0, both_partitions = 0, non_qualifying = 0;
    size_t instant = 0, slow_without = 0, resting_at_arrival = 0;
    for (auto& [key, by_order] : partitions) {
        for (auto& [id, events] : by_order) {
            std::stable_sort(events.begin(), events.end(), [](const auto* a, const auto* b) {
                return std::tie(a->ts, a->sequence) < std::tie(b->ts, b->sequence);
            });
        }
        size_t with = 0, without = 0;
        for (const auto& [id, events] : by_order) {
            if (events.front()->eot != 2048) continue;
            const auto& own_trades = partition_trades[key][id];
            const bool entered = std::any_of(events.begin(), events.end(),
                                             [](const auto* e) { return e->reason == 6; });
            const bool lit_only = !own_trades.empty() &&
                                  std::all_of(own_trades.begin(), own_trades.end(),
                                              [](const auto* t) { return t->deal_source == 1; });
            if (!(events.back()->reason == 3 && events.back()->leaves == 0 && entered &&
                  lit_only)) {
                ++non_qualifying;
                continue;
            }
            const int64_t first = events.front()->ts;
            int64_t last = 0, first_lit = INT64_MAX;
            for (const auto* t : own_trades) {
                last = std::max(last, t->ts);
                first_lit = std::min(first_lit, t->ts);
            }
            bool contra = false, resting = false;
            for (const auto& [other_id, other] : by_order) {
                const OrderRow& arrival = *other.front();
                if (other_id == id || !is_centre_point(arrival.eot) ||
                    arrival.side == events.front()->side) {
                    continue;
                }
                if (arrival.ts >= first && arrival.ts <= last) contra = true;
                if (arrival.ts < first) {
                    const OrderRow* state = nullptr;
                    for (const auto* e : other) {
                        if (e->ts <= first) state = e;
                    }
                    if (state != nullptr && state->leaves > 0 && state->reason != 1 &&
                        state->reason != 9) {
                        resting = true;
                    }
                }
            }
            if (contra) {
                ++with;
            } else {
                ++without;
                if (first_lit - first < 100'000'000) {
                    ++instant;
                } else {
                    ++slow_without;
                }
                if (resting) ++resting_at_arrival;
            }
        }
        with_total += with;
        without_total += without;
        if (with > 0 && without > 0) ++both_partitions;
    }
    EXPECT_GT(both_partitions, 0U);
    EXPECT_GT(with_total, 50U);
    EXPECT_GT(without_total, 50U);
    EXPECT_GT(non_qualifying, 20U);
    // Root-cause material of SPEC 3.7 among the sweeps without a contra.
    EXPECT_GT(instant, 10U);
    EXPECT_GT(slow_without, 10U);
    EXPECT_GT(resting_at_arrival, 5U);
}

TEST(Generator, DateRangeCrossesDaylightSavingWithPreOpenBeforeUtcMidnight) {
    const auto orders = parse_orders(standard().orders);
    std::map<int64_t, int64_t> first_event;  // local day -> earliest timestamp
    for (const auto& r : orders) {
        const int64_t day = local_day(r.ts);
        auto [it, inserted] = first_event.emplace(day, r.ts);
        if (!inserted) it->second = std::min(it->second, r.ts);
    }
    ASSERT_EQ(first_event.size(), 5U);
    EXPECT_EQ(first_event.begin()->first, (CivilDate{2024, 4, 2}).to_days());
    EXPECT_EQ(first_event.rbegin()->first, (CivilDate{2024, 4, 8}).to_days());
    constexpr int64_t kDayNs = 86400LL * 1'000'000'000LL;
    constexpr int64_t kHourNs = 3600LL * 1'000'000'000LL;
    for (const auto& [day, ts] : first_event) {
        const int64_t utc_day = ts / kDayNs;
        EXPECT_EQ(utc_day, day - 1) << "pre-open should fall on the previous UTC day";
        const int64_t utc_hour = (ts % kDayNs) / kHourNs;
        // 07:00 Sydney is 20:00 UTC under AEDT (until 2024-04-07) and 21:00 UTC under AEST.
        EXPECT_EQ(utc_hour, day < (CivilDate{2024, 4, 7}).to_days() ? 20 : 21);
    }
}

TEST(Generator, QuotesSometimesUnusableAndPricesInRange) {
    const auto orders = parse_orders(standard().orders);
    size_t unusable_national = 0, unusable_both = 0;
    for (const auto& r : orders) {
        EXPECT_GE(r.price, 1);
        EXPECT_LE(r.price, 200000);
        const bool national = r.national_bid > 0 && r.national_bid <= r.national_offer;
        const bool exchange = r.bid > 0 && r.bid <= r.offer;
        if (!national) ++unusable_national;
        if (!national && !exchange) ++unusable_both;
    }
    EXPECT_GT(unusable_national, 0U);
    EXPECT_GT(unusable_both, 0U);
    EXPECT_LT(unusable_national, orders.size() / 5);
    EXPECT_NE(standard().nbbo.find(",Crossed or empty"), std::string::npos);
}

TEST(Generator, ActivityIsSkewedAcrossSecurities) {
    std::map<int64_t, size_t> rows;
    for (const auto& r : parse_orders(standard().orders)) ++rows[r.security];
    ASSERT_EQ(rows.size(), 12U);
    size_t most = 0, least = SIZE_MAX;
    for (const auto& [security, count] : rows) {
        most = std::max(most, count);
        least = std::min(least, count);
    }
    EXPECT_GT(most, 4 * least);
}

TEST(Generator, SizingByBytesLandsNearTheTarget) {
    for (const uint32_t days : {1U, 3U}) {
        GeneratorConfig config = small_config();
        config.days = days;
        config.securities = 30;
        config.target_bytes = uint64_t{6} << 20;
        CountingSink orders, trades, nbbo;
        const auto summary = generate(config, OutputSinks{&orders, &trades, &nbbo});
        EXPECT_EQ(summary.orders.bytes, orders.bytes());
        EXPECT_NEAR(static_cast<double>(orders.bytes()), static_cast<double>(config.target_bytes),
                    0.1 * static_cast<double>(config.target_bytes))
            << days << " days";
        EXPECT_GT(trades.bytes(), 0U);
    }
}

TEST(Generator, CrlfOnlyChangesLineEnds) {
    GeneratorConfig config = small_config();
    config.orders_rows = 5000;
    const Generated lf = generate_in_memory(config);
    config.crlf = true;
    const Generated crlf = generate_in_memory(config);
    std::string stripped;
    for (const char c : crlf.orders) {
        if (c != '\r') stripped += c;
    }
    EXPECT_EQ(stripped, lf.orders);
    EXPECT_EQ(crlf.orders.size(), lf.orders.size() + lf.summary.orders.rows + 1);
}

TEST(Generator, NoNbboSinkMeansNoNbboFile) {
    GeneratorConfig config = small_config();
    config.orders_rows = 3000;
    config.write_nbbo = false;
    const Generated g = generate_in_memory(config);
    EXPECT_TRUE(g.nbbo.empty());
    EXPECT_EQ(g.summary.nbbo.rows, 0U);
    EXPECT_FALSE(g.orders.empty());
}

TEST(Generator, MalformedInjectionProducesEveryKindAndLeavesValidRowsIntact) {
    GeneratorConfig config = small_config();
    config.orders_rows = 20000;
    const Generated clean = generate_in_memory(config);
    config.malformed_rate = 0.03;  // enough for every kind in the small NBBO file too
    const Generated dirty = generate_in_memory(config);
    for (size_t k = 0; k < kMalformedKindCount; ++k) {
        EXPECT_GT(dirty.summary.malformed_kinds[k], 0U) << to_string(static_cast<MalformedKind>(k));
    }
    struct FileCase {
        const std::string* clean;
        const std::string* dirty;
        size_t timestamp_field;
        size_t security_field;
        size_t text_field;
    };
    const FileCase cases[] = {{&clean.orders, &dirty.orders, 2, 3, 26},
                              {&clean.trades, &dirty.trades, 3, 4, 7},
                              {&clean.nbbo, &dirty.nbbo, 0, 1, 6}};
    for (const FileCase& file : cases) {
        const auto clean_lines = split_lines(*file.clean);
        const auto dirty_lines = split_lines(*file.dirty);
        const size_t width = split_fields(clean_lines[0]).size();
        std::set<std::string> kinds_seen;
        std::vector<std::string> kept;  // the valid rows, quoted text restored
        for (size_t i = 1; i < dirty_lines.size(); ++i) {
            const std::string_view line = dirty_lines[i];
            auto fields = split_fields(line);
            if (line.find('\0') != std::string_view::npos) {
                kinds_seen.insert("garbage");
                continue;
            }
            if (fields.size() < width) {
                kinds_seen.insert("too_few");
                continue;
            }
            if (fields.size() > width) {
                kinds_seen.insert("too_many");
                continue;
            }
            const std::string& security = fields[file.security_field];
            if (!to_int(fields[file.timestamp_field])) {
                kinds_seen.insert("timestamp");
                continue;
            }
            if (security.empty() || security == "../x" || security == "1e5" ||
                security.size() == 40 || security[0] == '-') {
                kinds_seen.insert(security.empty()        ? "empty"
                                  : security.size() == 40 ? "huge"
                                  : security[0] == '-'    ? "negative"
                                                          : security);
                continue;
            }
            if (line.find('"') != std::string_view::npos) {
                kinds_seen.insert("quoted");
                std::string& text = fields[file.text_field];
                ASSERT_GE(text.size(), 10U);
                EXPECT_EQ(text.substr(text.size() - 10), ", see note");
                text.resize(text.size() - 10);
                std::string row;
                for (size_t f = 0; f < fields.size(); ++f) row += (f ? "," : "") + fields[f];
                kept.push_back(row);
                continue;
            }
            kept.emplace_back(line);
        }
        EXPECT_EQ(kinds_seen.size(), 10U) << clean_lines[0];
        ASSERT_EQ(kept.size(), clean_lines.size() - 1) << clean_lines[0];
        for (size_t i = 0; i < kept.size(); ++i) {
            ASSERT_EQ(kept[i], clean_lines[i + 1]) << clean_lines[0] << " row " << i + 1;
        }
    }
    EXPECT_EQ(dirty.summary.orders.rows, clean.summary.orders.rows);
    EXPECT_GT(dirty.summary.orders.malformed_rows, 0U);
}

TEST(Generator, WritesFilesIntoADirectory) {
    const auto dir = std::filesystem::path(MDP_SCRATCH_DIR) / "datagen" / "generator_dir";
    std::filesystem::remove_all(dir);
    GeneratorConfig config = small_config();
    config.orders_rows = 2000;
    const auto summary = generate(config, dir);
    EXPECT_EQ(std::filesystem::file_size(dir / "orders.csv"), summary.orders.bytes);
    EXPECT_EQ(std::filesystem::file_size(dir / "trades.csv"), summary.trades.bytes);
    EXPECT_EQ(std::filesystem::file_size(dir / "nbbo.csv"), summary.nbbo.bytes);
    EXPECT_FALSE(std::filesystem::exists(dir / "orders.csv.partial"));
    EXPECT_NE(format_summary(summary).find("sweeps"), std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST(Generator, RejectsUnusableConfigs) {
    StringSink a, b;
    GeneratorConfig config = small_config();
    config.securities = 0;
    EXPECT_THROW(generate(config, OutputSinks{&a, &b, nullptr}), std::invalid_argument);
    config = small_config();
    config.malformed_rate = 1.5;
    EXPECT_THROW(generate(config, OutputSinks{&a, &b, nullptr}), std::invalid_argument);
    config = small_config();
    config.days = 0;
    EXPECT_THROW(generate(config, OutputSinks{&a, &b, nullptr}), std::invalid_argument);
}

}  // namespace
}  // namespace mdp::datagen
