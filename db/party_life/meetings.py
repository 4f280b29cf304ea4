"""Meetings (三会一课) with their attendance: saving with the office's rules, loading for the
dialog, who is expected at a meeting, and the queries behind the meetings register.

Attendance is saved with its meeting as a whole (the attendance screen shows every expected
member at once), so an edit replaces the lines instead of patching them; the points awarded
from attendance are then recomputed by db.party_life.points.award_for_meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from db.dialect import like_any_case
from db.listing import Sort, fetch_ids, load_rows, ordered, search_rank, text_condition
from db.members import org_subtree_ids
from db.models import Attendance, Meeting, PartyMember, PartyOrg, Person
from db.party_life import points
from db.party_life.sign_in import org_places, sheet_key
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_code,
    check_free_text,
    check_time,
    clean_text,
    is_id,
    parse_date,
)
from db.vocab import ATTENDANCE, MEETING_KINDS

LENGTHS = {"place": ("地点", 100), "topic": ("主题", 200), "speaker": ("主讲人", 30)}
MINUTES_MAX = 5000
REASON_MAX = 100


@dataclass
class AttendanceInput:
    """One member's line on the attendance screen: present / leave (with a reason) / absent."""

    member_id: int
    status: str = "present"
    reason: str = ""


@dataclass
class MeetingInput:
    """A meeting as the dialog gives it: raw values, cleaned by save_meeting."""

    kind: str = ""
    org_id: int | None = None
    held_on: date | str | None = None
    start_time: str = ""  # HH:MM or blank
    place: str = ""
    topic: str = ""
    speaker: str = ""
    minutes: str = ""
    attendance: list[AttendanceInput] = field(default_factory=list)


@dataclass(frozen=True)
class AttendeeChoice:
    """A member who may be listed on the attendance screen."""

    member_id: int
    name: str
    org_name: str
    member_type: str
    org_short: str = ""  # the last part of the organisation's name (第一党小组), see db.party_life.sign_in
    org_path: str = ""  # 幸福社区党委 › 第三网格党支部 › 第一党小组


