"""Benchmark: the home page (工作台) on a 100,000-member database.

Prints a table: the time db.home.todo_items takes (median of a few runs, and the first, colder
run), each part of it, the home tab's construction to first paint (titles, counts "…") and to
the figures painted (they are read off the UI thread once the tab is shown). Issue 14 asks for
an instant page: todo_items under 200 ms. With --json, one JSON line of the same figures only.

    python bench/bench_home.py [--db PATH|URL] [--reuse] [--scale 334] [--runs 7] [--today D]
                               [--code DIR] [--no-tab] [--json]

Times are wall-clock ("_ms") and, beside them, the CPU time of the measuring thread ("_cpu_ms":
SQLite runs in it, so on a machine shared with other work that is the steadier figure). To
compare two versions in the same conditions, run one after the other with --code naming the
other's source tree (e.g. `git archive <commit> | tar -x -C /tmp/before`): its db/ is imported.

The database is the one bench/bench_window.py builds (the demo generator at scale 334 ≈
100,000 members), a file or a PostgreSQL URL. The demo now brings six months of party life;
a file built before it did gets six months added here (written into the file; use a copy of
a shared one): every branch and party group holds its monthly meetings and a branch lecture
each quarter, every member of the organisation on the attendance list, about 5% of them absent
from everything.
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
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CODE = Path(os.environ.get("BENCH_HOME_CODE") or ROOT)  # whose db/ the measuring process imports (--code)
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(CODE))

TARGET_MS = 200.0


def add_party_life(db_path: Path | str, today: date) -> int:
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


def _timed(run: Callable[[], object], times: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each of `times` runs."""
    wall, cpu = [], []
    for _ in range(times):
        t, c = time.perf_counter(), time.thread_time()
        run()
        cpu.append(round((time.thread_time() - c) * 1000, 1))
        wall.append(_ms(t))
    return wall, cpu


