// Tests of common/progress_meter (kept with the engine's tests, its main user).
#include "common/progress_meter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <thread>
#include <vector>

namespace mdp {
namespace {

using namespace std::chrono_literals;
using Clock = ProgressMeter::Clock;

struct FakeClock {
    Clock::time_point now = Clock::time_point{} + 1000s;
    std::function<Clock::time_point()> function() {
        return [this] { return now; };
    }
};

ProgressOptions options(FakeClock& clock, std::ostream& out, bool terminal, ProgressUnit unit,
                        uint64_t total) {
    ProgressOptions o;
    o.label = "work";
    o.total = total;
    o.unit = unit;
    o.out = &out;
    o.terminal = terminal;
    o.clock = clock.function();
    return o;
}

size_t count(const std::string& text, char c) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), c));
}

TEST(ProgressFormat, Bytes) {
    EXPECT_EQ(format_bytes(0), "0 B");
    EXPECT_EQ(format_bytes(999), "999 B");
    EXPECT_EQ(format_bytes(1000), "1.00 kB");
    EXPECT_EQ(format_bytes(12'345), "12.3 kB");
    EXPECT_EQ(format_bytes(123'456'789), "123 MB");
    EXPECT_EQ(format_bytes(1'234'567'890), "1.23 GB");
    EXPECT_EQ(format_bytes(5e12), "5.00 TB");
    EXPECT_EQ(format_bytes(999'600), "1.00 MB");  // rounds up into the next unit, not "1000 kB"
    EXPECT_EQ(format_bytes(-1), "--");
}

TEST(ProgressFormat, Rates) {
    EXPECT_EQ(format_rate(2.5e6, ProgressUnit::kBytes), "2.50 MB/s");
    EXPECT_EQ(format_rate(450e6, ProgressUnit::kBytes), "450 MB/s");
    EXPECT_EQ(format_rate(1.5e9, ProgressUnit::kBytes), "1.50 GB/s");
    EXPECT_EQ(format_rate(12.34, ProgressUnit::kItems), "12.3 items/s");
    EXPECT_EQ(format_rate(0.5, ProgressUnit::kItems), "0.50 items/s");
    EXPECT_EQ(format_rate(1234, ProgressUnit::kItems), "1234 items/s");
    EXPECT_EQ(format_rate(-1, ProgressUnit::kItems), "--");
}

TEST(ProgressFormat, Durations) {
    EXPECT_EQ(format_duration(0), "0.0s");
    EXPECT_EQ(format_duration(3.2), "3.2s");
    EXPECT_EQ(format_duration(42), "42s");
    EXPECT_EQ(format_duration(59.6), "1m00s");
    EXPECT_EQ(format_duration(185), "3m05s");
    EXPECT_EQ(format_duration(7380), "2h03m");
    EXPECT_EQ(format_duration(93600), "1d02h");
    EXPECT_EQ(format_duration(-1), "--");
}

TEST(ProgressMeter, PlainLinesEveryIntervalWithRateAndEta) {
    FakeClock clock;
    std::ostringstream out;
    ProgressMeter meter(options(clock, out, false, ProgressUnit::kBytes, 100'000'000));
    EXPECT_FALSE(meter.is_terminal());
    meter.advance(10'000'000);
    clock.now += 5s;
    meter.advance(10'000'000);
    EXPECT_EQ(out.str(), "");  // not due before 10 s
    clock.now += 5s;
    meter.advance(10'000'000);
    EXPECT_EQ(out.str(), "work: 30.0% (30.0 MB of 100 MB), 3.00 MB/s, ETA 23s\n");
    clock.now += 1s;
    meter.advance(0);
    EXPECT_EQ(count(out.str(), '\n'), 1u);  // next line only 10 s later
    clock.now += 9s;
    meter.refresh();  // no progress, still a line: the rate falls, the ETA grows
    EXPECT_EQ(count(out.str(), '\n'), 2u);
    EXPECT_NE(out.str().find("work: 30.0% (30.0 MB of 100 MB), 1.50 MB/s, ETA 47s\n"),
              std::string::npos)
        << out.str();

    meter.advance(70'000'000);
    out.str("");
    meter.finish();
    EXPECT_EQ(out.str(), "work: done, 100 MB in 20s (5.00 MB/s)\n");
    meter.finish();  // only once
    meter.advance(1);
    EXPECT_EQ(out.str(), "work: done, 100 MB in 20s (5.00 MB/s)\n");
}

TEST(ProgressMeter, LiveBarRedrawsAtMostEveryRedrawInterval) {
    FakeClock clock;
    std::ostringstream out;
    ProgressMeter meter(options(clock, out, true, ProgressUnit::kItems, 1000));
    meter.advance(100);  // the first update draws at once
    EXPECT_EQ(count(out.str(), '\r'), 1u);
    clock.now += 100ms;
    meter.advance(100);
    EXPECT_EQ(count(out.str(), '\r'), 1u);  // too soon
    clock.now += 150ms;
    meter.advance(300);
    EXPECT_EQ(count(out.str(), '\r'), 2u);
    const std::string last = out.str().substr(out.str().rfind('\r') + 1);
    // 500 of 1000 items in 0.25 s: 2000 items/s, 0.25 s left.
    EXPECT_EQ(last,
              "work [############............] 50.0%  500/1000 items  2000 items/s  ETA 0.2s");
    EXPECT_EQ(count(out.str(), '\n'), 0u);  // a live bar stays on its line

    clock.now += 2750ms;
    meter.advance(500);
    meter.finish();
    const std::string text = out.str();
    EXPECT_EQ(text.back(), '\n');
    const std::string summary = text.substr(text.rfind('\r') + 1);
    EXPECT_EQ(summary.substr(0, summary.find_last_not_of(" \n") + 1),
              "work: done, 1000 items in 3.0s (333 items/s)");
    // The summary is padded over the longer bar line so that no stale characters remain.
    EXPECT_GE(summary.size(), last.size());
}

TEST(ProgressMeter, EtaUnknownUntilSomethingIsDone) {
    FakeClock clock;
    std::ostringstream out;
    ProgressMeter meter(options(clock, out, false, ProgressUnit::kBytes, 1000));
    EXPECT_EQ(meter.status_line(clock.now), "work: 0.0% (0 B of 1.00 kB), --, ETA --");
    clock.now += 2s;
    EXPECT_EQ(meter.status_line(clock.now), "work: 0.0% (0 B of 1.00 kB), 0 B/s, ETA --");
}

TEST(ProgressMeter, UnknownTotalShowsCountAndRateOnly) {
    FakeClock clock;
    std::ostringstream out;
    ProgressMeter meter(options(clock, out, false, ProgressUnit::kItems, 0));
    meter.advance(5);
    clock.now += 10s;
    EXPECT_EQ(meter.status_line(clock.now), "work: 5 items, 0.50 items/s");
    EXPECT_EQ(meter.summary_line(clock.now), "work: done, 5 items in 10s (0.50 items/s)");
}

TEST(ProgressMeter, SummarySaysWhereAnUnfinishedRunStopped) {
    FakeClock clock;
    std::ostringstream out;
    ProgressMeter meter(options(clock, out, false, ProgressUnit::kItems, 10));
    meter.advance(4);
    clock.now += 8s;
    EXPECT_EQ(meter.summary_line(clock.now),
              "work: stopped at 40.0% (4 of 10 items) in 8.0s (0.50 items/s)");
}

TEST(ProgressMeter, ConcurrentUpdatesAreAllCounted) {
    std::ostringstream out;
    ProgressOptions o;
    o.label = "threads";
    o.total = 40'000;
    o.out = &out;
    o.terminal = true;
    ProgressMeter meter(o);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10'000; ++i) meter.advance();
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(meter.done(), 40'000u);
    meter.finish();
    EXPECT_NE(out.str().find("threads: done, 40000 items in "), std::string::npos);
}

// The bar counts bytes; the detail (the engine's "412/750 partitions, 3 failed") rides along on
// every line, the summary included.
TEST(ProgressMeter, DetailIsAppendedToEveryLine) {
    FakeClock clock;
    std::ostringstream out;
    ProgressOptions o = options(clock, out, false, ProgressUnit::kBytes, 1000);
    int finished = 0;
    o.detail = [&] { return std::to_string(finished) + "/4 partitions"; };
    ProgressMeter meter(std::move(o));
    finished = 1;
    meter.advance(250);
    clock.now += 1s;
    const std::string line = meter.status_line(clock.now);
    EXPECT_TRUE(line.ends_with("ETA 3.0s, 1/4 partitions")) << line;
    finished = 4;
    meter.advance(750);
    const std::string summary = meter.summary_line(clock.now);
    EXPECT_TRUE(summary.ends_with("/s), 4/4 partitions")) << summary;
    ProgressOptions terminal = options(clock, out, true, ProgressUnit::kBytes, 1000);
    terminal.detail = [] { return std::string("2/4 partitions, 1 failed"); };
    ProgressMeter bar(std::move(terminal));
    const std::string bar_line = bar.status_line(clock.now);
    EXPECT_TRUE(bar_line.ends_with("ETA --  2/4 partitions, 1 failed")) << bar_line;
}

TEST(ProgressMeter, AStringStreamIsNotATerminal) {
    std::ostringstream out;
    ProgressOptions o;
    o.out = &out;
    EXPECT_FALSE(ProgressMeter(o).is_terminal());
}

}  // namespace
}  // namespace mdp
