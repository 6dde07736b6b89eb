// Parallel speed-up of the engine: the same CPU-bound tasks (pure computation, no I/O, no
// allocation) run with 1 worker and with every usable worker. The speed-up should be close to
// the number of usable cores.
//
//   engine_speedup [--tasks N] [--ms MILLISECONDS] [--repeat R]
//   (defaults: 200 tasks of ~50 ms, each configuration run once; with R > 1 the best wall time
//   of R runs is kept, which filters out other processes' load on a shared machine)
//
// Besides wall times it prints the process CPU time per run (CPU seconds / wall seconds is the
// number of cores the run really got) and the peak number of tasks seen running at once.

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "engine/sizing.h"
#include "engine/system_resources.h"
#include "engine/task_runner.h"

namespace {

using Clock = std::chrono::steady_clock;

// A dependent chain of integer mixing: the compiler cannot vectorize or skip it.
uint64_t spin(uint64_t iterations, uint64_t seed) {
    uint64_t x = seed | 1;
    for (uint64_t i = 0; i < iterations; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x += i;
    }
    return x;
}

double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Iterations for `milliseconds` of CPU time: measured on this thread's CPU clock, so other
// processes' load does not shrink the tasks.
uint64_t calibrate_iterations(double milliseconds) {
    uint64_t iterations = 1 << 20;
    for (;;) {
        const double start = thread_cpu_seconds();
        volatile uint64_t sink = spin(iterations, 42);
        (void)sink;
        const double elapsed = (thread_cpu_seconds() - start) * 1000.0;
        if (elapsed > 100.0) {
            return static_cast<uint64_t>(static_cast<double>(iterations) * milliseconds / elapsed);
        }
        iterations *= 2;
    }
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five;
    in >> one >> five;
    return one.empty() ? "unknown" : one + " (1 min), " + five + " (5 min)";
}

double process_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

class SpinTask final : public mdp::engine::PartitionTask {
  public:
    explicit SpinTask(uint64_t iterations) : iterations_(iterations) {}
    mdp::engine::TaskResult run(const mdp::engine::WorkItem& item) override {
        const int now_running = ++running_;
        int seen = peak.load();
        while (now_running > seen && !peak.compare_exchange_weak(seen, now_running)) {
        }
        mdp::engine::TaskResult result;
        result.counts["checksum"] = static_cast<int64_t>(spin(iterations_, item.size_bytes) >> 1);
        --running_;
        return result;
    }
    std::atomic<int> peak{0};

  private:
    uint64_t iterations_;
    std::atomic<int> running_{0};
};

class QuietListener final : public mdp::engine::RunListener {
  public:
    void on_started(const mdp::engine::WorkItem&, uint32_t) override {}
    void on_completed(const mdp::engine::WorkItem&, const mdp::engine::TaskResult&,
                      double) override {
        ++completed;
    }
    void on_attempt_failed(const mdp::engine::WorkItem&, uint32_t, const std::string&,
                           bool) override {
        ++failed;
    }
    size_t completed = 0;
    size_t failed = 0;
};

struct Measurement {
    double wall = 0;
    double cpu = 0;
    int peak = 0;
};

Measurement run_with(size_t workers, size_t tasks, uint64_t iterations) {
    std::vector<mdp::engine::WorkItem> items;
    for (size_t i = 0; i < tasks; ++i) {
        items.push_back({"task-" + std::to_string(i), 1000 + i, 1, 0});
    }
    SpinTask task(iterations);
    QuietListener listener;
    mdp::engine::EngineOptions options;
    options.workers = workers;
    const double cpu_before = process_cpu_seconds();
    const auto summary = mdp::engine::run_tasks(std::move(items), task, listener, options);
    const double cpu = process_cpu_seconds() - cpu_before;
    if (summary.completed != tasks || listener.completed != tasks) {
        std::fprintf(stderr, "engine_speedup: only %zu of %zu tasks completed\n", summary.completed,
                     tasks);
        std::exit(1);
    }
    return {summary.seconds, cpu, task.peak.load()};
}

Measurement best_of(size_t repeat, size_t workers, size_t tasks, uint64_t iterations) {
    Measurement best;
    for (size_t i = 0; i < repeat; ++i) {
        const Measurement m = run_with(workers, tasks, iterations);
        if (i == 0 || m.wall < best.wall) best = m;
    }
    return best;
}

void print(const char* name, const Measurement& m) {
    std::printf("%-10s wall %7.3f s   cpu %7.3f s (%.2f cores busy)   peak tasks at once %d\n",
                name, m.wall, m.cpu, m.cpu / m.wall, m.peak);
}

}  // namespace

int main(int argc, char** argv) {
    size_t tasks = 200;
    double milliseconds = 50;
    size_t repeat = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--tasks") == 0) tasks = std::strtoull(argv[i + 1], nullptr, 10);
        if (std::strcmp(argv[i], "--ms") == 0) milliseconds = std::strtod(argv[i + 1], nullptr);
        if (std::strcmp(argv[i], "--repeat") == 0) {
            repeat = std::max<size_t>(1, std::strtoull(argv[i + 1], nullptr, 10));
        }
    }
    mdp::engine::SystemProbe probe;
    const auto system = mdp::engine::detect_system_resources(probe);
    const auto sizing = mdp::engine::choose_sizing(system, {});
    const size_t workers = sizing.workers.value;

    const uint64_t iterations = calibrate_iterations(milliseconds);
    std::printf("engine_speedup: %zu CPU-bound tasks of ~%.0f ms of CPU (%llu iterations each)\n",
                tasks, milliseconds, static_cast<unsigned long long>(iterations));
    std::printf("usable CPUs: %u (%s)\n", sizing.usable_cpus.value,
                sizing.usable_cpus.reason.c_str());
    std::printf("load average before the runs: %s (other processes' load lowers the speed-up)\n",
                load_average().c_str());
    const Measurement serial = best_of(repeat, 1, tasks, iterations);
    print("1 worker", serial);
    const Measurement parallel = best_of(repeat, workers, tasks, iterations);
    const std::string name = std::to_string(workers) + " workers";
    print(name.c_str(), parallel);
    const double speedup = serial.wall / parallel.wall;
    std::printf("speed-up: %.2fx with %zu workers (parallel efficiency %.0f%%)\n", speedup, workers,
                100.0 * speedup / static_cast<double>(workers));
    return 0;
}
