// End-to-end: report.html as a reader sees it. The real binaries make a small run (the demo
// market), headless Chromium (Debian's `chromium`) loads consolidated/report.html from a file://
// URL with its script, and the test reads the DOM Chromium dumps after the page has loaded: the
// glossary defines every root-cause code, provenance is there, the securities table's rows come
// in sample-size order (checked against sweep_comparison.csv), its sort script has run and sorts
// when a header is clicked, and the per-date view has a row per trading date. Label `chromium`;
// without chromium installed every test fails and says how to install it (CI installs it).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

constexpr const char* kRootCauses[] = {"INSTANT_LIT_EXECUTION", "NO_LIQUIDITY_AT_ALL",
                                       "TIMING_MISMATCH",       "TIMING_MISMATCH_NO_PRICE_OVERLAP",
                                       "PRICE_INCOMPATIBLE",    "INSUFFICIENT_QUANTITY",
                                       "SIMULATION_MISS"};

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> cells(1);
    for (const char c : line) {
        if (c == ',') {
            cells.emplace_back();
        } else {
            cells.back().push_back(c);
        }
    }
    return cells;
}

// The HTML of <section id="id">…</section> in a dumped DOM ("" when absent).
std::string section(const std::string& dom, const std::string& id) {
    const size_t start = dom.find("<section id=\"" + id + "\"");
    if (start == std::string::npos) return "";
    return dom.substr(start, dom.find("</section>", start) - start);
}

// What a reader sees of some HTML: tags dropped, the few entities the report uses decoded.
std::string text_of(const std::string& html) {
    std::string text = std::regex_replace(html, std::regex("<[^>]*>"), " ");
    for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
        for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at)) {
            text.replace(at, entity.size(), character);
        }
    }
    return text;
}

// The body rows of the table with this id, as the texts of their cells.
std::vector<std::vector<std::string>> table_rows(const std::string& dom, const std::string& id) {
    const size_t start = dom.find("<table id=\"" + id + "\"");
    if (start == std::string::npos) return {};
    const size_t body = dom.find("<tbody>", start);
    const std::string rows_html = dom.substr(body, dom.find("</tbody>", body) - body);
    const std::regex row_pattern("<tr>([\\s\\S]*?)</tr>");
    const std::regex cell_pattern("<td[^>]*>([\\s\\S]*?)</td>");
    std::vector<std::vector<std::string>> rows;
    for (auto r = std::sregex_iterator(rows_html.begin(), rows_html.end(), row_pattern);
         r != std::sregex_iterator(); ++r) {
        const std::string row = (*r)[1].str();
        rows.emplace_back();
        for (auto c = std::sregex_iterator(row.begin(), row.end(), cell_pattern);
             c != std::sregex_iterator(); ++c) {
            std::string cell = text_of((*c)[1].str());
            cell.erase(0, cell.find_first_not_of(' '));
            cell.erase(cell.find_last_not_of(' ') + 1);
            rows.back().push_back(cell);
        }
    }
    return rows;
}

// A displayed count ("1,234") as a number.
long count_of(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ','), text.end());
    return std::stol(text);
}

class ReportRenderTest : public ::testing::Test {
  protected:
    fs::path run_dir() const { return dir_; }
    fs::path report() const { return dir_ / "run/consolidated/report.html"; }

    // Each test makes its own run (ctest runs the tests as separate processes, in parallel).
    void SetUp() override {
        ASSERT_EQ(run_shell("command -v chromium").exit_code, 0)
            << "chromium is not installed: this test renders report.html in headless Chromium. "
               "Install it with scripts/install_deps.sh (Debian package `chromium`).";
        dir_ = fresh_scratch_dir();
        const CommandResult data =
            run_shell(shell_quote(binary("generate_market_data")) + " -q --preset demo -o " +
                      shell_quote((dir_ / "data").string()));
        ASSERT_EQ(data.exit_code, 0) << data.output;
        std::string command = shell_quote(binary("run_multidataset_pipeline"));
        for (const char* role : {"orders", "trades", "nbbo"}) {
            command += std::string(" --") + role + " " +
                       shell_quote((dir_ / "data" / (std::string(role) + ".csv")).string());
        }
        command += " --output " + shell_quote((dir_ / "run").string()) + " --progress none";
        const CommandResult run = run_shell(command);
        ASSERT_EQ(run.exit_code, 0) << run.output;
        ASSERT_TRUE(fs::exists(report())) << "the pipeline run made no report";
    }