def child(where: str, runs: int, today: date, tab: bool) -> None:
    """In a fresh process: the figures cold and warm, their parts, then the tab."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import func, select

    from db import home
    from db.database import open_database
    from db.models import MediationCase, PartyMember
    from db.party_life import flags, schedules

    db = open_database(where)
    try:  # as the command line and the window keep what their start built (db.heap)
        from db.heap import keep_startup_objects

        keep_startup_objects()
    except ImportError:  # --code naming a tree from before db.heap
        pass
    result: dict[str, object] = {"code": str(Path(home.__file__).resolve().parents[1]), "today": today.isoformat()}
    with db.session() as s:
        items: list[home.TodoItem] = []
        (first,), (first_cpu,) = _timed(lambda: items.extend(home.todo_items(s, today)), 1)
        result["todo_items_first_ms"], result["todo_items_first_cpu_ms"] = first, first_cpu
        wall, cpu = _timed(lambda: home.todo_items(s, today), runs)
        result["todo_items_median_ms"] = statistics.median(wall)
        result["todo_items_max_ms"] = max(wall)
        result["todo_items_median_cpu_ms"] = statistics.median(cpu)
        result["counts"] = {i.key: i.count for i in items}
        overview = getattr(schedules, "missing_overview", None)
        parts: dict[str, Callable[[], object]] = {
            "absent_count": lambda: flags.flag_count(s, "absent_six_months", today),
            "overdue_count": lambda: flags.flag_count(s, "overdue_probation", today),
            "meetings_missing": (lambda: overview(s, today, home.DETAIL_CHARS)) if overview else (
                lambda: schedules.missing_meetings(s, today)),
            "birthdays_count": lambda: s.scalar(select(func.count()).select_from(PartyMember)
                                                .where(home.political_birthday_condition(today.year, today.month))),
            "open_cases_count": lambda: home._oldest_open_case(s, today),
            "follow_ups_count": lambda: s.scalar(select(func.count()).select_from(MediationCase)
                                                 .where(home.follow_up_due_condition(today))),
        }
        walls, cpus = {}, {}
        for name, run in parts.items():
            wall, cpu = _timed(run, 3)
            walls[name], cpus[name] = statistics.median(wall), statistics.median(cpu)
        result["parts_median_ms"], result["parts_median_cpu_ms"] = walls, cpus

    if tab:
        from desktop.app import make_application
        from desktop.common.context import AppContext
        from desktop.home.tab import HomeTab
        from desktop.settings import use_ini_file

        use_ini_file(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-home.ini")
        app = make_application("zh_CN")
        paints, figures = [], []
        for _ in range(3):
            t = time.perf_counter()
            home_tab = HomeTab(AppContext(db=db, lang="zh_CN"))
            home_tab.clock = lambda: today
            home_tab.resize(1280, 800)
            home_tab.show()  # starts reading the figures off the UI thread
            home_tab.repaint()  # the page painted now, counts still "…"
            paints.append(_ms(t))
            home_tab.wait_until_read()
            home_tab.repaint()
            figures.append(_ms(t))
            home_tab.close()
            home_tab.deleteLater()
            app.processEvents()
        result["tab_first_paint_median_ms"] = statistics.median(paints)
        result["tab_figures_painted_median_ms"] = statistics.median(figures)
    print(json.dumps(result, ensure_ascii=False))
    db.close()


def table(result: dict[str, Any]) -> str:
    lines = [f"{'figure':<30}{'wall ms':>10}{'CPU ms':>10}{'target':>9}", "-" * 59]
    for key, cpu_key, target in (
            ("todo_items_first_ms", "todo_items_first_cpu_ms", None),
            ("todo_items_median_ms", "todo_items_median_cpu_ms", TARGET_MS),
            ("todo_items_max_ms", None, None),
            ("tab_first_paint_median_ms", None, TARGET_MS),
            ("tab_figures_painted_median_ms", None, None)):
        if key not in result:
            continue
        value = result[key]
        cpu = result.get(cpu_key, "") if cpu_key else ""
        mark = "" if target is None else ("  ok" if value < target else "  MISSED")
        lines.append(f"{key.removesuffix('_ms'):<30}{value:>10}{cpu:>10}{'' if target is None else target:>9}{mark}")
    lines.append("parts (median of 3):")
    for name, value in result["parts_median_ms"].items():
        lines.append(f"  {name:<28}{value:>10}{result['parts_median_cpu_ms'][name]:>10}")
    lines.append("counts: " + ", ".join(f"{k} {v:,}" for k, v in result["counts"].items()))
    lines.append(f"code: {result['code']}   today: {result['today']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", default="/tmp/community-desk-bench-100k.sqlite3",
                        help="database file or PostgreSQL URL")
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it exists")
    parser.add_argument("--scale", type=int, default=334)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--today", default=date.today().isoformat(), help="the day the page is for (YYYY-MM-DD)")
    parser.add_argument("--code", type=Path, help="measure the db/ of this source tree (default: this one)")
    parser.add_argument("--no-tab", action="store_true", help="skip the home tab (Qt) figures")
    parser.add_argument("--json", action="store_true", help="print one JSON line of figures, no table")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    if args.child:
        child(args.db, args.runs, today, not args.no_tab)
        return 0
    from bench_window import exists

    if not (args.reuse and exists(args.db)):
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_window.py"), "--build-only", "--db", args.db,
                        "--scale", str(args.scale)], check=True)
    t = time.perf_counter()
    added = add_party_life(args.db, today)
    if added and not args.json:
        print(f"added six months of meetings ({added:,} attendance lines) in {time.perf_counter() - t:.1f} s")
    command = [sys.executable, __file__, "--child", "--db", args.db, "--runs", str(args.runs),
               "--today", today.isoformat()]
    if args.no_tab:
        command.append("--no-tab")
    env = {**os.environ, "BENCH_HOME_CODE": str((args.code or ROOT).resolve())}
    out = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return out.returncode
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(result, ensure_ascii=False) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
