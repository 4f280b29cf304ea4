"""Full numbers leave db/ only for roles allowed them, and each time with an audit entry."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.database import Database
from db.disclosure import case_paper_as_printed, reveal_party_numbers, reveal_person_numbers
from db.members import save_member
from db.models import AuditEntry, MediationCase, PartyMember
from db.permissions import Actor, PermissionDenied
from db.printing_data import case_document
from tests.db.test_audit import ID, new_member
from tests.db.test_mediation import case, save

CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")


def log(db: Database) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return [(e.username, e.action, e.summary) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
                if e.action in ("reveal", "print")]


def test_a_clerk_reveals_one_persons_numbers_and_it_is_logged(db: Database) -> None:
    with db.session() as s, s.begin():
        save_member(s, new_member())
        person_id = s.scalar(select(PartyMember.person_id))
    db.actor = CLERK
    with db.session() as s, s.begin():
        numbers = reveal_person_numbers(s, person_id)
    assert (numbers.id_number, numbers.phone) == (ID, "13800001111")
    assert log(db) == [("lixiao", "reveal", "张三")]


def test_a_viewer_cannot_reveal_and_leaves_no_entry(db: Database) -> None:
    with db.session() as s, s.begin():
        save_member(s, new_member())
        person_id = s.scalar(select(PartyMember.person_id))
    db.actor = VIEWER
    with pytest.raises(PermissionDenied, match="只读"), db.session() as s, s.begin():
        reveal_person_numbers(s, person_id)
    assert log(db) == []


def test_case_papers_print_full_phones_for_staff_and_masked_for_viewers(db: Database) -> None:
    save(db, case())
    with db.session() as s:
        number = s.scalar(select(MediationCase.number))
        party_id = s.scalar(select(MediationCase)).parties[0].id
        full = case_document(s, number)
    phones = [p.phone for p in full.parties if p.phone]
    assert phones, "the test case needs a party with a phone"

    db.actor = VIEWER
    with db.session() as s, s.begin():
        shown = case_paper_as_printed(s, case_document(s, number), "agreement")
    assert all("****" in p.phone for p in shown.parties if p.phone)
    assert log(db) == []
    with pytest.raises(PermissionDenied), db.session() as s, s.begin():
        reveal_party_numbers(s, party_id)

    db.actor = CLERK
    with db.session() as s, s.begin():
        shown = case_paper_as_printed(s, case_document(s, number), "agreement")
    assert [p.phone for p in shown.parties if p.phone] == phones
    assert log(db) == [("lixiao", "print", f"调解协议书（{number}）")]
