"""Points from volunteer hours (issue 17, point 2): credited with the service log on every path
that writes one — the activity dialog's save, the recycle bin, a ledger import, an exchange
bundle — taken back when the log changes or goes, and never changed by a later change of rate."""

from __future__ import annotations

from sqlalchemy import select

from db import recycle
from db.bank.accounts import balance
from db.bank.settings import save_bank_settings
from db.bank.volunteering import credit_service_hours
from db.database import Database
from db.models import BankAccount, BankEntry, Volunteer
from db.service_logs import AttendeeInput, load_activity_input, save_activity
from tests.db.test_volunteers import activity, add_volunteer


def account_of(db: Database, volunteer: int) -> int:
    with db.session() as s:
        person = s.get_one(Volunteer, volunteer).person_id
        return s.scalars(select(BankAccount.id).where(BankAccount.person_id == person)).one()


def points(db: Database, volunteer: int) -> int:
    with db.session() as s:
        return balance(s, account_of(db, volunteer))


def ledger(db: Database) -> list[tuple[str, int, float | None, str]]:
    with db.session() as s:
        return [(e.kind, e.points, e.hours, e.reason) for e in s.scalars(select(BankEntry).order_by(BankEntry.id))]


def test_hours_earn_points_and_follow_the_log(db: Database) -> None:
    li, wang = add_volunteer(db, "李梅", "021"), add_volunteer(db, "王强", "031")
    with db.session() as s, s.begin():
        act = save_activity(s, activity([AttendeeInput(li, 2.5), AttendeeInput(wang, 3)])).id
    assert (points(db, li), points(db, wang)) == (2, 3)  # whole points, rounded down
    assert ledger(db) == [("earn", 2, 2.5, "志愿服务2.5小时"), ("earn", 3, 3.0, "志愿服务3小时")]

    with db.session() as s, s.begin():  # 王强 served 4 hours, not 3; 李梅 is taken off
        data, _rows = load_activity_input(s, act)
        data.attendees = [AttendeeInput(wang, 4)]
        save_activity(s, data, act)
    assert (points(db, li), points(db, wang)) == (0, 4)
    with db.session() as s, s.begin():  # saved again unchanged: nothing new
        data, _rows = load_activity_input(s, act)
        save_activity(s, data, act)
    assert len(ledger(db)) == 5

    with db.session() as s, s.begin():
        recycle.delete(s, "activities", [act])
    assert points(db, wang) == 0
    with db.session() as s, s.begin():
        recycle.restore(s, "activities", [act])
    assert points(db, wang) == 4


def test_a_new_rate_leaves_what_was_earned(db: Database) -> None:
    li = add_volunteer(db, "李梅", "021")
    with db.session() as s, s.begin():
        save_activity(s, activity([AttendeeInput(li, 3)]))
        save_bank_settings(s, "2", 7, 0)
        save_activity(s, activity([AttendeeInput(li, 1.5)], held_on="2026-03-06"))
    assert points(db, li) == 3 + 3
    with db.session() as s, s.begin():
        assert credit_service_hours(s) == 0  # everything already in line: a second run writes nothing
    assert points(db, li) == 6


def test_an_imported_service_log_earns_too(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from db.importing import pipeline
    from db.importing.layout import find_layout
    from db.importing.read import read_rows
    from db.importing.volunteer_hours import REGISTER
    from tests.db.importing.test_volunteer_hours_import import TODAY, log
    from tests.db.test_members import make_id

    rows = read_rows(log(tmp_path, [["张三", make_id("19800101", "111"), "环境整治", "3月5日", "08:30-11:30", 3, ""],
                                    ["张三", make_id("19800101", "111"), "义诊", "3月6日", "08:30-10:30", 2, ""]]))
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(today=TODAY, create_orgs=True))
    with db.session() as s:
        volunteer = s.scalars(select(Volunteer.id)).one()
    assert points(db, volunteer) == 5
