#include "common/progress_meter.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <utility>

namespace mdp {
namespace {

constexpr int kBarWidth = 24;

bool stream_is_terminal(const std::ostream* out) {
    if (out == &std::cout) return ::isatty(STDOUT_FILENO) == 1;
    if (out == &std::cerr || out == &std::clog) return ::isatty(STDERR_FILENO) == 1;
    return false;
}

// Fixed-point text with `decimals` digits after the point.
std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// Three significant digits for small values, whole numbers from 100 up: "1.23", "12.3", "123".
std::string three_digits(double value) {
    if (value < 9.995) return fixed(value, 2);
    if (value < 99.95) return fixed(value, 1);
    return fixed(value, 0);
}

std::string format_quantity(uint64_t units, ProgressUnit unit) {
    if (unit == ProgressUnit::kBytes) return format_bytes(static_cast<double>(units));
    return std::to_string(units);
}

// "123 MB/456 MB" (compact) or "123 MB of 456 MB"; items: "420/1000 items", "420 of 1000 items".
std::string format_done_of_total(uint64_t done, uint64_t total, ProgressUnit unit, bool compact) {
    const char* separator = compact ? "/" : " of ";
    std::string text = format_quantity(done, unit) + separator + format_quantity(total, unit);
    if (unit == ProgressUnit::kItems) text += " items";
    return text;
}

std::string format_done(uint64_t done, ProgressUnit unit) {
    std::string text = format_quantity(done, unit);
    if (unit == ProgressUnit::kItems) text += " items";
    return text;
}

std::string format_percent(uint64_t done, uint64_t total) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    return fixed(100.0 * fraction, 1) + "%";
}

std::string bar(uint64_t done, uint64_t total) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const auto filled = static_cast<int>(fraction * kBarWidth);
    return "[" + std::string(static_cast<size_t>(filled), '#') +
           std::string(static_cast<size_t>(kBarWidth - filled), '.') + "]";
}

double seconds_between(ProgressMeter::Clock::time_point from, ProgressMeter::Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

}  // namespace

std::string format_bytes(double bytes) {
    if (!std::isfinite(bytes) || bytes < 0) return "--";
    static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB", "PB"};
    if (bytes < 999.5) return fixed(bytes, 0) + " B";
    double value = bytes / 1000.0;
    size_t unit = 0;
    while (value >= 999.5 && unit + 1 < std::size(kUnits)) {
        value /= 1000.0;
        ++unit;
    }
    return three_digits(value) + " " + kUnits[unit];
}

std::string format_rate(double units_per_second, ProgressUnit unit) {
    if (!std::isfinite(units_per_second) || units_per_second < 0) return "--";
    if (unit == ProgressUnit::kBytes) return format_bytes(units_per_second) + "/s";
    return three_digits(units_per_second) + " items/s";
}

std::string format_duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "--";
    if (seconds < 9.95) return fixed(seconds, 1) + "s";
    const auto whole = static_cast<uint64_t>(std::llround(seconds));
    char buffer[64];
    if (whole < 60) {
        std::snprintf(buffer, sizeof buffer, "%llus", static_cast<unsigned long long>(whole));
    } else if (whole < 3600) {
        std::snprintf(buffer, sizeof buffer, "%llum%02llus",
                      static_cast<unsigned long long>(whole / 60),
                      static_cast<unsigned long long>(whole % 60));
    } else if (whole < 86400) {
        std::snprintf(buffer, sizeof buffer, "%lluh%02llum",
                      static_cast<unsigned long long>(whole / 3600),
                      static_cast<unsigned long long>(whole % 3600 / 60));
    } else {
        std::snprintf(buffer, sizeof buffer, "%llud%02lluh",
                      static_cast<unsigned long long>(whole / 86400),
                      static_cast<unsigned long long>(whole % 86400 / 3600));
    }
    return buffer;
}

ProgressMeter::ProgressMeter(ProgressOptions options)
    : options_(std::move(options)),
      out_(options_.out != nullptr ? options_.out : &std::cerr),
      terminal_(options_.terminal.value_or(stream_is_terminal(out_))),
      start_(now()),
      next_draw_ns_(
          terminal_ ? 0
                    : std::chrono::duration_cast<std::chrono::nanoseconds>(options_.plain_interval)
                          .count()) {}

ProgressMeter::Clock::time_point ProgressMeter::now() const {
    return options_.clock ? options_.clock() : Clock::now();
}

