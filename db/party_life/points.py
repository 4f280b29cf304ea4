"""Points (党员积分): the rules table, the ledger, awards from attendance, the yearly standing.

The scheme is local practice (DOMAIN.md §1), so it is the point_rules table, edited by the
office: "base" (given once a year, not a ledger line), "attended" and "absent" (awarded
automatically from each meeting's attendance), "floor" (the lowest yearly total) and the rules
entered by hand ("training" with its range 1–3, "article", and any the office adds). "other"
is always available by hand, for any amount with a reason.

Lines awarded from a meeting carry its meeting_id. A meeting in the recycle bin keeps its lines
in the table but none of the queries here count them (they join the meeting and skip deleted
ones), so restoring the meeting brings its points back exactly as they were, and purging it
removes them (ON DELETE CASCADE). award_for_meeting on a deleted meeting removes its lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from db import audit
from db.dialect import greatest
from db.gate import flags
from db.models import Meeting, PartyMember, PartyOrg, Person, PointEntry, PointRule
from db.permissions import actor_of, require_in
from db.validation import ErrorCollector, FieldError, check_free_text, check_number, format_date_cn, is_id
from db.vocab import MEETING_KINDS

SYSTEM_RULES = ("base", "attended", "absent", "floor")  # used by the computation: kept, never removed
AUTOMATIC_RULES = ("attended", "absent")
OTHER = "other"  # by hand, any amount, always offered
OTHER_LABEL = "其他"
MAX_ABS_POINTS = 1000


@dataclass(frozen=True)
class PointRuleRow:
    """A rule as the editor shows it; code "" for a rule being added (save_point_rules names it)."""

    code: str
    label: str
    points: float
    max_points: float | None = None
    sort_order: int = 0


@dataclass(frozen=True)
class Standing:
    member_id: int
    name: str
    org_name: str  # the branch (a party group's members under their branch)
    base: float
    earned: float  # the year's positive lines
    deducted: float  # the year's negative lines, as a positive number
    total: float  # max(floor, base + earned - deducted)
    rank: int  # 1, 1, 3 … (equal totals share a rank)
    branch_id: int | None = None

    @property
    def id(self) -> int:
        """The member's id (table models key rows by .id)."""
        return self.member_id


@dataclass(frozen=True)
class BranchStanding:
    org_id: int
    org_name: str
    members: int
    average: float | None  # None for a branch without members
    total: float

    @property
    def id(self) -> int:
        return self.org_id


@dataclass(frozen=True)
class LedgerLine:
    id: int
    on: date
    rule_code: str
    rule_label: str
    points: float
    reason: str
    entered_by: str
    meeting_id: int | None

    @property
    def automatic(self) -> bool:
        return self.meeting_id is not None


# --- rules -------------------------------------------------------------------------------

def point_rules(session: Session) -> list[PointRuleRow]:
    rows = session.scalars(select(PointRule).order_by(PointRule.sort_order, PointRule.code))
    return [PointRuleRow(r.code, r.label, r.points, r.max_points, r.sort_order) for r in rows]


def rule_values(session: Session) -> dict[str, float]:
    """code → points, for the computation (a missing system rule counts as 0)."""
    return {code: float(points) for code, points in session.execute(select(PointRule.code, PointRule.points))}


def manual_rules(session: Session) -> list[PointRuleRow]:
    """The rules entered by hand (training, article, the office's own) and "other"."""
    rows = [r for r in point_rules(session) if r.code not in SYSTEM_RULES]
    if not any(r.code == OTHER for r in rows):
        rows.append(PointRuleRow(OTHER, OTHER_LABEL, 0, None, 999))
    return rows


def _number(value: object, field: str, label: str, *, required: bool = True) -> float | None:
    number = check_number(value, field, label, -MAX_ABS_POINTS, MAX_ABS_POINTS, format_problem="应为数字，如 3 或 1.5",
                          range_problem=f"应在 -{MAX_ABS_POINTS} 到 {MAX_ABS_POINTS} 之间")
    if number is None and required:
        raise FieldError(field, label, "必填")
    return number


