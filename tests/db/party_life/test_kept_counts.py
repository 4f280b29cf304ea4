"""The counts the database keeps itself (migrations 0008 and 0009's triggers), on the engine of
the run: each meeting's lines by status, each member's last line of each kind, each service
activity's live lines and hours, each volunteer's, right after every way attendance, a meeting,
an activity or a service line changes, and after a copy and an upgrade."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, text, update

from db import recycle
from db.copying import copy_to_file
from db.database import Database, migrate, open_database
from db.models import Attendance, Meeting, ServiceLog
from db.party_life.meetings import AttendanceInput, load_meeting_input, save_meeting
from db.service_logs import AttendeeInput, ServiceLogFilter, _log_query, service_log_totals
from db.volunteers import volunteer_rows
from tests.db.party_life.world import BRANCH_1, add_meeting, build_world
from tests.db.test_volunteers import activity, add_volunteer, save

MEMBER_COLUMNS = ("last_present_at", "last_leave_at", "last_absent_at", "last_educated_at")

# What the triggers must keep, counted from the lines as the figures would.
TRUE_MEETING_COUNTS = """
SELECT m.id, count(CASE WHEN a.status = 'present' THEN 1 END), count(CASE WHEN a.status = 'leave' THEN 1 END),
       count(CASE WHEN a.status = 'absent' THEN 1 END)
