#include "engine/task_runner.h"

#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "engine/error_text.h"
#include "engine/largest_first_queue.h"
#include "engine/run_controller.h"
#include "engine/timer_thread.h"

namespace mdp::engine {
namespace {

namespace flow = tbb::flow;

using ControllerNode = flow::multifunction_node<RunEvent, std::tuple<WorkItem>>;
using WorkerNode = flow::function_node<WorkItem, RunEvent>;
// Only its gateway is used: the entry through which the timer thread hands delayed events back
// to the graph, holding the graph's wait count while an event is pending.
using WakeupNode = flow::async_node<flow::continue_msg, RunEvent>;

// Carries out the controller's requests from inside the controller node's body.
class GraphOutput final : public ControllerOutput {
  public:
    GraphOutput(ControllerNode::output_ports_type& ports, WakeupNode::gateway_type& wakeups,
                TimerThread& timer)
        : ports_(ports), wakeups_(wakeups), timer_(timer) {}

    void start(const WorkItem& item) override { std::get<0>(ports_).try_put(item); }

    void deliver_later(EngineClock::time_point due, RunEvent event) override {
        wakeups_.reserve_wait();  // wait_for_all() must not return while this is pending
        WakeupNode::gateway_type* gateway = &wakeups_;
        timer_.schedule(due, [gateway, event = std::move(event)] {
            gateway->try_put(event);
            gateway->release_wait();
        });
    }

    void deliver_all_now() override { timer_.fire_all_now(); }

  private:
    ControllerNode::output_ports_type& ports_;
    WakeupNode::gateway_type& wakeups_;
    TimerThread& timer_;
};

RunEvent run_one(PartitionTask& task, const WorkItem& item) {
    AttemptOutcome outcome;
    outcome.item = item;
    const auto started = EngineClock::now();
    try {
        outcome.result = task.run(item);
        outcome.succeeded = true;
    } catch (const PermanentTaskError&) {
        outcome.permanent = true;
        outcome.error = describe_exception(std::current_exception());
    } catch (...) {
        outcome.error = describe_exception(std::current_exception());
    }
    outcome.seconds = std::chrono::duration<double>(EngineClock::now() - started).count();
    return outcome;
}

void validate(const EngineOptions& options) {
    if (options.workers == 0) throw std::invalid_argument("engine: workers must be at least 1");
    if (options.workers > 65535) throw std::invalid_argument("engine: too many workers");
    if (options.memory_budget_bytes == 0) {
        throw std::invalid_argument("engine: the memory budget must be positive");
    }
    if (options.tick_interval.count() <= 0 || options.checkpoint_interval.count() < 0) {
        throw std::invalid_argument("engine: tick and checkpoint intervals must be positive");
    }
}

}  // namespace

RunSummary run_tasks(std::vector<WorkItem> items, PartitionTask& task, RunListener& listener,
                     const EngineOptions& options) {
    EngineOptions with_total = options;
    if (with_total.progress.total == 0) {
        for (const WorkItem& item : items) {
            with_total.progress.total +=
                options.progress.unit == ProgressUnit::kBytes ? item.size_bytes : 1;
        }
    }
    if (with_total.progress.total_items == 0) with_total.progress.total_items = items.size();
    LargestFirstQueue queue(std::move(items));
    return run_tasks(queue, task, listener, with_total);
}

RunSummary run_tasks(WorkSource& source, PartitionTask& task, RunListener& listener,
                     const EngineOptions& options) {
    validate(options);
    const auto started = EngineClock::now();

    std::optional<ProgressMeter> progress;
    const RunController* counts = nullptr;  // set below, before anything can draw
    if (options.progress.out != nullptr) {
        ProgressOptions progress_options;
        progress_options.label = options.progress.label;
        progress_options.total = options.progress.total;
        progress_options.unit = options.progress.unit;
        progress_options.out = options.progress.out;
        progress_options.terminal = options.progress.terminal;
        progress_options.detail = [&counts] { return counts != nullptr ? counts->progress_detail() : std::string(); };
        progress.emplace(std::move(progress_options));
    }
    RunController controller(source, listener, options, progress ? &*progress : nullptr);
    counts = &controller;

    // One thread per worker plus one, so that the controller can always run while every worker
    // is busy with a long task. The global limit is raised if it is lower, never lowered.
    const int threads = static_cast<int>(options.workers) + 1;
    const auto current_limit = static_cast<int>(
        tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
    tbb::global_control thread_limit(tbb::global_control::max_allowed_parallelism,
                                     static_cast<size_t>(std::max(threads, current_limit)));
    tbb::task_arena arena(threads, 1);

    // Declared before the graph so that it outlives it: the graph's destructor waits for every
    // pending delivery, and only the timer can release them.
    TimerThread timer;
    arena.execute([&] {
        flow::graph graph;  // attaches to `arena`
        WakeupNode wakeups(graph, flow::serial,
                           [](const flow::continue_msg&, WakeupNode::gateway_type&) {});
        ControllerNode control(
            graph, flow::serial,
            [&](const RunEvent& event, ControllerNode::output_ports_type& ports) {
                GraphOutput out(ports, wakeups.gateway(), timer);
                controller.handle(event, out);
            });
        WorkerNode workers(graph, options.workers,
                           [&task](const WorkItem& item) { return run_one(task, item); });
        flow::make_edge(flow::output_port<0>(control), workers);
        flow::make_edge(workers, control);
        flow::make_edge(wakeups, control);

        control.try_put(RunBegins{});
        try {
            graph.wait_for_all();
        } catch (...) {
            timer.fire_all_now();  // release pending wait counts so the graph can be destroyed
            throw;
        }
    });

    if (controller.listener_error()) std::rethrow_exception(controller.listener_error());
    RunSummary summary = controller.summary();
    summary.seconds = std::chrono::duration<double>(EngineClock::now() - started).count();
    return summary;
}

}  // namespace mdp::engine
