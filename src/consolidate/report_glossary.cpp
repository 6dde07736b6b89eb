#include "consolidate/report_glossary.h"

#include <array>
#include <cctype>

#include "analyzers/metric_catalog.h"
#include "analyzers/unmatched_analysis.h"
#include "consolidate/report_palette.h"
#include "consolidate/svg_charts.h"

namespace mdp::consolidate {

namespace {

using analyzers::kComparedMetrics;

// In kComparedMetrics order; their direction is printed from the catalogue, not repeated here.
constexpr std::array<GlossaryEntry, 11> kMetrics{{
    {"qty_filled", "Shares filled: the sum of the order's fill quantities."},
    {"fill_rate_pct",
     "Shares filled as a percentage of the order's quantity (0 when that quantity is not "
     "positive)."},
    {"num_fills",
     "How many fills (trades) the order took. More fills is neither better nor worse "
     "in itself."},
    {"avg_fill_size", "Average shares per fill."},
    {"vwap",
     "Volume-weighted average fill price, in the data's price units (1 unit = A$0.001). A price "
     "level says nothing by itself; its distance from the midpoint is what the cost metrics "
     "measure."},
    {"exec_cost_arrival_bps",
     "Cost against the arrival midpoint: how far the average fill price lies from the midpoint "
     "of the national best bid and offer when the order arrived, in basis points of that "
     "midpoint, signed so that positive is worse than the midpoint (a buy paying above it, a "
     "sell receiving below it). Empty when there was no usable quote at arrival. Its real "
     "\u2212 simulated difference is this page's headline saving."},
    {"exec_cost_vw_bps",
     "Cost against the midpoint at each fill: every fill's price compared with the midpoint at "
     "the moment of that fill (signed as above, in basis points), averaged with the fill "
     "quantities as weights, over the fills that had a usable midpoint."},
    {"effective_spread_pct",
     "Twice the distance between the average fill price and the arrival midpoint, as a "
     "percentage of the bid\u2013offer spread at arrival: 0% is a fill at the midpoint, 100% "
     "pays the whole spread (buying at the offer, selling at the bid). Empty when the arrival "
     "spread is not positive."},
    {"exec_time_sec", "Seconds from the order's first fill to its last."},
    {"time_to_first_fill_sec", "Seconds from the order's arrival to its first fill."},
    {"vw_exec_time_sec",
     "Average seconds from arrival to fill, weighted by fill quantity: how long the typical "
     "share waited."},
}};

// In kRootCauses (rule) order.
constexpr std::array<GlossaryEntry, 7> kRootCauseTerms{{
    {"INSTANT_LIT_EXECUTION",
     "The sweep's first lit fill came less than 0.1 s after it arrived: too quick for any dark "
     "order to have met it."},
    {"NO_LIQUIDITY_AT_ALL",
     "No opposite Centre Point order was open when the sweep arrived, and none arrived before "
     "its first lit fill."},
    {"TIMING_MISMATCH",
     "No opposite Centre Point order was open when the sweep arrived; one at a compatible price "
     "arrived later, before the first lit fill. The liquidity came, but not at the moment the "
     "sweep needed it."},
    {"TIMING_MISMATCH_NO_PRICE_OVERLAP",
     "No opposite Centre Point order was open when the sweep arrived; some arrived before its "
     "first lit fill, but none at a compatible price."},
    {"PRICE_INCOMPATIBLE",
     "Opposite Centre Point orders were open when the sweep arrived, but even the best of their "
     "prices was outside the sweep's limit."},
    {"INSUFFICIENT_QUANTITY",
     "When the sweep arrived the best opposite price was within its limit, but no quantity could "
     "be filled at a compatible price."},
    {"SIMULATION_MISS",
     "Opposite Centre Point quantity was open at a compatible price when the sweep arrived, yet "
     "the simulation matched nothing: it only uses orders that arrive while the sweep executes, "
     "and each order's quantity once. A limit of the simulation rather than a fact about the "
     "market, so it is drawn in the caution colour: it suggests the matched share understates "
     "the dark liquidity available."},
}};

constexpr std::array<GlossaryEntry, 15> kTerms{{
    {"Partition",
     "One trading date of one security: the unit the engine analyses, retries and reports on."},
    {"Qualifying sweep",
     "A Centre Point sweep order (an order type that can trade both in the Centre Point dark "
     "pool and in the lit order book) entered on that date and filled completely, entirely by "
     "trades in the lit book. These are the orders analysed."},
    {"Simulated dark execution",
     "What would have happened had the sweep met opposite Centre Point orders at the midpoint. "
     "Sweeps are replayed one at a time in arrival order against the other side's Centre Point "
     "orders that arrived between the sweep's arrival and its last lit fill, each filled at the "
     "midpoint of the best bid and offer when that order arrived; quantity used by one sweep is "
     "not available to the next. Limit prices, minimum quantities and cancellations of those "
     "orders are not modelled."},
    {"Matched sweep (set A)",
     "A qualifying sweep the simulation filled at least in part. Its real and simulated "
     "executions are compared metric by metric."},
    {"Unmatched sweep (set B)",
     "A qualifying sweep the simulation could not fill at all. Each gets one root cause."},
    {"Real \u2212 simulated",
     "Every compared metric is shown as the real value minus the simulated one; the column's "
     "name ends in _diff (exec_cost_arrival_diff_bps)."},
    {"Saving (bps)",
     "exec_cost_arrival_diff_bps: the real cost against the arrival midpoint minus the simulated "
     "one. Positive means the simulated dark execution would have been cheaper by that many "
     "basis points; negative means the real lit execution was cheaper."},
    {"Basis point (bps)", "One hundredth of a percent (0.01%)."},
    {"Arrival midpoint",
     "Half-way between the national best bid and best offer when the order arrived. A quote is "
     "usable only when 0 < bid \u2264 offer."},
    {"Compatible price",
     "A price the sweep could have accepted under its own limit: at or below the limit for a "
     "buy, at or above it for a sell. \u201cOpposite Centre Point orders\u201d are those of the "
     "same security and date on the other side; \u201copen\u201d means not yet filled or "
     "cancelled."},
    {"Better: lower / higher / neutral",
     "Which way a metric improves: lower for costs, spreads and times, higher for quantity and "
     "fill rate; neutral for fill counts, fill sizes and prices (shown, never judged). \u201cDark "
     "better\u201d or \u201cdark cheaper\u201d is the share of matched sweeps the simulation "
     "served better by that direction."},
    {"95% confidence interval (CI)",
     "The range, from Student's t distribution, that would cover the true mean in 95% of "
     "repeated samples. When it lies wholly above or below 0 the mean differs from 0 at the 5% "
     "level: coloured good (dark better) or bad (real better); otherwise neutral grey."},
    {"p (t vs 0)",
     "How likely a mean at least this far from 0 would be if the true mean were 0 (two-sided "
     "one-sample t test). Small p: unlikely to be chance. Shown as <0.001 below that."},
    {"d_z (Cohen's d_z)",
     "The mean difference divided by the standard deviation of the differences: the size of the "
     "effect in standard deviations, whatever the sample size (about 0.2 small, 0.5 medium, 0.8 "
     "large)."},
    {"ANOVA F (p), Welch t, Holm",
     "One-way analysis of variance asks whether the mean difference varies between securities "
     "(those with at least 2 values); a small p says they differ. Pairs of securities are "
     "compared with Welch's t test, and their p-values adjusted with Holm's method for the "
     "number of pairs compared, so that 5% stays 5% across them."},
}};

std::string entry_html(const std::string& term_html, std::string_view anchor,
                       std::string_view definition) {
    return "<dt id=\"g-" + html_escape(anchor) + "\">" + term_html + "</dt><dd>" +
           html_escape(definition) + "</dd>";
}

}  // namespace

std::span<const GlossaryEntry> metric_glossary() { return kMetrics; }
std::span<const GlossaryEntry> root_cause_glossary() { return kRootCauseTerms; }
std::span<const GlossaryEntry> term_glossary() { return kTerms; }

std::string glossary_section() {
    std::string out =
        "<section id=\"glossary\"><h2>Glossary</h2><p class=\"lede\">What every metric, root "
        "cause and statistic on this page means.</p><h3>Execution metrics</h3><p "
        "class=\"note\">Computed per order, once for its real (lit) fills and once for its "
        "simulated dark fills; the tables show real \u2212 simulated under the name in "
        "brackets.</p><dl class=\"glossary\">";
    for (size_t m = 0; m < kMetrics.size(); ++m) {
        const auto& metric = kComparedMetrics[m];
        out +=
            entry_html("<code>" + html_escape(kMetrics[m].term) + "</code> (<code>" +
                           html_escape(metric.difference_name) + "</code>) <span class=\"dir\">" +
                           std::string(analyzers::to_string(metric.direction)) + "</span>",
                       kMetrics[m].term, kMetrics[m].definition);
    }
    out +=
        "</dl><h3>Root causes of unmatched sweeps</h3><p class=\"note\">Each unmatched sweep gets "
        "the first of these that holds, in this order.</p><dl class=\"glossary\">";
    for (const auto& cause : kRootCauseTerms) {
        out += entry_html("<span class=\"swatch\" style=\"background:" +
                              std::string(palette::root_cause_color(cause.term)) +
                              "\"></span><code>" + html_escape(cause.term) + "</code>",
                          cause.term, cause.definition);
    }
    out += "</dl><h3>Terms and statistics</h3><dl class=\"glossary\">";
    for (const auto& term : kTerms) {
        std::string anchor(term.term);
        for (char& c : anchor) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
        }
        out += entry_html(html_escape(term.term), anchor, term.definition);
    }
    return out + "</dl></section>";
}

}  // namespace mdp::consolidate
