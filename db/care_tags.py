"""The office's list of care tags (关爱对象: 独居老人, 低保户 …), editable: a tag's name, whether it
is sensitive (shown only to roles with the "sensitive_tags" right, masked in prints and exports
by default) and how often a household with such a resident is due a visit.

Every community starts with DEFAULT_TAGS (migration 0012 for those that existed, add_community
for a new one). A tag in use is switched off, not removed: the residents keep it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.gate import checked_writes
from db.models import CareTag, ResidentTag, now
from db.models.base import new_uuid
from db.permissions import actor_of, allowed
from db.validation import ErrorCollector, FieldError, ValidationErrors, check_free_text, check_int, is_id

# (name, sensitive, months between visits; 0: no rule), as migration 0012 seeds them.
DEFAULT_TAGS = (
    ("独居老人", False, 1), ("空巢老人", False, 3), ("留守儿童", False, 3), ("残疾人", True, 3),
    ("低保户", True, 3), ("退役军人", False, 0), ("重点人员", True, 1),
)
MAX_VISIT_MONTHS = 24


@dataclass(frozen=True)
class TagRow:
    id: int
    name: str
    sensitive: bool
    visit_months: int
    active: bool
    residents: int  # live residents carrying it


def seed_care_tags(session: Session, community_id: int) -> None:
    """The default list for a new community. Written on the session's connection, as its office
    settings are: the street's administrator sets a community up from the street's view, which
    writes no community's records through the ORM (db.scope)."""
    at = now()
    with checked_writes(session, "accounts"):  # (setting up a community is an administrator's)
        session.connection().execute(insert(CareTag), [
            {"community_id": community_id, "name": name, "sensitive": sensitive, "visit_months": months,
             "sort_order": order, "active": True, "uuid": new_uuid(), "version": 1, "created_at": at,
             "updated_at": at}
            for order, (name, sensitive, months) in enumerate(DEFAULT_TAGS)])


def may_see_sensitive(session: Session) -> bool:
    return allowed(actor_of(session), "sensitive_tags")


def tag_rows(session: Session, *, include_inactive: bool = False) -> list[TagRow]:
    """The tags in the office's order; sensitive ones only for an account that may see them."""
    counts = dict(session.execute(select(ResidentTag.tag_id, func.count()).group_by(ResidentTag.tag_id)).all())
    stmt = select(CareTag).where(CareTag.deleted_at.is_(None)).order_by(CareTag.sort_order, CareTag.id)
    if not include_inactive:
        stmt = stmt.where(CareTag.active.is_(True))
    if not may_see_sensitive(session):
        stmt = stmt.where(CareTag.sensitive.is_(False))
    return [TagRow(t.id, t.name, t.sensitive, t.visit_months, t.active, counts.get(t.id, 0))
            for t in session.scalars(stmt)]


@dataclass(frozen=True)
class TagLine:
    """One line of the care tags dialog: a tag to add (tag_id None) or the new state of one."""

    name: str
    sensitive: bool = False
    visit_months: int | str = 0
    active: bool = True
    tag_id: int | None = None


def save_care_tag(session: Session, name: str, *, sensitive: bool = False, visit_months: int | str = 0,
                  active: bool = True, tag_id: int | None = None) -> CareTag:
    """Add a tag to the list or change one (its name, sensitivity, visit interval, in use or not).

    A sensitive tag, or making one sensitive, is for an account that may see sensitive tags:
    whoever may not would be changing a tag hidden from them."""
    errors = ErrorCollector()
    clean = errors.check(check_free_text, name, "name", "关爱对象类别", max_len=30, required=True)
    months = errors.check(check_int, visit_months, "visit_months", "走访间隔（月）", 0, MAX_VISIT_MONTHS,
                          problem=f"应为0到{MAX_VISIT_MONTHS}之间的整数（月；0：不设）")
    if not isinstance(sensitive, bool) or not isinstance(active, bool):
        errors.add(FieldError("sensitive", "敏感", "请选择“是”或“否”"))
    errors.raise_if_any()
    tag = session.get(CareTag, tag_id) if is_id(tag_id) else None
    if tag_id is not None and (tag is None or tag.deleted_at is not None):
        raise ValidationErrors([FieldError("name", "关爱对象类别", "该类别已不存在，请刷新后重试")])
    if (sensitive or (tag is not None and tag.sensitive)) and not may_see_sensitive(session):
        raise ValidationErrors([FieldError("sensitive", "敏感", "只有可查看敏感类别的账号才能设置敏感类别")])
    clash = session.scalar(select(CareTag.id).where(CareTag.name == clean, CareTag.id != (tag_id or 0)))
    if clash is not None:
        raise ValidationErrors([FieldError("name", "关爱对象类别", f"“{clean}”已经有了")])
    if tag is None:
        order = session.scalar(select(func.max(CareTag.sort_order))) or 0
        tag = CareTag(sort_order=order + 1)
        session.add(tag)
    tag.name, tag.sensitive, tag.visit_months, tag.active = clean or "", sensitive, months or 0, active
    session.flush()
    return tag


def save_care_tags(session: Session, lines: list[TagLine]) -> None:
    """The care tags dialog's lines, saved together (in the caller's transaction): each line's
    problems as "第N行…" under the field "rows", and nothing written while any line has one.

    Tags not among the lines (sensitive ones an account may not see) stay as they are; a tag is
    never removed here, only switched off, so the residents carrying it keep it."""
    errors = ErrorCollector()
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, start=1):
        key = line.name.strip() if isinstance(line.name, str) else ""
        if key and key in seen:
            errors.add(FieldError("rows", "关爱对象类别", f"第{n}行：“{key}”与第{seen[key]}行重复"))
        seen.setdefault(key, n)
    errors.raise_if_any()
    for n, line in enumerate(lines, start=1):
        try:
            save_care_tag(session, line.name, sensitive=line.sensitive, visit_months=line.visit_months,
                          active=line.active, tag_id=line.tag_id)
        except ValidationErrors as exc:
            errors.errors.extend(FieldError("rows", "关爱对象类别", f"第{n}行：{e.message}")
                                 for e in exc.errors)
    errors.raise_if_any()
