"""The home page's to-do list (工作台 · 今日待办): what needs doing today, each item a count, a
line of detail and the list it opens.

The page is the window's first tab, so it must be instant on a 100,000-member database: every
count is one SQL aggregate on indexed columns (the member flags come from
db.party_life.flags.flag_count, the meetings from db.party_life.schedules.missing_overview,
which sums them without building each line), and the ids behind an item are read only when
the office opens its list (todo_ids).

Rules chosen here (the office has no written rule for them):
- a mediation case is overdue when it is still open 30 days or more after it was received
  (received_on ≤ today − 30);
- a follow-up visit (回访) is due once a case settled with an agreement (result success, agreement
  terms written) was closed 15 days or more ago and has no live follow-up visit yet. 15 days is a
  choice: long enough to see whether the agreement is being kept, soon enough to act if not.

Volunteer certificates are not an item: the data records certificates printed (in the log) but
not certificates requested, so there is nothing to count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from db.dialect import month_of, no_index
from db.models import CareTag, FollowUp, Incident, MediationCase, PartyMember, Resident, ResidentTag, Visit
from db.party_life import flags, schedules
from db.validation import format_date_cn
from db.vocab import MEETING_KINDS

OPEN_CASE_DAYS = 30
FOLLOW_UP_AFTER_DAYS = 15
DETAIL_CHARS = 60  # the meetings line names organisations up to about this length, then "等N个组织"

MEETINGS_MISSING = "meetings_missing"
ABSENT_SIX_MONTHS = "absent_six_months"
OVERDUE_PROBATION = "overdue_probation"
POLITICAL_BIRTHDAYS = "political_birthdays"
APPLICATIONS_WAITING = "applications_waiting"
OPEN_OVER_30 = "open_over_30"
FOLLOW_UP_DUE = "follow_up_due"
INCIDENTS_DUE = "incidents_due"
VISITS_DUE = "visits_due"
CARE_NOT_VISITED = "care_not_visited"

KEYS = (MEETINGS_MISSING, ABSENT_SIX_MONTHS, OVERDUE_PROBATION, POLITICAL_BIRTHDAYS, APPLICATIONS_WAITING,
        OPEN_OVER_30, FOLLOW_UP_DUE, INCIDENTS_DUE, VISITS_DUE, CARE_NOT_VISITED)

# What each item's link opens; the main window switches to that tab and applies the filter
# (for the member and mediation lists it asks todo_ids for the ids).
TARGETS = {
    MEETINGS_MISSING: "party_life",
    ABSENT_SIX_MONTHS: f"members:flag={ABSENT_SIX_MONTHS}",
    OVERDUE_PROBATION: f"members:flag={OVERDUE_PROBATION}",
    POLITICAL_BIRTHDAYS: f"members:flag={POLITICAL_BIRTHDAYS}",
    APPLICATIONS_WAITING: f"mediation:{APPLICATIONS_WAITING}",
    OPEN_OVER_30: f"mediation:{OPEN_OVER_30}",
    FOLLOW_UP_DUE: f"mediation:{FOLLOW_UP_DUE}",
    INCIDENTS_DUE: f"grid:{INCIDENTS_DUE}",
    VISITS_DUE: f"grid:{VISITS_DUE}",
    CARE_NOT_VISITED: f"grid:{CARE_NOT_VISITED}",
}

LABELS = {
    MEETINGS_MISSING: "本月未开会议",
    ABSENT_SIX_MONTHS: "连续六个月未参加组织生活",
    OVERDUE_PROBATION: "预备期已满未转正",
    POLITICAL_BIRTHDAYS: "本月入党纪念日",
    APPLICATIONS_WAITING: "调解申请待受理",
    OPEN_OVER_30: "调解超过30天未结案",
    FOLLOW_UP_DUE: "调解协议待回访",
    INCIDENTS_DUE: "事件临近期限或超期",
    VISITS_DUE: "到期应走访的户",
    CARE_NOT_VISITED: "本月未走访的关爱对象",
}

_PERIOD_NOTE = {"month": "", "quarter": "（本季度）", "year": "（本年度）"}


@dataclass(frozen=True)
class TodoItem:
    """One line of the home page. label and detail are Chinese sentences for the office."""

    key: str
    label: str
    count: int
    detail: str
    target: str


# --- conditions ----------------------------------------------------------------------------

def _live_case() -> ColumnElement[bool]:
    return MediationCase.deleted_at.is_(None)


def open_over_30_condition(today: date) -> ColumnElement[bool]:
    """Still being mediated 30 days or more after it was received (ix_mediation_cases_status)."""
    return and_(_live_case(), MediationCase.status == "open",
                MediationCase.received_on <= today - timedelta(days=OPEN_CASE_DAYS))


def application_waiting_condition() -> ColumnElement[bool]:
    """An application recorded at a service station, not yet accepted or declined at the office."""
    return and_(_live_case(), MediationCase.status == "applied")


def follow_up_due_condition(today: date) -> ColumnElement[bool]:
    """Settled with an agreement, closed 15 days or more ago, and never visited since."""
    visited = exists().where(FollowUp.case_id == MediationCase.id, FollowUp.deleted_at.is_(None))
    return and_(_live_case(), MediationCase.status == "closed", MediationCase.result == "success",
                func.trim(MediationCase.agreement_terms) != "",
                MediationCase.closed_on <= today - timedelta(days=FOLLOW_UP_AFTER_DAYS), ~visited)


def political_birthday_condition(year: int, month: int) -> ColumnElement[bool]:
    """The rule of flags.political_birthdays (admitted in that month of that year or before),
    as a condition so the home page can COUNT it; tests check the two agree.

    No index covers admitted_on, and through ix_party_members_list (status, deleted_at) SQLite
    looks every member up one by one: 130 ms on 100,000 members against 19 ms for a plain scan,
    hence no_index (a plain scan there; PostgreSQL plans for itself).
    """
    return and_(no_index(PartyMember.deleted_at).is_(None), no_index(PartyMember.status) == "normal",
                month_of(PartyMember.admitted_on) == month, PartyMember.admitted_on < date(year + 1, 1, 1))


def incidents_due_condition(today: date) -> ColumnElement[bool]:
    """An open incident whose deadline is the next working day or has passed (预警 or 超期)."""
    from db.incidents import OPEN, add_working_days

    return and_(Incident.deleted_at.is_(None), Incident.state.in_(OPEN), Incident.due_on.is_not(None),
                Incident.due_on <= add_working_days(today, 1))


def care_not_visited_ids(session: Session, today: date) -> list[int]:
    """Residents with a care tag the account may see, whose household has had no visit this month."""
    from db.care_tags import may_see_sensitive

    month_start = today.replace(day=1)
    visited = select(Visit.household_id).where(Visit.deleted_at.is_(None), Visit.visited_on >= month_start,
                                               Visit.visited_on <= today, Visit.household_id.is_not(None))
    stmt = (select(Resident.id).join(ResidentTag, ResidentTag.resident_id == Resident.id)
            .join(CareTag, ResidentTag.tag_id == CareTag.id)
            .where(Resident.deleted_at.is_(None), CareTag.active.is_(True), CareTag.deleted_at.is_(None),
                   or_(Resident.household_id.is_(None), Resident.household_id.not_in(visited)))
            .distinct().order_by(Resident.id))
    if not may_see_sensitive(session):
        stmt = stmt.where(CareTag.sensitive.is_(False))
    return list(session.scalars(stmt))


def _grid_items(session: Session, today: date) -> list[TodoItem]:
    from db.visits import DEFAULT_MONTHS, due_households

    due = session.execute(select(func.count(), func.sum(case((Incident.due_on < today, 1), else_=0)))
                          .where(incidents_due_condition(today))).one()
    overdue = int(due[1] or 0)
    return [
        TodoItem(INCIDENTS_DUE, LABELS[INCIDENTS_DUE], due[0] or 0,
                 f"明天前到期或已超期（其中超期 {overdue} 件），请督促办理", TARGETS[INCIDENTS_DUE]),
        TodoItem(VISITS_DUE, LABELS[VISITS_DUE], len(due_households(session, today)),
                 f"按关爱对象的走访周期（其他户每{DEFAULT_MONTHS}个月）已到走访时间", TARGETS[VISITS_DUE]),
        TodoItem(CARE_NOT_VISITED, LABELS[CARE_NOT_VISITED], len(care_not_visited_ids(session, today)),
                 f"{today.month}月还没有走访过的独居老人、空巢老人等关爱对象", TARGETS[CARE_NOT_VISITED]),
    ]


def _count(session: Session, model: type, condition: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(condition)) or 0


# --- the items -----------------------------------------------------------------------------

def _meetings_detail(missing: Sequence[schedules.DueMeeting], org_count: int) -> str:
    """"第一党支部：支委会、党课（本季度）；第二党支部：主题党日" — per organisation, in the order given,
    as many as fit in about two lines of the home page (always the first), then "等N个组织" when
    the org_count organisations missing some are not all named."""
    by_org: dict[int, tuple[str, list[str]]] = {}
    for due in missing:
        kinds = by_org.setdefault(due.org_id, (due.org_name, []))[1]
        times = f"{due.missing}次" if due.missing > 1 else ""
        kinds.append(f"{MEETING_KINDS.label(due.kind)}{times}{_PERIOD_NOTE.get(due.period, '')}")
    parts: list[str] = []
    for name, kinds in by_org.values():
        part = f"{name}：{'、'.join(kinds)}"
        if parts and len("；".join([*parts, part])) > DETAIL_CHARS:
            break
        parts.append(part)
    more = f" 等{org_count}个组织" if len(parts) < org_count else ""
    return "；".join(parts) + more


def _meetings_item(session: Session, today: date) -> TodoItem:
    # Each organisation named takes a character at least: no more than DETAIL_CHARS of them fit.
    overview = schedules.missing_overview(session, today, orgs=DETAIL_CHARS)
    return TodoItem(MEETINGS_MISSING, LABELS[MEETINGS_MISSING], overview.total,
                    _meetings_detail(overview.first, overview.orgs) or "本月应开的会议都已召开",
                    TARGETS[MEETINGS_MISSING])


def _oldest_open_case(session: Session, today: date) -> tuple[int, date | None]:
    row = session.execute(select(func.count(), func.min(MediationCase.received_on))
                          .where(open_over_30_condition(today))).one()
    return row[0] or 0, row[1]


def todo_items(session: Session, today: date) -> list[TodoItem]:
    """Every item of the home page, in the order shown, zero counts included (shown as done)."""
    member_counts = {key: flags.flag_count(session, key, today) for key in (ABSENT_SIX_MONTHS, OVERDUE_PROBATION)}
    open_cases, oldest = _oldest_open_case(session, today)
    oldest_text = f"，最早的受理于{format_date_cn(oldest)}" if oldest else ""
    return [
        _meetings_item(session, today),
        TodoItem(ABSENT_SIX_MONTHS, LABELS[ABSENT_SIX_MONTHS], member_counts.get(ABSENT_SIX_MONTHS, 0),
                 "近六个月的会议一次都没有参加（请假不算缺席），请及时谈心谈话", TARGETS[ABSENT_SIX_MONTHS]),
        TodoItem(OVERDUE_PROBATION, LABELS[OVERDUE_PROBATION], member_counts.get(OVERDUE_PROBATION, 0),
                 "预备期已满一年（含延长期），还没有办理转正", TARGETS[OVERDUE_PROBATION]),
        TodoItem(POLITICAL_BIRTHDAYS, LABELS[POLITICAL_BIRTHDAYS],
                 _count(session, PartyMember, political_birthday_condition(today.year, today.month)),
                 f"{today.month}月入党的党员，可以送上政治生日祝福", TARGETS[POLITICAL_BIRTHDAYS]),
        TodoItem(APPLICATIONS_WAITING, LABELS[APPLICATIONS_WAITING],
                 _count(session, MediationCase, application_waiting_condition()),
                 "服务站登记的调解申请，请受理或不予受理", TARGETS[APPLICATIONS_WAITING]),
        TodoItem(OPEN_OVER_30, LABELS[OPEN_OVER_30], open_cases,
                 f"受理已满{OPEN_CASE_DAYS}天仍在调解{oldest_text}", TARGETS[OPEN_OVER_30]),
        TodoItem(FOLLOW_UP_DUE, LABELS[FOLLOW_UP_DUE], _count(session, MediationCase, follow_up_due_condition(today)),
                 f"调解成功并签订协议、结案满{FOLLOW_UP_AFTER_DAYS}天还没有回访", TARGETS[FOLLOW_UP_DUE]),
        *_grid_items(session, today),
    ]


def todo_ids(session: Session, key: str, today: date) -> list[int]:
    """The ids behind one item, for the list its link opens: member ids for the member items,
    case ids (oldest first) for the mediation items, organisation ids for the meetings item."""
    if key in (ABSENT_SIX_MONTHS, OVERDUE_PROBATION):
        return flags.flag_member_ids(session, key, today)
    if key == POLITICAL_BIRTHDAYS:
        return flags.political_birthdays(session, today.year, today.month)
    if key == MEETINGS_MISSING:
        return list(dict.fromkeys(d.org_id for d in schedules.missing_meetings(session, today)))
    if key == OPEN_OVER_30:
        stmt = select(MediationCase.id).where(open_over_30_condition(today)).order_by(
            MediationCase.received_on, MediationCase.id)
        return list(session.scalars(stmt))
    if key == APPLICATIONS_WAITING:
        stmt = select(MediationCase.id).where(application_waiting_condition()).order_by(
            MediationCase.received_on, MediationCase.id)
        return list(session.scalars(stmt))
    if key == FOLLOW_UP_DUE:
        stmt = select(MediationCase.id).where(follow_up_due_condition(today)).order_by(
            MediationCase.closed_on, MediationCase.id)
        return list(session.scalars(stmt))
    if key == INCIDENTS_DUE:
        stmt = select(Incident.id).where(incidents_due_condition(today)).order_by(Incident.due_on, Incident.id)
        return list(session.scalars(stmt))
    if key == VISITS_DUE:
        from db.visits import due_households

        return [d.household_id for d in due_households(session, today)]
    if key == CARE_NOT_VISITED:
        return care_not_visited_ids(session, today)
    raise KeyError(key)


__all__ = [
    "ABSENT_SIX_MONTHS", "APPLICATIONS_WAITING", "CARE_NOT_VISITED", "FOLLOW_UP_AFTER_DAYS", "FOLLOW_UP_DUE",
    "INCIDENTS_DUE", "KEYS", "LABELS", "MEETINGS_MISSING", "OPEN_CASE_DAYS", "OPEN_OVER_30", "OVERDUE_PROBATION",
    "POLITICAL_BIRTHDAYS", "TARGETS", "TodoItem", "VISITS_DUE", "application_waiting_condition",
    "care_not_visited_ids", "follow_up_due_condition", "incidents_due_condition", "open_over_30_condition",
    "political_birthday_condition", "todo_ids", "todo_items",
]
