#pragma once
// Progress display for long work (extraction, partition processing): a live single-line bar
// with percent, rate and ETA on a terminal, plain periodic lines when the output is a file or a
// pipe, and a summary line at the end.
//
// Updating is cheap and thread-safe (an atomic add and a clock read); drawing happens at most
// every redraw interval, from whichever thread's update finds it due. The clock and the stream
// are injectable so that the formatting can be tested without a terminal or real time.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace mdp {

enum class ProgressUnit {
    kBytes,  // shown as kB/MB/GB, rate in MB/s (scaled)
    kItems,  // shown as counts, rate in items/s
};

struct ProgressOptions {
    using Clock = std::chrono::steady_clock;

    std::string label;
    uint64_t total = 0;  // 0: unknown (no percent, no ETA)
    ProgressUnit unit = ProgressUnit::kItems;
    std::ostream* out = nullptr;  // nullptr: std::cerr
    // Live bar or plain lines; by default a live bar exactly when `out` is std::cout, std::cerr
    // or std::clog and the matching file descriptor is a terminal.
    std::optional<bool> terminal;
    std::chrono::milliseconds redraw_interval{200};    // live bar: at most ~5 redraws a second
    std::chrono::milliseconds plain_interval{10'000};  // plain lines: one every 10 s
    std::function<Clock::time_point()> clock;          // default: steady_clock::now
    // Extra facts appended to every line, e.g. "412/750 partitions, 3 failed" while the bar
    // counts bytes. Called from whichever thread draws: must be thread-safe.
    std::function<std::string()> detail;
};

class ProgressMeter {
  public:
    using Clock = ProgressOptions::Clock;

    explicit ProgressMeter(ProgressOptions options);
    ProgressMeter(const ProgressMeter&) = delete;
    ProgressMeter& operator=(const ProgressMeter&) = delete;

    // Records `units` more done; redraws if a redraw is due. Thread-safe.
    void advance(uint64_t units = 1);
    // Redraws if due, without progress (keeps the rate and ETA honest while work is slow).
    void refresh();
    // Prints the final summary line (ending the live bar's line). Later calls do nothing.
    void finish();

    uint64_t done() const { return done_.load(std::memory_order_relaxed); }
    uint64_t total() const { return options_.total; }
    bool is_terminal() const { return terminal_; }

    // The text of one progress line (live bar or plain form) and of the summary, as of `now`.
    std::string status_line(Clock::time_point now) const;
    std::string summary_line(Clock::time_point now) const;

  private:
    void draw_if_due(Clock::time_point now);
    std::string with_detail(std::string line, std::string_view separator) const;
    Clock::time_point now() const;

    ProgressOptions options_;
    std::ostream* out_;
    bool terminal_;
    Clock::time_point start_;
    std::atomic<uint64_t> done_{0};
    std::atomic<int64_t> next_draw_ns_;  // since start_
    std::atomic<bool> finished_{false};
    std::mutex draw_mutex_;
    size_t last_line_length_ = 0;  // guarded by draw_mutex_
};

// Formatting helpers, exposed for tests and for other displays.
// 999 -> "999 B", 12'345 -> "12.3 kB", 1'234'567'890 -> "1.23 GB" (decimal units).
std::string format_bytes(double bytes);
// "12.3 MB/s" or "12.3 items/s"; "--" when the rate is unknown (negative or not finite).
std::string format_rate(double units_per_second, ProgressUnit unit);
// 3.2 -> "3.2s", 42 -> "42s", 185 -> "3m05s", 7380 -> "2h03m", 93600 -> "1d02h"; "--" if unknown.
std::string format_duration(double seconds);

}  // namespace mdp
