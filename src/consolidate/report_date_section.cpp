#include "consolidate/report_date_section.h"

#include "consolidate/report_cells.h"
#include "consolidate/report_palette.h"
#include "consolidate/svg_column_charts.h"

namespace mdp::consolidate {

namespace {

std::string date_table(const std::vector<DateSummary>& dates) {
    std::string out =
        "<div class=\"table-wrap\"><table id=\"dates-table\" data-sortable><thead><tr>" +
        sortable_header("date", false, "ascending") + sortable_header("partitions", true) +
        sortable_header("consolidated", true) + sortable_header("failed", true) +
        sortable_header("matched sweeps", true) + sortable_header("unmatched sweeps", true) +
        sortable_header("matched share", true) + sortable_header("mean saving (bps)", true) +
        sortable_header("dark cheaper", true) + "</tr></thead><tbody>";
    for (const DateSummary& day : dates) {
        const auto sweeps = static_cast<double>(day.matched_sweeps + day.unmatched_sweeps);
        const double matched_share =
            sweeps > 0 ? static_cast<double>(day.matched_sweeps) / sweeps * 100 : stats::kNaN;
        const double dark_share = day.saving_n > 0 ? static_cast<double>(day.dark_cheaper) /
                                                         static_cast<double>(day.saving_n) * 100
                                                   : stats::kNaN;
        out += "<tr>" + table_cell(day.date.to_string()) +
               sortable_cell(display_count(static_cast<int64_t>(day.partitions)),
                             static_cast<double>(day.partitions)) +
               sortable_cell(display_count(static_cast<int64_t>(day.consolidated)),
                             static_cast<double>(day.consolidated)) +
               sortable_cell(day.failed > 0
                                 ? "<span class=\"bad\">" +
                                       display_count(static_cast<int64_t>(day.failed)) + "</span>"
                                 : std::string("0"),
                             static_cast<double>(day.failed)) +
               sortable_cell(display_count(day.matched_sweeps),
                             static_cast<double>(day.matched_sweeps)) +
               sortable_cell(display_count(day.unmatched_sweeps),
                             static_cast<double>(day.unmatched_sweeps)) +
               sortable_cell(share_text(static_cast<double>(day.matched_sweeps), sweeps),
                             matched_share) +
               sortable_cell(display_fixed(day.mean_saving_bps, 2), day.mean_saving_bps) +
               sortable_cell(share_text(static_cast<double>(day.dark_cheaper),
                                        static_cast<double>(day.saving_n)),
                             dark_share) +
               "</tr>";
    }
    return out + "</tbody></table></div>";
}

}  // namespace

std::string date_section(const ReportData& d, int chart_width) {
    std::string out =
        "<section id=\"dates\"><h2>By trading date</h2><p class=\"lede\">Per trading date: its "
        "partitions (one per security traded that day), its matched and unmatched sweeps, and "
        "the mean saving of its matched sweeps (real \u2212 simulated arrival cost, bps; "
        "positive: the simulated dark execution cheaper).</p>";
    if (d.per_date.empty()) return out + "<p>No partitions in the registry.</p></section>";
    std::vector<Column> columns;
    for (const DateSummary& day : d.per_date) {
        columns.push_back(
            {day.date.to_string(), day.mean_saving_bps, palette::saving_color(day.mean_saving_bps),
             day.date.to_string() + ": mean saving " + display_fixed(day.mean_saving_bps, 2) +
                 " bps over " + display_count(static_cast<int64_t>(day.saving_n)) +
                 " matched sweeps"});
    }
    out += "<div class=\"key\"><span><span class=\"swatch\" style=\"background:" +
           std::string(palette::kGood) +
           "\"></span>above 0: dark cheaper on average that day</span><span><span "
           "class=\"swatch\" style=\"background:" +
           std::string(palette::kBad) +
           "\"></span>below 0: lit cheaper on average</span><span>no bar: no matched sweep "
           "with a defined saving</span></div>";
    out += column_chart_svg(columns, chart_width, "mean saving per matched sweep, bps");
    const bool open = d.per_date.size() <= kDateRowsShownOpen;
    out += std::string("<details") + (open ? " open" : "") + "><summary>Table of the " +
           display_count(static_cast<int64_t>(d.per_date.size())) +
           " trading dates (click a heading to sort)</summary>" + date_table(d.per_date) +
           "</details>";
    return out + "</section>";
}

}  // namespace mdp::consolidate
