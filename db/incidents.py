"""Incidents (事件) from report to closure: a small, explicit state machine (TRANSITIONS).

- 已上报 reported: 受理 → 已受理 accepted; 不予受理 (with the reason) → rejected; 标记重复 → duplicate;
- 已受理 accepted: 分派 (to a person or a department outside the app) → 已分派 dispatched;
  标记重复 → duplicate;
- 已分派 dispatched: 开始处置 → 处置中 in_progress; 办结 → done;
- dispatched or in_progress: 退回 → back to 已受理, to be dispatched again; 申请延期: the deadline
  moves, the state stays; 办结 → 已办结 done;
- 已办结 done: 评价 (满意/基本满意/不满意) → 已评价 rated; 关闭 → 已关闭 closed, once it has waited
  7 days for a rating.

Every transition records who (the signed-in account), when and a note in incident_events; the
ones that need a reason (不予受理, 退回, 申请延期, 办结) refuse an empty note. 督办 marks an open
incident at any step. Accepting one sets its deadline in working days for its category
(DEADLINE_DAYS), counted Monday to Friday (no holiday calendar: an office that needs one moves
the deadline with 申请延期). It is 预警 on the working day before the deadline and 超期 after it.

A report for the same building and category as an open one of the last 14 days is suggested
as a possible duplicate (possible_duplicates); a 矛盾纠纷 becomes a mediation case in one step,
linked both ways (to_mediation_case).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.housing import live_record
from db.models import Building, Grid, Household, Incident, IncidentEvent, Visit, now
from db.permissions import actor_of
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_code,
    check_free_text,
    check_phone,
    is_id,
)
from db.vocab import INCIDENT_ACTIONS, INCIDENT_CATEGORIES, INCIDENT_STATES, SATISFACTION

if TYPE_CHECKING:
    from db.mediation import PartyInput

# category → working days from acceptance to the deadline (GM_V3.0 names 2 days; offices set their own)
DEADLINE_DAYS = {"dispute": 10, "hazard": 2, "request": 5, "sanitation": 3, "suggestion": 10, "other": 5}
DUPLICATE_DAYS = 14
RATING_DAYS = 7  # an incident done and not rated in this many days may be closed
EXTENSION_DAYS = 5  # working days an 申请延期 adds
OPEN = frozenset({"reported", "accepted", "dispatched", "in_progress"})
FINISHED = frozenset({"done", "rated", "closed", "rejected", "duplicate"})
# action → (the states it is taken from, the state it leads to; None: the state stays)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "accept": (frozenset({"reported"}), "accepted"),
    "reject": (frozenset({"reported"}), "rejected"),
    "mark_duplicate": (frozenset({"reported", "accepted"}), "duplicate"),
    "dispatch": (frozenset({"accepted"}), "dispatched"),
    "start": (frozenset({"dispatched"}), "in_progress"),
    "send_back": (frozenset({"dispatched", "in_progress"}), "accepted"),
    "extend": (frozenset({"dispatched", "in_progress"}), None),
    "finish": (frozenset({"dispatched", "in_progress"}), "done"),
    "rate": (frozenset({"done"}), "rated"),
    "close": (frozenset({"done"}), "closed"),
    "supervise": (OPEN, None),
}
NEEDS_NOTE = frozenset({"reject", "send_back", "extend", "finish"})


class IncidentError(Exception):
    """str() is one Chinese sentence: why the step cannot be taken."""


def add_working_days(start: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def working_day_before(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def deadline_state(incident: Incident, today: date) -> str:
    """"overdue" (超期), "warning" (预警: the working day before the deadline, or the day itself),
    or "" (in time, finished, or no deadline)."""
    if incident.state in FINISHED or incident.due_on is None:
        return ""
    if today > incident.due_on:
        return "overdue"
    return "warning" if today >= working_day_before(incident.due_on) else ""


# --- reporting ---------------------------------------------------------------------------------

@dataclass
class IncidentInput:
    grid_id: int | None = None
    category: str = "request"
    subject: str = ""
    description: str = ""
    building_id: int | None = None
    household_id: int | None = None
    place: str = ""
    reporter: str = ""
    reporter_phone: str = ""
    visit_id: int | None = None


def next_number(session: Session, year: int) -> str:
    """2026-0012: the office's yearly series; a station's provisional 站名-临-2026-0003. The
    counter (db.counters) goes on past any number already written (the demo, an exchange)."""
    from db.counters import take_next
    from db.exchange.numbers import station_prefix

    prefix = f"{station_prefix(session) or ''}{year}-"
    taken = session.scalars(select(Incident.number).where(Incident.number.like(f"{prefix}%")))
    highest = max((int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()), default=0)
    series = "incident_station" if station_prefix(session) else "incident"
    return f"{prefix}{take_next(session, series, year, at_least=highest + 1):04d}"


def _clean_report(session: Session, raw: IncidentInput) -> dict[str, object]:
    errors = ErrorCollector()
    if live_record(session, Grid, raw.grid_id) is None:
        errors.add(FieldError("grid_id", "所在网格", "请选择事件所在的网格"))
    errors.check(check_code, raw.category, INCIDENT_CATEGORIES, "category", "事件类别")
    values: dict[str, object] = {"grid_id": raw.grid_id, "category": raw.category, "building_id": raw.building_id,
                                 "household_id": raw.household_id, "visit_id": raw.visit_id}
    values["subject"] = errors.check(check_free_text, raw.subject, "subject", "事件标题", max_len=60,
                                     required=True) or ""
    values["description"] = errors.check(check_free_text, raw.description, "description", "事件描述", max_len=4000,
                                         multiline=True) or ""
    values["place"] = errors.check(check_free_text, raw.place, "place", "地点", max_len=100) or ""
    values["reporter"] = errors.check(check_free_text, raw.reporter, "reporter", "反映人", max_len=30) or ""
    values["reporter_phone"] = errors.check(check_phone, raw.reporter_phone, "reporter_phone", "反映人电话") or ""
    for field_name, label, model, value in (("building_id", "楼栋", Building, raw.building_id),
                                            ("household_id", "涉及户", Household, raw.household_id),
                                            ("visit_id", "来自走访", Visit, raw.visit_id)):
        if value is not None and live_record(session, model, value) is None:
            errors.add(FieldError(field_name, label, "所选记录已不存在或在回收站中，请重新选择"))
    errors.raise_if_any()
    return values


def report_incident(session: Session, raw: IncidentInput, at: datetime | None = None) -> Incident:
    """Record a report (已上报), in the caller's transaction."""
    values = _clean_report(session, raw)
    at = at or now()
    incident = Incident(number=next_number(session, at.year), reported_at=at, state="reported", **values)
    incident.events.append(IncidentEvent(at=at, action="report", from_state="", to_state="reported",
                                         by=actor_of(session).username, note=""))
    session.add(incident)
    session.flush()
    return incident


