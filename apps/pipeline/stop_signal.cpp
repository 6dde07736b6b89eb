#include "stop_signal.h"

#include <csignal>
#include <unistd.h>

namespace mdp::app {

namespace {

std::atomic<bool> g_stop{false};

void on_signal(int) {
    if (g_stop.exchange(true)) {
        constexpr char kMessage[] = "\nsecond interrupt: exiting now; rerun with --resume\n";
        [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
        ::_exit(5);  // ExitCode::kInterrupted (async-signal-safe exit)
    }
}

}  // namespace

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& stop_requested() { return g_stop; }

void request_stop() { g_stop.store(true); }

}  // namespace mdp::app
