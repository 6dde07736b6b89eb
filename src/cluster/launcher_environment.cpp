#include "cluster/launcher_environment.h"

#include <cstdlib>

namespace mdp::cluster {

namespace {

std::optional<int> positive_int(const char* text) {
    if (text == nullptr || *text == '\0') return std::nullopt;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < 1 || value > 1 << 24) return std::nullopt;
    return static_cast<int>(value);
}

}  // namespace

std::optional<LauncherEnvironment> detect_launcher(const EnvironmentLookup& lookup) {
    for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
        const char* value = lookup(variable);
        if (value != nullptr && *value != '\0') return LauncherEnvironment{variable, positive_int(value)};
    }
    const char* pmix = lookup("PMIX_RANK");
    if (pmix != nullptr && *pmix != '\0') return LauncherEnvironment{"PMIX_RANK", std::nullopt};
    return std::nullopt;
}

std::optional<LauncherEnvironment> detect_launcher() {
    return detect_launcher([](const char* name) -> const char* { return std::getenv(name); });
}

}  // namespace mdp::cluster
