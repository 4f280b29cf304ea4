"""Benchmark: the home page (工作台) on a 100,000-member database.

Prints the time db.home.todo_items takes (median of a few runs, and the first, colder run),
the share of each part of it, the home tab's construction to first paint (titles, counts "…")
and to the figures painted (they are read off the UI thread once the tab is shown). The issue
asks for an instant page: target < 200 ms.

    python bench/bench_home.py [--db PATH] [--reuse] [--scale 334] [--runs 7]

The database is the one bench/bench_window.py builds (the demo generator at scale 334 ≈
100,000 members). The demo has no meetings yet, so when the file holds none this adds six
months of party life to it (written into the file; use a copy for a shared one): every branch
and party group holds its monthly meetings and a branch lecture each quarter, every member of
the organisation on the attendance list, about 5% of them absent from everything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_MS = 200.0


def add_party_life(db_path: Path, today: date) -> int:
    """Six months of meetings with attendance, in one transaction; returns the attendance lines."""
    from sqlalchemy import func, insert, select

    from db.database import open_database
    from db.models import Attendance, Meeting, PartyMember, PartyOrg

    rnd = random.Random(20261201)
    db = open_database(db_path)
    try:
        with db.session() as s, s.begin():
            if s.scalar(select(func.count()).select_from(Meeting)):
                return 0
            orgs = list(s.execute(select(PartyOrg.id, PartyOrg.kind, PartyOrg.parent_id)
                                  .where(PartyOrg.kind != "committee")))
            members: dict[int, list[int]] = {}
            for member_id, org_id in s.execute(select(PartyMember.id, PartyMember.org_id)
                                               .where(PartyMember.status == "normal")):
                members.setdefault(org_id, []).append(member_id)
            parent = {oid: pid for oid, _kind, pid in orgs}
            subtree: dict[int, list[int]] = {}
            for oid, ids in members.items():
                subtree.setdefault(oid, []).extend(ids)
                if parent.get(oid) is not None and parent[oid] in parent:
                    subtree.setdefault(parent[oid], []).extend(ids)  # a group's members are the branch's too
            never = {m for ids in members.values() for m in ids if rnd.random() < 0.05}
            meetings: list[dict] = []
            lines: list[dict] = []
            starts: list[date] = []
            y, m = today.year, today.month
            for _ in range(6):  # this month and the five before it
                starts.append(date(y, m, 1))
                y, m = (y - 1, 12) if m == 1 else (y, m - 1)
            for first in starts:
                for oid, kind, _pid in orgs:
                    if first == starts[0] and rnd.random() < 0.5:
                        continue  # half the organisations have not met yet this month
                    kinds = ["group_meeting"] if kind == "group" else ["branch_committee", "themed_day"]
                    if kind == "branch" and first.month % 3 == 1:
                        kinds.append("lecture")
                    for k in kinds:
                        held = datetime.combine(min(first + timedelta(days=rnd.randint(0, 27)), today),
                                                datetime.min.time()).replace(hour=19)
                        meeting_id = len(meetings) + 1
                        meetings.append({"id": meeting_id, "kind": k, "org_id": oid, "held_at": held, "topic": "学习"})
                        for member in subtree.get(oid, []):
                            r = rnd.random()
                            status = "absent" if member in never or r < 0.08 else ("leave" if r < 0.15 else "present")
                            lines.append({"meeting_id": meeting_id, "member_id": member, "status": status,
                                          "reason": "出差" if status == "leave" else ""})
            for start in range(0, len(meetings), 5000):
                s.execute(insert(Meeting), meetings[start:start + 5000])
            for start in range(0, len(lines), 20000):
                s.execute(insert(Attendance), lines[start:start + 20000])
        return len(lines)
    finally:
        db.close()


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def child(db_path: Path, runs: int, today: date) -> None:
    """In a fresh process: the figures cold and warm, their parts, then the tab."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import func, select

    from db import home
    from db.database import open_database
    from db.models import MediationCase, PartyMember
    from db.party_life import flags, schedules

    db = open_database(db_path)
    result: dict[str, object] = {}
    with db.session() as s:
        t = time.perf_counter()
        items = home.todo_items(s, today)
        result["todo_items_first_ms"] = _ms(t)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            home.todo_items(s, today)
            times.append(_ms(t))
        result["todo_items_median_ms"] = statistics.median(times)
        result["todo_items_max_ms"] = max(times)
        result["counts"] = {i.key: i.count for i in items}
        parts = {
            "flag_counts (absent, overdue)": lambda: [flags.flag_count(s, k, today)
                                                      for k in ("absent_six_months", "overdue_probation")],
            "missing_meetings": lambda: schedules.missing_meetings(s, today),
            "birthdays_count": lambda: s.scalar(select(func.count()).select_from(PartyMember)
                                                .where(home.political_birthday_condition(today.year, today.month))),
            "open_cases_count": lambda: home._oldest_open_case(s, today),
            "follow_ups_count": lambda: s.scalar(select(func.count()).select_from(MediationCase)
                                                 .where(home.follow_up_due_condition(today))),
        }
        breakdown = {}
        for name, run in parts.items():
            samples = []
            for _ in range(3):
                t = time.perf_counter()
                run()
                samples.append(_ms(t))
            breakdown[name] = statistics.median(samples)
        result["parts_median_ms"] = breakdown

    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.home.tab import HomeTab
    from desktop.settings import use_ini_file

    use_ini_file(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-home.ini")
    app = make_application("zh_CN")
    paints, figures = [], []
    for _ in range(3):
        t = time.perf_counter()
        tab = HomeTab(AppContext(db=db, lang="zh_CN"))
        tab.clock = lambda: today
        tab.resize(1280, 800)
        tab.show()  # starts reading the figures off the UI thread
        tab.repaint()  # the page painted now, counts still "…"
        paints.append(_ms(t))
        tab.wait_until_read()
        tab.repaint()
        figures.append(_ms(t))
        tab.close()
        tab.deleteLater()
        app.processEvents()
    result["tab_first_paint_median_ms"] = statistics.median(paints)
    result["tab_figures_painted_median_ms"] = statistics.median(figures)
    print(json.dumps(result, ensure_ascii=False))
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/community-desk-bench-100k.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it exists")
    parser.add_argument("--scale", type=int, default=334)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--today", default=date.today().isoformat(), help="the day the page is for (YYYY-MM-DD)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    if args.child:
        child(args.db, args.runs, today)
        return 0
    if not (args.reuse and args.db.exists()):
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_window.py"), "--build-only", "--db", str(args.db),
                        "--scale", str(args.scale)], check=True)
    t = time.perf_counter()
    added = add_party_life(args.db, today)
    if added:
        print(f"added six months of meetings ({added:,} attendance lines) in {time.perf_counter() - t:.1f} s")
    out = subprocess.run([sys.executable, __file__, "--child", "--db", str(args.db), "--runs", str(args.runs),
                          "--today", today.isoformat()], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return out.returncode
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{'figure':<28}{'measured':>12}{'target':>10}")
    for key in ("todo_items_first_ms", "todo_items_median_ms", "todo_items_max_ms", "tab_first_paint_median_ms",
                "tab_figures_painted_median_ms"):
        value = result[key]
        target = TARGET_MS if key in ("todo_items_median_ms", "tab_first_paint_median_ms") else None
        mark = "" if target is None else ("  ok" if value < target else "  MISSED")
        print(f"{key:<28}{value:>12}{'' if target is None else target:>10}{mark}")
    for name, value in result["parts_median_ms"].items():
        print(f"  {name:<26}{value:>12}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
