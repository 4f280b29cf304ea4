"""Which community a session works in: the one filter every register query passes through.

A database holds one community (an office PC) or several (a street office's server). Each
session opened by `Database.session()` is bound to a scope:

- a community: every ORM query on a register (Tracked) sees that community's rows only, new
  rows are stamped with it, and a change to another community's row is refused;
- the street office (`Scope.street()`): every community's rows, for reading only.

The filter is applied here, once, as loader criteria on every ORM statement (`do_orm_execute`),
not in each query, so a query written tomorrow is scoped without remembering to be. Core
inserts (the bulk importers) get the community from the connection, where `after_begin` puts it
for the length of the transaction (db.models.base.community_of_connection).

Sessions made from `Database.sessions` directly, or on the engine, are not scoped: they are the
program's own (migrations, checks, backups), never a person's.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Pool, event, select
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, with_loader_criteria

from db.models import (
    Attendance,
    Community,
    MediationCase,
    MediationParty,
    Meeting,
    MeetingSchedule,
    MemberStatusChange,
    PartyMember,
    PartyOrg,
    PointEntry,
    RatingScore,
    Tracked,
)
from db.permissions import PermissionDenied

CONNECTION_KEY = "community_desk.community_id"
STREET_READ_ONLY = "街道账号可以查看各社区的数据，但不能修改：请用社区的账号登录后录入。"
OTHER_COMMUNITY = "这条记录属于另一个社区，不能在本社区修改。"
NO_COMMUNITY = "数据库里有多个社区，请先选择在哪个社区工作。"


@dataclass(frozen=True)
class Scope:
    community_id: int | None  # None: every community
    read_only: bool = False  # street staff, whether looking at all communities or one

    def __post_init__(self) -> None:
        if self.community_id is None and not self.read_only:
            object.__setattr__(self, "read_only", True)  # nobody writes into every community at once

    @classmethod
    def street(cls, community_id: int | None = None) -> Scope:
        """Street-office staff: every community, or the one picked in the community filter."""
        return cls(community_id, read_only=True)


_scopes: weakref.WeakKeyDictionary[Session, Scope] = weakref.WeakKeyDictionary()


def bind(session: Session, scope: Scope) -> None:
    _scopes[session] = scope


def scope_of(session: Session) -> Scope | None:
    return _scopes.get(session)


def community_id_of(session: Session) -> int:
    """The community a session saves into (a Core insert's rows, a counter, a setting)."""
    found = _scopes.get(session)
    if found is not None and found.read_only:
        raise PermissionDenied(STREET_READ_ONLY)
    if found is not None and found.community_id is not None:
        return found.community_id
    return only_community(session.connection())


def chosen_community(session: Session) -> int:
    """The community a session has picked, read-only or not (where an administrator places a new
    account); the database's only one when none is picked, refused when there are several."""
    found = _scopes.get(session)
    if found is not None and found.community_id is not None:
        return found.community_id
    return only_community(session.connection())


def community_to_read(session: Session) -> int:
    """Whose settings a session reads (names on documents): its community, or, for street staff
    looking at every community, the first one."""
    found = _scopes.get(session)
    if found is not None and found.community_id is not None:
        return found.community_id
    if found is not None:
        first = session.connection().execute(select(Community.id).order_by(Community.id).limit(1)).scalar()
        if first is not None:
            return int(first)
    return only_community(session.connection())


def only_community(connection: Connection) -> int:
    """The community of a database that has one; refused where there are several."""
    ids = connection.execute(select(Community.id).order_by(Community.id).limit(2)).scalars().all()
    if len(ids) != 1:
        raise PermissionDenied(NO_COMMUNITY)
    return ids[0]


def community_for_insert(connection: Connection) -> int:
    """A new row's community: the session's, or the database's only one, looked up once per
    transaction (a Core insert of 500 rows asks for each)."""
    found = connection.info.get(CONNECTION_KEY)
    if found is None:
        found = connection.info[CONNECTION_KEY] = only_community(connection)
    return int(found)


@event.listens_for(Session, "after_begin")
def _put_on_connection(session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    found = _scopes.get(session)
    if found is not None and found.community_id is not None:
        connection.info[CONNECTION_KEY] = found.community_id
    else:
        connection.info.pop(CONNECTION_KEY, None)


@event.listens_for(Pool, "checkin")
def _take_off_connection(_dbapi_connection: Any, record: Any) -> None:
    """The pooled connection goes on to another session, which may have no scope."""
    if record is not None:
        record.info.pop(CONNECTION_KEY, None)


def scoped(session: Session, statement: Any) -> Any:
    """`statement` with the session's community filter, for the few reads that go straight to
    the connection for speed (db.listing.fetch_ids): that route skips the ORM's do_orm_execute."""
    found = _scopes.get(session)
    if found is None or found.community_id is None:
        return statement
    return statement.options(*_criteria(found.community_id))


def _criteria(community: int) -> tuple[Any, ...]:
    """The registers by their own column; the rows that hang off a register (a case's parties, a
    meeting's attendance, a member's points …) through their parent, so that a query on them
    alone does not reach another community's either."""
    return (
        with_loader_criteria(Tracked, lambda cls: cls.community_id == community, include_aliases=True),
        with_loader_criteria(MediationParty, lambda cls: cls.case_id.in_(
            select(MediationCase.id).where(MediationCase.community_id == community)), include_aliases=True),
        with_loader_criteria(Attendance, lambda cls: cls.meeting_id.in_(
            select(Meeting.id).where(Meeting.community_id == community)), include_aliases=True),
        with_loader_criteria(MemberStatusChange, lambda cls: cls.member_id.in_(
            select(PartyMember.id).where(PartyMember.community_id == community)), include_aliases=True),
        with_loader_criteria(PointEntry, lambda cls: cls.member_id.in_(
            select(PartyMember.id).where(PartyMember.community_id == community)), include_aliases=True),
        with_loader_criteria(RatingScore, lambda cls: cls.org_id.in_(
            select(PartyOrg.id).where(PartyOrg.community_id == community)), include_aliases=True),
        with_loader_criteria(MeetingSchedule, lambda cls: cls.org_id.is_(None) | cls.org_id.in_(
            select(PartyOrg.id).where(PartyOrg.community_id == community)), include_aliases=True),
    )


def scope_for_account(connection: Connection, community_id: int | None) -> Scope | None:
    """The scope an account signs in to: street staff's; an account's community where the
    database holds several; none where it holds one (nothing to filter, and the registers'
    covering indexes keep their plans)."""
    if community_id is None:
        return Scope.street()
    several = len(connection.execute(select(Community.id).limit(2)).all()) > 1
    return Scope(community_id) if several else None


@event.listens_for(Session, "do_orm_execute")
def _filter(state: ORMExecuteState) -> None:
    found = _scopes.get(state.session)
    if found is None:
        return
    if found.read_only and (state.is_update or state.is_delete or state.is_insert) and _scoped_table(state):
        raise PermissionDenied(STREET_READ_ONLY)
    if found.community_id is not None and (state.is_select or state.is_update or state.is_delete):
        state.statement = state.statement.options(*_criteria(found.community_id))


def _scoped_table(state: ORMExecuteState) -> bool:
    """Whether a bulk statement writes a community's data (a register, a counter, a setting);
    the sign-in's own writes (failed attempts, the log) are not a community's."""
    table = getattr(state.statement, "table", None)
    return str(getattr(table, "name", "")) not in {"users", "audit_log"}


@event.listens_for(Session, "before_flush")
def _check_writes(session: Session, _context: Any, _instances: Any) -> None:
    found = _scopes.get(session)
    changed = [obj for obj in (*session.new, *session.dirty, *session.deleted) if isinstance(obj, Tracked)]
    if not changed:
        return
    if found is None:  # the database's only community; with several, a clear refusal before any SQL
        unplaced = [obj for obj in session.new if isinstance(obj, Tracked) and obj.community_id is None]
        if unplaced:
            community = only_community(session.connection())
            for obj in unplaced:
                obj.community_id = community
        return
    if found.read_only:
        raise PermissionDenied(STREET_READ_ONLY)
    for obj in changed:
        if obj in session.new and obj.community_id is None:
            obj.community_id = found.community_id  # type: ignore[assignment]
        elif obj.community_id != found.community_id:
            raise PermissionDenied(OTHER_COMMUNITY)
