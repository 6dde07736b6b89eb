#include "engine/run_controller.h"

#include <string>
#include <utility>

namespace mdp::engine {
namespace {

std::string mebibytes(uint64_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB";
}

}  // namespace

RunController::RunController(WorkSource& source, RunListener& listener,
                             const EngineOptions& options, ProgressMeter* progress)
    : source_(source), listener_(listener), options_(options), progress_(progress) {}

template <typename Call>
void RunController::notify(Call&& call) {
    if (listener_error_) return;  // the listener failed once: the run is winding down
    try {
        call();
    } catch (...) {
        listener_error_ = std::current_exception();
    }
}

void RunController::handle(const RunEvent& event, ControllerOutput& out) {
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, RunBegins>) {
                on_begin(out);
            } else if constexpr (std::is_same_v<E, AttemptOutcome>) {
                on_outcome(e, out);
            } else if constexpr (std::is_same_v<E, RetryDue>) {
                on_retry_due(e, out);
            } else {
                on_tick(out);
            }
        },
        event);
}

bool RunController::stopping() {
    if (!stop_seen_ && options_.stop_requested != nullptr && options_.stop_requested->load()) {
        stop_seen_ = true;
    }
    return stop_seen_ || listener_error_ != nullptr;
}

void RunController::on_begin(ControllerOutput& out) {
    last_checkpoint_ = EngineClock::now();
    admit(out);
    finish_if_done(out);
    if (!finished_) out.deliver_later(EngineClock::now() + options_.tick_interval, Tick{});
}

// Biggest first, strictly: the next item starts when a worker is free and its estimated memory
// fits in what is left of the budget; if it does not fit, nothing smaller overtakes it (so a big
// item is never starved by a stream of small ones). An item bigger than the whole budget waits
// until nothing runs, then runs alone.
void RunController::admit(ControllerOutput& out) {
    const uint64_t budget = options_.memory_budget_bytes;
    while (!stopping() && running_ < options_.workers) {
        const WorkItem* next = source_.next();
        if (next == nullptr) return;
        const uint64_t need = next->estimated_memory_bytes;
        const bool oversized = need > budget;
        if (oversized && running_ != 0) return;
        if (!oversized && (memory_in_use_ > budget || need > budget - memory_in_use_)) return;

        WorkItem item = source_.take();
        if (oversized) {
            notify([&] {
                listener_.on_warning(item.id + " needs an estimated " + mebibytes(need) +
                                     ", more than the whole memory budget of " + mebibytes(budget) +
                                     "; running it alone");
            });
        }
        notify([&] { listener_.on_started(item, item.previous_attempts + 1); });
        if (listener_error_) {  // the start could not be recorded: do not run it
            source_.give_back(std::move(item));
            return;
        }
        ++running_;
        memory_in_use_ += need;
        out.start(item);
    }
}

void RunController::on_outcome(const AttemptOutcome& outcome, ControllerOutput& out) {
    const WorkItem& item = outcome.item;
    --running_;
    memory_in_use_ -= item.estimated_memory_bytes;
    if (outcome.succeeded) {
        ++completed_;
        notify([&] { listener_.on_completed(item, outcome.result, outcome.seconds); });
        advance_progress(item);
    } else {
        const uint32_t attempt = item.previous_attempts + 1;
        const bool will_retry = !outcome.permanent && attempt <= options_.max_retries;
        notify([&] { listener_.on_attempt_failed(item, attempt, outcome.error, will_retry); });
        if (will_retry) {
            WorkItem retry = item;
            retry.previous_attempts = attempt;
            if (stopping() || options_.retry_delay.count() <= 0) {
                source_.give_back(std::move(retry));  // stopping: left for the next run
            } else {
                ++waiting_for_retry_;
                out.deliver_later(EngineClock::now() + options_.retry_delay,
                                  RetryDue{std::move(retry)});
            }
        } else {
            ++failed_;
            advance_progress(item);
        }
    }
    admit(out);
    finish_if_done(out);
}

void RunController::on_retry_due(const RetryDue& due, ControllerOutput& out) {
    --waiting_for_retry_;
    source_.give_back(due.item);
    admit(out);
    finish_if_done(out);
}

void RunController::on_tick(ControllerOutput& out) {
    if (finished_) return;  // the last tick, delivered early when the run ended
    if (progress_ != nullptr) progress_->refresh();
    const auto now = EngineClock::now();
    if (now - last_checkpoint_ >= options_.checkpoint_interval) {
        last_checkpoint_ = now;
        notify([&] { listener_.on_idle_checkpoint(); });
    }
    admit(out);
    finish_if_done(out);
    if (!finished_) out.deliver_later(now + options_.tick_interval, Tick{});
}

void RunController::finish_if_done(ControllerOutput& out) {
    if (finished_ || running_ != 0) return;
    const bool all_done = waiting_for_retry_ == 0 && source_.next() == nullptr;
    if (!all_done && !stopping()) return;
    finished_ = true;
    notify([&] { listener_.on_idle_checkpoint(); });
    if (progress_ != nullptr) progress_->finish();
    // Pending ticks and (when stopping) retry delays are delivered now; the controller counts
    // the retries as not started.
    out.deliver_all_now();
}

std::string RunController::progress_detail() const {
    std::string text = std::to_string(finished_items_.load(std::memory_order_relaxed));
    if (options_.progress.total_items != 0) text += "/" + std::to_string(options_.progress.total_items);
    text += " " + options_.progress.item_name;
    const size_t failed = failed_items_.load(std::memory_order_relaxed);
    if (failed > 0) text += ", " + std::to_string(failed) + " failed";
    return text;
}

void RunController::advance_progress(const WorkItem& item) {
    finished_items_.fetch_add(1, std::memory_order_relaxed);
    failed_items_.store(failed_, std::memory_order_relaxed);
    if (progress_ == nullptr) return;
    progress_->advance(options_.progress.unit == ProgressUnit::kBytes ? item.size_bytes : 1);
}

RunSummary RunController::summary() const {
    RunSummary summary;
    summary.completed = completed_;
    summary.failed = failed_;
    summary.not_started = source_.remaining() + waiting_for_retry_;
    summary.interrupted = stop_seen_ && summary.not_started > 0;
    return summary;
}

}  // namespace mdp::engine
