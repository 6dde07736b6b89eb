#include "analyzers/hand_worked_partition.h"

#include <vector>

#include "analyzers/partition_builder.h"

namespace mdp::analyzers::testing {

void write_hand_worked_partition(const std::filesystem::path& dir, bool with_nbbo) {
    // {id, ts, price, side, changereason, quantity, leaves, type, nbid, noffer, bid, offer, seq}
    // Rows are deliberately not in time order: the analysis must order them itself.
    const std::vector<OrderLine> orders{
        // Lit orders: counted as events, never Centre Point.
        {kL1, ms(500), 10000, 1, 6, 100, 100, 0, 9990, 10010, 9990, 10010, 1},
        {kL1, ms(600), 10000, 1, 3, 100, 0, 0, 9990, 10010, 9990, 10010, 2},
        {kL2, ms(700), 10010, 2, 6, 100, 100, 1, 9990, 10010, 9990, 10010, 3},
        // S1: buy sweep 1000 @ 10010; 600 trade in the arrival burst (post-arrival leaves 400).
        {kS1, ms(1000), 10010, 1, 3, 1000, 400, 2048, 9990, 10010, 9990, 10010, 11},
        {kS1, ms(1000), 10010, 1, 6, 1000, 1000, 2048, 9990, 10010, 9990, 10010, 10},
        {kS1, ms(1500), 10010, 1, 3, 1000, 0, 2048, 10000, 10020, 10000, 10020, 30},
        // S2: buy sweep 500 @ 10020.
        {kS2, ms(1050), 10020, 1, 6, 500, 500, 2048, 9990, 10010, 9990, 10010, 12},
        {kS2, ms(1400), 10020, 1, 3, 500, 0, 2048, 10000, 10020, 10000, 10020, 28},
        // S3: sell sweep 300 @ 9990; its exchange BBO 9985/10005 is only used by the file source.
        {kS3, ms(1350), 9990, 2, 6, 300, 300, 2048, 9990, 10010, 9985, 10005, 20},
        {kS3, ms(1360), 9990, 2, 3, 300, 0, 2048, 9990, 10010, 9985, 10005, 22},
        // C1: sell CP 300, national 9995/10010 -> midpoint 10002.5; filled at 1600.
        {kC1, ms(1100), 10000, 2, 6, 300, 300, 64, 9995, 10010, 9990, 10010, 14},
        {kC1, ms(1600), 10000, 2, 3, 300, 0, 64, 9995, 10010, 9990, 10010, 31},
        // C2: sell CP block 500, national 0/0 (unusable) -> exchange 9990/10000 = 9995.
        {kC2, ms(1200), 10000, 2, 6, 500, 500, 4096, 0, 0, 9990, 10000, 16},
        {kC2, ms(1700), 10000, 2, 1, 500, 0, 4096, 0, 0, 9990, 10000, 32},
        // C3: sell CP 200, national crossed 10010/10000 and exchange 0/0: skipped.
        {kC3, ms(1300), 10000, 2, 6, 200, 200, 64, 10010, 10000, 0, 0, 18},
        {kC3, ms(1800), 10000, 2, 9, 200, 200, 64, 10010, 10000, 0, 0, 33},
        // C4: buy CP crossing 50, national 9990/10010 -> 10000; cancelled (9) with leaves left.
        {kC4, ms(1355), 10000, 1, 6, 50, 50, 256, 9990, 10010, 9990, 10010, 21},
        {kC4, ms(2000), 10000, 1, 9, 50, 50, 256, 9990, 10010, 9990, 10010, 34},
        // U1: buy sweep 100, lit fill 50 ms later.
        {kU1, ms(5000), 10010, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 40},
        {kU1, ms(5050), 10010, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 41},
        // U2: sell sweep 100, nothing on the buy side.
        {kU2, ms(6000), 9990, 2, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 42},
        {kU2, ms(7000), 9990, 2, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 43},
        // U3: buy sweep 100 @ 10010; C5 (sell @ 10000, unpriceable) arrives during its life.
        {kU3, ms(8000), 10010, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 44},
        {kU3, ms(9000), 10010, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 46},
        {kC5, ms(8500), 10000, 2, 6, 100, 100, 64, 0, 0, 0, 0, 45},
        {kC5, ms(9500), 10000, 2, 1, 100, 0, 64, 0, 0, 0, 0, 47},
        // U4: sell sweep 100 @ 9990; C6 (buy @ 9980: below the limit, unpriceable) arrives.
        {kU4, ms(10000), 9990, 2, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 48},
        {kU4, ms(11000), 9990, 2, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 50},
        {kC6, ms(10500), 9980, 1, 6, 100, 100, 64, 0, 0, 0, 0, 49},
        // C7: sell CP block short 300 @ 10020, resting from 11500.
        {kC7, ms(11500), 10020, 2, 6, 300, 300, 4098, 9990, 10010, 9990, 10010, 51},
        // U5: buy sweep 100 @ 10000: C7's 10020 is above the limit.
        {kU5, ms(12000), 10000, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 52},
        {kU5, ms(13000), 10000, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 53},
        // U6: buy sweep 200 @ 10030: C7 is compatible and open at arrival.
        {kU6, ms(14000), 10030, 1, 6, 200, 200, 2048, 9990, 10010, 9990, 10010, 54},
        {kU6, ms(15000), 10030, 1, 3, 200, 0, 2048, 9990, 10010, 9990, 10010, 55},
        // N1: partly filled then cancelled (final changereason 1).
        {kN1, ms(20000), 10010, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 60},
        {kN1, ms(20100), 10010, 1, 3, 100, 50, 2048, 9990, 10010, 9990, 10010, 61},
        {kN1, ms(20200), 10010, 1, 1, 100, 0, 2048, 9990, 10010, 9990, 10010, 62},
        // N2: reloaded from an earlier day (30), never entered here.
        {kN2, ms(21000), 10010, 1, 30, 100, 100, 2048, 9990, 10010, 9990, 10010, 63},
        {kN2, ms(21100), 10010, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 64},
        // N3: filled but without a trade row in this partition.
        {kN3, ms(22000), 10010, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 65},
        {kN3, ms(22100), 10010, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 66},
        // N4: filled partly in Centre Point (dealsource 47).
        {kN4, ms(23000), 10010, 1, 6, 100, 100, 2048, 9990, 10010, 9990, 10010, 67},
        {kN4, ms(23100), 10010, 1, 3, 100, 0, 2048, 9990, 10010, 9990, 10010, 68},
    };
    // {orderid, time, price, quantity, dealsource, nbid snapshot, noffer snapshot, side}
    const std::vector<TradeLine> trades{
        {kL1, ms(600), 10000, 100, 1, 9990, 10010, 1},
        {kS1, ms(1500), 10015, 400, 1, 10000, 10020, 1},  // listed first, happens second
        {kS1, ms(1000), 10010, 600, 1, 9990, 10010, 1},
        {kS2, ms(1400), 10020, 500, 1, 10000, 10020, 1},
        {kS3, ms(1360), 10005, 300, 1, 9990, 10010, 2},
        {kU1, ms(5050), 10010, 100, 1, 9990, 10010, 1},
        {kU2, ms(7000), 9990, 100, 1, 9990, 10010, 2},
        {kU3, ms(9000), 10010, 100, 1, 9990, 10010, 1},
        {kU4, ms(11000), 9990, 100, 1, 9990, 10010, 2},
        {kU5, ms(13000), 10000, 100, 1, 9990, 10010, 1},
        {kU6, ms(15000), 10030, 200, 1, 9990, 10010, 1},
        {kN1, ms(20100), 10010, 50, 1, 9990, 10010, 1},
        {kN2, ms(21100), 10010, 100, 1, 9990, 10010, 1},
        {kN4, ms(23100), 10010, 60, 1, 9990, 10010, 1},
        {kN4, ms(23100), 10000, 40, 47, 9990, 10010, 1},
    };
    write_orders(dir / "orders.csv", orders, kSecurity);
    write_trades(dir / "trades.csv", trades, kSecurity);
    if (with_nbbo) {
        // {ts, bid, offer}
        write_nbbo(dir / "nbbo.csv",
                   {
                       {ms(0), 9980, 10000},      // C1 at 1100 -> 9990
                       {ms(1150), 9990, 10000},   // superseded at 1200
                       {ms(1200), 9000, 9100},    // same timestamp, earlier in the file
                       {ms(1200), 9992, 10000},   // C2 at 1200 (at, not before) -> 9996
                       {ms(1300), 0, 0},          // C3 at 1300: unusable -> exchange 0/0: skip
                       {ms(1352), 10010, 10000},  // crossed: S3 (1350) still sees the 1300 quote
                   },
                   kSecurity);
    }
}

}  // namespace mdp::analyzers::testing
