"""Every field of every db-layer save function against a table of hostile values.

One value in one field, the rest of the record valid, on a real migrated SQLite file. The only
exceptions allowed are the field messages (ValidationErrors / FieldError) and PermissionDenied,
and when one is raised nothing has been written. Saving is allowed too: a value that converts
within range (" 12 ", 12.0, "１２") is a value. The record is rolled back either way, so every
case starts from the same database.

The parse helpers get a property test on top: any text, int or float gives a value or a
FieldError, never another exception.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import column, func, select, table
from sqlalchemy.orm import Session

from db import accounts, data_settings, grid_workers, mediation, mediators, members, office, service_logs, volunteers
from db.database import Database, open_database
from db.models import Grid, PartyOrg
from db.party_life import meetings, points, ratings, schedules
from db.people import PersonFields
from db.permissions import PermissionDenied
from db.validation import (
    FieldError,
    ValidationErrors,
    as_text,
    check_free_text,
    check_id,
    check_id_number,
    check_int,
    check_number,
    check_person_name,
    check_phone,
    check_time,
    id_check_character,
    parse_date,
)
from tests.seed import seed_basics

TODAY = date(2026, 11, 25)
HUGE = 10**5000  # str() of it raises ValueError
LONG = "x" * 100_000


class Opaque:
    """An object a script might pass by mistake; str() of it says nothing useful."""


HOSTILE: list[tuple[str, object]] = [
    ("none", None), ("true", True), ("false", False), ("bytes", b"12"), ("list", [1]), ("dict", {"a": 1}),
    ("tuple", ()), ("object", Opaque()),
    ("zero", 0), ("minus_one", -1), ("phone_int", 13800138000), ("int_2e63", 2**63), ("int_1e20", 10**20),
    ("huge_int", HUGE), ("huge_negative", -(10**400)),
    ("minus_zero", -0.0), ("half", 0.5), ("two_and_a_half", 2.5), ("excel_serial", 46351.0), ("float_1e308", 1e308),
    ("minus_1e308", -1e308), ("nan", math.nan), ("inf", math.inf), ("minus_inf", -math.inf),
    ("dec_nan", Decimal("NaN")), ("dec_snan", Decimal("sNaN")), ("dec_1e999", Decimal("1e999")),
    ("dec_minus_zero", Decimal("-0")), ("dec_places", Decimal("12.345")),
    ("date", date(2026, 1, 1)), ("datetime", datetime(2026, 1, 1, 8, 30)), ("time", time(8, 30)),
    ("empty", ""), ("spaces", "  "), ("text_nan", "NaN"), ("text_inf", "inf"), ("text_1e999", "1e999"),
    ("text_1e308", "1e308"), ("hex", "0x10"), ("arabic_indic", "١٢"), ("full_width", "１２"), ("superscript", "²"),
    ("time_12_99", "12:99"), ("time_25_00", "25:00"), ("time_minus", "-1:30"), ("phone_text", "13800138000"),
    ("serial_text", "46351"), ("text_minus_zero", "-0"), ("thousands", "1,200"), ("digits_5000", "9" * 5000),
    ("long_text", LONG), ("nul", "a\x00b"), ("bidi", "\u202e12"), ("sql", "'; DROP TABLE persons;--"),
    ("full_width_time", "１２：３０"),
]


@dataclass(frozen=True)
class World:
    committee: int
    branch: int
    grid: int
    member: int
    volunteer: int
    mediator: int
    case: int
    indicator: int
    user: int


def make_id(birth: str, seq: str) -> str:
    body = "410302" + birth + seq
    return body + id_check_character(body)


def person(**overrides: Any) -> PersonFields:
    return PersonFields(**({"name": "李梅", "phone": "13912345678"} | overrides))


def two_parties() -> list[mediation.PartyInput]:
    return [mediation.PartyInput("applicant", "王建国"), mediation.PartyInput("respondent", "李秀英")]


@pytest.fixture(scope="module")
def hostile_db(module_db_target: Path | str) -> Any:
    """One migrated database for the whole table: each case rolls back, so they all see this."""
    database = open_database(module_db_target)
    with database.session() as s, s.begin():
        seed_basics(s)
        s.flush()
        committee = s.scalar(select(PartyOrg.id).where(PartyOrg.kind == "committee"))
        branch = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党支部"))
        grid = s.scalar(select(Grid.id).where(Grid.code == "WG01"))
        user = accounts.create_user(s, "admin", "admin-pass-1", "admin").id
        member = members.save_member(s, members.MemberInput(
            person=PersonFields(name="张三", id_number=make_id("19750101", "011")), org_id=branch,
            member_type="full", admitted_on="2005-11-20", full_on="2006-11-20"), today=TODAY).id
        volunteer = volunteers.save_volunteer(s, volunteers.VolunteerInput(person=person(name="赵敏")), today=TODAY).id
        mediator = mediators.save_mediator(s, mediators.MediatorInput(person=person(name="周芷若")), today=TODAY).id
        case = mediation.save_case(s, mediation.CaseInput(received_on="2026-03-01", facts="漏水",
                                                          parties=two_parties()), today=TODAY).id
        ratings.save_indicators(s, 2026, [ratings.IndicatorRow(None, "组织建设", 20)])
        indicator = ratings.indicators(s, 2026)[0].id
        assert indicator is not None
        ratings.save_scores(s, 2026, branch, {indicator: 10})  # so a lower maximum is refused before writing
    database.actor = accounts.sign_in(database, "admin", "admin-pass-1")  # the file has an account now
    yield database, World(committee, branch, grid, member, volunteer, mediator, case, indicator, user)
    database.close()


# --- the fields ----------------------------------------------------------------------------------
# Each entry puts the value into one field of an otherwise valid call.

Call = Callable[[Session, World, object], object]
FIELDS: dict[str, Call] = {}


def _member(w: World, **overrides: Any) -> members.MemberInput:
    values: dict[str, Any] = dict(person=person(), org_id=w.branch, member_type="full", admitted_on="2010-07-01",
                                  full_on="2011-07-01")
    return members.MemberInput(**(values | overrides))


def _person_fields(prefix: str, save: Callable[[Session, World, PersonFields], object]) -> None:
    for attr in ("name", "gender", "ethnicity", "birth_date", "id_number", "phone", "address", "grid_id"):
        FIELDS[f"{prefix}.person.{attr}"] = lambda s, w, v, attr=attr: save(s, w, person(**{attr: v}))


_person_fields("member", lambda s, w, p: members.save_member(s, _member(w, person=p), today=TODAY))
for _attr in ("org_id", "member_type", "admitted_on", "full_on", "probation_extended_months", "education",
              "native_place", "employer", "category", "category_since", "transferred_in_on", "reported",
              "reported_on", "reported_employer", "status", "notes", "person_id"):
    FIELDS[f"member.{_attr}"] = lambda s, w, v, a=_attr: members.save_member(s, _member(w, **{a: v}), today=TODAY)
FIELDS["member.member_id"] = lambda s, w, v: members.save_member(s, _member(w), v, today=TODAY)  # type: ignore[arg-type]

FIELDS["org.name"] = lambda s, w, v: members.save_org(s, v, "branch", w.committee)  # type: ignore[arg-type]
FIELDS["org.kind"] = lambda s, w, v: members.save_org(s, "新支部", v, w.committee)  # type: ignore[arg-type]
FIELDS["org.parent_id"] = lambda s, w, v: members.save_org(s, "新支部", "branch", v)  # type: ignore[arg-type]
FIELDS["org.org_id"] = lambda s, w, v: members.save_org(s, "新支部", "branch", w.committee, v)  # type: ignore[arg-type]


def _worker(w: World, **overrides: Any) -> grid_workers.GridWorkerInput:
    values: dict[str, Any] = dict(person=person(), grid_ids=[w.grid], households=10, start_on="2020-01-01")
    return grid_workers.GridWorkerInput(**(values | overrides))


_person_fields("grid_worker", lambda s, w, p: grid_workers.save_grid_worker(s, _worker(w, person=p), today=TODAY))
for _attr in ("role", "employment", "buildings", "households", "start_on", "status", "notes"):
    FIELDS[f"grid_worker.{_attr}"] = lambda s, w, v, a=_attr: grid_workers.save_grid_worker(
        s, _worker(w, **{a: v}), today=TODAY)
FIELDS["grid_worker.grid_ids"] = lambda s, w, v: grid_workers.save_grid_worker(s, _worker(w, grid_ids=v), today=TODAY)
FIELDS["grid_worker.grid_ids[0]"] = lambda s, w, v: grid_workers.save_grid_worker(
    s, _worker(w, grid_ids=[v]), today=TODAY)
FIELDS["grid_worker.worker_id"] = lambda s, w, v: grid_workers.save_grid_worker(
    s, _worker(w), v, today=TODAY)  # type: ignore[arg-type]

_GRID: dict[str, Any] = dict(code="WG09", name="幸福九区", buildings="9栋", households=10, population=30, notes="")
for _attr in _GRID:
    FIELDS[f"grid.{_attr}"] = lambda s, w, v, a=_attr: grid_workers.save_grid(
        s, grid_workers.GridInput(**(_GRID | {a: v})))
FIELDS["grid.grid_id"] = lambda s, w, v: grid_workers.save_grid(
    s, grid_workers.GridInput(**_GRID), v)  # type: ignore[arg-type]


_person_fields("volunteer", lambda s, w, p: volunteers.save_volunteer(s, volunteers.VolunteerInput(person=p),
                                                                      today=TODAY))
for _attr in ("number", "kind", "skills", "available_times", "service_areas", "organisation", "registered_on",
              "status", "notes"):
    FIELDS[f"volunteer.{_attr}"] = lambda s, w, v, a=_attr: volunteers.save_volunteer(
        s, volunteers.VolunteerInput(person=person(), **{a: v}), today=TODAY)
FIELDS["volunteer.volunteer_id"] = lambda s, w, v: volunteers.save_volunteer(
    s, volunteers.VolunteerInput(person=person()), v, today=TODAY)  # type: ignore[arg-type]

_person_fields("mediator", lambda s, w, p: mediators.save_mediator(s, mediators.MediatorInput(person=p), today=TODAY))
for _attr in ("tier", "since", "status", "notes"):
    FIELDS[f"mediator.{_attr}"] = lambda s, w, v, a=_attr: mediators.save_mediator(
        s, mediators.MediatorInput(person=person(), **{a: v}), today=TODAY)
FIELDS["mediator.mediator_id"] = lambda s, w, v: mediators.save_mediator(
    s, mediators.MediatorInput(person=person()), v, today=TODAY)  # type: ignore[arg-type]


def _case(**overrides: Any) -> mediation.CaseInput:
    values: dict[str, Any] = dict(received_on="2026-03-01", facts="漏水", amount="100", parties=two_parties())
    return mediation.CaseInput(**(values | overrides))


for _attr in ("received_on", "source", "dispute_type", "facts", "requests", "tier", "mediator_id", "status", "result",
              "closed_on", "agreement_terms", "performance", "amount", "notes"):
    FIELDS[f"case.{_attr}"] = lambda s, w, v, a=_attr: mediation.save_case(s, _case(**{a: v}), today=TODAY)
for _attr in ("role", "name", "gender", "ethnicity", "birth_date", "id_number", "occupation", "phone", "address"):
    FIELDS[f"case.parties[1].{_attr}"] = lambda s, w, v, a=_attr: mediation.save_case(
        s, _case(parties=[two_parties()[0], replace(two_parties()[1], **{a: v})]), today=TODAY)
FIELDS["case.case_id"] = lambda s, w, v: mediation.save_case(s, _case(), v, today=TODAY)  # type: ignore[arg-type]
FIELDS["case.number"] = lambda s, w, v: mediation.save_case(s, _case(), today=TODAY, number=v)  # type: ignore[arg-type]

_FOLLOW_UP: dict[str, Any] = dict(visited_on="2026-04-01", visitor="王芳", action="", notes="")
for _attr in ("visited_on", "visitor", "performed", "satisfaction", "relapse_risk", "action", "notes"):
    FIELDS[f"follow_up.{_attr}"] = lambda s, w, v, a=_attr: mediation.save_follow_up(
        s, w.case, mediation.FollowUpInput(**(_FOLLOW_UP | {a: v})), today=TODAY)
FIELDS["follow_up.case_id"] = lambda s, w, v: mediation.save_follow_up(
    s, v, mediation.FollowUpInput(**_FOLLOW_UP), today=TODAY)  # type: ignore[arg-type]
FIELDS["follow_up.follow_up_id"] = lambda s, w, v: mediation.save_follow_up(
    s, w.case, mediation.FollowUpInput(**_FOLLOW_UP), v, today=TODAY)  # type: ignore[arg-type]


def _activity(w: World, **overrides: Any) -> service_logs.ActivityInput:
    values: dict[str, Any] = dict(project="清扫楼道", held_on="2026-05-01", start_time="08:30", end_time="11:30",
                                  attendees=[service_logs.AttendeeInput(w.volunteer, 3)])
    return service_logs.ActivityInput(**(values | overrides))


for _attr in ("project", "held_on", "place", "start_time", "end_time", "organiser", "confirmed_by", "description"):
    FIELDS[f"activity.{_attr}"] = lambda s, w, v, a=_attr: service_logs.save_activity(
        s, _activity(w, **{a: v}), today=TODAY)
for _attr in ("volunteer_id", "hours", "notes"):
    FIELDS[f"activity.attendees[0].{_attr}"] = lambda s, w, v, a=_attr: service_logs.save_activity(
        s, _activity(w, attendees=[replace(service_logs.AttendeeInput(w.volunteer, 3), **{a: v})]), today=TODAY)
FIELDS["activity.activity_id"] = lambda s, w, v: service_logs.save_activity(
    s, _activity(w), v, today=TODAY)  # type: ignore[arg-type]


def _meeting(w: World, **overrides: Any) -> meetings.MeetingInput:
    values: dict[str, Any] = dict(kind="branch_committee", org_id=w.branch, held_on="2026-05-01", start_time="19:30",
                                  topic="学习", attendance=[meetings.AttendanceInput(w.member, "present")])
    return meetings.MeetingInput(**(values | overrides))


for _attr in ("kind", "org_id", "held_on", "start_time", "place", "topic", "speaker", "minutes"):
    FIELDS[f"meeting.{_attr}"] = lambda s, w, v, a=_attr: meetings.save_meeting(s, _meeting(w, **{a: v}), today=TODAY)
for _attr in ("member_id", "status", "reason"):
    FIELDS[f"meeting.attendance[0].{_attr}"] = lambda s, w, v, a=_attr: meetings.save_meeting(
        s, _meeting(w, attendance=[replace(meetings.AttendanceInput(w.member, "leave", "有事"), **{a: v})]),
        today=TODAY)
FIELDS["meeting.meeting_id"] = lambda s, w, v: meetings.save_meeting(
    s, _meeting(w), v, today=TODAY)  # type: ignore[arg-type]


def _rules_with(s: Session, rule: str, **change: object) -> list[points.PointRuleRow]:
    return [replace(r, **change) if r.code == rule else r for r in points.point_rules(s)]  # type: ignore[arg-type]


for _attr in ("code", "label", "points", "max_points", "sort_order"):
    FIELDS[f"point_rules[training].{_attr}"] = lambda s, w, v, a=_attr: points.save_point_rules(
        s, _rules_with(s, "training", **{a: v}))
FIELDS["point_rules[new].points"] = lambda s, w, v: points.save_point_rules(
    s, [*points.point_rules(s), points.PointRuleRow("", "志愿服务", v)])  # type: ignore[arg-type]
_ENTRY: dict[str, Any] = dict(rule_code="training", points=2, on="2026-05-01", reason="参加培训")
for _attr in ("member_id", "rule_code", "points", "on", "reason"):
    FIELDS[f"point_entry.{_attr}"] = lambda s, w, v, a=_attr: points.add_manual_entry(
        s, **({"member_id": w.member} | _ENTRY | {a: v}))
FIELDS["point_entry[other].points"] = lambda s, w, v: points.add_manual_entry(
    s, w.member, "other", v, "2026-05-01", "表彰")  # type: ignore[arg-type]

_THRESHOLDS = [95, 85, 75, 65, 60]
for _i in range(5):
    FIELDS[f"rating_thresholds[{_i}]"] = lambda s, w, v, i=_i: ratings.save_rating_thresholds(
        s, [*_THRESHOLDS[:i], v, *_THRESHOLDS[i + 1:]])
FIELDS["indicators.year"] = lambda s, w, v: ratings.save_indicators(
    s, v, [ratings.IndicatorRow(None, "服务群众", 20)])  # type: ignore[arg-type]
for _attr in ("id", "name", "max_score", "sort_order"):
    FIELDS[f"indicators[0].{_attr}"] = lambda s, w, v, a=_attr: ratings.save_indicators(
        s, 2026, [replace(ratings.IndicatorRow(w.indicator, "组织建设", 20), **{a: v})])
FIELDS["scores.year"] = lambda s, w, v: ratings.save_scores(s, v, w.branch, {w.indicator: 10})  # type: ignore[arg-type]
FIELDS["scores.org_id"] = lambda s, w, v: ratings.save_scores(s, 2026, v, {w.indicator: 10})  # type: ignore[arg-type]


def _scores_keyed_by(s: Session, w: World, key: object) -> None:
    try:
        scores = {key: 10}
    except TypeError:  # a dict cannot hold a list (or a signalling NaN) as a key, so no script can pass one
        return
    ratings.save_scores(s, 2026, w.branch, scores)  # type: ignore[arg-type]


FIELDS["scores.indicator_id"] = _scores_keyed_by
FIELDS["scores.score"] = lambda s, w, v: ratings.save_scores(s, 2026, w.branch, {w.indicator: v})
FIELDS["copy_indicators.from_year"] = lambda s, w, v: ratings.copy_indicators(s, v, 2027)  # type: ignore[arg-type]
FIELDS["copy_indicators.to_year"] = lambda s, w, v: ratings.copy_indicators(s, 2026, v)  # type: ignore[arg-type]

_SCHEDULE: dict[str, Any] = dict(kind="lecture", org_kind="branch", org_id=None, period="quarter", times=1, active=True)
for _attr in _SCHEDULE:
    FIELDS[f"schedules[0].{_attr}"] = lambda s, w, v, a=_attr: schedules.save_schedules(
        s, [schedules.ScheduleInput(**(_SCHEDULE | {a: v}))])

for _key in office.LABELS:
    FIELDS[f"office.{_key}"] = lambda s, w, v, k=_key: office.save_office_settings(
        s, office.office_settings(s) | {k: v})  # type: ignore[dict-item]
_DATA: dict[str, Any] = dict(backup_folder="", backup_keep=7, lock_minutes=15)
for _attr in _DATA:
    FIELDS[f"data_settings.{_attr}"] = lambda s, w, v, a=_attr: data_settings.save_data_settings(
        s, **(_DATA | {a: v}))

_USER: dict[str, Any] = dict(username="clerk1", password="clerk-pass-1", role="clerk", display_name="办事员")
for _attr in _USER:
    FIELDS[f"create_user.{_attr}"] = lambda s, w, v, a=_attr: accounts.create_user(s, **(_USER | {a: v}))
FIELDS["change_password.user_id"] = lambda s, w, v: accounts.change_password(s, v, "new-pass-1")  # type: ignore[arg-type]
FIELDS["change_password.password"] = lambda s, w, v: accounts.change_password(s, w.user, v)  # type: ignore[arg-type]
FIELDS["set_role.user_id"] = lambda s, w, v: accounts.set_role(s, v, "admin")  # type: ignore[arg-type]
FIELDS["set_role.role"] = lambda s, w, v: accounts.set_role(s, w.user, v)  # type: ignore[arg-type]
FIELDS["set_active.user_id"] = lambda s, w, v: accounts.set_active(s, v, True)  # type: ignore[arg-type]
FIELDS["set_active.active"] = lambda s, w, v: accounts.set_active(s, w.user, v)  # type: ignore[arg-type]


# --- the table -----------------------------------------------------------------------------------

XACT_STATS = table("pg_stat_xact_user_tables", column("n_tup_ins"), column("n_tup_upd"), column("n_tup_del"))


def _changes(s: Session) -> int:
    """Rows written on this connection so far: SQLite counts every INSERT, UPDATE and DELETE on
    the connection; PostgreSQL counts them per table for the transaction that is running."""
    connection = s.connection()
    if connection.dialect.name == "sqlite":
        return connection.connection.dbapi_connection.total_changes  # type: ignore[union-attr]
    written = XACT_STATS.c.n_tup_ins + XACT_STATS.c.n_tup_upd + XACT_STATS.c.n_tup_del
    return int(connection.execute(select(func.coalesce(func.sum(written), 0))).scalar_one())


@pytest.mark.parametrize("value", [v for _, v in HOSTILE], ids=[name for name, _ in HOSTILE])
@pytest.mark.parametrize("field", list(FIELDS))
def test_hostile_value_is_a_field_message_or_a_value(hostile_db: tuple[Database, World], field: str,
                                                     value: object) -> None:
    database, world = hostile_db
    with database.session() as s:
        s.begin()
        before = _changes(s)
        try:
            FIELDS[field](s, world, value)
        except (ValidationErrors, FieldError, PermissionDenied) as exc:
            assert str(exc), "a refusal must say why"
            assert _changes(s) == before, f"{field}: written before refusing"
            assert not (s.new or s.dirty or s.deleted), f"{field}: changes pending after refusing"
        finally:
            s.rollback()


# The writers a person's values reach besides the save_* functions (found by name below).
OTHER_WRITERS = {"add_manual_entry", "copy_indicators", "create_user", "change_password", "set_role", "set_active"}


def test_the_table_covers_every_save_function() -> None:
    """A save function added later must join the table (by its field names' prefix in FIELDS)."""
    modules = (accounts, data_settings, grid_workers, mediation, mediators, members, office, service_logs,
               volunteers, meetings, points, ratings, schedules)
    found = {name for module in modules for name, obj in vars(module).items()
             if callable(obj) and getattr(obj, "__module__", "") == module.__name__ and name.startswith("save_")}
    prefixes = {name.split(".")[0].split("[")[0] for name in FIELDS}
    covered = {"save_member": "member", "save_org": "org", "save_grid_worker": "grid_worker", "save_grid": "grid",
               "save_volunteer": "volunteer", "save_mediator": "mediator", "save_case": "case",
               "save_follow_up": "follow_up", "save_activity": "activity", "save_meeting": "meeting",
               "save_point_rules": "point_rules", "save_rating_thresholds": "rating_thresholds",
               "save_indicators": "indicators", "save_scores": "scores", "save_schedules": "schedules",
               "save_office_settings": "office", "save_data_settings": "data_settings",
               "add_manual_entry": "point_entry", "copy_indicators": "copy_indicators", "create_user": "create_user",
               "change_password": "change_password", "set_role": "set_role", "set_active": "set_active"}
    assert found | OTHER_WRITERS == set(covered)
    assert set(covered.values()) == prefixes


# --- the parse helpers ---------------------------------------------------------------------------

PHONE = 13800138000
HUGE_PARAM = pytest.param(HUGE, id="10**5000")  # pytest's id would be str() of it


@pytest.mark.parametrize("value", [PHONE, str(PHONE), "１３８００１３８０００", float(PHONE), Decimal(PHONE), 10**20,
                                   HUGE_PARAM])
def test_a_phone_number_in_a_time_is_a_message(value: object) -> None:
    with pytest.raises(FieldError) as info:
        service_logs.parse_time(value, "start_time", "开始时间")
    assert info.value.message == "开始时间：时间格式不正确（如 08:30）"


def test_a_phone_number_in_an_activity_time_is_a_message_at_that_field(hostile_db: tuple[Database, World]) -> None:
    database, world = hostile_db
    with database.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
        service_logs.save_activity(s, _activity(world, start_time=PHONE), today=TODAY)
    assert [(e.field, e.message) for e in info.value.errors] == [("start_time", "开始时间：时间格式不正确（如 08:30）")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("08:30", time(8, 30)), ("8:30", time(8, 30)), ("0830", time(8, 30)), ("830", time(8, 30)),
     ("8点30", time(8, 30)), ("8点", time(8, 0)), ("8时30分", time(8, 30)), ("１２：３０", time(12, 30)),
     ("08:30:59", time(8, 30)), ("0:00", time(0, 0)), ("23:59", time(23, 59)), (830, time(8, 30)),
     (830.0, time(8, 30)), (0.5, time(12, 0)), (Decimal("0.75"), time(18, 0)), (time(7, 5), time(7, 5)),
     (datetime(2026, 1, 1, 19, 30), time(19, 30)), (None, None), ("", None), ("  ", None)],
)
def test_time_forms(value: object, expected: time | None) -> None:
    assert check_time(value, "t", "开始时间") == expected


