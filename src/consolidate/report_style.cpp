#include "consolidate/report_style.h"

#include "consolidate/report_palette.h"

namespace mdp::consolidate {

namespace {

// Colours that carry meaning come from the palette's variables (--good, --bad, --caution,
// --neutral and their tints); the ones written here are the page's chrome (ink, lines,
// backgrounds) and say nothing about the results.
constexpr const char* kLayout = R"(
:root{--ink:#1d2733;--muted:#5b6b7f;--line:#dde3ea;--bg:#f4f6f9;--card:#fff;--accent:#1f5fa8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
header{background:linear-gradient(120deg,#15335a,#1f5fa8);color:#fff;padding:28px 40px 24px}
header h1{margin:0 0 4px;font-size:26px;font-weight:600;letter-spacing:.2px}
header p{margin:0;opacity:.85}
nav.toc{max-width:1120px;margin:0 auto;padding:14px 40px 0;font-size:13.5px;color:var(--muted)}
nav.toc a{color:var(--accent);text-decoration:none;margin-right:14px;white-space:nowrap}
nav.toc a:hover{text-decoration:underline}
main{max-width:1120px;margin:0 auto;padding:18px 40px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:20px 24px;margin:0 0 22px;box-shadow:0 1px 2px rgba(20,40,70,.04)}
h2{font-size:18px;margin:0 0 4px;font-weight:600}
h3{font-size:15px;margin:18px 0 4px;font-weight:600}
.lede{color:var(--muted);margin:0 0 14px;font-size:14px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:0 0 22px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.card .v{font-size:26px;font-weight:600;margin-top:2px;font-variant-numeric:tabular-nums}
.card .s{color:var(--muted);font-size:13px}
.good{color:var(--good)}.bad{color:var(--bad)}.caution{color:var(--caution)}
.card .s .good,.card .s .bad,.card .s .caution{font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13.5px;font-variant-numeric:tabular-nums}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);
padding:7px 10px;white-space:nowrap}
td{border-bottom:1px solid var(--line);padding:6px 10px;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
tr:last-child td{border-bottom:none}
th[aria-sort=descending]::after{content:" \25BC";font-size:10px}
th[aria-sort=ascending]::after{content:" \25B2";font-size:10px}
.table-wrap{overflow-x:auto}
table[data-sortable] th,table[data-sortable] td{padding:6px 8px}
table[data-sortable] th{white-space:normal;vertical-align:bottom}
table[data-sortable] td:first-child{white-space:nowrap}
table.sorting-ready th{cursor:pointer;user-select:none}
table.sorting-ready th:hover,table.sorting-ready th:focus{color:var(--ink);outline:none;
background:#f0f4f9}
td.err{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:12.5px;
color:var(--bad);word-break:break-word}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:12.5px;
background:#eef2f6;padding:1px 5px;border-radius:4px;white-space:nowrap}
a code{color:var(--accent)}
.chart{display:block;max-width:100%;height:auto;margin:6px 0 12px}
.chart text{font-family:inherit;font-size:12.5px;fill:var(--ink)}
.chart .legend{font-size:13px}.chart .tick{fill:var(--muted);font-size:11.5px}
.chart .axis{fill:var(--muted);font-size:12.5px}.chart .colhead{fill:var(--muted);font-size:11.5px}
.chart .value{fill:var(--muted);font-variant-numeric:tabular-nums}
.chart .grid{stroke:#e3e8ee;stroke-width:1}.chart .baseline{stroke:#9aa6b4;stroke-width:1}
.chart .zero{stroke:#1d2733;stroke-width:1.2;stroke-dasharray:4 3}
.key{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;color:var(--muted);margin:0 0 4px}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;
vertical-align:-1px;border:2px solid transparent}
.swatch.hollow{background:#fff !important}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.pill.completed{background:var(--good-tint);color:var(--good)}
.pill.failed{background:var(--bad-tint);color:var(--bad)}
.pill.running{background:var(--caution-tint);color:var(--caution)}
.pill.pending{background:var(--neutral-tint);color:var(--muted)}
.verdict{font-weight:600;white-space:nowrap}.verdict.none{color:var(--muted);font-weight:400}
.note{color:var(--muted);font-size:13px;margin:8px 0 0}
.ok{color:var(--good);font-weight:600}
.quantiles td,.quantiles th{text-align:right}
details>summary{cursor:pointer;color:var(--accent);font-size:14px;margin:8px 0}
dl.glossary{display:grid;grid-template-columns:minmax(220px,34%) 1fr;gap:6px 18px;margin:8px 0 0;
font-size:14px}
dl.glossary dt{font-weight:600}dl.glossary dd{margin:0;color:#33404f}
dl.glossary .dir{display:block;font-weight:400;color:var(--muted);font-size:12.5px}
:target{scroll-margin-top:12px}dt:target{background:#fff6d6}
footer{color:var(--muted);font-size:12.5px;text-align:center;padding:0 0 30px}
@media print{nav.toc{display:none}details{display:block}}
)";

}  // namespace

std::string report_style() { return palette::css_variables() + kLayout; }

}  // namespace mdp::consolidate
