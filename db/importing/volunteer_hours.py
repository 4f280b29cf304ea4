"""Importing a volunteer service log (志愿服务记录): one line per volunteer per activity.

Lines of the same activity (name, date, times) become one activity with its attendees, saved
with the activity form's own rules (no future service, end after start, at most 24 hours a
person a day). Volunteers are found by volunteer number, ID number, or by name when exactly
one volunteer has it; someone the ledger names by ID or number who is not yet a volunteer is
registered as one.

A 起止时间 column is the line's own service time, so its hours must equal end − start. The
app's export writes the activity's span as 活动起止时间 instead: someone who left early
served less than the span, never more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.importing.layout import Layout
from db.importing.members import ImportResult, RowProblem
from db.importing.normalize import cell_text, loose_date
from db.models import Person, Volunteer
from db.people import PersonFields
from db.service_logs import ActivityInput, AttendeeInput, parse_time, save_activity
from db.validation import FieldError, ValidationErrors, check_id_number, normalize_id_number
from db.volunteers import VolunteerInput, save_volunteer

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("志愿者姓名", "姓名", "志愿者"),
    "id_number": ("证件号码", "身份证号", "身份证号码", "公民身份号码"),
    "number": ("志愿者编号", "编号"),
    "project": ("活动名称", "服务项目", "项目", "活动项目"),
    "held_on": ("活动日期", "服务日期", "日期"),
    "times": ("起止时间", "服务时间", "时间段"),
    "activity_times": ("活动起止时间", "活动时间"),
    "start_time": ("开始时间",),
    "end_time": ("结束时间",),
    "hours": ("服务时长", "时长", "服务时长（小时）", "小时数"),
    "place": ("服务地点", "活动地点", "地点"),
    "organiser": ("组织单位", "主办单位", "组织单位名称"),
    "notes": ("备注",),
}
REQUIRED_COLUMNS = ("name", "project", "held_on")
TIME_RANGE = re.compile(r"(\d{1,2}[:：]\d{2})\s*[-–—~至到]\s*(\d{1,2}[:：]\d{2})")


def _held_on(value: object, today: date) -> date:
    """A date; "3月5日" without a year is this year's."""
    text = cell_text(value)
    m = re.fullmatch(r"(\d{1,2})月(\d{1,2})日?", text)
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


def _times(cells: dict[str, object]) -> tuple[time | None, time | None, bool]:
    """Start, end, and whether they are the activity's span (hours may be less) rather than the line's."""
    start, end = _line_times(cells)
    if start is None and end is None and cell_text(cells.get("activity_times")):
        start, end = _range(cell_text(cells.get("activity_times")), "活动起止时间")
        return start, end, True
    return start, end, False


def _range(text: str, label: str) -> tuple[time | None, time | None]:
    m = TIME_RANGE.fullmatch(text.replace(" ", ""))
    if not m:
        raise ValueError(f"{label}：无法识别“{text}”（应如 08:30-11:30）")
    return parse_time(m.group(1), "start_time", "开始时间"), parse_time(m.group(2), "end_time", "结束时间")


