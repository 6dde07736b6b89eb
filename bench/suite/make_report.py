#!/usr/bin/python3
"""Writes REPORT.md from the files bench/run_suite.sh leaves in its results directory.

    /usr/bin/python3 bench/suite/make_report.py RESULTS_DIR

Reads results.csv (one row per timed run), inputs.csv, verify.csv, machine.tsv, suite.tsv,
registry_bench.txt and micro_benchmarks.json; every one of them may be missing or partial (an
interrupted suite still gets a report of what it measured). Standard library only.
"""

import csv
import json
import math
import os
import re
import statistics
import sys
from collections import OrderedDict, defaultdict

MIB = 1048576.0


# ------------------------------------------------------------------------------------- input
def read_tsv(path):
    out = OrderedDict()
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if "\t" in line:
                    k, v = line.split("\t", 1)
                    out[k] = v
    return out


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        return list(csv.DictReader(f))


def fnum(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class Run:
    __slots__ = ("scale", "scale_bytes", "tool", "variant", "repeat", "wall", "user", "sys",
                 "rss_kb", "bytes", "rows", "rc", "sync", "note")

    def __init__(self, row):
        self.scale = row["scale"]
        self.scale_bytes = fnum(row.get("scale_bytes"))
        self.tool = row["tool"]
        self.variant = row.get("variant", "")
        self.repeat = int(row["repeat"]) if row.get("repeat", "").isdigit() else 0
        self.wall = fnum(row.get("wall_s"))
        self.user = fnum(row.get("user_s"))
        self.sys = fnum(row.get("sys_s"))
        self.rss_kb = fnum(row.get("max_rss_kb"))
        self.bytes = fnum(row.get("bytes"))
        self.rows = fnum(row.get("rows"))
        self.rc = row.get("exit_code", "")
        self.sync = fnum(row.get("sync_after_s"))
        self.note = row.get("note", "")

    @property
    def ok(self):
        return self.rc == "0" and self.wall is not None

    @property
    def cpu(self):
        if self.user is None or self.sys is None:
            return None
        return self.user + self.sys


# ------------------------------------------------------------------------------------- stats
def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def spread(xs):
    """(max - min) / median, the noise figure used throughout the report."""
    xs = [x for x in xs if x is not None]
    if len(xs) < 2:
        return None
    m = statistics.median(xs)
    return (max(xs) - min(xs)) / m if m else None


def cv(xs):
    xs = [x for x in xs if x is not None]
    if len(xs) < 3:
        return None
    m = statistics.mean(xs)
    return statistics.stdev(xs) / m if m else None


# ------------------------------------------------------------------------------------- format
def fs(x, digits=None):
    """Seconds."""
    if x is None:
        return "-"
    if digits is None:
        digits = 3 if x < 1 else 2 if x < 100 else 1
    return f"{x:.{digits}f} s"


def fx(x):
    if x is None:
        return "-"
    return f"{x:.2f}x" if x < 10 else f"{x:.1f}x" if x < 100 else f"{x:.0f}x"


def fpct(x):
    return "-" if x is None else f"{100 * x:.0f}%" if x >= 0.1 else f"{100 * x:.1f}%"


def fint(x):
    return "-" if x is None else f"{x:,.0f}"


def fmb(kb):
    return "-" if kb is None else f"{kb / 1024:.0f} MiB"


def fbytes(b):
    if b is None:
        return "-"
    for unit, div in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if b >= div:
            return f"{b / div:.2f} {unit}"
    return f"{b:.0f} B"


def frate(x, unit=""):
    if x is None:
        return "-"
    if x >= 1e9:
        return f"{x / 1e9:.2f} G{unit}"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M{unit}"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k{unit}"
    return f"{x:.1f} {unit}".strip()


def frange(xs, fmt):
    xs = [x for x in xs if x is not None]
    if len(xs) < 2:
        return "-"
    return f"{fmt(min(xs))} – {fmt(max(xs))}"


def fdur(value, unit):
    """A Google Benchmark time in its unit, shown in the most readable unit."""
    ns = value * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}.get(unit, 1)
    for u, div in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= div:
            return f"{ns / div:.3g} {u}"
    return f"{ns:.3g} ns"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(out)


def hms(seconds):
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


# ------------------------------------------------------------------------------------- report
TOOL_LABEL = OrderedDict([
    ("cat", "`cat orders > /dev/null`"),
    ("cp", "`cp orders`"),
    ("cp_sync", "`cp orders && sync`"),
    ("engine_extract_orders", "engine `extract`, orders only"),
    ("pandas", "pandas chunked split"),
    ("duckdb", "DuckDB `COPY ... PARTITION_BY`"),
    ("awk", "awk split"),
    ("extract", "engine `extract` (orders + trades)"),
    ("process", "engine `process`"),
    ("aggregate", "engine `aggregate`"),
])
COMPETITORS = ("pandas", "duckdb", "awk")
BASELINES = ("cat", "cp", "cp_sync")


