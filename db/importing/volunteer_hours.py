"""The volunteer service log (志愿服务记录), declared into the import pipeline: one line per
volunteer per activity.

Lines of the same activity (name, date, times) become one activity with its attendees, saved
with the activity form's own rules. Each line is checked on its own first — its date, times,
hours, its volunteer, at most 24 hours a person a day — so a bad line never takes its activity
down with it, and a line already registered is not counted twice. The same volunteer twice in
one activity with different hours cannot both be right: neither line is imported.

Volunteers are found by volunteer number, ID number, or by name when exactly one volunteer has
it; someone the ledger names by ID or number who is not yet a volunteer is registered — only
when one of their lines is imported.

A 起止时间 column is the line's own service time, so its hours must equal end − start. The
app's export writes the activity's span as 活动起止时间 instead: someone who left early
served less than the span, never more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.importing.normalize import cell_text, loose_date
from db.importing.pipeline import Checked, Column, Context, Identity, Register, Row, RowRefused
from db.models import Person, ServiceActivity, ServiceLog, Volunteer
from db.people import PersonFields
from db.service_logs import ActivityInput, AttendeeInput, load_activity_input, parse_time, save_activity
from db.validation import (
    MAX_SERVICE_HOURS_PER_DAY,
    FieldError,
    ValidationErrors,
    check_free_text,
    check_id_number,
    check_number,
    format_date_cn,
    normalize_id_number,
    storable,
)
from db.volunteers import VolunteerInput, save_volunteer

COLUMNS = (
    Column("name", ("志愿者姓名", "姓名", "志愿者"), required=True),
    Column("id_number", ("证件号码", "身份证号", "身份证号码", "公民身份号码")),
    Column("number", ("志愿者编号", "编号")),
    Column("project", ("活动名称", "服务项目", "项目", "活动项目"), required=True),
    Column("held_on", ("活动日期", "服务日期", "日期"), required=True),
    Column("times", ("起止时间", "服务时间", "时间段")),
    Column("activity_times", ("活动起止时间", "活动时间")),
    Column("start_time", ("开始时间",)),
    Column("end_time", ("结束时间",)),
    Column("hours", ("服务时长", "时长", "服务时长（小时）", "小时数")),
    Column("place", ("服务地点", "活动地点", "地点")),
    Column("organiser", ("组织单位", "主办单位", "组织单位名称")),
    Column("notes", ("备注",)),
)
TIME_RANGE = re.compile(r"([0-9]{1,2}[:：][0-9]{2})\s*[-–—~至到]\s*([0-9]{1,2}[:：][0-9]{2})")
ActivityKey = tuple[str, date, time | None, time | None]


@dataclass(frozen=True, slots=True)
class Line:
    """A checked line: its activity, its volunteer (an id, or the ID/number of one to register)."""

    activity: ActivityKey
    volunteer: int | str
    name: str
    hours: float
    notes: str
    place: str
    organiser: str


def _held_on(value: object, today: date) -> date:
    """A date; "3月5日" without a year is this year's."""
    text = cell_text(value)
    m = re.fullmatch(r"([0-9]{1,2})月([0-9]{1,2})日?", text)
    if m:
        try:
            return date(today.year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            raise ValueError(f"日期不存在（{m.group(1)}月{m.group(2)}日）") from None
    loose = loose_date(value)
    if loose is None:
        raise ValueError("必填")
    if loose.day is None:
        raise ValueError("应写到日")
    return loose.as_date()


def _range(text: str, label: str) -> tuple[time | None, time | None]:
    m = TIME_RANGE.fullmatch(text.replace(" ", ""))
    if not m:
        raise FieldError("times", label, f"无法识别“{text[:30]}”（应如 08:30-11:30）")
    return parse_time(m.group(1), "start_time", "开始时间"), parse_time(m.group(2), "end_time", "结束时间")


def _times(row: Row) -> tuple[time | None, time | None, bool]:
    """Start, end, and whether they are the activity's span (hours may be less) rather than the line's."""
    if row.text.get("times"):
        return (*_range(row.text["times"], "起止时间"), False)
    start = parse_time(row.cell("start_time"), "start_time", "开始时间")
    end = parse_time(row.cell("end_time"), "end_time", "结束时间")
    if start is None and end is None and row.text.get("activity_times"):
        return (*_range(row.text["activity_times"], "活动起止时间"), True)
    return start, end, False


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _hours_value(text: str) -> float:
    hours = check_number(text, "hours", "服务时长", 0, MAX_SERVICE_HOURS_PER_DAY,
                         format_problem=f"应为数字（“{text[:20]}”）",
                         range_problem=f"应大于0且不超过{MAX_SERVICE_HOURS_PER_DAY}小时（{text[:20]}）")
    if not hours:  # blank was handled by the caller; 0 is no service
        raise FieldError("hours", "服务时长", f"应大于0且不超过{MAX_SERVICE_HOURS_PER_DAY}小时（{text[:20]}）")
    return hours


def _hours(text: str, start: time | None, end: time | None, span_only: bool) -> float:
    if start is None or end is None:
        if not text:
            raise FieldError("hours", "服务时长", "必填（或填写起止时间）")
        return _hours_value(text)
    if end <= start:
        raise FieldError("times", "起止时间", "结束时间不能早于开始时间")
    span = (_minutes(end) - _minutes(start)) / 60
    if not text:
        return span
    hours = _hours_value(text)
    if span_only and hours > span + 0.01:
        raise FieldError("hours", "服务时长", f"{hours:g} 小时超过活动时长（{span:g} 小时）")
    if not span_only and abs(hours - span) > 0.01:
        raise FieldError("hours", "服务时长", f"{hours:g} 小时与起止时间（{span:g} 小时）不符")
    return hours


class _Volunteers:
    """The registered volunteers by number, ID number and name, and the ones the file would
    register (by ID or number), found before any line is checked so that a line without an ID
    can be matched by name to someone registered further down the file."""

    def __init__(self, session: Session, data: list[Row]) -> None:
        rows = session.execute(select(Volunteer.id, Person.name, Person.id_number, Volunteer.number).join(Person)
                               .where(Volunteer.deleted_at.is_(None))).all()
        self.by_id: dict[str, int | str] = {str(idn): vid for vid, _name, idn, _number in rows if idn}
        self.by_number: dict[str, int | str] = {number: vid for vid, _name, _idn, number in rows if number}
        self.by_name: dict[str, set[int | str]] = {}
        for vid, name, _idn, _number in rows:
            self.by_name.setdefault(name, set()).add(vid)
        self.new: dict[str, tuple[str, str, str]] = {}  # key → (name, ID number, volunteer number)
        for row in data:
            name, number = row.text.get("name", ""), row.text.get("number", "").upper()
            id_text = normalize_id_number(row.cell("id_number"))
            if name and (id_text or number):
                try:
                    self.find(name, id_text, number)
                except FieldError:
                    pass  # reported with its row

    def find(self, name: str, id_text: str, number: str = "") -> int | str:
        """A volunteer's id, or the key of one to register ("id:…" / "no:…")."""
        number = number.upper()
        if number in self.by_number:
            return self.by_number[number]
        info = check_id_number(id_text, field="id_number", label="证件号码") if id_text else None
        if info is not None and info.number in self.by_id:
            return self.by_id[info.number]
        if info is not None or number:
            key = f"id:{info.number}" if info else f"no:{number}"
            self.new[key] = (name, info.number if info else "", number)
            if info is not None:
                self.by_id[info.number] = key
            if number:
                self.by_number[number] = key
            self.by_name.setdefault(name, set()).add(key)
            return key
        matches = self.by_name.get(name, set())
        if len(matches) == 1:
            return next(iter(matches))
        if not matches:
            raise FieldError("id_number", "证件号码", f"未填写，且没有名为“{name}”的志愿者")
        raise FieldError("id_number", "证件号码", f"未填写，且有 {len(matches)} 名志愿者叫“{name}”，无法确定是谁")


def _registered(ctx: Context, key: ActivityKey) -> tuple[int, set[int]] | None:
    """The activity already on record under this key, with its volunteers (looked up once a key)."""
    known: dict[ActivityKey, tuple[int, set[int]] | None] = ctx.cache.setdefault("registered", {})
    if key not in known and not storable(key[0]):
        known[key] = None  # a project no rule lets in is on no record
    if key not in known:
        project, held_on, start, end = key
        found: tuple[int, set[int]] | None = None
        for aid, volunteer_id in ctx.session.execute(
                select(ServiceActivity.id, ServiceLog.volunteer_id)
                .outerjoin(ServiceLog, (ServiceLog.activity_id == ServiceActivity.id) & ServiceLog.deleted_at.is_(None))
                .where(ServiceActivity.project == project, ServiceActivity.held_on == held_on,
                       ServiceActivity.start_time.is_(start) if start is None else ServiceActivity.start_time == start,
                       ServiceActivity.end_time.is_(end) if end is None else ServiceActivity.end_time == end,
                       ServiceActivity.deleted_at.is_(None))
                .order_by(ServiceActivity.id)):
            if found is None:
                found = (aid, set())
            if aid == found[0] and volunteer_id is not None:
                found[1].add(volunteer_id)
        known[key] = found
    return known[key]


def _prepare(ctx: Context, data: list[Row]) -> None:
    ctx.cache["volunteers"] = _Volunteers(ctx.session, data)


def _check(ctx: Context, row: Row) -> Line:
    problems: list[str] = []
    name, project = row.text.get("name", ""), row.text.get("project", "")
    if not name:
        problems.append("志愿者姓名：必填")
    if not project:
        problems.append("活动名称：必填")
    held_on: date | None = None
    try:
        held_on = _held_on(row.cell("held_on"), ctx.today)
        if held_on > ctx.today:
            problems.append("活动日期：不能晚于今天")
    except ValueError as exc:
        problems.append(f"活动日期：{exc}")
    start = end = None
    hours = 0.0
    try:
        start, end, span_only = _times(row)
        hours = _hours(row.text.get("hours", ""), start, end, span_only)
    except FieldError as exc:
        problems.append(exc.message)
    texts = {}
    for field, label, limit in (("notes", f"备注（{name}）", 200), ("place", "服务地点", 100),
                                ("organiser", "组织单位", 100)):
        try:  # the activity form's limits, checked on the line that has the text
            texts[field] = check_free_text(row.text.get(field, ""), field, label, max_len=limit)
        except FieldError as exc:
            problems.append(exc.message)
    if problems or held_on is None:
        raise RowRefused(*problems)
    try:
        volunteer = ctx.cache["volunteers"].find(name, normalize_id_number(row.cell("id_number")),
                                                 row.text.get("number", ""))
    except FieldError as exc:
        raise RowRefused(exc.message) from None
    key: ActivityKey = (project, held_on, start, end)
    registered = _registered(ctx, key)
    if registered is not None and volunteer in registered[1]:
        raise RowRefused(f"已登记（{name} 参加的这次活动已有记录），未导入", duplicate=True)
    return Line(key, volunteer, name, hours, texts["notes"], texts["place"], texts["organiser"])


def _identity(line: Line) -> Identity:
    return Identity((line.activity, line.volunteer), f"同一活动的同一志愿者（{line.name}）")


def _disagreement(first: Line, later: Line) -> str | None:
    if abs(first.hours - later.hours) > 0.001:
        return f"服务时长不同（{first.hours:g} 与 {later.hours:g} 小时）"
    return None


def _over_a_day(session: Session, checked: list[Checked]) -> dict[int, str]:
    """Row number → reason, for every line of a volunteer whose day adds up to more than 24 hours
    (their lines in the file and the hours already registered that day)."""
    per_day: dict[tuple[int | str, date], list[Checked]] = {}
    for entry in checked:
        per_day.setdefault((entry.item.volunteer, entry.item.activity[1]), []).append(entry)
    ids = list({v for v, _ in per_day if isinstance(v, int)})
    days = list({d for _, d in per_day})
    stored: dict[tuple[int, date], float] = {}
    for start in range(0, len(ids), 500):
        for vid, day, hours in session.execute(
                select(ServiceLog.volunteer_id, ServiceActivity.held_on, func.sum(ServiceLog.hours))
                .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
                .where(ServiceLog.volunteer_id.in_(ids[start:start + 500]), ServiceActivity.held_on.in_(days),
                       ServiceLog.deleted_at.is_(None), ServiceActivity.deleted_at.is_(None))
                .group_by(ServiceLog.volunteer_id, ServiceActivity.held_on)):
            stored[(vid, day)] = float(hours or 0)
    refused: dict[int, str] = {}
    for (volunteer, day), entries in per_day.items():
        total = sum(e.item.hours for e in entries) + (stored.get((volunteer, day), 0.0)
                                                      if isinstance(volunteer, int) else 0.0)
        if total > MAX_SERVICE_HOURS_PER_DAY + 0.001:
            reason = (f"服务时长：{entries[0].item.name} 在{format_date_cn(day)}共计 {total:g} 小时，"
                      f"超过一天{MAX_SERVICE_HOURS_PER_DAY}小时")
            refused |= {e.row.number: reason for e in entries}
    return refused


def _register_new(ctx: Context, keys: set[str]) -> list[str]:
    """Register the volunteers the file names by ID or number, once their first line is
    imported; returns the keys registered now (forgotten again if their activity is refused)."""
    volunteers: _Volunteers = ctx.cache["volunteers"]
    done: dict[str, int] = ctx.cache.setdefault("registered_new", {})
    now = sorted(keys - done.keys())
    for key in now:
        name, id_number, number = volunteers.new[key]
        done[key] = save_volunteer(ctx.session, VolunteerInput(PersonFields(name=name, id_number=id_number),
                                                               number=number)).id
    return now


def _write(ctx: Context, checked: list[Checked]) -> None:
    session, result = ctx.session, ctx.result
    over = _over_a_day(session, checked)
    for row_number, reason in over.items():
        result.refuse(row_number, reason)
    lines = [c for c in checked if c.row.number not in over]
    groups: dict[ActivityKey, list[Checked]] = {}
    for entry in lines:
        groups.setdefault(entry.item.activity, []).append(entry)
    for n, (key, entries) in enumerate(groups.items()):
        if n % 100 == 0 and ctx.options.cancelled is not None and ctx.options.cancelled():
            raise InterruptedError("已取消")
        new: list[str] = []
        try:
            with session.begin_nested():  # an activity refused leaves nothing behind, volunteers included
                new = _register_new(ctx, {e.item.volunteer for e in entries if isinstance(e.item.volunteer, str)})
                _save_activity(ctx, key, entries)
            result.imported += len(entries)
        except (ValidationErrors, FieldError) as exc:
            for gone in new:
                ctx.cache["registered_new"].pop(gone, None)
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            for entry in entries:
                result.refuse(entry.row.number, *[e.message for e in errors])


def _save_activity(ctx: Context, key: ActivityKey, entries: list[Checked]) -> None:
    project, held_on, start, end = key
    new: dict[str, int] = ctx.cache["registered_new"]
    attendees = [AttendeeInput(new[v] if isinstance(v := e.item.volunteer, str) else v, e.item.hours, e.item.notes)
                 for e in entries]
    registered = _registered(ctx, key)
    if registered is not None:  # the activity is on record: these volunteers join it
        data, rows = load_activity_input(ctx.session, registered[0])
        data.attendees = [AttendeeInput(r.volunteer_id, r.hours, r.notes) for r in rows] + attendees
        save_activity(ctx.session, data, registered[0], today=ctx.today)
        return
    first = entries[0].item
    data = ActivityInput(project=project, held_on=held_on, place=first.place, organiser=first.organiser,
                         start_time=start, end_time=end, attendees=attendees)
    save_activity(ctx.session, data, today=ctx.today)


REGISTER = Register("volunteer-hours", "志愿服务记录", COLUMNS, _check, _write, identity=_identity,
                    disagreement=_disagreement, prepare=_prepare)
