#!/usr/bin/python3
"""Golden fixtures for mdp_stats (src/analyzers/stats), computed with SciPy 1.10.

Run with Debian's interpreter, which has python3-scipy 1.10 / python3-numpy 1.24:

    /usr/bin/python3 scripts/golden/generate_stats_fixtures.py

Writes JSON files into tests/analyzers/stats/fixtures/. Every input is generated from a fixed
seed, so re-running gives identical files. Numbers are JSON numbers written with repr()
(round-trip exact); non-finite values are the strings "nan", "inf", "-inf". Where SciPy raises
(e.g. pearsonr with n < 2, wilcoxon with all-zero differences) the expected value is NaN and
the error message is recorded in "scipy_error".
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats

OUT_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests",
                                        "analyzers", "stats", "fixtures"))
QUANTILE_LEVELS = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]


def enc(v):
    """One float for JSON: repr-exact numbers, strings for non-finite values."""
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc_list(a):
    return [enc(v) for v in a]


def short(a, digits=10):
    """Round generated inputs to `digits` significant digits: shorter JSON, same coverage."""
    return [float(f"{float(v):.{digits}g}") for v in a]


def call(fn, *args, **kwargs):
    """(result, error message or None), with SciPy's warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                return fn(*args, **kwargs), None
            except (ValueError, TypeError, IndexError) as e:
                return None, f"{type(e).__name__}: {e}"


def test_entry(fn, *args, **kwargs):
    res, err = call(fn, *args, **kwargs)
    if err is not None:
        return {"statistic": "nan", "p_value": "nan", "scipy_error": err}
    return {"statistic": enc(res[0]), "p_value": enc(res[1])}


def exact_t_quantile(df, upper):
    """t with P(T > t) = upper, refined from SciPy's stdtrit (cdflib, tolerance ~1e-8) by
    Newton steps on special.stdtr, which is accurate to a few ulp."""
    p = 1.0 - upper
    t = special.stdtrit(df, p)
    for _ in range(3):
        f = special.stdtr(df, t) - p
        t = t - f / stats.t.pdf(t, df)
    return float(t)


def descriptive(x):
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return None
    out = {
        "mean": enc(np.mean(x)),
        "median": enc(np.median(x)),
        "std": enc(np.std(x, ddof=1)) if x.size >= 2 else "nan",
        "min": enc(np.min(x)),
        "max": enc(np.max(x)),
        "quantiles": enc_list(np.quantile(x, QUANTILE_LEVELS)),
        "ranks": enc_list(stats.rankdata(x)) if x.size <= 2000 else None,
    }
    if out["ranks"] is None:
        del out["ranks"]
    return out


def wilcoxon_entry(x, y):
    d = np.asarray(x) - np.asarray(y)
    e = test_entry(stats.wilcoxon, x, y, zero_method="wilcox", correction=False,
                   alternative="two-sided", method="auto")
    # Which method did 'auto' use? SciPy 1.10: exact iff n <= 50 and no zero difference.
    # Cross-check against forced methods where they differ.
    rule_exact = len(d) <= 50 and not np.any(d == 0)
    if "scipy_error" not in e and len(d) <= 60:
        ex, _ = call(stats.wilcoxon, x, y, method="exact")
        ap, _ = call(stats.wilcoxon, x, y, method="approx")
        pa = e["p_value"]
        if ex is not None and ap is not None and enc(ex.pvalue) != enc(ap.pvalue):
            used_exact = enc(ex.pvalue) == pa
            assert used_exact == rule_exact, (len(d), used_exact, rule_exact)
    if "scipy_error" not in e:
        e["exact"] = bool(rule_exact)
        e["n_used"] = int(len(d)) if rule_exact else int(np.sum(d != 0))
    return e


