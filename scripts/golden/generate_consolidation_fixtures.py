#!/usr/bin/python3
"""Golden fixtures for the consolidation statistics (SPEC 4), from SciPy 1.10.

Writes tests/consolidate/fixtures/consolidation_golden.json: a synthetic set of set-A orders
(security, date, orderid and the 11 difference values, null = NaN) and what SciPy computes from
them exactly as consolidation uses it:
  pooled / per security: n, mean, median, sd (ddof 1), cohens_d, ttest_1samp(x, 0), the 95% CI
      mean +- t(0.975, n-1) * sem (t Newton-refined on stdtr), dark-better counts by the metric's direction;
  ANOVA: f_oneway over the securities with n >= 2;
  pairwise: ttest_ind(a, b, equal_var=False) for every pair of those securities, Holm-adjusted
  pairwise_top3: the same among the 3 securities with the most orders (--pairwise top:3)
      within each metric (statsmodels' multipletests(method='holm') algorithm).
Run with Debian's interpreter (python3-scipy 1.10): /usr/bin/python3 scripts/golden/generate_consolidation_fixtures.py
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.special
from scipy import stats

METRICS = [  # (difference column, better direction)
    ("qty_diff", "higher"), ("fill_rate_diff_pct", "higher"), ("num_fills_diff", "neutral"),
    ("avg_fill_size_diff", "neutral"), ("vwap_diff", "neutral"),
    ("exec_cost_arrival_diff_bps", "lower"), ("exec_cost_vw_diff_bps", "lower"),
    ("effective_spread_diff_pct", "lower"), ("exec_time_diff_sec", "lower"),
    ("time_to_first_fill_diff_sec", "lower"), ("vw_exec_time_diff_sec", "lower"),
]


def num(x):
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def make_orders():
    rng = np.random.RandomState(20240405)
    # security -> (orders, location shift); 9 has a single order (excluded from cross tests).
    securities = {101: (40, 3.0), 205: (25, -1.5), 317: (12, 0.0), 420: (6, 8.0), 9: (1, 0.0),
                  777: (30, 0.4)}
    dates = ["2024-04-02", "2024-04-03", "2024-04-04"]
    orders = []
    orderid = 7000000000000000000
    for security, (count, shift) in securities.items():
        for i in range(count):
            orderid += int(rng.randint(1, 1000))
            diffs = []
            for m, (name, _) in enumerate(METRICS):
                if name in ("qty_diff", "num_fills_diff"):
                    v = float(rng.randint(-3, 6) * (100 if name == "qty_diff" else 1))
                elif name == "fill_rate_diff_pct":
                    v = float(rng.choice([0.0, 12.5, 50.0, -25.0]))
                else:
                    v = float(rng.normal(shift * (1 + m / 10), 2.0 + m / 3))
                    v = float(np.float64(v).round(12))
                if name == "effective_spread_diff_pct" and rng.rand() < 0.15:
                    v = float("nan")
                if name == "exec_cost_vw_diff_bps" and security == 420:
                    v = float("nan")  # a security with no present value of this metric
                diffs.append(v)
            orders.append({"security": security, "date": dates[i % len(dates)],
                           "orderid": orderid, "diffs": diffs})
    # Consolidation's order: partition key (date, security), then orderid.
    orders.sort(key=lambda o: (o["date"], o["security"], o["orderid"]))
    return orders


def t_quantile_975(df):
    """The upper 2.5% quantile of Student's t, Newton-refined on scipy.special.stdtr: SciPy
    1.10's stdtrit (behind t.ppf) is only good to ~1e-9 relative (docs/statistics.md)."""
    t = stats.t.ppf(0.975, df)
    for _ in range(4):
        t -= (scipy.special.stdtr(df, t) - 0.975) / stats.t.pdf(t, df)
    return t


