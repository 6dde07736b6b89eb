#pragma once
// Ctrl-C and SIGTERM ask the run to stop: work in flight finishes, state is saved, and the
// process exits with ExitCode::kInterrupted. A second Ctrl-C exits at once (the checkpoints and
// the registry journal still make --resume exact).

#include <atomic>

namespace mdp::app {

void install_stop_handlers();
const std::atomic<bool>& stop_requested();
// Asks for the same stop as a first signal (in MPI mode: the coordinator's kStop on a worker).
void request_stop();

}  // namespace mdp::app