    // The DOM after the page (and its script) ran, as Chromium serialises it.
    std::string render(const fs::path& page) const {
        const fs::path profile = page.parent_path() / ("chromium-profile-" + page.stem().string());
        fs::remove_all(profile);
        const CommandResult r = run_shell(
            "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync "
            "--user-data-dir=" +
            shell_quote(profile.string()) + " --dump-dom " +
            shell_quote("file://" + fs::absolute(page).string()) + " 2>/dev/null");
        fs::remove_all(profile);
        EXPECT_EQ(r.exit_code, 0) << "chromium --dump-dom failed";
        EXPECT_NE(r.output.find("</html>"), std::string::npos) << r.output.substr(0, 2000);
        return r.output;
    }

    // A copy of the report with `script` run after the page's own script, as if a reader had
    // clicked: the page's click handlers are attached by then.
    fs::path report_with(const std::string& name, const std::string& script) const {
        std::string html = read_text(report());
        const size_t end = html.rfind("</body>");
        html.insert(end, "<script>" + script + "</script>");
        const fs::path page = run_dir() / name;
        write_text(page, html);
        return page;
    }

    // sweep_comparison.csv per security: matched sweeps, and those with a defined saving.
    std::map<std::string, std::pair<long, long>> sample_sizes() const {
        std::istringstream in(read_text(run_dir() / "run/consolidated/sweep_comparison.csv"));
        std::string line;
        std::getline(in, line);
        const std::vector<std::string> header = split(line);
        const auto column = [&](const std::string& name) {
            return static_cast<size_t>(std::find(header.begin(), header.end(), name) -
                                       header.begin());
        };
        const size_t security = column("security");
        const size_t saving = column("exec_cost_arrival_diff_bps");
        std::map<std::string, std::pair<long, long>> sizes;
        while (std::getline(in, line)) {
            const std::vector<std::string> cells = split(line);
            auto& [matched, with_saving] = sizes[cells.at(security)];
            ++matched;
            if (!cells.at(saving).empty()) ++with_saving;
        }
        return sizes;
    }

    fs::path dir_;
};

TEST_F(ReportRenderTest, GlossaryDefinesEveryRootCauseAndProvenanceNamesTheInputs) {
    const std::string dom = render(report());
    const std::string glossary = text_of(section(dom, "glossary"));
    ASSERT_FALSE(glossary.empty()) << "no glossary section";
    for (const char* code : kRootCauses) {
        EXPECT_NE(glossary.find(code), std::string::npos) << code;
    }
    for (const char* metric : {"exec_cost_arrival_bps", "exec_cost_arrival_diff_bps",
                               "effective_spread_pct", "vw_exec_time_sec"}) {
        EXPECT_NE(glossary.find(metric), std::string::npos) << metric;
    }
    const std::string provenance = text_of(section(dom, "provenance"));
    EXPECT_NE(provenance.find("run_multidataset_pipeline"), std::string::npos) << provenance;
    EXPECT_NE(provenance.find((run_dir() / "data/orders.csv").string()), std::string::npos);
    EXPECT_TRUE(std::regex_search(provenance, std::regex("[0-9a-f]{32}"))) << "no content hash";
    EXPECT_EQ(text_of(dom).find("SPEC"), std::string::npos);
}

