"""Exporting registers to .xlsx: headers, date cells, masking, formula safety, round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.database import Database, open_database
from db.exporting import export_register
from db.importing import pipeline
from db.importing.layout import find_layout
from db.importing.members import REGISTER
from db.importing.read import read_rows
from db.members import MemberInput, save_member
from db.models import AuditEntry, Grid, PartyOrg
from db.people import PersonFields
from db.permissions import Actor, PermissionDenied
from tests.db.test_members import make_id
from tests.seed import seed_basics


def add_members(db: Database) -> str:
    id_number = make_id("19850312", "131")
    with db.session() as s, s.begin():
        org = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党支部"))
        save_member(s, MemberInput(PersonFields("张三", id_number=id_number, phone="13800001111", address="=1+1"),
                                   org_id=org, admitted_on="2010-07-01", full_on="2011-07-01", employer="@公司"))
        save_member(s, MemberInput(PersonFields("李四", id_number=make_id("19900101", "222")), org_id=org,
                                   member_type="probationary", admitted_on="2026-03-01"))
    return id_number


def test_members_export_is_masked_with_date_cells_and_safe_text(db: Database, tmp_path: Path) -> None:
    id_number = add_members(db)
    out = tmp_path / "members.xlsx"
    with db.session() as s, s.begin():
        assert export_register(s, "members", out) == 2
    sheet = load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["姓名", "性别", "民族", "出生日期", "身份证号"] and sheet.freeze_panes == "A2"
    zhang = [c for c in sheet[3]] if sheet.cell(3, 1).value == "张三" else [c for c in sheet[2]]
    values = {h: c for h, c in zip(headers, zhang, strict=True)}
    assert values["身份证号"].value == f"{id_number[:6]}********{id_number[-4:]}"
    assert values["联系电话"].value == "138****1111"
    assert values["出生日期"].value.date() == date(1985, 3, 12) and values["出生日期"].is_date
    assert values["家庭住址"].value == "=1+1" and values["家庭住址"].data_type == "s"
    assert values["工作单位及职务"].data_type == "s"


def test_unmasked_export_imports_back_to_the_same_records(db: Database, tmp_path: Path) -> None:
    add_members(db)
    out = tmp_path / "members.xlsx"
    with db.session() as s, s.begin():
        export_register(s, "members", out, masked=False)
    rows = read_rows(out)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(create_orgs=True))
    assert result.summary() == {"rows": 2, "imported": 0, "updated": 0, "unchanged": 0, "invalid": 0, "duplicates": 2}
    fresh_db_rows = read_rows(out)
    other = open_database(tmp_path / "other.sqlite3")
    with other.session() as s, s.begin():
        seed_basics(s)
    with other.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, fresh_db_rows, layout)
    assert result.summary()["imported"] == 2 and result.invalid == 0
    other.close()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from db.database import open_database
    from db.demo import fill_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo = open_database(path)
    fill_demo(demo, today=date(2026, 12, 5))  # a fixed day: the demo's random draws depend on the calendar
    demo.close()
    return path


def sheet_rows(path: Path) -> list[tuple]:
    return [tuple(c.value for c in row) for row in load_workbook(path, read_only=True).active.iter_rows()]


@pytest.mark.parametrize(("register", "lines"), [
    ("members", 295), ("grid-workers", 23), ("mediation", 150), ("volunteer-hours", 1500), ("residents", 633)])
def test_an_unmasked_export_imports_back_to_the_same_register(demo_path: Path, tmp_path: Path, register: str,
                                                              lines: int) -> None:
    """Export → import into an empty database → export again gives the same sheet, cell for cell."""
    from db.database import open_database
    from db.importing.registers import LEDGERS

    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    demo = open_database(demo_path)
    with demo.session() as s, s.begin():
        one_grid = None
        if register == "residents":  # one grid's residents: the whole demo's 8,000 take a minute to import back
            from db.resident_list import ResidentFilter

            one_grid = ResidentFilter(grid_id=s.scalar(select(Grid.id).order_by(Grid.code).limit(1)))
        assert export_register(s, register, first, masked=False, member_filter=one_grid) == lines
    demo.close()
    rows = read_rows(first)
    ledger = LEDGERS[register]
    layout = find_layout(rows, ledger.synonyms)
    assert layout is not None and layout.unmapped == [] or register == "mediation" and layout.unmapped == ["案件状态"]
    fresh = open_database(tmp_path / "fresh.sqlite3")
    with fresh.session() as s, s.begin():
        if register == "members":
            seed_basics(s)  # branches are matched by name, not created by an import
        result = pipeline.run_import(s, ledger, rows, layout, pipeline.ImportOptions(create_orgs=True))
    assert result.summary() == {"rows": lines, "imported": lines, "updated": 0, "unchanged": 0, "invalid": 0,
                                "duplicates": 0}
    with fresh.session() as s, s.begin():
        export_register(s, register, second, masked=False)
    fresh.close()
    assert sheet_rows(second)[0] == sheet_rows(first)[0]
    assert sorted(map(repr, sheet_rows(second))) == sorted(map(repr, sheet_rows(first)))


def test_a_masked_export_imported_again_says_the_numbers_are_masked(db: Database, tmp_path: Path) -> None:
    add_members(db)
    out = tmp_path / "members.xlsx"
    with db.session() as s, s.begin():
        export_register(s, "members", out)
    rows = read_rows(out)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    other = open_database(tmp_path / "other.sqlite3")
    with other.session() as s, s.begin():
        seed_basics(s)
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(create_orgs=True))
    other.close()
    assert result.invalid == 2 and all("打码" in "".join(p.reasons) for p in result.problems)


# --- rights and the audit trail --------------------------------------------------------------------------------

CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")


def export_entries(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)))


@pytest.mark.parametrize(("register", "table", "title"), [
    ("members", "party_members", "党员"), ("grid-workers", "grid_workers", "网格员"),
    ("mediation", "mediation_cases", "调解案件"), ("volunteer-hours", "service_logs", "志愿服务记录"),
    ("residents", "residents", "人口台账")])
def test_each_export_leaves_one_entry_naming_register_file_and_rows(db: Database, tmp_path: Path, register: str,
                                                                      table: str, title: str) -> None:
    add_members(db)
    db.actor = CLERK
    out = tmp_path / f"{register}.xlsx"
    with db.session() as s, s.begin():
        count = export_register(s, register, out)
    [entry] = export_entries(db)
    assert (entry.username, entry.register, entry.record_id) == ("lixiao", table, None)
    assert entry.summary == f"{title}：{register}.xlsx"
    assert json.loads(entry.details) == {"rows": count, "masked": True, "file": f"{register}.xlsx"}
    assert out.exists() and (count == 2) == (register == "members")


def test_an_admin_export_of_full_numbers_is_logged_as_unmasked(db: Database, tmp_path: Path) -> None:
    id_number = add_members(db)
    db.actor = Actor("wang", "admin", 1)
    with db.session() as s, s.begin():
        export_register(s, "members", tmp_path / "full.xlsx", masked=False)
    [entry] = export_entries(db)
    assert json.loads(entry.details)["masked"] is False and entry.username == "wang"
    assert id_number in [c.value for row in load_workbook(tmp_path / "full.xlsx").active.iter_rows() for c in row]


@pytest.mark.parametrize(("actor", "masked"), [(CLERK, False), (VIEWER, True), (VIEWER, False)])
def test_a_refused_export_writes_no_file_and_no_entry(db: Database, tmp_path: Path, actor: Actor,
                                                      masked: bool) -> None:
    add_members(db)
    db.actor = actor
    out = tmp_path / "members.xlsx"
    with pytest.raises(PermissionDenied, match=actor.username), db.session() as s, s.begin():
        export_register(s, "members", out, masked=masked)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert export_entries(db) == []


def test_a_failed_write_leaves_no_entry(db: Database, tmp_path: Path) -> None:
    add_members(db)
    out = tmp_path / "no such folder" / "members.xlsx"
    with pytest.raises(OSError), db.session() as s, s.begin():
        export_register(s, "members", out)
    assert export_entries(db) == []


def test_an_export_rolled_back_after_writing_leaves_no_entry(db: Database, tmp_path: Path) -> None:
    """The entry is in the caller's transaction: if the caller fails after the write, it goes too."""
    add_members(db)
    with pytest.raises(RuntimeError), db.session() as s, s.begin():
        export_register(s, "members", tmp_path / "members.xlsx")
        raise RuntimeError("the caller failed")
    assert export_entries(db) == []


