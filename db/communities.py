"""The communities of a database: listed, added (a street office setting up its server), and
chosen (the command line's --community, the window's community filter)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import audit
from db.database import Database
from db.models import Community, OfficeSetting, Person
from db.permissions import PermissionDenied, actor_of, require
from db.scope import Scope
from db.validation import FieldError, ValidationErrors, check_free_text


@dataclass(frozen=True)
class CommunityRow:
    id: int
    name: str
    people: int


def community_rows(session: Session) -> list[CommunityRow]:
    """Every community with its number of people (as far as the session sees: street staff see
    every community's; a community's own account sees its own)."""
    counts = dict(session.execute(select(Person.community_id, func.count()).where(Person.deleted_at.is_(None))
                                  .group_by(Person.community_id)).all())
    return [CommunityRow(c.id, c.name, counts.get(c.id, 0))
            for c in session.scalars(select(Community).order_by(Community.sort_order, Community.id))]


def find_community(session: Session, name: str) -> int:
    found = session.scalar(select(Community.id).where(Community.name == name.strip()))
    if found is None:
        names = "、".join(session.scalars(select(Community.name).order_by(Community.sort_order, Community.id)))
        raise ValidationErrors([FieldError("community", "社区", f"没有名为“{name.strip()}”的社区（现有：{names}）")])
    return int(found)


def add_community(session: Session, name: str) -> Community:
    """A new community, its office settings named after it (党委, 居委会, 调解委员会 and the case
    number prefix, all editable later). Administrators only."""
    require(actor_of(session), "accounts")
    clean = check_free_text(name, "name", "社区名称", max_len=60, required=True) or ""
    if session.scalar(select(Community.id).where(Community.name == clean)) is not None:
        raise ValidationErrors([FieldError("name", "社区名称", f"“{clean}”已经有了")])
    order = (session.scalar(select(func.max(Community.sort_order))) or 0) + 1
    community = Community(name=clean, sort_order=order)
    session.add(community)
    session.flush()
    short = clean.removesuffix("社区") or clean
    for key, value in {"community_name": clean, "party_committee": f"{clean}党委",
                       "residents_committee": f"{clean}居民委员会", "mediation_committee": f"{clean}人民调解委员会",
                       "case_number_prefix": short, "volunteer_organisation": f"{clean}志愿服务队"}.items():
        session.add(OfficeSetting(community_id=community.id, key=key, value=value))
    from db.care_tags import seed_care_tags

    seed_care_tags(session, community.id)
    from db.bank.rules import seed_rules

    seed_rules(session, community.id)
    audit.record(session, "create", "communities", community.id, clean)
    return community


def choose_community(database: Database, name: str) -> None:
    """Work in the community `name` from now on: an account of that community, or street staff
    looking at it (read-only still). An account of another community is refused."""
    with database.sessions() as s:
        community = find_community(s, name)
    current = database.scope
    if current is not None and current.read_only:
        database.scope = Scope.street(community)
    elif current is not None and current.community_id not in (None, community):
        raise PermissionDenied(f"当前账号属于另一个社区，不能在“{name.strip()}”工作。")
    else:
        database.scope = Scope(community)


ALL_COMMUNITIES = "全部社区"


def scope_choices(database: Database) -> list[tuple[str, Scope]]:
    """What the window's community filter offers: for street staff every community together and
    each alone (to read); where a database holding several has no account to say which, each
    community (to work in). Empty when there is nothing to choose: one community, or an
    account of a community."""
    with database.sessions() as s:
        communities = [(c.name, c.id) for c in s.scalars(select(Community).order_by(Community.sort_order,
                                                                                   Community.id))]
    current = database.scope
    if current is not None and current.read_only:
        return [(ALL_COMMUNITIES, Scope.street())] + [(name, Scope.street(cid)) for name, cid in communities]
    if len(communities) > 1 and (current is None or database.actor.user_id is None):
        return [(name, Scope(cid)) for name, cid in communities]
    return []
