"""Roles enforced in db/ (not only in the window) and the audit trail each change leaves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db import recycle
from db.database import Database
from db.importing.layout import find_layout
from db.importing.read import read_rows
from db.importing.registers import LEDGERS, import_ledger
from db.members import MemberInput, load_member_input, save_member
from db.models import AuditEntry, PartyMember
from db.office import next_sequence, office_settings, save_office_settings
from db.people import PersonFields
from db.permissions import Actor, PermissionDenied
from tests.db.test_members import make_id

CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")
ID = make_id("19850312", "131")


def new_member(phone: str = "13800001111") -> MemberInput:
    return MemberInput(PersonFields("张三", id_number=ID, phone=phone), org_id=2, admitted_on="2010-07-01",
                       full_on="2011-07-01")


def entries(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def member_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(PartyMember)) or 0


def test_a_viewer_can_change_nothing(db: Database, tmp_path: Path) -> None:
    db.actor = VIEWER
    with pytest.raises(PermissionDenied, match="只读"), db.session() as s, s.begin():
        save_member(s, new_member())
    with pytest.raises(PermissionDenied), db.session() as s, s.begin():
        save_office_settings(s, office_settings(s) | {"community_name": "改名"})
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "入党时间", "转正时间", "所在支部"])
    wb.active.append(["张三", ID, "2010.07", "2011.07", "第一党支部"])
    wb.save(tmp_path / "l.xlsx")
    rows = read_rows(tmp_path / "l.xlsx")
    layout = find_layout(rows, LEDGERS["members"].synonyms)
    assert layout is not None
    with pytest.raises(PermissionDenied, match="导入"), db.session() as s, s.begin():
        import_ledger(s, LEDGERS["members"], rows, layout, source="l.xlsx")
    assert member_count(db) == 0
    with db.session() as s, s.begin():  # printing a certificate moves its counter: allowed
        assert next_sequence(s, "certificate", 2026) == 1


def test_a_clerk_edits_deletes_and_restores_but_cannot_purge_or_change_settings(db: Database) -> None:
    db.actor = CLERK
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member()).id
    with db.session() as s, s.begin():
        data = load_member_input(s, member_id)
        data.person.phone = "13900002222"
        data.employer = "幸福物业"
        save_member(s, data, member_id)
    with db.session() as s, s.begin():
        assert recycle.delete(s, "members", [member_id]) == 1
    with db.session() as s, s.begin():
        assert recycle.restore(s, "members", [member_id]) == 1
    with pytest.raises(PermissionDenied, match="永久删除"), db.session() as s, s.begin():
        s.delete(s.get_one(PartyMember, member_id))
        s.flush()
    with pytest.raises(PermissionDenied, match="单位信息"), db.session() as s, s.begin():
        save_office_settings(s, office_settings(s) | {"community_name": "改名"})
    assert member_count(db) == 1

    log = [e for e in entries(db) if e.register == "party_members"]
    assert [e.action for e in log] == ["create", "update", "delete", "restore"]
    assert all(e.username == "lixiao" and e.computer == "OFFICE-PC\\staff" and e.record_id == member_id for e in log)
    assert log[0].summary == "张三" and log[2].summary == "张三"
    person_update = next(e for e in entries(db) if e.register == "persons" and e.action == "update")
    assert json.loads(person_update.details) == {"phone": ["138****1111", "139****2222"]}  # masked, old → new
    assert json.loads(log[1].details) == {"employer": ["", "幸福物业"]}
    person_create = next(e for e in entries(db) if e.register == "persons" and e.action == "create")
    assert ID not in person_create.details and ID[:6] + "********" + ID[-4:] in person_create.details


def test_an_import_is_one_entry_with_its_counts(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "入党时间", "转正时间", "所在支部"])
    wb.active.append(["张三", ID, "2010.07", "2011.07", "第一党支部"])
    wb.active.append(["李四", "123", "2010.07", "2011.07", "第一党支部"])
    wb.save(tmp_path / "党员.xlsx")
    rows = read_rows(tmp_path / "党员.xlsx")
    layout = find_layout(rows, LEDGERS["members"].synonyms)
    assert layout is not None
    db.actor = CLERK
    with db.session() as s, s.begin():
        import_ledger(s, LEDGERS["members"], rows, layout, source="党员.xlsx")
    (entry,) = [e for e in entries(db) if e.action == "import"]
    assert entry.summary == "党员台账：党员.xlsx" and entry.username == "lixiao"
    assert json.loads(entry.details) == {"file": "党员.xlsx", "rows": 2, "imported": 1, "updated": 0,
                                         "unchanged": 0, "invalid": 1, "duplicates": 0}
    assert not [e for e in entries(db) if e.action == "create" and e.username == "lixiao"]  # not one per row


def test_the_log_is_append_only(db: Database) -> None:
    with db.session() as s, s.begin():
        save_member(s, new_member())
    with pytest.raises(PermissionDenied, match="只能追加"), db.session() as s, s.begin():
        s.scalars(select(AuditEntry)).first().summary = "改掉"  # type: ignore[union-attr]
        s.flush()
    with pytest.raises(PermissionDenied, match="只能追加"), db.session() as s, s.begin():
        from sqlalchemy import delete

        s.execute(delete(AuditEntry))
    assert len(entries(db)) >= 2