@dataclass(frozen=True)
class MeetingFilter:
    org_id: int | None = None  # a branch also matches its party groups' meetings
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""  # topic, place or speaker contains


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings register, with its attendance counted."""

    id: int
    held_at: datetime
    kind: str
    org_name: str
    topic: str
    place: str
    speaker: str
    present: int
    leave: int
    absent: int
    org_short: str = ""  # 第一党小组 rather than 第三网格党支部第一党小组 (db.party_life.sign_in)
    org_path: str = ""  # 幸福社区党委 › 第三网格党支部 › 第一党小组, for a tooltip


def parse_start_time(value: str) -> time | None:
    """"19:30" (a full-width colon too) → 19:30; blank → None. The forms of db.validation.check_time."""
    return check_time(value, "start_time", "开始时间", problem="时间格式不正确（如 19:30）")


def _member_names(session: Session, ids: set[int], meeting_id: int | None) -> dict[int, str]:
    """Names of the members that may be on the meeting: live ones, and (when editing) those
    already on it, so a member later put in the recycle bin does not block an edit."""
    if not ids:
        return {}
    allowed: ColumnElement[bool] = PartyMember.deleted_at.is_(None)
    if meeting_id is not None:
        allowed = or_(allowed, PartyMember.id.in_(
            select(Attendance.member_id).where(Attendance.meeting_id == meeting_id)))
    stmt = (select(PartyMember.id, Person.name).join(Person, PartyMember.person_id == Person.id)
            .where(PartyMember.id.in_(ids), allowed))
    return {mid: name for mid, name in session.execute(stmt)}


def _clean_attendance(session: Session, lines: list[AttendanceInput], errors: ErrorCollector,
                      meeting_id: int | None) -> list[tuple[int, str, str]]:
    names = _member_names(session, {line.member_id for line in lines if is_id(line.member_id)}, meeting_id)
    out: list[tuple[int, str, str]] = []
    seen: set[int] = set()
    missing = 0
    for line in lines:
        name = names.get(line.member_id) if is_id(line.member_id) else None
        if name is None:
            missing += 1
            continue
        if line.member_id in seen:
            errors.add(FieldError("attendance", "出席情况", f"{name}登记了不止一次"))
            continue
        seen.add(line.member_id)
        if not isinstance(line.status, str) or line.status not in ATTENDANCE:
            errors.add(FieldError("attendance", "出席情况", f"{name}的出席状态只能是出席、请假或缺席"))
            continue
        reason = errors.check(check_free_text, line.reason, "attendance", "请假事由", max_len=REASON_MAX)
        if reason is None:
            continue
        if line.status == "leave" and not reason:
            errors.add(FieldError("attendance", "请假事由", f"{name}请假，须填写请假事由"))
            continue
        out.append((line.member_id, line.status, reason if line.status == "leave" else ""))
    if missing:
        errors.add(FieldError("attendance", "出席情况", f"有 {missing} 名党员已不存在，请刷新名单后重试"))
    return out


def clean_meeting(session: Session, raw: MeetingInput, meeting_id: int | None = None,
                  today: date | None = None) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """Check every field; raise ValidationErrors listing each problem, or return clean values."""
    errors = ErrorCollector()
    values: dict[str, Any] = {}
    values["kind"] = errors.check(check_code, raw.kind, MEETING_KINDS, "kind", "会议类型")
    org = session.get(PartyOrg, raw.org_id) if is_id(raw.org_id) else None
    if org is None or org.deleted_at is not None:
        errors.add(FieldError("org_id", "组织", "请选择召开会议的党组织"))
    values["org_id"] = raw.org_id
    held_on = errors.check(parse_date, raw.held_on, "held_on", "会议日期", allow_future=False, today=today)
    if held_on is None and not errors.has("held_on"):
        errors.add(FieldError("held_on", "会议日期", "必填"))
    start = errors.check(parse_start_time, raw.start_time)
    if held_on is not None:
        values["held_at"] = datetime.combine(held_on, start or time(0, 0))
    for attr, (label, max_len) in LENGTHS.items():
        values[attr] = errors.check(check_free_text, getattr(raw, attr), attr, label, max_len=max_len) or ""
    values["minutes"] = errors.check(check_free_text, raw.minutes, "minutes", "会议纪要", max_len=MINUTES_MAX,
                                     multiline=True) or ""
    lines = _clean_attendance(session, raw.attendance, errors, meeting_id)
    errors.raise_if_any()
    return values, lines


def save_meeting(session: Session, raw: MeetingInput, meeting_id: int | None = None,
                 today: date | None = None) -> Meeting:
    """Create or update a meeting and replace its attendance, in the caller's transaction.

    Raises ValidationErrors (fields named as in MeetingInput; "attendance" for the lines).
    The attendance given is the whole list: members left out are removed from the meeting;
    a reason is kept only on a leave line.
    Lines of members still on it are updated in place (one row per member and meeting is
    unique, and SQLAlchemy inserts before it deletes), then the points are recomputed.
    """
    meeting = session.get(Meeting, meeting_id) if is_id(meeting_id) else None
    if meeting_id is not None and (meeting is None or meeting.deleted_at is not None):
        raise ValidationErrors([FieldError("kind", "会议", "该会议记录已不存在，请刷新后重试")])
    values, lines = clean_meeting(session, raw, meeting_id, today)
    if meeting is None:
        meeting = Meeting()
        session.add(meeting)
    for attr, value in values.items():
        setattr(meeting, attr, value)
    existing = {a.member_id: a for a in meeting.attendance}
    keep: list[Attendance] = []
    for member_id, status, reason in lines:
        line = existing.pop(member_id, None) or Attendance(member_id=member_id)
        line.status, line.reason = status, reason
        keep.append(line)
    meeting.attendance = keep  # the rest are orphans: deleted (cascade delete-orphan)
    session.flush()
    points.award_for_meeting(session, meeting)
    return meeting


def load_meeting_input(session: Session, meeting_id: int) -> MeetingInput:
    """The stored meeting as dialog input (a meeting saved without a time is held at 00:00,
    shown as no time)."""
    m = session.get_one(Meeting, meeting_id)
    at = m.held_at
    return MeetingInput(
        kind=m.kind, org_id=m.org_id, held_on=at.date(),
        start_time="" if at.time() == time(0, 0) else at.strftime("%H:%M"),
        place=m.place, topic=m.topic, speaker=m.speaker, minutes=m.minutes,
        attendance=[AttendanceInput(a.member_id, a.status, a.reason) for a in m.attendance],
    )


def _choices(session: Session, stmt: Select[int, str, int, str, str, str], *,
             sheet_order: bool = True) -> list[AttendeeChoice]:
    """The members of the query as choices; in sign-in sheet order (by branch, then pinyin) unless
    `sheet_order` is False (the query's own order is kept)."""
    rows = session.execute(stmt).all()
    places = org_places(session)
    if sheet_order:
        rows = sorted(rows, key=lambda r: sheet_key(places.get(r[2]), r[5], r[0]))
    out = []
    for mid, name, org_id, org_name, mtype, _sort in rows:
        place = places.get(org_id)
        out.append(AttendeeChoice(mid, name, org_name, mtype, place.short if place else org_name,
                                  place.path if place else org_name))
    return out


def _any_member_query() -> Select[int, str, int, str, str, str]:
    return (
        select(PartyMember.id, Person.name, PartyMember.org_id, PartyOrg.name, PartyMember.member_type,
               PartyMember.name_sort)
        .join(Person, PartyMember.person_id == Person.id)
        .join(PartyOrg, PartyMember.org_id == PartyOrg.id)
        .order_by(PartyMember.name_sort, PartyMember.id)
    )


def _choice_query() -> Select[int, str, int, str, str, str]:
    return _any_member_query().where(PartyMember.deleted_at.is_(None), PartyMember.status == "normal")


def expected_attendees(session: Session, org_id: int) -> list[AttendeeChoice]:
    """Live members (status normal, not deleted) of the organisation and all below it, in
    sign-in sheet order (db.party_life.sign_in: by branch, then pinyin)."""
    return _choices(session, _choice_query().where(PartyMember.org_id.in_(org_subtree_ids(session, org_id))))


def find_members(session: Session, text: str, limit: int = 20) -> list[AttendeeChoice]:
    """Any live member matching the search text (name, pinyin initials …), to add from another branch."""
    cond = text_condition(text, PartyMember.search_text)
    if cond is None:
        return []
    stmt = _choice_query().where(cond)
    # The best matches within the limit (db.listing.search_rank), then by pinyin.
    if (rank := search_rank(text, PartyMember.search_text, PartyMember.name_sort)) is not None:
        stmt = stmt.order_by(None).order_by(rank, PartyMember.name_sort, PartyMember.id)
    return _choices(session, stmt.limit(limit), sheet_order=False)


def recorded_attendees(session: Session, member_ids: Sequence[int]) -> list[AttendeeChoice]:
    """Members on a meeting's record whoever they are now (moved branch, left, added by hand), in
    sign-in sheet order: an old meeting keeps showing who was there."""
    if not member_ids:
        return []
    return _choices(session, _any_member_query().where(PartyMember.id.in_(member_ids)))


SORT_KEYS = {
    "held_at": Meeting.held_at,
    "kind": Meeting.kind,
    "org": PartyOrg.sort_order,
    "topic": Meeting.topic,
    "place": Meeting.place,
    "speaker": Meeting.speaker,
}


def _contains(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def meeting_ids(session: Session, f: MeetingFilter, sort: Sort | None = None) -> list[int]:
    """Ids of live meetings matching the filter, newest first unless sorted otherwise."""
    stmt = select(Meeting.id).where(Meeting.deleted_at.is_(None))
    if f.org_id is not None:
        stmt = stmt.where(Meeting.org_id.in_(org_subtree_ids(session, f.org_id)))
    if f.kind:
        stmt = stmt.where(Meeting.kind == f.kind)
    if f.date_from is not None:
        stmt = stmt.where(Meeting.held_at >= datetime.combine(f.date_from, time(0, 0)))
    if f.date_to is not None:
        stmt = stmt.where(Meeting.held_at < datetime.combine(f.date_to + timedelta(days=1), time(0, 0)))
    if text := clean_text(f.search):
        pattern = _contains(text)
        stmt = stmt.where(or_(*(like_any_case(col, pattern)
                                for col in (Meeting.topic, Meeting.place, Meeting.speaker))))
    if sort is None or sort.key not in SORT_KEYS:
        sort = Sort("held_at", descending=True)
    if sort.key == "org":
        stmt = stmt.join(PartyOrg, Meeting.org_id == PartyOrg.id)
    return fetch_ids(session, ordered(stmt, sort, SORT_KEYS, "held_at", Meeting.id.desc()))


def _fetch_rows(session: Session, ids: Sequence[int]) -> dict[int, MeetingRow]:
    stmt = (  # the counts by status are kept by the database (migration 0008)
        select(Meeting.id, Meeting.held_at, Meeting.kind, PartyOrg.name, Meeting.topic, Meeting.place,
               Meeting.speaker, Meeting.present_count, Meeting.leave_count, Meeting.absent_count, PartyOrg.id)
        .join(PartyOrg, Meeting.org_id == PartyOrg.id)
        .where(Meeting.id.in_(ids))
    )
    places = org_places(session)
    rows: dict[int, MeetingRow] = {}
    for (mid, held_at, kind, org_name, topic, place_name, speaker, present, leave, absent,
         org_id) in session.execute(stmt):
        org = places.get(org_id)
        rows[mid] = MeetingRow(mid, held_at, kind, org_name, topic, place_name, speaker, present, leave, absent,
                               org_short=org.short if org else org_name, org_path=org.path if org else org_name)
    return rows


def meeting_rows(session: Session, ids: Sequence[int]) -> list[MeetingRow]:
    """Rows for the ids, in the order of ids (counts of present / leave / absent lines)."""
    return load_rows(session, ids, _fetch_rows)
