"""Benchmark: the main window on a 100,000-member database.

Prints time to first window (process start → window shown with the first page of members
painted), search-as-you-type latency on the members tab (median and 95th percentile over
typed prefixes: keystroke → first page of results painted), the time to read the rest of a
long result once typing pauses (it is listed first in part), and peak memory (max RSS).
Targets from the foundation issue: window < 2 s, search p95 < 50 ms, memory < 300 MB.

    python bench/bench_window.py [--db PATH] [--reuse] [--scale 334]

The database is built once with the demo generator (scale 334 ≈ 100,000 members, with
the other registers in proportion) and reused with --reuse.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# What a person types, keystroke by keystroke: pinyin initials, full pinyin, Chinese, digits.
TYPED = ["z", "zh", "zha", "zhan", "zhang", "zs", "w", "wa", "wan", "wang", "lx", "l", "li", "张", "王", "刘",
         "1", "13", "138", "1380", "5", "56", "567", "5678", "c", "ch", "che", "chen", "hm", "ou"]
REPEATS = 3


def build(db_path: Path, scale: int) -> None:
    from db.database import open_database
    from db.demo import fill_demo

    db_path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(db_path)
    counts = fill_demo(db, scale=scale)
    db.close()
    print(f"built {db_path} in {time.perf_counter() - started:.1f} s: {counts['party_members']:,} members, "
          f"{counts['service_logs']:,} service-log lines")


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def child(db_path: Path, started: float) -> None:
    """Runs in a fresh process: open the window, then type into the members search box."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import resource

    from db.database import open_database
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.settings import Settings, use_ini_file

    use_ini_file(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-window.ini")
    app = make_application("zh_CN")
    db = open_database(db_path)
    window = MainWindow(AppContext(db=db, lang="zh_CN"), Settings())
    window.show_tab("members")
    window.show()
    tab = window.register_tabs["members"]
    tab.model.data(tab.model.index(0, 0))
    app.processEvents()
    first_window = time.time() - started
    rows = tab.model.rowCount()

    latencies: list[float] = []  # keystroke → first page of results painted
    completions: list[float] = []  # the rest of a long result, read once typing pauses
    for _ in range(REPEATS):
        for text in TYPED:
            t = time.perf_counter()
            tab.search_edit.setText(text)
            tab.refresh()
            if tab.model.rowCount():
                tab.model.data(tab.model.index(0, 0))
            app.processEvents()
            latencies.append((time.perf_counter() - t) * 1000)
            if tab._complete_timer.isActive():
                t = time.perf_counter()
                tab._complete_timer.stop()
                tab.complete_listing()
                app.processEvents()
                completions.append((time.perf_counter() - t) * 1000)
    p95 = percentile(latencies, 95)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"members_listed": rows, "first_window_s": round(first_window, 3),
                      "search_median_ms": round(statistics.median(latencies), 1), "search_p95_ms": round(p95, 1),
                      "search_max_ms": round(max(latencies), 1), "searches": len(latencies),
                      "full_list_median_ms": round(statistics.median(completions), 1) if completions else 0,
                      "full_list_p95_ms": round(percentile(completions, 95), 1) if completions else 0,
                      "peak_rss_mb": round(rss_mb, 1)}))
    window.close()
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/community-desk-bench-100k.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it exists")
    parser.add_argument("--scale", type=int, default=334)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.started)
        return 0
    if args.build_only:
        build(args.db, args.scale)
        return 0
    if not (args.reuse and args.db.exists()):
        # In its own process: Linux carries a parent's peak RSS into a child it execs, and the
        # build's peak would otherwise show as the window's.
        subprocess.run([sys.executable, __file__, "--build-only", "--db", str(args.db), "--scale", str(args.scale)],
                       check=True)
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", "--db", str(args.db), "--started", str(started)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return out.returncode
    result = json.loads(out.stdout.strip().splitlines()[-1])
    targets = {"first_window_s": 2.0, "search_p95_ms": 50.0, "peak_rss_mb": 300.0}
    print(f"{'figure':<20}{'measured':>12}{'target':>10}")
    for key, value in result.items():
        target = targets.get(key)
        mark = "" if target is None else ("  ok" if value < target else "  MISSED")
        print(f"{key:<20}{value:>12}{'' if target is None else target:>10}{mark}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