def save_point_rules(session: Session, rows: Sequence[PointRuleRow]) -> None:
    """Replace the rules table (the scheme is an office setting: administrators only).

    Fields in errors are "rule{i}_label" / "rule{i}_points" / "rule{i}_max_points" (i = row index).
    The system rules must stay; a rule with ledger lines cannot be removed. Ledger lines
    already written keep their points: a change applies from the next award.
    """
    require_in(session, "settings")
    errors = ErrorCollector()
    clean: list[PointRuleRow] = []
    existing = {r.code: r for r in session.scalars(select(PointRule))}
    for i, row in enumerate(rows):
        # A row's code is one the table has, or "" for a new rule (named below): any other was
        # not given by the form (or the rule was removed meanwhile on another PC).
        if not isinstance(row.code, str) or row.code and row.code not in existing:
            errors.add(FieldError("rules", "积分规则", f"第{i + 1}行规则代码无效，请刷新后重试"))
            continue
        label = errors.check(check_free_text, row.label, f"rule{i}_label", f"第{i + 1}行名称", max_len=60,
                             required=True)
        points = errors.check(_number, row.points, f"rule{i}_points", f"第{i + 1}行分值")
        most = errors.check(_number, row.max_points, f"rule{i}_max_points", f"第{i + 1}行最高分值", required=False)
        if points is not None and most is not None and most < points:
            errors.add(FieldError(f"rule{i}_max_points", f"第{i + 1}行最高分值", f"不能低于分值 {points:g}"))
        if points is not None:
            if row.code in ("base", "attended", "floor") and points < 0:
                errors.add(FieldError(f"rule{i}_points", f"第{i + 1}行分值", "不能为负数"))
            if row.code == "absent" and points > 0:
                errors.add(FieldError(f"rule{i}_points", f"第{i + 1}行分值", "缺席应扣分，请填 0 或负数，如 -2"))
        clean.append(PointRuleRow(row.code, label or "", points or 0, most, i))
    codes = [r.code for r in clean if r.code]
    missing = [c for c in SYSTEM_RULES if c not in codes]
    if missing:
        errors.add(FieldError("rules", "积分规则", "基础分、参加组织生活、无故缺席和最低分四项不能删除"))
    if len(set(codes)) != len(codes):
        errors.add(FieldError("rules", "积分规则", "规则代码重复"))
    removed = set(existing) - set(codes)
    used = session.scalars(select(PointEntry.rule_code).where(PointEntry.rule_code.in_(removed)).distinct()).all()
    if used:
        labels = "、".join(existing[c].label for c in used)
        errors.add(FieldError("rules", "积分规则", f"“{labels}”已有积分记录，不能删除"))
    errors.raise_if_any()
    for code in removed:
        session.delete(existing[code])
    taken = set(codes) | set(existing)
    for row in clean:
        code = row.code
        if not code:
            n = 1
            while f"rule_{n}" in taken:
                n += 1
            code = f"rule_{n}"
            taken.add(code)
        rule = existing.get(code)
        if rule is None:
            session.add(PointRule(code=code, label=row.label, points=row.points, max_points=row.max_points,
                                  sort_order=row.sort_order))
        else:
            rule.label, rule.points, rule.max_points, rule.sort_order = (row.label, row.points, row.max_points,
                                                                          row.sort_order)
    session.flush()


# --- awards from attendance ----------------------------------------------------------------

def award_for_meeting(session: Session, meeting: Meeting) -> None:
    """Replace the automatic point lines of one meeting from its attendance (called by save_meeting).

    present → "attended", absent → "absent", on leave → nothing. Lines are compared with what is
    stored and only the differences are written, so re-saving an unchanged meeting logs nothing.
    """
    if meeting.id is None:
        session.flush()
    stored = {(e.member_id, e.rule_code): e for e in
              session.scalars(select(PointEntry).where(PointEntry.meeting_id == meeting.id))}
    wanted: dict[tuple[int, str], tuple[float, str]] = {}
    held = meeting.held_at.date()
    if meeting.deleted_at is None:
        values = rule_values(session)
        kind = MEETING_KINDS.label(meeting.kind)
        when = format_date_cn(held)
        for line in meeting.attendance:
            if line.status == "present":
                wanted[(line.member_id, "attended")] = (values.get("attended", 0.0), f"参加{kind}（{when}）")
            elif line.status == "absent":
                wanted[(line.member_id, "absent")] = (values.get("absent", 0.0), f"无故缺席{kind}（{when}）")
    session.flush()  # the meeting and its attendance, logged as themselves
    removed = [entry for key, entry in stored.items() if key not in wanted]
    added = 0
    by = actor_of(session).username
    flags(session)["audit_summarised"] = (PointEntry,)
    try:
        for entry in removed:
            session.delete(entry)
        for (member_id, code), (points, reason) in wanted.items():
            found = stored.get((member_id, code))
            if found is None:
                session.add(PointEntry(member_id=member_id, year=held.year, on=held, rule_code=code, points=points,
                                       reason=reason, meeting_id=meeting.id, entered_by=by))
                added += 1
            elif (found.on, found.year, found.reason) != (held, held.year, reason):
                # the meeting was moved or renamed; the points stay what was awarded
                found.on, found.year, found.reason = held, held.year, reason
        session.flush()
    finally:
        flags(session).pop("audit_summarised", None)
    if added or removed:  # one entry on the meeting, not one per member
        people = len({member_id for member_id, _ in wanted})
        audit.record(session, "update", "meetings", meeting.id, f"会议积分：{people} 人",
                     {"会议积分": f"新增 {added} 条，撤销 {len(removed)} 条"})


