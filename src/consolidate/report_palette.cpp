#include "consolidate/report_palette.h"

#include "analyzers/unmatched_analysis.h"

namespace mdp::consolidate::palette {

std::string css_variables() {
    std::string css = ":root{";
    const auto var = [&](const char* name, const char* color) {
        css += std::string("--") + name + ":" + color + ";";
    };
    var("good", kGood);
    var("good-tint", kGoodTint);
    var("bad", kBad);
    var("bad-tint", kBadTint);
    var("caution", kCaution);
    var("caution-tint", kCautionTint);
    var("neutral", kNeutral);
    var("neutral-tint", kNeutralTint);
    return css + "}\n";
}

const char* status_color(registry::PartitionStatus status) {
    switch (status) {
        case registry::PartitionStatus::kCompleted:
            return kGood;
        case registry::PartitionStatus::kFailed:
            return kBad;
        case registry::PartitionStatus::kRunning:
            return kCaution;
        case registry::PartitionStatus::kPending:
            return kNeutral;
    }
    return kNeutral;
}

// One categorical colour for each root cause but SIMULATION_MISS.
static_assert(analyzers::kRootCauses.size() - 1 <= kCategorical.size());

const char* root_cause_color(std::string_view cause) {
    if (cause == analyzers::to_string(analyzers::RootCause::kSimulationMiss)) return kCaution;
    size_t categorical = 0;
    for (const auto known : analyzers::kRootCauses) {
        if (known == analyzers::RootCause::kSimulationMiss) continue;
        if (cause == analyzers::to_string(known)) return kCategorical[categorical];
        ++categorical;
    }
    return kNeutral;
}

const char* saving_color(double saving) {
    if (saving > 0) return kGood;
    if (saving < 0) return kBad;
    return kNeutral;
}

}  // namespace mdp::consolidate::palette