TEST_F(ReportRenderTest, SecuritiesTableComesInSampleSizeOrderAndItsScriptRan) {
    const std::string dom = render(report());
    EXPECT_TRUE(std::regex_search(
        dom, std::regex("<table id=\"securities-table\"[^>]*class=\"sorting-ready\"")))
        << "the sort script did not mark the table";
    const auto rows = table_rows(dom, "securities-table");
    const auto sizes = sample_sizes();
    ASSERT_EQ(rows.size(), sizes.size());
    std::vector<std::string> expected;
    for (const auto& [security, size] : sizes) expected.push_back(security);
    // Most matched sweeps first; ties: more defined savings, then the lower security code.
    std::stable_sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
        const auto& [ma, sa] = sizes.at(a);
        const auto& [mb, sb] = sizes.at(b);
        if (ma != mb) return ma > mb;
        if (sa != sb) return sa > sb;
        return std::stoull(a) < std::stoull(b);
    });
    std::vector<std::string> shown;
    for (const auto& row : rows) {
        ASSERT_GE(row.size(), 2U);
        shown.push_back(row[0]);
        EXPECT_EQ(count_of(row[1]), sizes.at(row[0]).first) << row[0];
    }
    EXPECT_EQ(shown, expected);
    EXPECT_GT(sizes.at(expected.front()).first, sizes.at(expected.back()).first)
        << "a run whose securities all have the same sample size cannot show the order";
}

TEST_F(ReportRenderTest, ClickingAHeaderSortsByThatColumnAndAgainReverses) {
    // Click "security" (text-like: ascending first), note the order, then click it again.
    const fs::path page =
        report_with("sorted.html",
                    "var table = document.getElementById('securities-table');"
                    "var header = table.tHead.rows[0].cells[0];"
                    "header.click();"
                    "var codes = Array.prototype.map.call(table.tBodies[0].rows,"
                    "  function (r) { return r.cells[0].textContent; });"
                    "document.body.setAttribute('data-after-one-click', codes.join(' '));"
                    "header.click();");
    const std::string dom = render(page);
    std::smatch once;
    ASSERT_TRUE(std::regex_search(dom, once, std::regex("data-after-one-click=\"([0-9 ]+)\"")))
        << "the injected clicks did not run";
    std::vector<unsigned long long> ascending;
    std::istringstream codes(once[1].str());
    for (std::string code; codes >> code;) ascending.push_back(std::stoull(code));
    ASSERT_EQ(ascending.size(), sample_sizes().size());
    EXPECT_TRUE(std::is_sorted(ascending.begin(), ascending.end()));

    std::vector<unsigned long long> twice;
    for (const auto& row : table_rows(dom, "securities-table"))
        twice.push_back(std::stoull(row[0]));
    EXPECT_TRUE(std::is_sorted(twice.rbegin(), twice.rend()));
    EXPECT_TRUE(
        std::regex_search(dom, std::regex("<th[^>]*aria-sort=\"descending\"[^>]*>security</th>")))
        << "the clicked header does not show its order";
}

TEST_F(ReportRenderTest, PerDateViewHasARowPerTradingDateWithItsCounts) {
    const std::string dom = render(report());
    const std::string dates = section(dom, "dates");
    ASSERT_FALSE(dates.empty()) << "no per-date section";
    std::map<std::string, long> partitions_per_date;
    std::istringstream in(read_text(run_dir() / "run/consolidated/partitions.csv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) ++partitions_per_date[split(line).at(0)];
    const auto rows = table_rows(dom, "dates-table");
    ASSERT_EQ(rows.size(), partitions_per_date.size());
    for (const auto& row : rows) {
        ASSERT_GE(row.size(), 9U);
        ASSERT_TRUE(partitions_per_date.count(row[0])) << row[0];
        EXPECT_EQ(count_of(row[1]), partitions_per_date.at(row[0])) << row[0];
    }
    EXPECT_NE(text_of(section(dom, "distribution")).find("median"), std::string::npos);
}

}  // namespace
}  // namespace mdp
