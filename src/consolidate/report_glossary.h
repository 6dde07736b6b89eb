#pragma once
// The glossary of report.html: every metric the page shows and every root-cause code, in plain
// words for a reader who has only the page (no specification, no source), plus the few terms the
// page relies on (matched sweep, saving, confidence interval...). Kept beside the code that names
// these things, and checked by a test against analyzers::kComparedMetrics and kRootCauses, so a
// new metric or code cannot appear in the page undefined.

#include <span>
#include <string>
#include <string_view>

namespace mdp::consolidate {

struct GlossaryEntry {
    std::string_view term;
    std::string_view definition;
};

// One entry per analyzers::kComparedMetrics entry, in that order, under the metric's name
// (`exec_cost_arrival_bps`); its difference column is named in the section's introduction.
std::span<const GlossaryEntry> metric_glossary();
// One entry per analyzers::kRootCauses entry, in rule order.
std::span<const GlossaryEntry> root_cause_glossary();
// The words the page uses about the analysis and its statistics.
std::span<const GlossaryEntry> term_glossary();

// The page's <section id="glossary">.
std::string glossary_section();

}  // namespace mdp::consolidate