@pytest.mark.parametrize(
    "value",
    ["12:99", "25:00", "24:00", "-1:30", "١٢:٣٠", "7.30pm", "12:30:61", "1e3", "0x10", "NaN", "08::30", "2400",
     2400, -1, 0.99999999, 1.5, math.nan, math.inf, True, [8, 30], b"08:30", date(2026, 1, 1)],
)
def test_times_refused(value: object) -> None:
    with pytest.raises(FieldError, match="^开始时间：时间格式不正确"):
        check_time(value, "t", "开始时间")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12, 12), ("12", 12), (" 12 ", 12), ("１２", 12), ("+12", 12), ("12.0", 12), (12.0, 12), (Decimal("12"), 12),
     ("-0", 0), (-0.0, 0), (0, 0), (100_000, 100_000), (None, None), ("", None), ("\u3000", None)],
)
def test_whole_numbers(value: object, expected: int | None) -> None:
    result = check_int(value, "households", "户数", 0, 100_000)
    assert result == expected and (result is None or type(result) is int)


@pytest.mark.parametrize(
    "value",
    ["١٢", "²", "1e3", "0x10", "NaN", "inf", "1,200", "12.5", "-1", "100001", "9" * 5000, 12.5, -1, 100_001, 10**20,
     HUGE_PARAM, math.nan, math.inf, Decimal("NaN"), Decimal("sNaN"), Decimal("1e999"), True, False, [1], {"a": 1},
     b"12"],
)
def test_whole_numbers_refused(value: object) -> None:
    with pytest.raises(FieldError) as info:
        check_int(value, "households", "户数", 0, 100_000)
    assert info.value.message == "户数：应为0到100000之间的整数"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.005", 1.01), ("2.675", 2.68), (2.5, 2.5), ("１２．５", 12.5), (".5", 0.5), ("-0", 0.0), (-0.0, 0.0),
     (Decimal("12.345"), 12.35), (24, 24.0), (None, None), ("", None)],
)
def test_numbers_round_half_up_to_the_cent(value: object, expected: float | None) -> None:
    result = check_number(value, "hours", "时长", 0, 24)
    assert result == expected and (result is None or math.copysign(1, result) == 1)