def paired_case(name, x, y, note=""):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    d = x - y
    n = len(d)
    exp = {
        "ttest_rel": test_entry(stats.ttest_rel, x, y),
        "wilcoxon": wilcoxon_entry(x, y),
        "pearsonr": test_entry(stats.pearsonr, x, y),
        "spearmanr": test_entry(stats.spearmanr, x, y),
        "ttest_1samp_d": test_entry(stats.ttest_1samp, d, 0.0),
    }
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sd = np.std(d, ddof=1) if n >= 2 else float("nan")
        exp["cohens_dz"] = enc(np.mean(d) / sd) if n >= 2 and sd > 0 else "nan"
        if n >= 2:
            res = stats.ttest_1samp(d, 0.0)
            lo, hi = res.confidence_interval(0.95)
            se = math.sqrt(stats._stats_py._var(d, ddof=1) / n)
            t = exact_t_quantile(n - 1, 0.025)
            mean = np.mean(d)
            exp["mean_ci"] = {"lower": enc(-t * se + mean), "upper": enc(t * se + mean),
                              "scipy_stdtrit_lower": enc(lo), "scipy_stdtrit_upper": enc(hi)}
        else:
            exp["mean_ci"] = {"lower": "nan", "upper": "nan"}
    for key, arr in (("x", x), ("y", y), ("d", d)):
        desc = descriptive(arr)
        if desc is not None:
            exp["descriptive_" + key] = desc
    return {"name": name, "note": note, "n": n, "x": enc_list(x), "y": enc_list(y),
            "expected": exp}