def _line_times(cells: dict[str, object]) -> tuple[time | None, time | None]:
    text = cell_text(cells.get("times"))
    if text:
        return _range(text, "起止时间")
    return (parse_time(cells.get("start_time"), "start_time", "开始时间"),
            parse_time(cells.get("end_time"), "end_time", "结束时间"))


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class _Volunteers:
    def __init__(self, session: Session) -> None:
        self.session = session
        rows = session.execute(select(Volunteer.id, Person.name, Person.id_number, Volunteer.number).join(Person)
                               .where(Volunteer.deleted_at.is_(None))).all()
        self.by_id = {str(idn): vid for vid, _name, idn, _number in rows if idn}
        self.by_number = {number: vid for vid, _name, _idn, number in rows if number}
        self.by_name: dict[str, list[int]] = {}
        for vid, name, _idn, _number in rows:
            self.by_name.setdefault(name, []).append(vid)
        self.registered = 0

    def find(self, name: str, id_text: str, number: str = "") -> int:
        number = number.upper()
        if number in self.by_number:
            return self.by_number[number]
        info = check_id_number(id_text) if id_text else None
        if info is not None and info.number in self.by_id:
            return self.by_id[info.number]
        if info is not None or number:
            volunteer = save_volunteer(self.session, VolunteerInput(
                PersonFields(name=name, id_number=info.number if info else ""), number=number))
            if info is not None:
                self.by_id[info.number] = volunteer.id
            self.by_number[volunteer.number] = volunteer.id
            self.by_name.setdefault(name, []).append(volunteer.id)
            self.registered += 1
            return volunteer.id
        matches = self.by_name.get(name, [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise FieldError("id_number", "证件号码", f"未填写，且没有名为“{name}”的志愿者")
        raise FieldError("id_number", "证件号码", f"未填写，且有 {len(matches)} 名志愿者叫“{name}”，无法确定是谁")


def import_volunteer_hours(session: Session, rows: list[list[object]], layout: Layout, *, today: date | None = None,
                           progress: Callable[[int, int], None] | None = None,
                           cancelled: Callable[[], bool] | None = None) -> ImportResult:
    today = today or date.today()
    result = ImportResult(rows=len(layout.data_rows))
    volunteers = _Volunteers(session)
    # First the people the file names with an ID number, so that a line without one can be
    # matched by name to someone registered further down the file.
    for index in layout.data_rows:
        raw = rows[index]
        cells = {f: raw[c] if c < len(raw) else None for f, c in layout.columns.items()}
        name, id_text = cell_text(cells.get("name")), normalize_id_number(cells.get("id_number"))
        number = cell_text(cells.get("number"))
        if name and (id_text or number):
            try:
                volunteers.find(name, id_text, number)
            except (FieldError, ValidationErrors):
                pass  # reported with its row below
    seen: dict[tuple, int] = {}
    groups: dict[tuple, list[tuple[int, AttendeeInput]]] = {}
    details: dict[tuple, dict[str, Any]] = {}
    for n, index in enumerate(layout.data_rows):
        if cancelled is not None and n % 200 == 0 and cancelled():
            raise InterruptedError("已取消")
        if progress is not None and n % 500 == 0:
            progress(n, len(layout.data_rows))
        raw = rows[index]
        cells = {f: raw[c] if c < len(raw) else None for f, c in layout.columns.items()}
        line = tuple(cell_text(v) for v in raw)
        if line in seen:
            result.problems.append(RowProblem(index + 1, [f"与第{seen[line]}行完全相同（重复录入）"], duplicate=True))
            continue
        seen[line] = index + 1
        problems: list[str] = []
        name = cell_text(cells.get("name"))
        project = cell_text(cells.get("project"))
        if not name:
            problems.append("志愿者姓名：必填")
        if not project:
            problems.append("活动名称：必填")
        try:
            held_on = _held_on(cells.get("held_on"), today)
            if held_on > today:
                problems.append("活动日期：不能晚于今天")
        except ValueError as exc:
            problems.append(f"活动日期：{exc}")
            held_on = None
        try:
            start, end, span_only = _times(cells)
        except (ValueError, FieldError) as exc:
            problems.append(str(exc))
            start = end = None
            span_only = False
        hours_text = cell_text(cells.get("hours"))
        hours: float | None = None
        if start and end:
            if end <= start:
                problems.append("起止时间：结束时间不能早于开始时间")
            else:
                span = (_minutes(end) - _minutes(start)) / 60
                if hours_text:
                    try:
                        hours = float(hours_text)
                    except ValueError:
                        problems.append(f"服务时长：应为数字（“{hours_text}”）")
                    if hours is not None and span_only and hours > span + 0.01:
                        problems.append(f"服务时长：{hours:g} 小时超过活动时长（{span:g} 小时）")
                    elif hours is not None and not span_only and abs(hours - span) > 0.01:
                        problems.append(f"服务时长：{hours:g} 小时与起止时间（{span:g} 小时）不符")
                else:
                    hours = span
        elif hours_text:
            try:
                hours = float(hours_text)
            except ValueError:
                problems.append(f"服务时长：应为数字（“{hours_text}”）")
        if hours is not None and not 0 < hours <= 24:
            problems.append(f"服务时长：应大于0且不超过24小时（{hours:g}）")
        volunteer_id = None
        if not problems:
            try:
                volunteer_id = volunteers.find(name, normalize_id_number(cells.get("id_number")),
                                               cell_text(cells.get("number")))
            except (FieldError, ValidationErrors) as exc:
                problems.append(str(exc))
        if problems or volunteer_id is None or held_on is None or hours is None:
            result.problems.append(RowProblem(index + 1, problems or ["服务时长：必填"]))
            continue
        key = (project, held_on, start, end)
        details.setdefault(key, {"place": cell_text(cells.get("place")),
                                 "organiser": cell_text(cells.get("organiser"))})
        attendee = AttendeeInput(volunteer_id, hours, cell_text(cells.get("notes")))
        groups.setdefault(key, []).append((index + 1, attendee))
    for (project, held_on, start, end), attendees in groups.items():
        known = details[(project, held_on, start, end)]
        data = ActivityInput(project=project, held_on=held_on, place=known["place"], organiser=known["organiser"],
                             start_time=start, end_time=end, attendees=[a for _, a in attendees])
        try:
            with session.begin_nested():
                save_activity(session, data, today=today)
            result.imported += len(attendees)
        except ValidationErrors as exc:
            reasons = [e.message for e in exc.errors]
            for row_number, _ in attendees:
                result.problems.append(RowProblem(row_number, reasons))
    return result.count_problems()
