"""Issue 16's figures: at about 200,000 residents, the residents tab opens and searches as fast as
the members tab, and the monthly grid report is written in < 3 s.

    python bench/bench_grid.py [--scale 26] [--db /tmp/community-desk-bench-grid.sqlite3] [--reuse]

The database is the demo community at `scale` (26: about 200,000 residents in 312 grids, 7,800
members); it is kept for the next run with --reuse. In the window (offscreen), each tab is opened
(the first page listed) and the same typed prefixes are searched in both, keystroke to painted
page, as bench/bench_window.py does for the members. The report is written for the last month,
for every grid (312, so its time bounds the 12-grid report's) and for 12 grids. The whole
residents register is exported to Excel (the time a person waits behind the progress bar).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TYPED = ["z", "zh", "zha", "w", "wa", "wan", "l", "li", "138", "1380", "王", "张伟"]
REPEATS = 3


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def build(path: Path, scale: int) -> None:
    from db.database import open_database
    from db.demo import fill_demo

    path.unlink(missing_ok=True)
    db = open_database(path, create=True)
    started = time.perf_counter()
    fill_demo(db, scale=scale)
    print(f"demo at scale {scale} written in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    db.close()


def tab_figures(app, window, key: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    window.show_tab(key)
    tab = window.register_tabs[key]
    tab.model.data(tab.model.index(0, 0))
    app.processEvents()
    opened = time.perf_counter() - started
    latencies = []
    for _ in range(REPEATS):
        for text in TYPED:
            t = time.perf_counter()
            tab.search_edit.setText(text)
            tab.refresh()
            if tab.model.rowCount():
                tab.model.data(tab.model.index(0, 0))
            app.processEvents()
            latencies.append((time.perf_counter() - t) * 1000)
    tab.search_edit.setText("")
    return {"open_s": round(opened, 3), "search_median_ms": round(statistics.median(latencies), 1),
            "search_p95_ms": round(percentile(latencies, 95), 1)}


def report_seconds(db, out: Path, grids: int | None) -> float:  # type: ignore[no-untyped-def]
    from db.grid_reports import grid_month
    from desktop.printing.grid_work_documents import build_grid_month_report

    today = date.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    started = time.perf_counter()
    with db.session() as s:
        lines = grid_month(s, year, month, today)
    if grids is not None:
        lines = lines[:grids]
    build_grid_month_report(out, lines, community="幸福社区", month=f"{year}年{month}月")
    return time.perf_counter() - started


def export_seconds(db, out: Path) -> float:  # type: ignore[no-untyped-def]
    """The whole 人口台账 to .xlsx, masked, as 导出Excel writes it."""
    from db.exporting import export_register

    started = time.perf_counter()
    with db.session() as s, s.begin():
        export_register(s, "residents", out)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=26)
    parser.add_argument("--db", type=Path, default=Path("/tmp/community-desk-bench-grid.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="use the database of an earlier run")
    args = parser.parse_args()
    if not (args.reuse and args.db.exists()):
        build(args.db, args.scale)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import resource

    from db.database import open_database
    from db.stats import register_counts
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.settings import Settings, use_ini_file

    use_ini_file(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-grid.ini")
    app = make_application("zh_CN")
    db = open_database(args.db)
    with db.session() as s:
        counts = register_counts(s)
    window = MainWindow(AppContext(db=db, lang="zh_CN"), Settings())
    window.show()
    figures = {"residents": counts["residents"], "members": counts["members"], "grids": counts["grids"],
               "households": counts["households"], "visits": counts["visits"], "incidents": counts["incidents"],
               "members_tab": tab_figures(app, window, "members"),
               "residents_tab": tab_figures(app, window, "residents")}
    out = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-grid-report.pdf"
    figures["report_12_grids_s"] = round(report_seconds(db, out, 12), 2)
    figures["report_all_grids_s"] = round(report_seconds(db, out, None), 2)
    figures["residents_export_s"] = round(export_seconds(db, out.with_suffix(".xlsx")), 1)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    window.close()
    db.close()
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