def paired_cases():
    cases = []
    rng = np.random.default_rng(20240501)
    # A spread of sizes, including every SPEC 3.5 threshold (1, 2, 3, 9, 10, 11) and the
    # Wilcoxon exact/approx switch (50/51).
    for n in [1, 2, 3, 4, 5, 9, 10, 11, 20, 49, 50, 51, 100, 1000, 10000]:
        x = short(rng.normal(10.0, 3.0, n))
        y = short(np.asarray(x) - rng.normal(0.4, 1.0, n) + 0.3 * rng.normal(0, 1, n))
        cases.append(paired_case(f"normal_n{n}", x, y, "mixed-sign differences"))
    # Ties and zeros in the differences (integer data).
    for n in [10, 11, 20, 50, 51, 200, 2000]:
        x = rng.integers(0, 6, n).astype(float)
        y = rng.integers(0, 6, n).astype(float)
        cases.append(paired_case(f"integer_ties_zeros_n{n}", x, y, "ties and zeros"))
    # Ties without zeros in the exact regime: r_plus is a half-integer, SciPy truncates it.
    for n in [9, 10, 11, 30, 50]:
        mags = rng.integers(1, 4, n).astype(float)
        signs = np.where(rng.random(n) < 0.4, -1.0, 1.0)
        y = short(rng.normal(0, 1, n))
        cases.append(paired_case(f"ties_no_zeros_n{n}", list(np.asarray(y) + mags * signs), y,
                                 "tied |d|, no zero"))
    # Exactly one zero difference: n <= 50 switches to the normal approximation.
    for n in [10, 11, 50]:
        x = short(rng.normal(0, 1, n))
        y = short(np.asarray(x) - rng.normal(0.5, 1, n))
        y[3] = x[3]
        cases.append(paired_case(f"one_zero_n{n}", x, y, "one zero difference"))
    # All differences zero: t NaN, Wilcoxon raises in SciPy.
    for n in [1, 2, 3, 10, 60]:
        x = short(rng.normal(0, 1, n))
        cases.append(paired_case(f"all_zero_diff_n{n}", x, list(x), "x == y"))
    # Constant non-zero differences: t = inf, p = 0 (exactly representable), or a huge finite t
    # when NumPy's mean of the constant does not round back to it (0.1).
    for n, c in [(2, 1.0), (5, 2.0), (12, -4.0), (3, 0.1), (7, 0.1), (60, 0.1), (10, 1e-12)]:
        y = short(rng.normal(0, 1, n))
        x = [v + c for v in y] if c in (1.0, 2.0, -4.0) else None
        if x is None:
            y = [0.0] * n
            x = [c] * n
        cases.append(paired_case(f"constant_diff_{c}_n{n}", x, y, "constant difference"))
    # Constant x (or y): correlations undefined.
    for n in [3, 10, 30]:
        cases.append(paired_case(f"constant_x_n{n}", [5.0] * n, short(rng.normal(0, 1, n)),
                                 "constant x"))
    # n == 2 Pearson sign rule.
    cases.append(paired_case("two_points_neg", [1.0, 2.0], [3.0, 1.0], "r = -1, p = 1"))
    cases.append(paired_case("two_points_pos", [1.0, 2.5], [-3.0, 1.0], "r = 1, p = 1"))
    # Perfectly monotone relations: Spearman rho exactly +-1 (p = 0) or 1 - 2^-53.
    for n in [3, 4, 5, 10, 25, 100]:
        x = short(np.sort(rng.normal(0, 1, n)))
        cases.append(paired_case(f"monotone_up_n{n}", x, list(np.exp(x)), "rho = 1"))
        cases.append(paired_case(f"monotone_down_n{n}", x, list(-np.asarray(x) * 3.0 + 1.0),
                                 "rho = -1"))
    # Very large and very small magnitudes.
    for n in [10, 50, 1000]:
        base = rng.normal(0, 1, n)
        x = short(1e12 + 1e3 * base, 15)
        y = short(1e12 + 1e3 * (base + rng.normal(0.05, 0.5, n)), 15)
        cases.append(paired_case(f"large_1e12_n{n}", x, y, "values around 1e12"))
        x = short(1e-12 * rng.normal(1, 1, n))
        y = short(np.asarray(x) - 1e-12 * rng.normal(0.2, 0.5, n))
        cases.append(paired_case(f"small_1e-12_n{n}", x, y, "values around 1e-12"))
        x = short(1e12 * rng.normal(0, 1, n))
        y = short(1e12 * rng.normal(0, 1, n) + 0.8 * np.asarray(x))
        cases.append(paired_case(f"large_spread_1e12_n{n}", x, y, "magnitudes up to 1e12"))
    # Highly significant: tiny p-values.
    for n, shift, rho in [(60, 3.0, 0.99), (200, 2.0, 0.9), (1000, 1.0, 0.6),
                          (2500, 0.8, 0.5), (10000, 0.3, 0.2)]:
        z = rng.normal(0, 1, n)
        x = short(z)
        y = short(rho * z + math.sqrt(1 - rho * rho) * rng.normal(0, 1, n) - shift)
        cases.append(paired_case(f"significant_n{n}", x, y, "tiny p-values"))
    # Wilcoxon exact p at the extremes and at the centre of the distribution.
    cases.append(paired_case("wilcoxon_all_positive_n10", list(range(1, 11)), [0.0] * 10,
                             "exact p = 2/1024"))
    cases.append(paired_case("wilcoxon_all_positive_n50", list(range(1, 51)), [0.0] * 50,
                             "exact p = 2^-49"))
    cases.append(paired_case("wilcoxon_all_negative_n51", [0.0] * 51, list(range(1, 52)),
                             "approx, tiny p"))
    # r_plus at the centre (n = 3: ranks 1,2 vs 3): p = 1.
    cases.append(paired_case("wilcoxon_centre_n3", [1.0, 2.0, -3.0], [0.0, 0.0, 0.0],
                             "r_plus at the centre, p = 1"))
    cases.append(paired_case("wilcoxon_centre_n4",
                             [1.0, -2.0, -3.0, 4.0], [0.0, 0.0, 0.0, 0.0],
                             "r_plus = 5 = floor(10/2), p = 1"))
    return cases