def save_incident(session: Session, raw: IncidentInput, incident_id: int | None = None) -> Incident:
    """A new report, or the report's details corrected (where it stands is changed by take_step)."""
    if incident_id is None:
        return report_incident(session, raw)
    incident = session.get(Incident, incident_id) if is_id(incident_id) else None
    if incident is None:
        raise ValidationErrors([FieldError("subject", "事件", "该事件已不存在，请刷新后重试")])
    for name, value in _clean_report(session, raw).items():
        setattr(incident, name, value)
    session.flush()
    return incident


def load_incident_input(session: Session, incident_id: int) -> IncidentInput:
    i = session.get_one(Incident, incident_id)
    return IncidentInput(grid_id=i.grid_id, category=i.category, subject=i.subject, description=i.description,
                         building_id=i.building_id, household_id=i.household_id, place=i.place,
                         reporter=i.reporter, reporter_phone=i.reporter_phone, visit_id=i.visit_id)


def incident_id_of(session: Session, number: str) -> int | None:
    """The live incident of that number (as a person types it), or None."""
    return session.scalar(select(Incident.id).where(Incident.number == number.strip(), Incident.deleted_at.is_(None)))


def available_steps(incident: Incident) -> list[str]:
    """The actions that can be taken from where the incident stands, in TRANSITIONS' order."""
    return [action for action, (sources, _) in TRANSITIONS.items() if incident.state in sources]


def possible_duplicates(session: Session, building_id: int | None, category: str, today: date,
                        exclude: int | None = None) -> list[Incident]:
    """Open incidents of the same building and category reported in the last 14 days."""
    if building_id is None:
        return []
    since = datetime.combine(today - timedelta(days=DUPLICATE_DAYS), datetime.min.time())
    return list(session.scalars(select(Incident).where(
        Incident.building_id == building_id, Incident.category == category, Incident.state.in_(OPEN),
        Incident.reported_at >= since, Incident.deleted_at.is_(None), Incident.id != (exclude or 0))
        .order_by(Incident.reported_at)))


def duplicate_hints(session: Session, building_id: int | None, category: str, today: date,
                    exclude: int | None = None) -> list[str]:
    """possible_duplicates as the report form shows them while it is filled in:
    "2026-0012 楼道堆物（已受理，12月1日上报）"."""
    return [f"{i.number} {i.subject}（{INCIDENT_STATES.label(i.state)}，"
            f"{i.reported_at.month}月{i.reported_at.day}日上报）"
            for i in possible_duplicates(session, building_id, category, today, exclude)]


# --- the steps ---------------------------------------------------------------------------------

