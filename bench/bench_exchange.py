"""Benchmark: a week of one station's work exchanged with an office of 100,000 members (issue 15).

Makes a station copy of the office (db.exchange.stations, timed: what an administrator waits
for once), enters a week of station work through the same db/ functions the window uses — 50
new volunteers, 20 branch meetings with their attendance, 2,000 service lines — then times the
station's export, the bundle's size, the office's import, and the office's answer back (export
at the office, import at the station). Targets from issue 15: export and import each < 5 s.

    python bench/bench_exchange.py [--office PATH] [--work DIR] [--json]

The office is a copy of the file bench/bench_window.py builds (the demo at scale 334 ≈ 100,200
members with 501,000 service lines), built first if it is missing. Peak memory (max RSS) of
the whole run is printed too.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_OFFICE = "/tmp/community-desk-bench-100k.sqlite3"
TARGET_S = 5.0
VOLUNTEERS, MEETINGS, LINES = 50, 20, 2000
WEEK = date(2026, 11, 23)


def make_id(seq: int) -> str:
    from db.validation import id_check_character

    born = date(1960, 1, 1) + timedelta(days=seq * 379)
    body = f"410302{born:%Y%m%d}{seq % 1000:03d}"
    return body + id_check_character(body)


def station_week(station_path: Path) -> dict[str, int]:
    """A week at the station, through the db/ functions the window calls; returns what was entered."""
    from sqlalchemy import func, select

    from db.database import open_database
    from db.models import PartyMember, PartyOrg
    from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
    from db.people import PersonFields
    from db.service_logs import ActivityInput, AttendeeInput, save_activity
    from db.volunteers import VolunteerInput, save_volunteer

    db = open_database(station_path, create=False)
    try:
        volunteers: list[int] = []
        with db.session() as s, s.begin():
            for i in range(VOLUNTEERS):
                name = "赵钱孙李周吴郑王冯陈"[i % 10] + "驿" + "甲乙丙丁戊己庚辛"[i // 10]
                person = PersonFields(name=name, id_number=make_id(i), phone=f"1390000{i:04d}")
                volunteers.append(save_volunteer(s, VolunteerInput(person=person), today=WEEK).id)
        lines = 0
        with db.session() as s, s.begin():
            for day in range(LINES // VOLUNTEERS):
                attendees = [AttendeeInput(volunteer_id=v, hours="2") for v in volunteers]
                save_activity(s, ActivityInput(project=f"周服务{day:02d}", held_on=WEEK + timedelta(days=day % 7),
                                               place="幸福驿站", start_time="09:00", end_time="11:00",
                                               attendees=attendees), today=WEEK + timedelta(days=7))
                lines += len(attendees)
        with db.session() as s:
            branches = s.execute(select(PartyMember.org_id, func.count()).join(PartyOrg)
                                 .where(PartyOrg.kind == "branch", PartyMember.status == "normal")
                                 .group_by(PartyMember.org_id).order_by(PartyMember.org_id).limit(MEETINGS)).all()
        attendance = 0
        with db.session() as s, s.begin():
            for n, (org_id, _) in enumerate(branches):
                members = s.scalars(select(PartyMember.id).where(PartyMember.org_id == org_id,
                                                                 PartyMember.status == "normal")).all()
                save_meeting(s, MeetingInput(kind="branch_committee", org_id=org_id,
                                             held_on=WEEK + timedelta(days=n % 5), topic="学习会",
                                             attendance=[AttendanceInput(member_id=m) for m in members]),
                             today=WEEK + timedelta(days=7))
                attendance += len(members)
        return {"volunteers": VOLUNTEERS, "service_lines": lines, "meetings": len(branches),
                "attendance_lines": attendance}
    finally:
        db.close()


def exchange(source: Path, target: Path, bundle: Path, peer: str | None) -> dict[str, float]:
    from db.database import open_database
    from db.exchange.incoming import import_bundle
    from db.exchange.outgoing import export_bundle, only_peer, peer_named

    src = open_database(source, create=False)
    try:
        started = time.perf_counter()
        with src.session() as s, s.begin():
            done = export_bundle(s, peer_named(s, peer) if peer else only_peer(s), bundle)
        export_s = time.perf_counter() - started
    finally:
        src.close()
    dst = open_database(target, create=False)
    try:
        started = time.perf_counter()
        with dst.session() as s, s.begin():
            result = import_bundle(s, bundle)
        import_s = time.perf_counter() - started
    finally:
        dst.close()
    return {"changes": done.changes, "export_s": round(export_s, 2), "bundle_kb": round(bundle.stat().st_size / 1024),
            "import_s": round(import_s, 2), **result.counts()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--office", default=DEFAULT_OFFICE, help=f"the office file to copy (default {DEFAULT_OFFICE})")
    parser.add_argument("--work", type=Path, help="where the copies go (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="one JSON line only")
    args = parser.parse_args()
    if not Path(args.office).exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_window.py"), "--build-only", "--db", args.office],
                       check=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="cd-bench-exchange-"))
    work.mkdir(parents=True, exist_ok=True)
    office, station = work / "office.sqlite3", work / "station.sqlite3"
    for leftover in (office, station):
        leftover.unlink(missing_ok=True)
    shutil.copy(args.office, office)

    from db.database import open_database
    from db.exchange.stations import create_station

    db = open_database(office)  # brought to the current schema before the clock starts
    try:
        started = time.perf_counter()
        made = create_station(db, "幸福驿站", station)
        create_s = time.perf_counter() - started
    finally:
        db.close()
    entered = station_week(station)
    up = exchange(station, office, work / "up.zip", None)
    down = exchange(office, station, work / "down.zip", "幸福驿站")
    figures = {"station_create_s": round(create_s, 1), "station_rows": made.rows, **entered,
               "up": up, "down": down,
               "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if not args.json:
        print(f"station copy made in {create_s:.1f} s ({made.rows:,} rows)")
        print(f"a week at the station: {entered}")
        print(f"{'':22}{'changes':>9}{'export s':>10}{'bundle KB':>11}{'import s':>10}  target < {TARGET_S:.0f} s")
        for label, f in (("station → office", up), ("office → station", down)):
            ok = "ok" if max(f["export_s"], f["import_s"]) < TARGET_S else "MISSED"
            print(f"{label:22}{f['changes']:>9}{f['export_s']:>10}{f['bundle_kb']:>11}{f['import_s']:>10}  {ok}")
        print(f"peak memory {figures['peak_rss_mb']} MB")
    print(json.dumps(figures, ensure_ascii=False))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
