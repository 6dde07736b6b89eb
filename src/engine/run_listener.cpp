#include "engine/run_listener.h"

#include <iostream>

namespace mdp::engine {

void RunListener::on_warning(const std::string& message) {
    std::cerr << "warning: " << message << '\n';
}

}  // namespace mdp::engine
