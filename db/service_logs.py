"""Service activities and the hours logged for each attendee (志愿服务记录).

Offices record one activity and everyone who served in it at once; each attendee is a log
line with their own hours (default: the activity's length). Rules from 志愿服务记录与证明出具办法:
no future service, end after start, and nobody serves more than 24 hours in one day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import ColumnElement, Join, Select, func, join, select
from sqlalchemy.orm import Session

from db.dialect import driving_join, like_any_case, no_index
from db.listing import Sort, fetch_ids, load_rows, ordered, person_match, search_rank
from db.models import Person, ServiceActivity, ServiceLog, Volunteer, now
from db.scope import scoped
from db.search_keys import like_pattern
from db.validation import (
    MAX_SERVICE_HOURS_PER_DAY,
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_free_text,
    check_number,
    check_time,
    format_date_cn,
    is_id,
    parse_date,
)


def parse_time(value: object, field_name: str, label: str) -> time | None:
    """"08:30", "8:30", "0830", "8点30" → 08:30; None for empty (db.validation.check_time)."""
    return check_time(value, field_name, label)


def default_hours(start: time | None, end: time | None) -> float:
    """The activity's length in hours, rounded to the half hour (what offices credit)."""
    if start is None or end is None or end <= start:
        return 0.0
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return round(minutes / 30) / 2


@dataclass
class AttendeeInput:
    volunteer_id: int
    hours: float | str = 0
    notes: str = ""


@dataclass
class ActivityInput:
    project: str = ""
    held_on: date | str | None = None
    place: str = ""
    start_time: time | str | None = None
    end_time: time | str | None = None
    organiser: str = ""
    confirmed_by: str = ""
    description: str = ""
    attendees: list[AttendeeInput] = field(default_factory=list)


def _hours(value: float | str, label: str, errors: ErrorCollector) -> float | None:
    problem = f"应大于0且不超过{MAX_SERVICE_HOURS_PER_DAY}小时"
    try:
        hours = check_number(value, "attendees", label, 0, MAX_SERVICE_HOURS_PER_DAY, range_problem=problem)
    except FieldError as exc:
        errors.add(exc)
        return None
    if not hours:  # blank, 0, or 0.001 rounded to 0
        errors.add(FieldError("attendees", label, problem))
        return None
    return hours


def clean_activity(session: Session, raw: ActivityInput, activity_id: int | None,
                   today: date | None = None) -> tuple[dict, list[dict]]:
    errors = ErrorCollector()
    v: dict = {}
    v["project"] = errors.check(check_free_text, raw.project, "project", "服务项目", max_len=100, required=True)
    v["held_on"] = errors.check(parse_date, raw.held_on, "held_on", "活动日期", allow_future=False, today=today)
    if v["held_on"] is None and not errors.has("held_on"):
        errors.add(FieldError("held_on", "活动日期", "必填"))
    v["start_time"] = errors.check(parse_time, raw.start_time, "start_time", "开始时间")
    v["end_time"] = errors.check(parse_time, raw.end_time, "end_time", "结束时间")
    if v["start_time"] and v["end_time"] and v["end_time"] <= v["start_time"]:
        errors.add(FieldError("end_time", "结束时间", "不能早于开始时间"))
    for attr, label, limit in (("place", "服务地点", 100), ("organiser", "组织单位", 100),
                               ("confirmed_by", "确认人", 30)):
        v[attr] = errors.check(check_free_text, getattr(raw, attr), attr, label, max_len=limit) or ""
    v["description"] = errors.check(check_free_text, raw.description, "description", "服务内容", max_len=2000,
                                    multiline=True) or ""
    names = dict(session.execute(select(Volunteer.id, Person.name).join(Person).where(
        Volunteer.id.in_([a.volunteer_id for a in raw.attendees if is_id(a.volunteer_id)]),
        Volunteer.deleted_at.is_(None))).all())
    lines, seen = [], set()
    for a in raw.attendees:
        name = names.get(a.volunteer_id) if is_id(a.volunteer_id) else None
        if name is None:
            errors.add(FieldError("attendees", "参加人员", "所选志愿者已不存在"))
            continue
        if a.volunteer_id in seen:
            errors.add(FieldError("attendees", "参加人员", f"{name} 重复添加"))
            continue
        seen.add(a.volunteer_id)
        hours = _hours(a.hours, f"服务时长（{name}）", errors)
        notes = errors.check(check_free_text, a.notes, "attendees", f"备注（{name}）", max_len=200) or ""
        if hours is not None:
            lines.append({"volunteer_id": a.volunteer_id, "hours": hours, "notes": notes, "name": name})
    if v["held_on"] is not None and lines:
        _check_day_totals(session, v["held_on"], lines, activity_id, errors)
    errors.raise_if_any()
    return v, lines