def two_sample_case(name, a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return {
        "name": name, "a": enc_list(a), "b": enc_list(b),
        "expected": {
            "student": test_entry(stats.ttest_ind, a, b, equal_var=True),
            "welch": test_entry(stats.ttest_ind, a, b, equal_var=False),
            "ttest_1samp_a_popmean_1": test_entry(stats.ttest_1samp, a, 1.0),
        },
    }


def two_sample_cases():
    rng = np.random.default_rng(777)
    cases = []
    for n1, n2, s1, s2, shift in [(1, 5, 1, 1, 0), (5, 1, 1, 1, 0), (2, 2, 1, 1, 0.5),
                                  (2, 3, 1, 2, 1), (3, 3, 1, 1, 0), (5, 5, 1, 3, 1),
                                  (10, 30, 1, 5, 2), (30, 10, 5, 1, -2), (11, 9, 2, 2, 0.1),
                                  (100, 1000, 1, 0.2, 0.1), (1000, 1000, 1, 1, 0.3),
                                  (50, 10000, 1, 3, -0.05)]:
        a = short(rng.normal(0, s1, n1))
        b = short(rng.normal(shift, s2, n2))
        cases.append(two_sample_case(f"normal_{n1}_{n2}_s{s1}_{s2}", a, b))
    cases.append(two_sample_case("both_constant_equal", [2.0] * 4, [2.0] * 6))
    cases.append(two_sample_case("both_constant_different", [2.0] * 4, [3.0] * 6))
    cases.append(two_sample_case("one_constant", [2.0] * 4, short(rng.normal(0, 1, 6))))
    cases.append(two_sample_case("constant_0.1", [0.1] * 3, [0.2] * 5))
    cases.append(two_sample_case("ties_integers", list(rng.integers(0, 4, 15).astype(float)),
                                 list(rng.integers(1, 5, 12).astype(float))))
    cases.append(two_sample_case("large_1e12", short(1e12 + 1e3 * rng.normal(0, 1, 40), 15),
                                 short(1e12 + 1e3 * rng.normal(0.5, 2, 25), 15)))
    cases.append(two_sample_case("small_1e-12", short(1e-12 * rng.normal(0, 1, 40)),
                                 short(1e-12 * rng.normal(0.5, 2, 25))))
    cases.append(two_sample_case("significant", short(rng.normal(0, 1, 2000)),
                                 short(rng.normal(1.5, 1, 1500))))
    cases.append(two_sample_case("empty_a", [], [1.0, 2.0]))
    return cases


def anova_case(name, groups):
    groups = [np.asarray(g, dtype=np.float64) for g in groups]
    return {"name": name, "groups": [enc_list(g) for g in groups],
            "expected": test_entry(stats.f_oneway, *groups)}


def anova_cases():
    rng = np.random.default_rng(4242)
    cases = []
    layouts = [
        ("two_groups", [(10, 0, 1), (12, 0.5, 1)]),
        ("three_groups", [(5, 0, 1), (7, 1, 2), (6, -1, 1)]),
        ("five_unequal", [(2, 0, 1), (3, 0, 1), (50, 0.2, 1), (8, 0, 3), (20, -0.1, 1)]),
        ("ten_groups", [(30, 0.1 * k, 1) for k in range(10)]),
        ("with_singletons", [(1, 0, 1), (1, 1, 1), (4, 0, 1)]),
        ("pairs_only", [(2, 0, 1), (2, 1, 1), (2, 2, 1)]),
        ("large_groups", [(5000, 0, 1), (3000, 0.02, 1), (2000, -0.01, 2)]),
        ("significant", [(500, 0, 1), (500, 1, 1), (500, 2, 1)]),
        ("null_many", [(15, 0, 1) for _ in range(25)]),
    ]
    for name, spec in layouts:
        cases.append(anova_case(name, [short(rng.normal(m, s, n)) for n, m, s in spec]))
    cases.append(anova_case("all_size_one", [[1.0], [2.0], [3.0]]))
    cases.append(anova_case("empty_group", [[1.0, 2.0], []]))
    cases.append(anova_case("one_group", [[1.0, 2.0, 3.0]]))
    cases.append(anova_case("all_const_same", [[3.0, 3.0], [3.0, 3.0, 3.0], [3.0]]))
    cases.append(anova_case("all_const_different", [[3.0, 3.0], [4.0, 4.0, 4.0], [3.0]]))
    cases.append(anova_case("one_const_group", [[3.0, 3.0, 3.0], short(rng.normal(0, 1, 5))]))
    cases.append(anova_case("const_0.1_groups", [[0.1] * 3, [0.1] * 4, [0.2, 0.3]]))
    cases.append(anova_case("large_1e12", [short(1e12 + 1e3 * rng.normal(m, 1, 20), 15)
                                            for m in (0, 0.3, 0.8)]))
    cases.append(anova_case("small_1e-12", [short(1e-12 * rng.normal(m, 1, 20))
                                             for m in (0, 0.3, 0.8)]))
    cases.append(anova_case("integer_ties", [list(rng.integers(0, 5, 12).astype(float))
                                              for _ in range(4)]))
    return cases


def holm_reference(p):
    """Holm step-down adjusted p-values (statsmodels' algorithm); NaN entries are left out of
    the family and stay NaN."""
    p = np.asarray(p, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    idx = np.flatnonzero(~np.isnan(p))
    m = idx.size
    if m == 0:
        return out
    order = idx[np.argsort(p[idx], kind="stable")]
    scaled = p[order] * np.arange(m, 0, -1)
    adj = np.minimum(np.maximum.accumulate(scaled), 1.0)
    out[order] = adj
    return out


def holm_cases():
    rng = np.random.default_rng(99)
    fams = {
        "hand_example": [0.01, 0.04, 0.03, 0.005],
        "single": [0.03],
        "empty": [],
        "capped": [0.2, 0.5, 0.9, 0.01],
        "ties": [0.01, 0.01, 0.02, 0.02, 0.5],
        "with_nan": [0.02, float("nan"), 0.01, 0.5],
        "tiny": [1e-200, 3e-150, 0.04, 1e-300],
        "monotone_needed": [0.001, 0.0011, 0.0012, 0.3, 0.31],
    }
    for m in [10, 45, 300]:
        fams[f"random_{m}"] = list(rng.random(m) ** 3)
    # The p-values of pairwise Welch tests between securities, as SPEC 4 uses them.
    groups = [rng.normal(0.1 * k, 1, 20 + 5 * k) for k in range(6)]
    welch = []
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            welch.append(float(stats.ttest_ind(groups[i], groups[j], equal_var=False).pvalue))
    fams["welch_pairwise_6_securities"] = welch
    return [{"name": k, "p": enc_list(v), "expected": enc_list(holm_reference(v))}
            for k, v in fams.items()]


def pmf_cases():
    from scipy.stats._hypotests import _get_wilcoxon_distr
    return [{"n": n, "pmf": enc_list(_get_wilcoxon_distr(n))} for n in [0, 1, 2, 3, 5, 10, 20, 50]]


def write(name, payload):
    payload = dict(payload)
    payload["scipy_version"] = scipy.__version__
    payload["numpy_version"] = np.__version__
    payload["python"] = sys.version.split()[0]
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def main():
    if not scipy.__version__.startswith("1.10."):
        sys.exit(f"SciPy 1.10 required (Debian python3-scipy), found {scipy.__version__}; "
                 "run with /usr/bin/python3")
    os.makedirs(OUT_DIR, exist_ok=True)
    write("paired.json", {"quantile_levels": QUANTILE_LEVELS, "cases": paired_cases()})
    write("two_sample.json", {"cases": two_sample_cases()})
    write("anova.json", {"cases": anova_cases()})
    write("holm.json", {"cases": holm_cases()})
    write("wilcoxon_pmf.json", {"cases": pmf_cases()})


if __name__ == "__main__":
    main()