class Report:
    def __init__(self, results_dir):
        self.dir = results_dir
        self.meta = read_tsv(os.path.join(results_dir, "suite.tsv"))
        self.machine = read_tsv(os.path.join(results_dir, "machine.tsv"))
        self.runs = [Run(r) for r in read_csv(os.path.join(results_dir, "results.csv"))]
        self.inputs = OrderedDict((r["scale"], r) for r in read_csv(os.path.join(results_dir, "inputs.csv")))
        self.verify = read_csv(os.path.join(results_dir, "verify.csv"))
        self.scales = []
        for r in self.runs:
            if r.scale not in ("-", "") and r.scale not in self.scales and r.tool != "generate":
                self.scales.append(r.scale)
        self.scales.sort(key=lambda s: self.scale_bytes(s))
        self.noise = []  # (label, spread) of every medianed measurement, for the noise summary
        self.out = []

    def scale_bytes(self, scale):
        for r in self.runs:
            if r.scale == scale and r.scale_bytes is not None:
                return r.scale_bytes
        return 0

    def select(self, scale, tool, variant=None, ok_only=True):
        return [r for r in self.runs if r.scale == scale and r.tool == tool
                and (variant is None or r.variant == variant) and (r.ok or not ok_only)]

    def measured_section(self, title, measured, missing="Not measured."):
        """Writes the section heading; when nothing was measured, says so and returns False."""
        self.w(f"## {title}")
        self.w()
        if not measured:
            self.w(missing)
            self.w()
        return bool(measured)

    def w(self, text=""):
        self.out.append(text)

    # ---------------------------------------------------------------- sections
    def header(self):
        quick = self.meta.get("mode") == "quick"
        self.w("# Benchmark report")
        self.w()
        if quick:
            self.w("> **QUICK RUN** (`--quick`: a smoke test of the suite at small scales with one run "
                   "per measurement). These figures show that the suite works, not how fast the engine "
                   "is: single runs on a small input, no medians, noise unknown. Run "
                   "`bench/run_suite.sh` without `--quick` on a quiet machine for publishable numbers.")
            self.w()
        elapsed = fnum(self.meta.get("elapsed_s"))
        if not self.meta.get("finished"):
            self.w("> **INCOMPLETE**: the suite did not finish; this report shows what was measured.")
            self.w()
        self.w(f"Command: `{self.meta.get('command', 'bench/run_suite.sh')}`  ")
        self.w(f"Started {self.meta.get('started', '?')}, finished {self.meta.get('finished', '-')}; "
               f"total suite time **{hms(elapsed) if elapsed is not None else '-'}**.  ")
        reps = [f"{s}: {self.meta[f'repeats_{s}']}" for s in self.scales if f"repeats_{s}" in self.meta]
        self.w(f"Scales (orders file): {', '.join(self.scales) or '-'}; runs per measurement: "
               f"{', '.join(reps) or '-'}. Every figure is a median over those runs unless it says "
               f"otherwise; *spread* is (max − min) / median over the runs, the noise figure.")
        self.w()
        self.w("Contents: [machine](#machine) · [inputs](#inputs) · [headline](#headline-extraction-against-cat-cp-and-the-competitors) · "
               "[phases](#every-phase-and-tool-at-every-scale) · [peak memory](#peak-memory-across-scales) · "
               "[worker scaling](#worker-scaling-of-process) · [sweep](#chunk-size-and-memory-budget-sweep) · "
               "[registry](#registry-at-1250000-partitions) · [micro-benchmarks](#micro-benchmarks) · "
               "[noise](#noise) · [reproduce](#how-to-reproduce)")
        self.w()

    def machine_section(self):
        self.w("## Machine")
        self.w()
        labels = [("date", "date (UTC)"), ("cpu_model", "CPU"), ("hypervisor", "hypervisor"),
                  ("nproc", "CPUs (nproc)"), ("usable_cpus", "usable CPUs (engine's sizing)"),
                  ("mem_total", "RAM"), ("mem_available", "RAM available at start"),
                  ("work_dir", "work directory"), ("disk_free", "disk free at start"),
                  ("filesystem", "file system"), ("kernel", "kernel"), ("os", "OS"),
                  ("compiler", "compiler"), ("build_type", "build type"), ("git_commit", "git commit (HEAD; uncommitted changes are not detected)"),
                  ("python", "Python"), ("pandas", "pandas"), ("duckdb", "DuckDB"), ("awk", "awk"),
                  ("coreutils", "cp / cat"), ("load_at_start", "load average at start (1/5/15 min)"),
                  ("load_at_end", "load average at end")]
        rows = [(label, self.machine[k].replace("|", "\\|")) for k, label in labels if self.machine.get(k)]
        self.w(table(["", ""], rows))
        self.w()
        load = fnum((self.machine.get("load_at_start") or "").split(" ")[0])
        cpus = fnum(self.machine.get("nproc"))
        if load is not None and cpus and load > 0.5 * cpus:
            self.w(f"**Warning:** the load average at the start ({load:.2f} on {cpus:.0f} CPUs) shows "
                   "other work on the machine; wall times and ratios are noisier than on a quiet one.")
            self.w()

    def inputs_section(self):
        self.w("## Inputs")
        self.w()
        gen = self.meta.get("generator", "")
        self.w(f"`build/apps/generate_market_data {gen}`: the same 5,000 (date, security) partitions at "
               "every scale, only the event rate grows. Inputs are cached in the work directory and "
               "read from a warm page cache (re-read, untimed, before every timed tool).")
        self.w()
        rows = []
        for s in self.scales:
            i = self.inputs.get(s)
            if not i:
                continue
            g = i.get("generated_s", "")
            gtxt = fs(fnum(g)) if fnum(g) is not None else (g or "-")
            rows.append((s, fbytes(fnum(i["orders_bytes"])), fint(fnum(i["orders_rows"])),
                         fbytes(fnum(i["trades_bytes"])), fint(fnum(i["trades_rows"])),
                         fint(fnum(i.get("partitions"))), gtxt))
        self.w(table(["scale", "orders", "order rows", "trades", "trade rows", "partitions", "generated in"], rows))
        mem = self.machine.get("mem_total", "")
        m = re.match(r"([\d.]+) GiB", mem)
        if m and self.inputs:
            biggest = max(fnum(i["orders_bytes"]) + fnum(i["trades_bytes"]) for i in self.inputs.values())
            if biggest > float(m.group(1)) * 2**30 * 0.5:
                self.w()
                self.w(f"Note: the largest input ({fbytes(biggest)}) is more than half the RAM ({mem}); "
                       "part of it may be read from disk rather than the page cache.")
        self.w()

    def paired_ratio(self, scale, num_tool, den_tool):
        """Median (min, max, n) of per-repeat wall ratios num/den (the same repeat ran both)."""
        num = {r.repeat: r.wall for r in self.select(scale, num_tool)}
        den = {r.repeat: r.wall for r in self.select(scale, den_tool)}
        ratios = [num[k] / den[k] for k in num if k in den and den[k] and num[k]]
        if not ratios:
            return None
        return statistics.median(ratios), min(ratios), max(ratios), len(ratios)

    def fratio(self, rt):
        if rt is None:
            return "-"
        m, lo, hi, n = rt
        return fx(m) if n < 2 else f"{fx(m)} ({fx(lo)}–{fx(hi)})"

    def not_run_reason(self, scale, tool):
        rs = [r for r in self.runs if r.scale == scale and r.tool == tool]
        if not rs:
            return "not run"
        if any(r.note for r in rs if not r.ok):
            return next(r.note for r in rs if not r.ok and r.note)
        if all(not r.ok for r in rs):
            return "failed (exit " + ", ".join(sorted({r.rc for r in rs})) + ")"
        return None

    def headline(self):
        self.w("## Headline: extraction against cat, cp and the competitors")
        self.w()
        self.w("The engine splits the **orders file alone** here (with a header-only trades file), so "
               "that every tool reads and writes the same bytes; the full extraction of orders + "
               "trades is the `extract` phase in the next section. Each repeat runs every tool back to "
               "back on the same cached file; a ratio is computed per repeat and the median is shown "
               "with its min–max over the repeats. The engine's `extract` ends durable (`syncfs`); "
               "`cp`, pandas, DuckDB and awk do not (the `+ sync` column of the next section shows what "
               "a `sync` after them cost).")
        self.w()
        rows = []
        for s in self.scales:
            eng = self.select(s, "engine_extract_orders")
            if not eng:
                continue
            w = median([r.wall for r in eng])
            b = eng[0].bytes
            rws = eng[0].rows
            row = [s, fs(w), frate(b / w if w else None, "B/s"), frate(rws / w if w else None, " rows/s"),
                   fmb(max(r.rss_kb for r in eng if r.rss_kb is not None) if any(r.rss_kb for r in eng) else None)]
            for base in BASELINES:
                row.append(self.fratio(self.paired_ratio(s, "engine_extract_orders", base)))
            for c in COMPETITORS:
                rt = self.paired_ratio(s, c, "engine_extract_orders")
                row.append(self.fratio(rt) if rt else (self.not_run_reason(s, c) or "-"))
            rows.append(row)
        self.w(table(["scale", "engine", "MB/s", "rows/s", "peak RSS", "engine ÷ cat", "engine ÷ cp",
                      "engine ÷ (cp + sync)", "pandas ÷ engine", "DuckDB ÷ engine", "awk ÷ engine"], rows))
        self.w()
        big = next((s for s in reversed(self.scales) if self.select(s, "engine_extract_orders")), None)
        if big:
            eng = self.select(big, "engine_extract_orders")
            u, k, w = median([r.user for r in eng]), median([r.sys for r in eng]), median([r.wall for r in eng])
            if u is not None and k is not None and w:
                self.w(f"Where the engine's time goes at {big}: {u:.2f} s user and {k:.2f} s system CPU in "
                       f"{w:.2f} s of wall time"
                       + (": mostly in the kernel (creating the partition directories and files, "
                          "writing, the final `syncfs`), not in parsing." if k > 2 * u else "."))
                self.w()
        self.w("Read *engine ÷ cp* = 3x as \"the engine takes three times as long as `cp` of the same "
               "file\"; read *pandas ÷ engine* = 20x as \"the engine is twenty times faster than pandas\". "
               "MB/s is 10^6 bytes of the orders file per second of wall time.")
        self.w()
        if self.verify:
            self.w("**Same partitions?** Once per scale each competitor's output is compared with the "
                   "engine's partitions by `bench/competitors/verify_same_partitions.py` (same "
                   "partitions, same multiset of rows per partition; row order is reported, not "
                   "required):")
            self.w()
            tools = [t for t in COMPETITORS if any(v["tool"] == t for v in self.verify)]
            rows = []
            for s in self.scales:
                cells = [s]
                for t in tools:
                    v = next((v for v in self.verify if v["scale"] == s and v["tool"] == t), None)
                    if v is None:
                        cells.append("-")
                    else:
                        res = v["result"]
                        res = "**FAIL**" if res == "FAIL" else res
                        cells.append(f"{res}" + (f" ({self.short_verify(v.get('detail', ''))})"
                                                 if v.get("detail") else ""))
                rows.append(cells)
            self.w(table(["scale"] + tools, rows))
            self.w()

    @staticmethod
    def short_verify(detail):
        """verify_same_partitions.py's summary lines, shortened for a table cell."""
        m = re.search(r"other: (\d+) partitions; (\d+) rows", detail)
        o = re.search(r"engine's order in (\d+) of (\d+)", detail)
        if m and o and "SAME" in detail:
            return (f"{int(m.group(1)):,} partitions, {int(m.group(2)):,} rows; input row order kept "
                    f"in {int(o.group(1)):,} of {int(o.group(2)):,}")
        return detail

    def phase_table(self):
        self.w("## Every phase and tool at every scale")
        self.w()
        self.w("Wall time median with its min–max and spread, median user and system CPU time and the "
               "ratio of their sum to wall (how many cores were busy on average; system time is the "
               "kernel's share: file creation, writes, page cache), peak RSS (largest over the runs), the "
               "median time of a `sync` right after the tool (the dirty data it left behind), and "
               "throughput from the median wall: MB/s of input read, and rows/s (for `process`: "
               "order events/s, the order rows analysed per second; for `aggregate`: partitions/s). "
               "`extract` is the full phase 1 "
               "(orders + trades); `process` ran with the default worker count "
               f"({self.machine.get('usable_cpus', '?')}); `aggregate` consolidates the 5,000 "
               "partitions' results.")
        self.w()
        for s in self.scales:
            rows = []
            for tool, label in TOOL_LABEL.items():
                rs = self.select(s, tool)
                if not rs:
                    reason = self.not_run_reason(s, tool)
                    if reason and reason != "not run":
                        rows.append([label, 0, reason] + ["-"] * 8)
                    continue
                walls = [r.wall for r in rs]
                m = median(walls)
                sp = spread(walls)
                if len(walls) >= 2:
                    self.noise.append((f"{s} {tool}", sp, len(walls)))
                cpu = median([r.cpu for r in rs])
                rss = [r.rss_kb for r in rs if r.rss_kb is not None]
                syncs = median([r.sync for r in rs])
                b = rs[0].bytes
                n = rs[0].rows
                mbs = frate(b / m, "B/s") if b and m else "-"
                unit = {"process": " ev/s", "aggregate": " partitions/s"}.get(tool, " rows/s")
                rps = frate(n / m, unit) if n and m else "-"
                rows.append([label, len(rs), fs(m), frange(walls, lambda x: f"{x:.3g}"), fpct(sp),
                             f"{fs(median([r.user for r in rs]))} / {fs(median([r.sys for r in rs]))}",
                             f"{cpu / m:.2f}" if cpu is not None and m else "-",
                             fmb(max(rss) if rss else None), fs(syncs) if syncs is not None else "-", mbs, rps])
            if not rows:
                continue
            self.w(f"### Scale {s}")
            self.w()
            self.w(table(["tool / phase", "runs", "wall", "min – max (s)", "spread", "user / sys", "CPU ÷ wall",
                          "peak RSS", "+ sync", "MB/s", "rows/s"], rows))
            self.w()

    def rss_section(self):
        self.w("## Peak memory across scales")
        self.w()
        self.w("Largest peak RSS (`/usr/bin/time` max RSS) over the runs, per tool and scale. The "
               "engine's extraction is meant to be bounded by its buffer budget, not by the input.")
        self.w()
        tools = [t for t in TOOL_LABEL if any(self.select(s, t) for s in self.scales)]
        rows = []
        for t in tools:
            cells = [TOOL_LABEL[t]]
            for s in self.scales:
                rss = [r.rss_kb for r in self.select(s, t) if r.rss_kb is not None]
                cells.append(fmb(max(rss)) if rss else "-")
            rows.append(cells)
        self.w(table(["tool / phase"] + self.scales, rows))
        self.w()
        for t in ("engine_extract_orders", "extract", "process"):
            pts = []
            for s in self.scales:
                rss = [r.rss_kb for r in self.select(s, t) if r.rss_kb is not None]
                if rss:
                    pts.append((s, max(rss), self.scale_bytes(s)))
            if len(pts) < 2:
                continue
            (s0, r0, b0), (s1, r1, b1) = pts[0], pts[-1]
            # Bounded memory shows as no growth between the largest scales; the small ones may not
            # fill the buffers yet.
            (sa, ra, ba), (sb, rb, bb) = pts[-2], pts[-1]
            growth = rb / ra if ra else None
            flat = growth is not None and (growth <= 1.25 or rb - ra < 32 * 1024)
            verdict = "**flat**" if flat else "**not flat**"
            text = (f"- {TOOL_LABEL[t]}: {fmb(ra)} at {sa} → {fmb(rb)} at {sb} ({growth:.2f}x for "
                    f"{bb / ba:.0f}x the data): {verdict}")
            if len(pts) >= 3:
                text += f"; {fmb(r0)} at {s0}, {r1 / r0:.2f}x over the whole {b1 / b0:.0f}x range"
            if not flat and bb <= 2**30:
                text += (" (small inputs do not fill the buffers yet; whether it stays flat shows at "
                         "the >= 1G scales)")
            if t == "process":
                text += (" (expected: phase 2 analyses one whole partition per worker in memory, and "
                         "with the same 5,000 partitions at every scale each partition grows with the "
                         "input, so this memory follows the largest partition times the workers, not "
                         "the size of the input)")
            self.w(text + ".")
        self.w()

    def workers_section(self):
        rs = [r for r in self.runs if r.tool == "process_workers" and r.ok]
        if not self.measured_section("Worker scaling of `process`", rs):
            return
        s = rs[0].scale
        rows_n = rs[0].rows
        self.w(f"Phase 2 on the extracted run of scale {s} ({fint(rows_n)} order rows, "
               f"{fint(fnum(self.inputs.get(s, {}).get('partitions')))} partitions), `--workers` 1 to "
               f"{self.machine.get('usable_cpus', '?')} (all usable cores); each run on a fresh `cp -a` "
               "copy of the same extraction (the copy is not timed). Speed-up and efficiency from the "
               "medians; order events/s = order rows ÷ wall.")
        self.w()
        by_w = defaultdict(list)
        for r in rs:
            by_w[int(r.variant.split("=")[1])].append(r)
        base = median([r.wall for r in by_w.get(1, [])])
        rows = []
        for w in sorted(by_w):
            walls = [r.wall for r in by_w[w]]
            m = median(walls)
            sp = spread(walls)
            if len(walls) >= 2:
                self.noise.append((f"{s} process --workers {w}", sp, len(walls)))
            cpu = median([r.cpu for r in by_w[w]])
            rss = max((r.rss_kb for r in by_w[w] if r.rss_kb is not None), default=None)
            su = base / m if base and m else None
            rows.append([w, len(walls), fs(m), frange(walls, lambda x: f"{x:.3g}"), fpct(sp),
                         fx(su), fpct(su / w) if su else "-", frate(rows_n / m, " ev/s") if m else "-",
                         f"{cpu / m:.2f}" if cpu and m else "-", fmb(rss)])
        self.w(table(["workers", "runs", "wall", "min – max (s)", "spread", "speed-up", "efficiency",
                      "order events/s", "CPU ÷ wall", "peak RSS"], rows))
        self.w()
        ws = sorted(by_w)
        if len(ws) >= 2 and base:
            top = median([r.wall for r in by_w[ws[-1]]])
            cpu_top = median([r.cpu for r in by_w[ws[-1]]])
            cpu_one = median([r.cpu for r in by_w[1]])
            text = (f"With {ws[-1]} workers `process` is {base / top:.2f}x as fast as with one "
                    f"({100 * base / top / ws[-1]:.0f}% parallel efficiency).")
            if cpu_top and cpu_one:
                text += f" CPU ÷ wall at {ws[-1]} workers is {cpu_top / top:.2f}"
                if cpu_top / top <= 0.8 * ws[-1]:
                    text += (": the cores are not all busy, so part of the time goes to I/O or serial "
                             "work (reading and writing thousands of small partition files, the registry).")
                elif cpu_top > 1.2 * cpu_one:
                    text += (f": the cores are busy, but the run used {cpu_top:.1f} s of CPU against "
                             f"{cpu_one:.1f} s with one worker, so running in parallel adds work "
                             "(contention in the kernel or the runtime) rather than waiting.")
                else:
                    text += ": the cores are busy with the same total work, so the limit is CPU."
            self.w(text)
            self.w()

    def sweep_section(self):
        rs = [r for r in self.runs if r.tool == "extract_sweep" and r.ok]
        if not self.measured_section("Chunk-size and memory-budget sweep", rs):
            return
        s = rs[0].scale
        self.w(f"Engine `extract` of the scale-{s} orders file (header-only trades, as in the headline) "
               "with `--chunk-size` (rows per extraction block) and `--memory-budget` set; `auto` is "
               "the default the engine picks on this machine. Median of "
               f"{self.meta.get('sweep_repeats', '?')} run(s) per point.")
        self.w()
        pts = OrderedDict()
        for r in rs:
            pts.setdefault(r.variant, []).append(r)
        failed = sorted({r.variant for r in self.runs if r.tool == "extract_sweep" and not r.ok})
        rows = []
        data = {}
        for v, group in pts.items():
            kv = dict(p.split("=") for p in v.split(";"))
            walls = [r.wall for r in group]
            m = median(walls)
            sp = spread(walls)
            if len(walls) >= 2:
                self.noise.append((f"{s} sweep {v}", sp, len(walls)))
            rss = median([r.rss_kb for r in group])
            mbs = group[0].bytes / m / 1e6 if m else None
            data[(kv["chunk"], kv["budget"])] = (mbs, rss, sp)
            rows.append([kv["chunk"], kv["budget"], fs(m), fpct(sp),
                         f"{mbs:.0f}" if mbs else "-", frate(group[0].rows / m, " rows/s") if m else "-",
                         fmb(rss)])
        self.w(table(["chunk (rows)", "budget", "wall", "spread", "MB/s", "rows/s", "peak RSS"], rows))
        self.w()
        if failed:
            self.w("Points that failed (see the logs): " + ", ".join(f"`{v}`" for v in failed) + ".")
            self.w()
        self.w(self.crossover_text(data))
        self.w()

    def crossover_text(self, data):
        def series(fixed_key, axis):
            out = []
            for (c, b), (mbs, rss, sp) in data.items():
                if (axis == "budget" and c == fixed_key) or (axis == "chunk" and b == fixed_key):
                    out.append(((b if axis == "budget" else c), mbs, rss, sp))
            return out

        def size_key(v):
            if v == "auto":
                return float("inf")
            m = re.match(r"(\d+)([KMGT]?)", v)
            return int(m.group(1)) * {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}[m.group(2)]

        lines = []
        noise = [sp for (_, _, sp) in data.values() if sp is not None]
        tol = max(0.10, statistics.median(noise) if noise else 0.0)
        for axis, fixed in (("budget", "auto"), ("chunk", "auto")):
            pts = sorted(series(fixed, axis), key=lambda p: size_key(p[0]))
            pts = [p for p in pts if p[1]]
            if len(pts) < 2:
                continue
            best = max(p[1] for p in pts)
            worst = min(p[1] for p in pts)
            smallest_full = next(p for p in pts if p[1] >= best * (1 - tol))
            rss_lo = min(p[2] for p in pts if p[2])
            rss_hi = max(p[2] for p in pts if p[2])
            name = "memory budget" if axis == "budget" else "chunk size"
            other = "chunk size" if axis == "budget" else "memory budget"
            first, last = pts[0], pts[-1]
            best_pt = max(pts, key=lambda p: p[1])
            lead = (f"- **{name.capitalize()}** ({first[0]} … {last[0]}, {other} auto): ")
            rss_txt = f"peak RSS {rss_lo / 1024:.0f}–{rss_hi / 1024:.0f} MiB over the series"
            worst_pt = min(pts, key=lambda p: p[1])

            def mb(x):
                return f"{x:.1f}" if x < 100 else f"{x:.0f}"

            if (best - worst) / best <= tol:
                lines.append(lead + f"throughput stays within {100 * (best - worst) / best:.0f}% "
                             f"({mb(worst)}–{mb(best)} MB/s; noise tolerance {100 * tol:.0f}%), {rss_txt}: "
                             "no crossover, more memory buys no speed.")
            elif best_pt is first:
                lines.append(lead + f"the smallest setting is the fastest ({mb(best)} MB/s at {first[0]}); "
                             f"the slowest point is {worst_pt[0]} ({mb(worst)} MB/s), {rss_txt}: no "
                             "crossover, more memory buys no speed.")
            elif smallest_full is first:
                lines.append(lead + f"the smallest setting already runs within {100 * tol:.0f}% of the "
                             f"best ({mb(first[1])} vs {mb(best)} MB/s at {best_pt[0]}); the slowest point is "
                             f"{worst_pt[0]} ({mb(worst)} MB/s), {rss_txt}: no crossover, more memory buys "
                             "no speed.")
            else:
                lines.append(lead + f"throughput ranges {mb(worst)}–{mb(best)} MB/s; the smallest setting "
                             f"within {100 * tol:.0f}% of the best is **{smallest_full[0]}** "
                             f"({mb(smallest_full[1])} MB/s, {(smallest_full[2] or 0) / 1024:.0f} MiB peak): "
                             f"below it more memory helps, above it more memory buys nothing; {rss_txt}.")
        # The whole-file ("in-memory") tools at the same scale, for the memory side of the question.
        if data:
            scale = next((r.scale for r in self.runs if r.tool == "extract_sweep"), None)
            cmp_ = []
            for t in ("engine_extract_orders",) + COMPETITORS:
                rss = [r.rss_kb for r in self.select(scale, t) if r.rss_kb is not None]
                walls = [r.wall for r in self.select(scale, t)]
                if rss and walls:
                    cmp_.append(f"{TOOL_LABEL[t]} {max(rss) / 1024:.0f} MiB at "
                                f"{self.select(scale, t)[0].bytes / median(walls) / 1e6:.0f} MB/s")
            if len(cmp_) > 1:
                lines.append(f"- For the memory side, the same {scale} file with the other tools (peak RSS, "
                             "throughput): " + "; ".join(cmp_) + ".")
        if not lines:
            return "Too few sweep points for a conclusion."
        head = ("**Is there a streaming vs in-memory crossover?** (The old Python tool's question: "
                "does holding more of the data in memory beat streaming it, and from which size on?) "
                "This engine always streams with bounded buffers (extraction uses at most 256 MiB of "
                "the budget, docs/extraction.md), so the question becomes whether giving it bigger "
                "blocks or a bigger budget makes it faster, and what that costs in memory:")
        return head + "\n\n" + "\n".join(lines)

    def registry_section(self):
        path = os.path.join(self.dir, "registry_bench.txt")
        missing = "Not measured: " + self.meta.get("registry_missing", "no registry_bench output") + "."
        if not self.measured_section("Registry at 1,250,000 partitions", os.path.exists(path), missing):
            return
        text = open(path, encoding="utf-8", errors="replace").read()
        run = next((r for r in self.runs if r.tool == "registry_bench"), None)
        figs = []
        pats = [
            (r"add_partitions\((\d+)\): ([\d.]+) s", lambda m: ("build (add partitions)", f"{m.group(2)} s")),
            (r"registry memory \(table estimate\): ([\d.]+) MiB = (\d+) bytes/partition",
             lambda m: ("memory (table estimate)", f"{m.group(1)} MiB ({m.group(2)} B/partition)")),
            (r"snapshot: \d+ bytes \(([\d.]+) MiB, (\d+) bytes/partition\) in ([\d.]+) s",
             lambda m: ("snapshot save", f"{m.group(1)} MiB ({m.group(2)} B/partition) in {m.group(3)} s")),
            (r"peak RSS during build \+ save\s+([\d.]+) MiB",
             lambda m: ("peak RSS during build + save", f"{m.group(1)} MiB")),
            (r"(\d+) partitions from the snapshot in ([\d.]+) s", lambda m: ("load", f"{m.group(2)} s")),
            (r"peak RSS during load\s+([\d.]+) MiB", lambda m: ("peak RSS during load", f"{m.group(1)} MiB")),
            (r"updates, flush every 100\n\s+(\d+) updates .*? in ([\d.]+) s = ([\d.]+) us/update",
             lambda m: ("10,000 status updates, flushed every 100", f"{m.group(2)} s ({m.group(3)} µs/update)")),
            (r"updates, flush after each\n\s+(\d+) updates .*? in ([\d.]+) s = ([\d.]+) us/update",
             lambda m: ("10,000 status updates, flushed each (fsync)", f"{m.group(2)} s ({m.group(3)} µs/update)")),
            (r"snapshot \+ (\d+) journal records \(\d+ bytes\) in ([\d.]+) s",
             lambda m: (f"load with {int(m.group(1)):,} journal records", f"{m.group(2)} s")),
            (r"compaction\n\s+([\d.]+) s", lambda m: ("compaction", f"{m.group(1)} s")),
            (r"peak RSS during compaction\s+([\d.]+) MiB", lambda m: ("peak RSS during compaction", f"{m.group(1)} MiB")),
        ]
        for pat, f in pats:
            m = re.search(pat, text)
            if m:
                figs.append(f(m))
        if run and run.wall:
            figs.append(("whole bench", f"{run.wall:.1f} s wall, max RSS {fmb(run.rss_kb)}"))
        self.w("`build/src/registry/registry_bench` (5,000 securities × 250 trading days), one run:")
        self.w()
        self.w(table(["what", "figure"], figs))
        self.w()
        self.w("<details><summary>raw output</summary>\n\n```\n" + text.strip() + "\n```\n</details>")
        self.w()

    def micro_section(self):
        path = os.path.join(self.dir, "micro_benchmarks.json")
        missing = "Not measured: " + self.meta.get("micro_missing", "no micro_benchmarks output") + "."
        if not self.measured_section("Micro-benchmarks", os.path.exists(path), missing):
            return
        try:
            doc = json.load(open(path, encoding="utf-8"))
        except ValueError as e:
            self.w(f"`micro_benchmarks.json` could not be read: {e}")
            self.w()
            return
        ctx = doc.get("context", {})
        agg = defaultdict(dict)
        reps = None
        for b in doc.get("benchmarks", []):
            if b.get("run_type") != "aggregate":
                continue
            agg[b["run_name"]][b["aggregate_name"]] = b
            reps = b.get("repetitions", reps)
        self.w(f"`build/bench/micro_benchmarks` (Google Benchmark), {reps} repetitions per benchmark; "
               "median real and CPU time per iteration, the coefficient of variation (cv) of the CPU "
               "time over the repetitions, and the median throughput the benchmark reports.")
        if ctx.get("library_build_type") == "debug":
            self.w("(Google Benchmark's \"library was built as DEBUG\" warning is about Debian's "
                   "`libbenchmark` package itself, not the code measured, which is the Release build.)")
        self.w()
        groups = OrderedDict([("line router", []), ("CSV field parser", []), ("statistics", [])])
        for name, a in agg.items():
            med = a.get("median")
            if not med:
                continue
            if "LineRouter" in name:
                g = "line router"
            elif "Csv" in name or "UnquotedFields" in name:
                g = "CSV field parser"
            else:
                g = "statistics"
            c = a.get("cv", {})
            unit = med.get("time_unit", "ns")
            thr = []
            if med.get("bytes_per_second"):
                thr.append(frate(med["bytes_per_second"], "B/s"))
            if med.get("items_per_second"):
                thr.append(frate(med["items_per_second"], " items/s"))
            cvv = c.get("cpu_time")
            groups[g].append([f"`{name}`", fdur(med["real_time"], unit), fdur(med["cpu_time"], unit),
                              fpct(cvv) if cvv is not None else "-", ", ".join(thr) or "-"])
            if cvv is not None:
                self.noise.append((f"micro {name}", cvv, reps or 0))
        for g, rows in groups.items():
            if rows:
                self.w(f"**{g}**")
                self.w()
                self.w(table(["benchmark", "real (median)", "CPU (median)", "cv", "throughput"], rows))
                self.w()

    def noise_section(self):
        self.w("## Noise")
        self.w()
        macro = [(l, sp, n) for (l, sp, n) in self.noise if not l.startswith("micro") and sp is not None]
        micro = [(l, sp, n) for (l, sp, n) in self.noise if l.startswith("micro") and sp is not None]
        if not macro and not micro:
            self.w("Every measurement ran once, so the run-to-run noise is unknown. Repeat with "
                   "`--repeats 3` or more (the default without `--quick`).")
            self.w()
            return
        if not macro:
            self.w("Every macro measurement (phases, tools, worker scaling, sweep) ran once, so their "
                   "run-to-run noise is unknown; the defaults without `--quick` repeat each one 2-5 times.")
            self.w()
        if macro:
            sps = sorted(sp for (_, sp, _) in macro)
            worst = sorted(macro, key=lambda t: -t[1])[:5]
            self.w(f"Over {len(macro)} repeated timings (spread = (max − min) / median of the wall "
                   f"times): median spread **{fpct(statistics.median(sps))}**, 90th percentile "
                   f"{fpct(sps[min(len(sps) - 1, int(0.9 * len(sps)))])}, worst "
                   + ", ".join(f"{l} {fpct(sp)} ({n} runs)" for l, sp, n in worst) + ".")
            self.w()
            tiny = [r for r in self.runs if r.ok and r.wall is not None and r.wall < 0.05
                    and r.tool in ("cat", "cp", "cp_sync")]
            if tiny:
                self.w("Runs shorter than 50 ms (`cat`/`cp` at the small scales) are dominated by "
                       "process start-up and timer resolution; ratios against them are indicative only.")
                self.w()
        if micro:
            cvs = sorted(sp for (_, sp, _) in micro)
            self.w(f"Micro-benchmarks: median cv {fpct(statistics.median(cvs))}, worst "
                   f"{fpct(cvs[-1])} over {len(micro)} benchmarks.")
            self.w()
        self.w(f"Load average at the start {self.machine.get('load_at_start', '-')}, at the end "
               f"{self.machine.get('load_at_end', '-')} (1/5/15 min).")
        self.w()

    def reproduce(self):
        self.w("## How to reproduce")
        self.w()
        self.w("```sh\n"
               f"{self.meta.get('command', 'bench/run_suite.sh')}\n"
               "```")
        self.w()
        self.w("It installs what it needs (`scripts/install_deps.sh --bench`, "
               "`bench/competitors/install.sh`), builds Release (`scripts/build.sh`), generates or "
               "reuses the inputs in the work directory and writes this report. Files next to it: "
               "`results.csv` (every timed run, long format: scale, tool, variant, repeat, wall_s, "
               "user_s, sys_s, max_rss_kb, bytes, rows, exit_code, sync_after_s, note), `inputs.csv`, "
               "`verify.csv`, `machine.tsv`, `suite.tsv`, `registry_bench.txt`, "
               "`micro_benchmarks.json`. Raw stdout/stderr of every run: "
               f"`{self.meta.get('logs', 'bench/work/logs')}`. Regenerate this file from them with "
               "`/usr/bin/python3 bench/suite/make_report.py bench/results`. See docs/bench-suite.md.")
        self.w()

    def failures(self):
        bad = [r for r in self.runs if r.rc not in ("0", "")]
        if bad:
            self.w("## Failed runs")
            self.w()
            self.w(table(["scale", "tool", "variant", "repeat", "exit code", "note"],
                         [(r.scale, r.tool, r.variant, r.repeat, r.rc, r.note) for r in bad]))
            self.w()
            self.w("Their logs are in the work directory's `logs/`. Medians above leave them out.")
            self.w()

    def build(self):
        self.header()
        self.machine_section()
        self.inputs_section()
        self.headline()
        self.phase_table()
        self.rss_section()
        self.workers_section()
        self.sweep_section()
        self.registry_section()
        self.micro_section()
        self.noise_section()
        self.failures()
        self.reproduce()
        return "\n".join(self.out).rstrip() + "\n"


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    results_dir = sys.argv[1]
    if not os.path.isfile(os.path.join(results_dir, "results.csv")):
        print(f"make_report: no results.csv in {results_dir} (run bench/run_suite.sh first)", file=sys.stderr)
        return 1
    text = Report(results_dir).build()
    tmp = os.path.join(results_dir, "REPORT.md.partial")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, os.path.join(results_dir, "REPORT.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