def _check_day_totals(session: Session, day: date, lines: list[dict], activity_id: int | None,
                      errors: ErrorCollector) -> None:
    """Hours on other activities the same day plus these must stay within 24 per person."""
    other = dict(session.execute(
        select(ServiceLog.volunteer_id, func.sum(ServiceLog.hours))
        .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
        .where(ServiceActivity.held_on == day, ServiceActivity.deleted_at.is_(None), ServiceLog.deleted_at.is_(None),
               ServiceActivity.id != (activity_id or 0),
               ServiceLog.volunteer_id.in_([line["volunteer_id"] for line in lines]))
        .group_by(ServiceLog.volunteer_id)).all())
    for line in lines:
        total = line["hours"] + float(other.get(line["volunteer_id"], 0))
        if total > MAX_SERVICE_HOURS_PER_DAY:
            problem = (f"{line['name']} 在{format_date_cn(day)}共计 {total:g} 小时，"
                       f"超过一天{MAX_SERVICE_HOURS_PER_DAY}小时")
            errors.add(FieldError("attendees", "服务时长", problem))


def save_activity(session: Session, raw: ActivityInput, activity_id: int | None = None,
                  today: date | None = None) -> ServiceActivity:
    """Write the activity and replace its log lines, in the caller's transaction; the moral
    bank's points for the hours follow (db.bank.volunteering)."""
    activity = session.get(ServiceActivity, activity_id) if is_id(activity_id) else None
    if activity_id is not None and activity is None:
        raise ValidationErrors([FieldError("project", "服务项目", "该活动已不存在，请刷新后重试")])
    values, lines = clean_activity(session, raw, activity_id, today)
    if activity is None:
        activity = ServiceActivity()
        session.add(activity)
    for attr, value in values.items():
        setattr(activity, attr, value)
    existing = {log.volunteer_id: log for log in activity.logs}
    keep = []
    for line in lines:
        log = existing.pop(line["volunteer_id"], None) or ServiceLog(volunteer_id=line["volunteer_id"])
        log.hours, log.notes, log.deleted_at = line["hours"], line["notes"], None
        keep.append(log)
    for log in existing.values():  # attendees removed from the activity: soft delete, restorable
        log.deleted_at = now()
        keep.append(log)
    activity.logs = keep
    session.flush()
    from db.bank.volunteering import credit_service_hours  # (the bank builds on the service log)

    credit_service_hours(session, [activity.id], today)
    return activity


@dataclass(frozen=True)
class AttendeeRow:
    volunteer_id: int
    name: str
    number: str
    hours: float
    notes: str


def load_activity_input(session: Session, activity_id: int) -> tuple[ActivityInput, list[AttendeeRow]]:
    a = session.get_one(ServiceActivity, activity_id)
    rows = [
        AttendeeRow(log.volunteer_id, name, number, log.hours, log.notes)
        for log, name, number in session.execute(
            select(ServiceLog, Person.name, Volunteer.number).join(Volunteer, ServiceLog.volunteer_id == Volunteer.id)
            .join(Person).where(ServiceLog.activity_id == activity_id, ServiceLog.deleted_at.is_(None))
            .order_by(ServiceLog.id))
    ]
    data = ActivityInput(a.project, a.held_on, a.place, a.start_time, a.end_time, a.organiser, a.confirmed_by,
                         a.description, [AttendeeInput(r.volunteer_id, r.hours, r.notes) for r in rows])
    return data, rows


# --- the service log list ----------------------------------------------------------------------

@dataclass(frozen=True)
class ServiceLogFilter:
    text: str = ""
    volunteer_id: int | None = None
    project: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class ServiceLogRow:
    id: int
    activity_id: int
    held_on: date
    project: str
    place: str
    start_time: time | None
    end_time: time | None
    name: str
    number: str
    hours: float
    organiser: str
    id_number: str = ""
    notes: str = ""


SORT_KEYS = {"held_on": ServiceActivity.held_on, "project": ServiceActivity.project, "name": Person.name_sort,
             "number": Volunteer.number, "hours": ServiceLog.hours, "place": ServiceActivity.place}