# --- entries by hand ------------------------------------------------------------------------

def _could_be_code(value: object) -> bool:
    """Text a rule code could be: PostgreSQL refuses a NUL even in a query that only looks it up."""
    return isinstance(value, str) and 0 < len(value) <= 30 and "\0" not in value


def add_manual_entry(session: Session, member_id: int, rule_code: str, points: float | str | None,
                     on: date | str | None, reason: str) -> PointEntry:
    """A line entered by hand (training, article, other …); raises ValidationErrors.

    `points` None means the rule's own points. A rule with a range (training 1–3) takes any value
    within it; a rule without one takes only its points; "other" takes any non-zero amount.
    """
    from db.validation import parse_date

    errors = ErrorCollector()
    member = session.get(PartyMember, member_id) if is_id(member_id) else None
    if member is None or member.deleted_at is not None:
        errors.add(FieldError("member_id", "党员", "请选择党员"))
    rule = session.get(PointRule, rule_code) if _could_be_code(rule_code) else None
    if rule_code in SYSTEM_RULES or (rule is None and rule_code != OTHER):
        errors.add(FieldError("rule_code", "积分项目", "请从列表中选择"))
    value = errors.check(_number, points, "points", "分值", required=rule is None)
    when = errors.check(parse_date, on, "on", "日期")
    if when is None and not errors.has("on"):
        errors.add(FieldError("on", "日期", "必填"))
    text = errors.check(check_free_text, reason, "reason", "事由", max_len=200, required=True)
    if rule is not None and not errors.has("points"):
        low, high = rule.points, rule.max_points
        value = low if value is None else value
        if high is not None and not low <= value <= high:
            errors.add(FieldError("points", "分值", f"“{rule.label}”应在 {low:g} 到 {high:g} 分之间"))
        elif high is None and value != low:
            errors.add(FieldError("points", "分值", f"“{rule.label}”固定为 {low:g} 分"))
    elif rule is None and value == 0:
        errors.add(FieldError("points", "分值", "不能为 0"))
    errors.raise_if_any()
    assert when is not None and value is not None
    entry = PointEntry(member_id=member_id, year=when.year, on=when, rule_code=rule_code, points=value,
                       reason=text or "", entered_by=actor_of(session).username)
    session.add(entry)
    session.flush()
    return entry


def delete_entry(session: Session, entry_id: int) -> None:
    """Remove a line entered by hand; lines from attendance follow the meeting instead."""
    entry = session.get(PointEntry, entry_id)
    if entry is None:
        raise FieldError("entry", "积分记录", "已不存在")
    if entry.meeting_id is not None:
        raise FieldError("entry", "积分记录", "由会议出勤自动生成，请修改该会议的出勤")
    session.delete(entry)
    session.flush()


# --- standing --------------------------------------------------------------------------------

def _counted(year: int) -> list[ColumnElement[bool]]:
    """The year's lines, less those of meetings in the recycle bin (see the module docstring)."""
    binned = select(Meeting.id).where(Meeting.deleted_at.is_not(None))
    return [PointEntry.year == year, or_(PointEntry.meeting_id.is_(None), PointEntry.meeting_id.not_in(binned))]


def org_and_below(session: Session, org_id: int) -> list[int]:
    """The organisation and every one under it (a branch and its party groups)."""
    children: dict[int | None, list[int]] = {}
    for oid, parent in session.execute(select(PartyOrg.id, PartyOrg.parent_id).where(PartyOrg.deleted_at.is_(None))):
        children.setdefault(parent, []).append(oid)
    out, todo = [], [org_id]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def branch_choices(session: Session) -> list[tuple[int, str]]:
    """Live branches in sort order, for filters."""
    rows = session.execute(select(PartyOrg.id, PartyOrg.name).where(PartyOrg.kind == "branch",
                                                                   PartyOrg.deleted_at.is_(None))
                           .order_by(PartyOrg.sort_order, PartyOrg.id))
    return [(oid, name) for oid, name in rows]