FROM meetings m LEFT JOIN attendance a ON a.meeting_id = m.id GROUP BY m.id ORDER BY m.id"""
TRUE_MEMBER_DATES = """
SELECT p.id,
  (SELECT max(m.held_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
   WHERE a.member_id = p.id AND a.status = 'present' AND m.deleted_at IS NULL),
  (SELECT max(m.held_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
   WHERE a.member_id = p.id AND a.status = 'leave' AND m.deleted_at IS NULL),
  (SELECT max(m.held_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
   WHERE a.member_id = p.id AND a.status = 'absent' AND m.deleted_at IS NULL),
  (SELECT max(m.held_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
   WHERE a.member_id = p.id AND a.status = 'present' AND m.kind IN ('lecture', 'training') AND m.deleted_at IS NULL)
FROM party_members p ORDER BY p.id"""


def kept(db: Database) -> tuple[list[Any], list[Any]]:
    with db.engine.connect() as conn:
        meetings = [tuple(r) for r in conn.execute(text(
            "SELECT id, present_count, leave_count, absent_count FROM meetings ORDER BY id"))]
        members = [tuple(r) for r in conn.execute(text(
            f"SELECT id, {', '.join(MEMBER_COLUMNS)} FROM party_members ORDER BY id"))]
    return meetings, [(r[0], *(_when(v) for v in r[1:])) for r in members]


def counted(db: Database) -> tuple[list[Any], list[Any]]:
    with db.engine.connect() as conn:
        meetings = [tuple(r) for r in conn.execute(text(TRUE_MEETING_COUNTS))]
        members = [tuple(r) for r in conn.execute(text(TRUE_MEMBER_DATES))]
    return meetings, [(r[0], *(_when(v) for v in r[1:])) for r in members]


def _when(value: Any) -> datetime | None:
    """A DATETIME as both engines hand it back through text(): SQLite a string, PostgreSQL a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def assert_kept(db: Database) -> None:
    assert kept(db) == counted(db)


def member_dates(db: Database, member_id: int) -> dict[str, datetime | None]:
    _, members = kept(db)
    row = next(r for r in members if r[0] == member_id)
    return dict(zip(MEMBER_COLUMNS, row[1:], strict=True))


def test_the_world_is_kept_as_it_was_written(db: Database) -> None:
    w = build_world(db)
    assert_kept(db)
    meetings, _ = kept(db)
    assert [c for c in meetings if c[0] == w.g[8]] == [(w.g[8], 2, 0, 2)]
    assert member_dates(db, w.m[4]) == {  # 赵六: present 11-20, absent 10-20, present at training 11-10
        "last_present_at": datetime(2026, 11, 20), "last_leave_at": None,
        "last_absent_at": datetime(2026, 10, 20), "last_educated_at": datetime(2026, 11, 10)}
    assert member_dates(db, w.m[5])["last_present_at"] == datetime(2026, 5, 20)  # g10's is in the bin


def test_changing_a_meetings_lines_recounts_them(db: Database) -> None:
    w = build_world(db)
    with db.session() as s, s.begin():
        data = load_meeting_input(s, w.g[8])
        data.attendance = [AttendanceInput(w.m[1], "absent", ""), AttendanceInput(w.m[2], "present", "")]
        save_meeting(s, data, w.g[8])  # 张三 present → absent, 王五 赵六 孙七 taken off, 李四 added
    assert_kept(db)
    assert member_dates(db, w.m[1])["last_present_at"] == datetime(2026, 9, 20)
    assert member_dates(db, w.m[1])["last_absent_at"] == datetime(2026, 11, 20)
    assert member_dates(db, w.m[4])["last_present_at"] == datetime(2026, 11, 10)
    with db.session() as s, s.begin():  # a line changed in SQL, not through the program
        s.execute(update(Attendance).where(Attendance.meeting_id == w.g[8]).values(status="leave"))
    assert_kept(db)


def test_a_meeting_moved_binned_restored_or_purged_moves_its_members_dates(db: Database) -> None:
    w = build_world(db)
    with db.session() as s, s.begin():
        s.execute(update(Meeting).where(Meeting.id == w.g[3]).values(kind="themed_day"))  # no longer education
        s.execute(update(Meeting).where(Meeting.id == w.g[9]).values(held_at=datetime(2026, 12, 1, 9)))
    assert_kept(db)
    assert member_dates(db, w.m[2])["last_educated_at"] is None
    assert member_dates(db, w.m[5])["last_present_at"] == datetime(2026, 12, 1, 9)
    with db.session() as s, s.begin():
        recycle.delete(s, "meetings", [w.g[8], w.g[9]])
    assert_kept(db)
    assert member_dates(db, w.m[5])["last_present_at"] is None
    with db.session() as s, s.begin():
        recycle.restore(s, "meetings", [w.g[9], w.g[10]])
    assert_kept(db)
    assert member_dates(db, w.m[5])["last_present_at"] == datetime(2026, 12, 1, 9)
    with db.session() as s, s.begin():
        recycle.delete(s, "meetings", [w.g[9]])
    with db.session() as s, s.begin():
        assert recycle.purge(s, "meetings", [w.g[8], w.g[9]]) == 2
    assert_kept(db)
    assert member_dates(db, w.m[5])["last_present_at"] == datetime(2026, 11, 15)  # g10, back from the bin


def test_a_new_meeting_a_day_later_moves_the_dates(db: Database) -> None:
    w = build_world(db)
    with db.session() as s, s.begin():
        add_meeting(s, "lecture", BRANCH_1, "2026-11-24", [(w.m[5], "present"), (w.m[1], "leave")],
                    start_time="19:30")
    assert_kept(db)
    assert member_dates(db, w.m[5])["last_educated_at"] == datetime(2026, 11, 24, 19, 30)
    assert member_dates(db, w.m[1])["last_leave_at"] == datetime(2026, 11, 24, 19, 30)


def test_a_copy_keeps_them_right(db: Database, tmp_path: Path) -> None:
    build_world(db)
    copy = tmp_path / "副本.sqlite3"
    copy_to_file(db, copy)
    target = open_database(copy)
    try:
        assert kept(target) == kept(db)
        assert_kept(target)
    finally:
        target.close()


def test_the_upgrade_counts_what_was_there(db: Database, db_target: Path | str) -> None:
    build_world(db)
    expected = kept(db)
    migrate(db.engine, "0007_sort_keys", down=True)
    db.close()
    again = open_database(db_target)
    try:
        assert kept(again) == expected
    finally:
        again.close()


def test_the_head_schema_has_the_triggers(db: Database) -> None:
    """A later migration rebuilding these tables with batch_alter_table on SQLite drops their
    triggers: it must make them again (0008's and 0009's create_triggers)."""
    query = ("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" if db.is_server
             else "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    with db.engine.connect() as conn:
        names = set(conn.execute(text(query)).scalars())
    expected = {"tr_attendance_added", "tr_attendance_removed", "tr_attendance_changed", "tr_meeting_changed",
                "tr_service_log_added", "tr_service_log_removed", "tr_service_log_changed",
                "tr_volunteer_log_added", "tr_volunteer_log_removed", "tr_volunteer_log_changed",
                "tr_activity_changed"}
    for table in ("bank_entries", "stock_moves"):  # 0014's: the moral bank's append-only tables
        expected |= {f"tr_{table}_append_only"} if db.is_server else {f"tr_{table}_no_update", f"tr_{table}_no_delete"}
    assert {n for n in names if not n.startswith("tr_journal_")} == expected  # (0010's: tests/db/exchange)


def activity_totals(db: Database) -> tuple[list[Any], list[Any]]:
    """(kept, counted from the lines) per activity: live lines and their hours."""
    with db.engine.connect() as conn:
        kept_rows = conn.execute(text("SELECT id, log_count, log_hours FROM service_activities ORDER BY id")).all()
        counted_rows = conn.execute(text(
            "SELECT a.id, count(l.id), coalesce(sum(l.hours), 0) FROM service_activities a "
            "LEFT JOIN service_logs l ON l.activity_id = a.id AND l.deleted_at IS NULL "
            "GROUP BY a.id ORDER BY a.id")).all()
    return [tuple(r) for r in kept_rows], [tuple(r) for r in counted_rows]


def test_an_activitys_lines_and_hours_are_kept(db: Database) -> None:
    people = [add_volunteer(db, name, seq) for name, seq in (("张三", "011"), ("李四", "022"), ("王五", "033"))]
    first = save(db, activity([AttendeeInput(v, 3) for v in people]))
    second = save(db, activity([AttendeeInput(people[0], 1.5)], project="敬老", held_on="2026-03-06"))
    kept_rows, counted_rows = activity_totals(db)
    assert kept_rows == counted_rows == [(first, 3, 9.0), (second, 1, 1.5)]
    save(db, activity([AttendeeInput(people[0], 2), AttendeeInput(people[2], 2.5)]), first)  # 李四 off, hours changed
    with db.session() as s, s.begin():  # in SQL: a line binned, another's hours changed, the binned one moved back
        line = (ServiceLog.activity_id == first) & (ServiceLog.volunteer_id == people[2])
        s.execute(update(ServiceLog).where(line).values(deleted_at=datetime(2026, 3, 7)))
        s.execute(update(ServiceLog).where(ServiceLog.volunteer_id == people[0], ServiceLog.activity_id == first)
                  .values(hours=4))
        s.execute(update(ServiceLog).where(line).values(activity_id=second, deleted_at=None))
    kept_rows, counted_rows = activity_totals(db)
    assert kept_rows == counted_rows == [(first, 1, 4.0), (second, 2, 4.0)]
    with db.session() as s, s.begin():
        recycle.delete(s, "activities", [second])  # the activity binned: its lines stay as they were
    assert activity_totals(db)[0] == activity_totals(db)[1]


def volunteer_totals(db: Database) -> tuple[list[Any], list[Any]]:
    """(kept, counted from the lines) per volunteer: live lines at live activities, and hours."""
    live = ("FROM service_logs l JOIN service_activities a ON a.id = l.activity_id "
            "WHERE l.volunteer_id = v.id AND l.deleted_at IS NULL AND a.deleted_at IS NULL")
    with db.engine.connect() as conn:
        kept_rows = conn.execute(text("SELECT id, log_count, log_hours FROM volunteers ORDER BY id")).all()
        counted_rows = conn.execute(text(
            f"SELECT v.id, (SELECT count(*) {live}), (SELECT coalesce(sum(l.hours), 0) {live}) "
            "FROM volunteers v ORDER BY v.id")).all()
    return [(i, n, float(h)) for i, n, h in kept_rows], [(i, n, float(h)) for i, n, h in counted_rows]


def test_a_volunteers_lines_and_hours_are_kept(db: Database) -> None:
    people = [add_volunteer(db, name, seq) for name, seq in (("张三", "011"), ("李四", "022"), ("王五", "033"))]
    first = save(db, activity([AttendeeInput(v, 3) for v in people]))
    second = save(db, activity([AttendeeInput(people[0], 1.5)], project="敬老", held_on="2026-03-06"))
    kept_rows, counted_rows = volunteer_totals(db)
    assert kept_rows == counted_rows == [(people[0], 2, 4.5), (people[1], 1, 3.0), (people[2], 1, 3.0)]
    save(db, activity([AttendeeInput(people[0], 2), AttendeeInput(people[2], 2.5)]), first)  # 李四 off, hours changed
    assert volunteer_totals(db)[0] == volunteer_totals(db)[1] == [
        (people[0], 2, 3.5), (people[1], 0, 0.0), (people[2], 1, 2.5)]
    with db.session() as s, s.begin():  # in SQL: a line binned, hours changed, a line given to another volunteer
        s.execute(update(ServiceLog).where(ServiceLog.activity_id == first, ServiceLog.volunteer_id == people[2])
                  .values(deleted_at=datetime(2026, 3, 7)))
        s.execute(update(ServiceLog).where(ServiceLog.activity_id == second).values(hours=4))
        s.execute(update(ServiceLog).where(ServiceLog.activity_id == second).values(volunteer_id=people[1]))
    kept_rows, counted_rows = volunteer_totals(db)
    assert kept_rows == counted_rows == [(people[0], 1, 2.0), (people[1], 1, 4.0), (people[2], 0, 0.0)]
    with db.session() as s, s.begin():
        recycle.delete(s, "activities", [first])  # the activity binned: its lines no longer count
    kept_rows, counted_rows = volunteer_totals(db)
    assert kept_rows == counted_rows == [(people[0], 0, 0.0), (people[1], 1, 4.0), (people[2], 0, 0.0)]
    with db.session() as s, s.begin():
        recycle.restore(s, "activities", [first])
    assert volunteer_totals(db)[0] == volunteer_totals(db)[1] == [
        (people[0], 1, 2.0), (people[1], 1, 4.0), (people[2], 0, 0.0)]
    third = save(db, activity([AttendeeInput(people[0], 1)], project="巡逻", held_on="2026-03-09"))
    with db.session() as s, s.begin():  # lines added to a binned activity, and binned lines added: not counted
        recycle.delete(s, "activities", [third])
        s.execute(insert(ServiceLog), [
            {"activity_id": third, "volunteer_id": people[2], "hours": 5.0, "notes": "", "uuid": "line-binned-act"},
            {"activity_id": second, "volunteer_id": people[2], "hours": 6.0, "notes": "", "uuid": "line-binned",
             "deleted_at": datetime(2026, 3, 8)}])
    kept_rows, counted_rows = volunteer_totals(db)
    assert kept_rows == counted_rows == [(people[0], 1, 2.0), (people[1], 1, 4.0), (people[2], 0, 0.0)]
    with db.session() as s, s.begin():  # erased for good: its lines go with it (ON DELETE CASCADE)
        s.execute(text("DELETE FROM service_logs WHERE activity_id = :a"), {"a": second})
        s.execute(text("DELETE FROM service_activities WHERE id = :a"), {"a": second})
    assert volunteer_totals(db)[0] == volunteer_totals(db)[1] == [
        (people[0], 1, 2.0), (people[1], 0, 0.0), (people[2], 0, 0.0)]
    with db.session() as s:  # the list shows what the database keeps
        rows = volunteer_rows(s, people)
    assert [(r.id, r.service_count, r.total_hours) for r in rows] == volunteer_totals(db)[1]


def test_the_upgrade_counts_each_volunteers_lines(db: Database, db_target: Path | str) -> None:
    people = [add_volunteer(db, name, seq) for name, seq in (("张三", "011"), ("李四", "022"))]
    save(db, activity([AttendeeInput(v, 3) for v in people]))
    save(db, activity([AttendeeInput(people[0], 1.5)], project="敬老", held_on="2026-03-06"))
    expected = volunteer_totals(db)[1]
    migrate(db.engine, "0008_kept_counts", down=True)  # the columns and triggers gone
    db.close()
    again = open_database(db_target)  # brought up to the head: counted by the migration
    try:
        assert volunteer_totals(again) == (expected, expected) and expected[0] == (people[0], 2, 4.5)
    finally:
        again.close()


def test_the_service_logs_totals_answer_as_counting_the_lines(db: Database) -> None:
    """service_log_totals takes the kept totals where they answer the filter: each filter's
    answer is what counting its lines gives, before and after lines and activities are binned."""
    people = [add_volunteer(db, name, seq) for name, seq in (("张三", "011"), ("李四", "022"))]
    first = save(db, activity([AttendeeInput(v, 3) for v in people]))
    save(db, activity([AttendeeInput(people[0], 1.5)], project="敬老", held_on="2026-03-06"))
    save(db, activity([AttendeeInput(people[1], 2)], project="敬老", held_on="2026-04-01"))
    filters = [ServiceLogFilter(), ServiceLogFilter(project="敬老"), ServiceLogFilter(date_from=date(2026, 3, 6)),
               ServiceLogFilter(date_to=date(2026, 3, 6)), ServiceLogFilter(volunteer_id=people[0]),
               ServiceLogFilter(volunteer_id=people[1], project="敬老"), ServiceLogFilter(text="张三"),
               ServiceLogFilter(volunteer_id=999_999)]

    def both() -> list[tuple[tuple[int, float], tuple[int, float]]]:
        with db.session() as s:
            counted = []
            for f in filters:
                stmt = _log_query(f, (func.count(ServiceLog.id), func.coalesce(func.sum(ServiceLog.hours), 0)),
                                  totals=True)
                n, h = s.execute(stmt).one()
                counted.append((int(n), round(float(h), 2)))
            return [(service_log_totals(s, f), c) for f, c in zip(filters, counted, strict=True)]

    answers = both()
    assert all(kept == counted for kept, counted in answers), answers
    assert answers[0][0] == (4, 9.5) and answers[4][0] == (2, 4.5)
    with db.session() as s, s.begin():
        s.execute(update(ServiceLog).where(ServiceLog.volunteer_id == people[1], ServiceLog.activity_id == first)
                  .values(deleted_at=datetime(2026, 4, 2)))
        recycle.delete(s, "activities", [first])
    answers = both()
    assert all(kept == counted for kept, counted in answers), answers
    assert answers[0][0] == (2, 3.5)