@pytest.mark.parametrize(
    ("value", "problem"),
    [("24.001", "应在 0 到 24 之间"), ("-0.01", "应在 0 到 24 之间"), (1e308, "应在 0 到 24 之间"),
     pytest.param(HUGE, "应在 0 到 24 之间", id="10**5000"), ("1e999", "应为数字"), ("NaN", "应为数字"),
     (math.nan, "应为数字"), (math.inf, "应为数字"), (Decimal("sNaN"), "应为数字"), ("١٢", "应为数字"),
     (True, "应为数字"), ([1], "应为数字")],
)
def test_numbers_refused(value: object, problem: str) -> None:
    with pytest.raises(FieldError) as info:
        check_number(value, "hours", "时长", 0, 24)
    assert info.value.message == "时长：" + problem


@pytest.mark.parametrize("value", [0, -1, True, 1.0, "1", 2**31, 2**63, None])
def test_ids_are_positive_ints_that_both_engines_can_hold(value: object) -> None:
    """PostgreSQL's integer id column ends at 2**31 - 1 (a larger one fails the query itself)."""
    if value is None:
        assert check_id(value, "org_id", "支部") is None
    else:
        with pytest.raises(FieldError, match="^支部：请从列表中选择$"):
            check_id(value, "org_id", "支部")
    assert check_id(2**31 - 1, "org_id", "支部") == 2**31 - 1