def _totals(session: Session, year: int, org_id: int | None):  # type: ignore[no-untyped-def]
    """One row per live member: id, name, branch id and name, earned, deducted, total (a subquery).

    The lines are joined per member through ix_point_entries_member_year (member_id, year), so one
    branch costs a few index seeks and the whole community one pass (about 0.7 s for 100,000
    members with 600,000 lines); aggregating the year's lines first would read them all each time.
    """
    values = rule_values(session)
    base, floor = values.get("base", 0.0), values.get("floor", 0.0)
    parent = select(PartyOrg.id, PartyOrg.name).subquery("parent")
    is_group = PartyOrg.kind == "group"
    earned = func.coalesce(func.sum(case((PointEntry.points > 0, PointEntry.points), else_=0)), 0)
    deducted = func.coalesce(func.sum(case((PointEntry.points < 0, -PointEntry.points), else_=0)), 0)
    # Summed per member first, then named: a GROUP BY of the member alone, with the person's and
    # the branch's columns in it, is SQLite's licence; PostgreSQL wants every column grouped.
    sums = (select(PartyMember.id.label("member_id"), earned.label("earned"), deducted.label("deducted"))
            .outerjoin(PointEntry, and_(PointEntry.member_id == PartyMember.id, *_counted(year)))
            .where(PartyMember.deleted_at.is_(None), PartyMember.status == "normal")
            .group_by(PartyMember.id))
    if org_id is not None:
        sums = sums.where(PartyMember.org_id.in_(org_and_below(session, org_id)))
    summed = sums.subquery("sums")
    stmt = (select(summed.c.member_id, Person.name.label("name"), PartyMember.name_sort,
                   case((is_group, parent.c.id), else_=PartyOrg.id).label("branch_id"),
                   case((is_group, parent.c.name), else_=PartyOrg.name).label("branch_name"),
                   summed.c.earned, summed.c.deducted,
                   greatest(literal(floor), literal(base) + summed.c.earned - summed.c.deducted).label("total"))
            .join(PartyMember, PartyMember.id == summed.c.member_id)
            .join(Person, Person.id == PartyMember.person_id).join(PartyOrg, PartyOrg.id == PartyMember.org_id)
            .outerjoin(parent, parent.c.id == PartyOrg.parent_id))
    return stmt.subquery("totals"), base


def standing(session: Session, year: int, org_id: int | None = None) -> list[Standing]:
    """The year's standing of live members (of org_id and below, or everyone), best first."""
    totals, base = _totals(session, year, org_id)
    rows = session.execute(select(totals.c.member_id, totals.c.name, totals.c.branch_name, totals.c.earned,
                                  totals.c.deducted, totals.c.total, totals.c.branch_id)
                           .order_by(totals.c.total.desc(), totals.c.name_sort, totals.c.member_id))
    out: list[Standing] = []
    rank, previous = 0, None
    for i, (mid, name, branch, e, d, t, branch_id) in enumerate(rows, 1):
        total = round(float(t), 2)
        if total != previous:  # equal totals share the rank of the first of them (1, 1, 3)
            rank, previous = i, total
        out.append(Standing(mid, name, branch or "", base, round(float(e), 2), round(float(d), 2), total, rank,
                            branch_id))
    return out


def branch_standing(session: Session, year: int, rows: Sequence[Standing] | None = None) -> list[BranchStanding]:
    """Per branch (its party groups included): members, their average and summed totals.

    `rows`, the whole community's standing of the same year when the caller has it already,
    is summed instead of querying again (the window lists both: half the time on 100,000 members).
    """
    found: dict[int, tuple[int, float]] = {}
    if rows is None:
        totals, _ = _totals(session, year, None)
        found = {bid: (n, float(t or 0)) for bid, n, t in session.execute(
            select(totals.c.branch_id, func.count(), func.sum(totals.c.total)).group_by(totals.c.branch_id))}
    else:
        for r in rows:
            n, total = found.get(r.branch_id or 0, (0, 0.0))
            found[r.branch_id or 0] = (n + 1, total + r.total)
    out = []
    for oid, name in branch_choices(session):
        n, total = found.get(oid, (0, 0.0))
        out.append(BranchStanding(oid, name, n, round(total / n, 2) if n else None, round(total, 2)))
    return out


def ledger(session: Session, member_id: int, year: int) -> list[LedgerLine]:
    """The member's lines of the year (without the base), oldest first, with who entered them."""
    labels = {r.code: r.label for r in point_rules(session)} | {OTHER: OTHER_LABEL}
    rows = session.scalars(select(PointEntry).where(PointEntry.member_id == member_id, *_counted(year))
                           .order_by(PointEntry.on, PointEntry.id))
    return [LedgerLine(e.id, e.on, e.rule_code, labels.get(e.rule_code, e.rule_code), e.points, e.reason,
                       e.entered_by, e.meeting_id) for e in rows]



def member_total(session: Session, member_id: int, year: int) -> float:
    """One member's points for the year as the standing counts them: base + lines, not below the floor."""
    values = rule_values(session)
    earned = sum(line.points for line in ledger(session, member_id, year))
    return max(values.get("floor", 0.0), values.get("base", 0.0) + earned)
