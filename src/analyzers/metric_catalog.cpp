#include "analyzers/metric_catalog.h"

namespace mdp::analyzers {

std::string_view to_string(BetterDirection direction) {
    switch (direction) {
        case BetterDirection::kLower:
            return "lower is better";
        case BetterDirection::kHigher:
            return "higher is better";
        case BetterDirection::kNeutral:
            return "neutral";
    }
    return "neutral";
}

}  // namespace mdp::analyzers
