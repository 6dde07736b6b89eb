#pragma once
// The colours of report.html, in one place, each with one meaning wherever it appears (CSS text,
// pills, SVG bars and markers), so that a reader who learns them once can trust them:
//   good     the simulated dark execution did better, or a partition completed;
//   bad      the real (lit) execution did better, or a partition failed;
//   caution  needs a look but is not a failure of the run: a running partition, an unreadable
//            one, SIMULATION_MISS (dark liquidity the simulation does not count);
//   neutral  no verdict: not significant, pending, unknown, a duration;
//   categorical  to tell apart the market-structure root causes, none of which is good or bad:
//            blues and purples only, so that they never read as good or bad.
// Colour is never the only carrier: every coloured mark has a label or a table row beside it.

#include <array>
#include <string>
#include <string_view>

#include "registry/partition_entry.h"

namespace mdp::consolidate::palette {

inline constexpr const char* kGood = "#1b7f5b";
inline constexpr const char* kGoodTint = "#e3f3ec";
inline constexpr const char* kBad = "#b4443b";
inline constexpr const char* kBadTint = "#f8e5e3";
inline constexpr const char* kCaution = "#b7791f";
inline constexpr const char* kCautionTint = "#fbf0dc";
inline constexpr const char* kNeutral = "#8a97a8";
inline constexpr const char* kNeutralTint = "#eef1f5";
inline constexpr std::array<const char*, 6> kCategorical{"#3a78c2", "#7fb0e3", "#5b5fc7",
                                                         "#9c7fd6", "#4f6d8f", "#a3b4c9"};

// CSS custom properties (--good, --good-tint, ...) with the colours above, for the page's style.
std::string css_variables();

const char* status_color(registry::PartitionStatus status);
// The same colour for a root cause wherever it is drawn, chosen by its name: SIMULATION_MISS is
// caution, the six market-structure causes categorical, an unknown name neutral.
const char* root_cause_color(std::string_view cause);
// A saving's colour by its sign when it is a verdict: good above 0, bad below, neutral at 0.
const char* saving_color(double saving);

}  // namespace mdp::consolidate::palette