def add_resident_with_tags(db: Database) -> None:
    from db.care_tags import tag_rows
    from db.residents import ResidentInput, save_resident

    with db.session() as s, s.begin():
        tags = {t.name: t.id for t in tag_rows(s)}
        person = PersonFields("王大爷", id_number=make_id("19500101", "111"), phone="13800001111")
        save_resident(s, ResidentInput(person, relation="other", tag_ids=[tags["独居老人"], tags["低保户"]]))


def test_a_masked_residents_export_leaves_out_the_sensitive_care_tags(db: Database, tmp_path: Path) -> None:
    """低保户 is sensitive: in the sheet only when full numbers are asked for (by an admin)."""
    add_resident_with_tags(db)
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    with db.session() as s, s.begin():
        export_register(s, "residents", masked)
        export_register(s, "residents", full, masked=False)
    header, row = sheet_rows(masked)
    line = dict(zip(header, row, strict=True))
    assert line["关爱对象"] == "独居老人" and line["联系电话"] == "138****1111" and "*" in line["身份证号"]
    header, row = sheet_rows(full)
    assert dict(zip(header, row, strict=True))["关爱对象"] == "独居老人、低保户"


def test_a_cancelled_export_leaves_no_file_and_no_entry(db: Database, tmp_path: Path) -> None:
    add_members(db)
    out = tmp_path / "members.xlsx"
    with pytest.raises(InterruptedError), db.session() as s, s.begin():
        export_register(s, "members", out, cancelled=lambda: True)
    assert not out.exists() and not list(tmp_path.glob("*.part")) and export_entries(db) == []