def _log_query(f: ServiceLogFilter, selected: Sequence[Any] = (ServiceLog.id,), *,
               date_order: bool = False, totals: bool = False) -> Select[Any]:
    """The listed lines' query. date_order: the list is read in date order from the activities'
    date index (db.dialect.driving_join), for the default order without a search or a
    volunteer — a million lines then give their first page without being sorted. totals: for
    counting, without the volunteers and persons, and the lines read straight through rather
    than through the index of their (nearly all empty) deleted_at, which cost a random read a
    line: 7.6 s against 0.6 s for a million lines."""
    joined: Join[Any]
    if date_order:
        joined = driving_join(ServiceActivity, ServiceLog, ServiceLog.activity_id == ServiceActivity.id)
    else:
        joined = join(ServiceLog, ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
    if date_order or totals:
        live = [no_index(ServiceLog.deleted_at).is_(None), no_index(ServiceActivity.deleted_at).is_(None)]
    else:
        live = [ServiceLog.deleted_at.is_(None), ServiceActivity.deleted_at.is_(None)]
    if not totals:  # the list shows and sorts by the volunteer's name and number
        joined = joined.join(Volunteer, ServiceLog.volunteer_id == Volunteer.id).join(
            Person, Volunteer.person_id == Person.id)
    stmt = select(*selected).select_from(joined).where(*live)
    if (cond := person_match(f.text)) is not None:
        # The volunteers and activities the search finds first, then their lines through the
        # lines' own indexes: testing a million lines one by one took 10 s, this 0.5 s.
        pattern = like_pattern(f.text)
        volunteers = (select(Volunteer.id).join(Person, Volunteer.person_id == Person.id)
                      .where(cond | like_any_case(Volunteer.number, pattern)))
        activities = select(ServiceActivity.id).where(like_any_case(ServiceActivity.project, pattern))
        stmt = stmt.where(ServiceLog.volunteer_id.in_(volunteers) | ServiceLog.activity_id.in_(activities))
    if f.volunteer_id is not None:
        stmt = stmt.where(ServiceLog.volunteer_id == f.volunteer_id)
    return stmt.where(*_activity_conditions(f))


def _activity_conditions(f: ServiceLogFilter) -> list[ColumnElement[bool]]:
    """What the filter asks of the lines' activities: their project and dates."""
    conditions = []
    if f.project:
        conditions.append(ServiceActivity.project == f.project)
    if f.date_from is not None:
        conditions.append(ServiceActivity.held_on >= f.date_from)
    if f.date_to is not None:
        conditions.append(ServiceActivity.held_on <= f.date_to)
    return conditions


def service_log_ids(session: Session, f: ServiceLogFilter, sort: Sort = Sort(),  # noqa: B008
                    *, limit: int | None = None, offset: int = 0) -> list[int]:
    """Ids of the listed lines in display order: the `limit` after the first `offset`, or all.
    The window lists a block at a time, as the person scrolls: the log grows with every activity."""
    if not sort.key:
        sort = Sort("", descending=True)  # the latest service first (held_on, the default key)
    rank = search_rank(f.text, Person.search_text, Person.name_sort)
    date_order = sort.key in ("", "held_on") and not f.text and f.volunteer_id is None
    stmt = ordered(_log_query(f, date_order=date_order), sort, SORT_KEYS, "held_on", ServiceLog.id, rank)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return fetch_ids(session, stmt)


def _kept_totals(f: ServiceLogFilter) -> Select[int, float] | None:
    """The filter's count and hours from the totals the database keeps (migrations 0008, 0009),
    where they answer it: no search, and either no volunteer (the live activities' totals, of a
    project and dates) or a volunteer alone (theirs). Counting the lines read every one of a
    million: the list's status line then took longer the more history was kept."""
    if f.text:
        return None
    if f.volunteer_id is None:
        return (select(func.coalesce(func.sum(ServiceActivity.log_count), 0),
                       func.coalesce(func.sum(ServiceActivity.log_hours), 0))
                .where(no_index(ServiceActivity.deleted_at).is_(None), *_activity_conditions(f)))
    if _activity_conditions(f):
        return None
    return select(Volunteer.log_count, Volunteer.log_hours).where(Volunteer.id == f.volunteer_id)


def service_log_totals(session: Session, f: ServiceLogFilter) -> tuple[int, float]:
    """How many lines the filter lists and their hours: kept totals summed where they answer
    (_kept_totals), else the lines counted and summed in SQL."""
    totals: Select[Any] | Select[int, float] | None = _kept_totals(f)
    if totals is None:
        totals = _log_query(f, (func.count(ServiceLog.id), func.coalesce(func.sum(ServiceLog.hours), 0)),
                            totals=True)
    found = session.connection().execute(scoped(session, totals)).one_or_none()
    count, hours = found if found is not None else (0, 0.0)  # a volunteer since removed
    return int(count), round(float(hours), 2)


def _fetch_rows(session: Session, ids: Sequence[int]) -> dict[int, ServiceLogRow]:
    stmt = (select(ServiceLog, ServiceActivity, Person.name, Volunteer.number, Person.id_number)
            .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
            .join(Volunteer, ServiceLog.volunteer_id == Volunteer.id).join(Person, Volunteer.person_id == Person.id)
            .where(ServiceLog.id.in_(ids)))
    return {
        log.id: ServiceLogRow(log.id, a.id, a.held_on, a.project, a.place, a.start_time, a.end_time, name, number,
                              log.hours, a.organiser, id_number or "", log.notes)
        for log, a, name, number, id_number in session.execute(stmt)
    }


def service_log_rows(session: Session, ids: Sequence[int]) -> list[ServiceLogRow]:
    return load_rows(session, ids, _fetch_rows)


def project_choices(session: Session) -> list[str]:
    return list(session.scalars(select(ServiceActivity.project).where(ServiceActivity.deleted_at.is_(None))
                                .distinct().order_by(ServiceActivity.project)))


def activity_of_log(session: Session, log_id: int) -> int | None:
    return session.scalar(select(ServiceLog.activity_id).where(ServiceLog.id == log_id))