def tests(x, direction):
    x = np.asarray(x, dtype=float)
    n = len(x)
    row = {"n": n}
    row["mean"] = num(np.mean(x)) if n >= 1 else None
    row["median"] = num(np.median(x)) if n >= 1 else None
    if n >= 2:
        sd = np.std(x, ddof=1)
        row["sd"] = num(sd)
        r = stats.ttest_1samp(x, 0.0)
        row["t_statistic"] = num(r.statistic)
        row["p_value"] = num(r.pvalue)
        sem = math.sqrt(np.var(x, ddof=1) / n)
        half = t_quantile_975(n - 1) * sem
        row["ci_lower"] = num(np.mean(x) - half)
        row["ci_upper"] = num(np.mean(x) + half)
        row["cohens_d"] = num(np.mean(x) / sd) if sd > 0 else None
    else:
        for k in ("sd", "t_statistic", "p_value", "ci_lower", "ci_upper", "cohens_d"):
            row[k] = None
    if direction == "neutral":
        row["dark_better_count"] = None
        row["dark_better_pct"] = None
    else:
        better = int(np.sum(x > 0) if direction == "lower" else np.sum(x < 0))
        row["dark_better_count"] = better
        row["dark_better_pct"] = num(better / n * 100.0) if n > 0 else None
    return row


def holm(p):
    p = np.asarray(p, dtype=float)
    out = np.full(len(p), np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    order = np.argsort(q, kind="mergesort")
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * q[order]))
    res = np.empty(m)
    res[order] = adj
    out[ok] = res
    return out


def welch_pairs(name, groups):
    """Welch t for every pair of (security, values) groups, in order, Holm over those pairs."""
    pairs = []
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            r = stats.ttest_ind(groups[i][1], groups[j][1], equal_var=False)
            pairs.append((groups[i][0], groups[j][0], r.statistic, r.pvalue))
    adjusted = holm([p[3] for p in pairs])
    return [{"metric": name, "security_a": a, "security_b": b, "t_statistic": num(t), "p_value": num(p),
             "p_holm": num(h)} for (a, b, t, p), h in zip(pairs, adjusted)]


def main():
    if not scipy.__version__.startswith("1.10"):
        sys.exit(f"needs SciPy 1.10 (Debian python3-scipy), found {scipy.__version__}: run /usr/bin/python3")
    orders = make_orders()
    fixture = {"scipy_version": scipy.__version__, "metrics": [m for m, _ in METRICS],
               "orders": [{"security": o["security"], "date": o["date"], "orderid": str(o["orderid"]),
                           "diffs": [num(v) for v in o["diffs"]]} for o in orders],
               "pooled": [], "per_security": [], "anova": [], "pairwise": [], "pairwise_top3": []}
    securities = sorted({o["security"] for o in orders})
    counts = {s: sum(1 for o in orders if o["security"] == s) for s in securities}
    top3 = set(sorted(securities, key=lambda s: (-counts[s], s))[:3])
    per_security = {}  # security -> rows per metric (the CSV is security-major)
    for m, (name, direction) in enumerate(METRICS):
        present = [o["diffs"][m] for o in orders if not math.isnan(o["diffs"][m])]
        fixture["pooled"].append(dict(metric=name, **tests(present, direction)))
        groups = []
        for s in securities:
            vals = [o["diffs"][m] for o in orders if o["security"] == s and not math.isnan(o["diffs"][m])]
            per_security.setdefault(s, []).append(dict(security=s, metric=name, **tests(vals, direction)))
            if len(vals) >= 2:
                groups.append((s, np.asarray(vals)))
        f = stats.f_oneway(*[g for _, g in groups]) if len(groups) >= 2 else None
        fixture["anova"].append({"metric": name, "securities": len(groups),
                                 "n": int(sum(len(g) for _, g in groups)),
                                 "f_statistic": num(f.statistic) if f else None,
                                 "p_value": num(f.pvalue) if f else None})
        fixture["pairwise"].extend(welch_pairs(name, groups))
        # --pairwise top:3: the 3 securities with the most set-A orders (present values or not;
        # ties: lower code first), Holm over their pairs only.
        fixture["pairwise_top3"].extend(welch_pairs(name, [g for g in groups if g[0] in top3]))
    for s in securities:
        fixture["per_security"].extend(per_security[s])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "tests", "consolidate", "fixtures", "consolidation_golden.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1, allow_nan=False)
        f.write("\n")
    print(path)


if __name__ == "__main__":
    main()
