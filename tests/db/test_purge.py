"""Permanent delete from the recycle bin: administrators only, whole or not at all, logged."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db import recycle
from db.database import Database
from db.members import save_member
from db.models import AuditEntry, PartyMember, Person, ServiceLog, Volunteer
from db.permissions import PermissionDenied
from db.service_logs import AttendeeInput
from tests.db.test_audit import CLERK, new_member
from tests.db.test_volunteers import activity, add_volunteer, save


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_only_binned_records_are_purged_with_the_person_and_an_entry(db: Database) -> None:
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member()).id
    with db.session() as s, s.begin():
        assert recycle.purge(s, "members", [member_id]) == 0  # not in the bin: untouched
    with db.session() as s, s.begin():
        recycle.delete(s, "members", [member_id])
    with db.session() as s, s.begin():
        assert recycle.purge(s, "members", [member_id]) == 1
    assert (count(db, PartyMember), count(db, Person)) == (0, 0)
    with db.session() as s:
        purged = list(s.scalars(select(AuditEntry.register).where(AuditEntry.action == "purge")))
    assert sorted(purged) == ["party_members", "persons"]


def test_a_clerk_cannot_purge(db: Database) -> None:
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member()).id
        recycle.delete(s, "members", [member_id])
    db.actor = CLERK
    with pytest.raises(PermissionDenied, match="永久删除"), db.session() as s, s.begin():
        recycle.purge(s, "members", [member_id])
    assert count(db, PartyMember) == 1


def test_a_record_still_needed_is_refused_and_stays_in_the_bin(db: Database) -> None:
    volunteer_id = add_volunteer(db, "张三", "131")
    save(db, activity([AttendeeInput(volunteer_id, 3)]))
    assert count(db, ServiceLog) == 1
    with db.session() as s, s.begin():
        recycle.delete(s, "volunteers", [volunteer_id])
    with pytest.raises(recycle.PurgeRefused, match="不能永久删除"), db.session() as s, s.begin():
        recycle.purge(s, "volunteers", [volunteer_id])
    assert (count(db, Volunteer), count(db, Person), count(db, ServiceLog)) == (1, 1, 1)