def take_step(session: Session, incident_id: int, action: str, *, note: str = "", assignee: str = "",
              rating: str | None = None, duplicate_of: int | None = None, today: date | None = None,
              at: datetime | None = None) -> Incident:
    """Take one step of the state machine, recorded with who, when and the note; IncidentError
    (one sentence) when the step cannot be taken from where the incident stands."""
    incident = session.get(Incident, incident_id) if is_id(incident_id) else None
    if incident is None or incident.deleted_at is not None:
        raise IncidentError("该事件已不存在或在回收站中，请刷新。")
    if action not in TRANSITIONS:
        raise IncidentError("没有这个处置操作。")
    sources, target = TRANSITIONS[action]
    label = INCIDENT_ACTIONS.label(action)
    if incident.state not in sources:
        raise IncidentError(f"事件“{incident.number}”现在是“{INCIDENT_STATES.label(incident.state)}”，不能{label}。")
    errors = ErrorCollector()
    note = errors.check(check_free_text, note, "note", "说明", max_len=2000, multiline=True) or ""
    if action in NEEDS_NOTE and not note.strip():
        errors.add(FieldError("note", "说明", f"{label}须写明理由或处置情况"))
    at = at or now()
    today = today or at.date()
    if action == "dispatch":
        assignee = errors.check(check_free_text, assignee, "assignee", "承办人或部门", max_len=60, required=True) or ""
    if action == "rate":
        errors.check(check_code, rating, SATISFACTION, "rating", "群众评价", "请选择满意、基本满意或不满意")
    if action == "mark_duplicate":
        original = session.get(Incident, duplicate_of) if is_id(duplicate_of) else None
        if original is None or original.id == incident.id or original.deleted_at is not None:
            errors.add(FieldError("duplicate_of_id", "重复于", "请选择它重复的那个事件"))
    if action == "close":
        done_at = max((e.at for e in incident.events if e.to_state == "done"), default=at)
        if (at.date() - done_at.date()).days < RATING_DAYS:
            errors.add(FieldError("note", "关闭", f"办结满{RATING_DAYS}天仍未评价的事件才能关闭"))
    errors.raise_if_any()
    before = incident.state
    if action == "accept":
        incident.due_on = add_working_days(today, DEADLINE_DAYS.get(incident.category, 5))
    elif action == "dispatch":
        incident.assignee = assignee
    elif action == "send_back":
        incident.assignee = ""
    elif action == "extend":
        incident.due_on = add_working_days(max(incident.due_on or today, today), EXTENSION_DAYS)
    elif action == "rate":
        incident.rating = rating
        note = note or f"群众评价：{SATISFACTION.label(rating)}"
    elif action == "mark_duplicate":
        incident.duplicate_of_id = duplicate_of
    elif action == "supervise":
        incident.supervised = True
    if target is not None:
        incident.state = target
    incident.events.append(IncidentEvent(at=at, action=action, from_state=before, to_state=incident.state,
                                         by=actor_of(session).username, note=note))
    session.flush()
    return incident


def close_unrated(session: Session, today: date) -> int:
    """Close every incident done RATING_DAYS or more ago and never rated; how many."""
    closed = 0
    for incident in session.scalars(select(Incident).where(Incident.state == "done", Incident.deleted_at.is_(None))):
        done_at = max((e.at for e in incident.events if e.to_state == "done"), default=None)
        if done_at is not None and (today - done_at.date()).days >= RATING_DAYS:
            take_step(session, incident.id, "close", note="办结满7天未评价，自动关闭",
                      at=datetime.combine(today, datetime.min.time()))
            closed += 1
    return closed


def to_mediation_case(session: Session, incident_id: int, parties: list[PartyInput],
                      today: date | None = None) -> int:
    """A 矛盾纠纷 incident as a mediation case (its facts from the report, the parties given),
    linked both ways: the incident names the case, the case's notes name the incident."""
    from db.mediation import CaseInput, save_case

    incident = session.get(Incident, incident_id) if is_id(incident_id) else None
    if incident is None or incident.deleted_at is not None:
        raise IncidentError("该事件已不存在或在回收站中，请刷新。")
    if incident.category != "dispute":
        raise IncidentError("只有“矛盾纠纷”类事件可以转为调解案件。")
    if incident.case_id is not None:
        raise IncidentError("这个事件已经转为调解案件了。")
    from db.exchange.numbers import station_prefix

    today = today or date.today()
    status = "applied" if station_prefix(session) is not None else "open"
    raw = CaseInput(received_on=today, source="initiative", facts=incident.description or incident.subject,
                    status=status, notes=f"由事件{incident.number}转来", parties=parties)
    case = save_case(session, raw, today=today)  # ValidationErrors: the parties, said at their fields
    incident.case_id = case.id
    incident.events.append(IncidentEvent(at=now(), action="to_case", from_state=incident.state,
                                         to_state=incident.state, by=actor_of(session).username,
                                         note=f"转为调解案件{case.number}"))
    session.flush()
    return case.id