void ProgressMeter::advance(uint64_t units) {
    done_.fetch_add(units, std::memory_order_relaxed);
    draw_if_due(now());
}

void ProgressMeter::refresh() { draw_if_due(now()); }

void ProgressMeter::draw_if_due(Clock::time_point at) {
    const int64_t since_start =
        std::chrono::duration_cast<std::chrono::nanoseconds>(at - start_).count();
    if (since_start < next_draw_ns_.load(std::memory_order_relaxed)) return;
    std::unique_lock lock(draw_mutex_, std::try_to_lock);
    if (!lock.owns_lock() || finished_.load()) return;  // another thread is drawing
    if (since_start < next_draw_ns_.load(std::memory_order_relaxed)) return;
    const auto interval = terminal_ ? options_.redraw_interval : options_.plain_interval;
    next_draw_ns_.store(
        since_start + std::chrono::duration_cast<std::chrono::nanoseconds>(interval).count(),
        std::memory_order_relaxed);

    const std::string line = status_line(at);
    if (terminal_) {
        // Overwrite the previous line; pad so that a shorter line leaves no stale characters.
        const size_t padding =
            last_line_length_ > line.size() ? last_line_length_ - line.size() : 0;
        *out_ << '\r' << line << std::string(padding, ' ') << std::flush;
        last_line_length_ = line.size();
    } else {
        *out_ << line << '\n' << std::flush;
    }
}

void ProgressMeter::finish() {
    std::lock_guard lock(draw_mutex_);
    if (finished_.exchange(true)) return;
    const std::string line = summary_line(now());
    if (terminal_) {
        const size_t padding =
            last_line_length_ > line.size() ? last_line_length_ - line.size() : 0;
        *out_ << '\r' << line << std::string(padding, ' ') << '\n' << std::flush;
    } else {
        *out_ << line << '\n' << std::flush;
    }
}

std::string ProgressMeter::with_detail(std::string line, std::string_view separator) const {
    if (options_.detail) {
        const std::string detail = options_.detail();
        if (!detail.empty()) line += std::string(separator) + detail;
    }
    return line;
}

std::string ProgressMeter::status_line(Clock::time_point at) const {
    const uint64_t done_units = done();
    const uint64_t total_units = options_.total;
    const ProgressUnit unit = options_.unit;
    const double elapsed = seconds_between(start_, at);
    const double rate = elapsed > 0 ? static_cast<double>(done_units) / elapsed : -1.0;
    const std::string rate_text = format_rate(rate, unit);

    if (total_units == 0) {  // unknown total: no bar, no percent, no ETA
        if (terminal_)
            return with_detail(options_.label + "  " + format_done(done_units, unit) + "  " + rate_text, "  ");
        return with_detail(options_.label + ": " + format_done(done_units, unit) + ", " + rate_text, ", ");
    }
    double eta = -1.0;
    if (done_units >= total_units) {
        eta = 0.0;
    } else if (rate > 0) {
        eta = static_cast<double>(total_units - done_units) / rate;
    }
    const std::string percent = format_percent(done_units, total_units);
    if (terminal_) {
        return with_detail(options_.label + " " + bar(done_units, total_units) + " " + percent + "  " +
                               format_done_of_total(done_units, total_units, unit, true) + "  " + rate_text +
                               "  ETA " + format_duration(eta),
                           "  ");
    }
    return with_detail(options_.label + ": " + percent + " (" +
                           format_done_of_total(done_units, total_units, unit, false) + "), " + rate_text +
                           ", ETA " + format_duration(eta),
                       ", ");
}

std::string ProgressMeter::summary_line(Clock::time_point at) const {
    const uint64_t done_units = done();
    const uint64_t total_units = options_.total;
    const double elapsed = seconds_between(start_, at);
    const double rate = elapsed > 0 ? static_cast<double>(done_units) / elapsed : -1.0;
    const std::string timing =
        "in " + format_duration(elapsed) + " (" + format_rate(rate, options_.unit) + ")";
    if (total_units != 0 && done_units < total_units) {
        return with_detail(options_.label + ": stopped at " + format_percent(done_units, total_units) + " (" +
                               format_done_of_total(done_units, total_units, options_.unit, false) + ") " + timing,
                           ", ");
    }
    return with_detail(options_.label + ": done, " + format_done(done_units, options_.unit) + " " + timing, ", ");
}

}  // namespace mdp