ANY_SCALAR = st.one_of(st.text(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                       st.decimals(allow_nan=True, allow_infinity=True), st.none(), st.booleans(),
                       st.binary(max_size=20), st.dates(), st.times(), st.lists(st.integers(), max_size=2))
HELPERS: dict[str, Callable[[object], object]] = {
    "check_int": lambda v: check_int(v, "n", "数量", 0, 100_000),
    "check_number": lambda v: check_number(v, "n", "金额", -1000, 1_000_000_000),
    "check_time": lambda v: check_time(v, "t", "开始时间"),
    "check_id": lambda v: check_id(v, "i", "所在支部"),
    "parse_date": lambda v: parse_date(v, "d", "日期"),
    "as_text": lambda v: as_text(v, "x", "备注"),
    "check_free_text": lambda v: check_free_text(v, "x", "备注", max_len=200, multiline=True),
    "check_person_name": lambda v: check_person_name(v),
    "check_phone": lambda v: check_phone(v),
    "check_id_number": lambda v: check_id_number(v),
    "parse_case_number": lambda v: mediation.parse_case_number(v),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("helper", list(HELPERS))
@given(value=ANY_SCALAR)
def test_any_value_gives_a_value_or_a_field_error(helper: str, value: object) -> None:
    try:
        HELPERS[helper](value)
    except FieldError as exc:
        assert exc.message.startswith(exc.label + "：") and exc.problem
    except ValueError as exc:  # parse_case_number's documented refusal (the importer words its own message)
        assert helper == "parse_case_number" and type(exc) is ValueError


@given(hour=st.integers(), minute=st.integers())
def test_any_hour_and_minute_is_that_time_or_refused(hour: int, minute: int) -> None:
    try:
        result = check_time(f"{hour}:{minute:02d}", "t", "开始时间")
    except FieldError:
        assert not (0 <= hour <= 23 and 0 <= minute <= 59)
    else:
        assert result == time(hour, minute)


@given(number=st.integers())
def test_any_int_is_itself_within_range_or_refused(number: int) -> None:
    try:
        result = check_int(number, "n", "数量", 0, 100_000)
    except FieldError:
        assert not 0 <= number <= 100_000
    else:
        assert result == number


@given(number=st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_is_rounded_within_range_or_refused(number: float) -> None:
    try:
        result = check_number(number, "n", "金额", 0, 1_000_000_000)
    except FieldError:
        assert not (math.isfinite(number) and 0 <= number <= 1_000_000_000)
    else:
        assert result is not None and 0 <= result <= 1_000_000_000 and abs(result - number) <= 0.0051
        assert math.copysign(1, result) == 1  # -0.0 comes back as 0.0


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_any_text_in_a_number_field_is_a_number_or_refused(text: str) -> None:
    for check in (HELPERS["check_int"], HELPERS["check_number"]):
        try:
            result = check(text)
        except FieldError:
            continue
        assert result is None or isinstance(result, int | float)
