#include "consolidate/svg_column_charts.h"

#include <algorithm>
#include <cmath>

#include "consolidate/axis_scale.h"
#include "consolidate/report_palette.h"
#include "consolidate/svg_charts.h"

namespace mdp::consolidate {

namespace {

// The frame both charts share: margins for tick labels, a plot area, an axis label below.
struct Frame {
    double left = 64;
    double right = 16;
    double top = 12;
    double plot_height = 200;
    double width = 0;
    AxisScale scale;

    double plot_width() const { return width - left - right; }
    double bottom() const { return top + plot_height; }
    double height() const { return bottom() + 52; }
    double y(double value) const {
        return top + (scale.high - value) / (scale.high - scale.low) * plot_height;
    }
};

std::string open_svg(const Frame& f, const std::string& aria_label) {
    const std::string w = std::to_string(static_cast<int>(f.width));
    const std::string h = svg_coordinate(f.height());
    return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w +
           "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
           "\" role=\"img\" aria-label=\"" + html_escape(aria_label) + "\">";
}

// Horizontal grid lines with their values on the left, and the zero line.
std::string value_axis(const Frame& f, int decimals) {
    std::string svg;
    for (int t = 0; t <= f.scale.ticks(); ++t) {
        const double v = f.scale.low + f.scale.step * t;
        const std::string y = svg_coordinate(f.y(v));
        svg += "<line x1=\"" + svg_coordinate(f.left) + "\" y1=\"" + y + "\" x2=\"" +
               svg_coordinate(f.width - f.right) + "\" y2=\"" + y + "\" class=\"grid\"/>";
        svg += "<text x=\"" + svg_coordinate(f.left - 8) + "\" y=\"" + svg_coordinate(f.y(v) + 4) +
               "\" class=\"tick\" text-anchor=\"end\">" + display_fixed(v, decimals) + "</text>";
    }
    const std::string zero = svg_coordinate(f.y(0));
    svg += "<line x1=\"" + svg_coordinate(f.left) + "\" y1=\"" + zero + "\" x2=\"" +
           svg_coordinate(f.width - f.right) + "\" y2=\"" + zero + "\" class=\"baseline\"/>";
    return svg;
}

int decimals_for(double step) { return step < 1 ? (step < 0.1 ? 2 : 1) : 0; }

std::string bar(double x, double width, double y_from, double y_to, const std::string& color,
                const std::string& hover) {
    const double top = std::min(y_from, y_to);
    const double height = std::max(std::abs(y_to - y_from), 1.0);
    return "<rect x=\"" + svg_coordinate(x) + "\" y=\"" + svg_coordinate(top) + "\" width=\"" +
           svg_coordinate(width) + "\" height=\"" + svg_coordinate(height) + "\" fill=\"" + color +
           "\"><title>" + html_escape(hover) + "</title></rect>";
}

std::string axis_caption(const Frame& f, const std::string& text) {
    return "<text x=\"" + svg_coordinate(f.left + f.plot_width() / 2) + "\" y=\"" +
           svg_coordinate(f.bottom() + 44) + "\" class=\"axis\" text-anchor=\"middle\">" +
           html_escape(text) + "</text>";
}

// Every how many items a label can be drawn without overlapping its neighbour.
size_t label_every(size_t items, double plot_width, double label_width) {
    const double per_item = plot_width / static_cast<double>(std::max<size_t>(items, 1));
    return std::max<size_t>(1, static_cast<size_t>(std::ceil(label_width / per_item)));
}

}  // namespace

std::string column_chart_svg(const std::vector<Column>& columns, int width,
                             const std::string& value_label) {
    Frame f;
    f.width = width;
    double lowest = 0;
    double highest = 0;
    for (const Column& c : columns) {
        if (!std::isfinite(c.value)) continue;
        lowest = std::min(lowest, c.value);
        highest = std::max(highest, c.value);
    }
    f.scale = round_axis(lowest, highest, 5);
    std::string svg = open_svg(f, value_label) + value_axis(f, decimals_for(f.scale.step));
    const double band = f.plot_width() / static_cast<double>(std::max<size_t>(columns.size(), 1));
    const size_t every = label_every(columns.size(), f.plot_width(), 84);
    for (size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        const double x = f.left + band * static_cast<double>(i);
        if (std::isfinite(c.value)) {
            svg += bar(x + band * 0.15, std::max(band * 0.7, 1.0), f.y(0), f.y(c.value), c.color,
                       c.hover);
        }
        if (i % every == 0) {
            svg += "<text x=\"" + svg_coordinate(x + band / 2) + "\" y=\"" +
                   svg_coordinate(f.bottom() + 18) + "\" class=\"tick\" text-anchor=\"middle\">" +
                   html_escape(c.label) + "</text>";
        }
    }
    return svg + axis_caption(f, value_label) + "</svg>";
}

std::string saving_histogram_svg(const std::vector<HistogramBin>& bins, int width,
                                 const std::string& axis_label) {
    Frame f;
    f.width = width;
    size_t most = 0;
    for (const HistogramBin& b : bins) most = std::max(most, b.count);
    f.scale = round_axis(0, static_cast<double>(most), 5);
    f.scale.step = std::max(f.scale.step, 1.0);  // counts: whole ticks
    f.scale.high = std::ceil(f.scale.high / f.scale.step) * f.scale.step;
    std::string svg = open_svg(f, "histogram of the saving per matched sweep") + value_axis(f, 0);
    if (bins.empty()) return svg + "</svg>";
    const double first = bins.front().lower;
    const double span = bins.back().upper - first;
    const auto x = [&](double v) { return f.left + (v - first) / span * f.plot_width(); };
    const double bin_width = bins.front().upper - bins.front().lower;
    for (const HistogramBin& b : bins) {
        // Bins never straddle 0 (their edges are multiples of the width): one side each.
        const char* color = b.lower >= 0 ? palette::kGood : palette::kBad;
        if (b.count > 0) {
            svg += bar(x(b.lower) + 0.5, std::max(x(b.upper) - x(b.lower) - 1, 1.0), f.y(0),
                       f.y(static_cast<double>(b.count)), color,
                       display_count(static_cast<int64_t>(b.count)) + " orders from " +
                           display_fixed(b.lower, decimals_for(bin_width) + 1) + " to " +
                           display_fixed(b.upper, decimals_for(bin_width) + 1) + " bps");
        }
    }
    // Edges are labelled every few, counted from the 0 edge when there is one, so 0 is labelled.
    const auto every = static_cast<int64_t>(label_every(bins.size() + 1, f.plot_width(), 56));
    const auto edges = static_cast<int64_t>(bins.size());
    const int64_t zero_edge = std::clamp<int64_t>(std::llround(-first / bin_width), 0, edges);
    for (int64_t e = 0; e <= edges; ++e) {
        if ((e - zero_edge) % every != 0) continue;
        const double edge = first + bin_width * static_cast<double>(e);
        svg += "<text x=\"" + svg_coordinate(x(edge)) + "\" y=\"" +
               svg_coordinate(f.bottom() + 18) + "\" class=\"tick\" text-anchor=\"middle\">" +
               display_fixed(edge, decimals_for(bin_width)) + "</text>";
    }
    if (first < 0 && bins.back().upper > 0) {
        const std::string zero = svg_coordinate(x(0));
        svg += "<line x1=\"" + zero + "\" y1=\"" + svg_coordinate(f.top) + "\" x2=\"" + zero +
               "\" y2=\"" + svg_coordinate(f.bottom()) + "\" class=\"zero\"/>";
    }
    return svg + axis_caption(f, axis_label) + "</svg>";
}

}  // namespace mdp::consolidate
