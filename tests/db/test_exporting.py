"""Exporting registers to .xlsx: headers, date cells, masking, formula safety, round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from db.database import Database
from db.exporting import export_register
from db.importing.layout import find_layout
from db.importing.members import SYNONYMS, import_members
from db.importing.read import read_rows
from db.members import MemberInput, save_member
from db.models import MediationCase, PartyOrg
from db.people import PersonFields
from tests.db.test_members import make_id


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
    with db.session() as s:
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
    with db.session() as s:
        export_register(s, "members", out, masked=False)
    rows = read_rows(out)
    layout = find_layout(rows, SYNONYMS)
    assert layout is not None
    with db.session() as s, s.begin():
        result = import_members(s, rows, layout)
    assert result.summary() == {"rows": 2, "imported": 0, "updated": 0, "invalid": 0, "duplicates": 2}
    fresh_db_rows = read_rows(out)
    from db.database import open_database
    from tests.seed import seed_basics

    other = open_database(tmp_path / "other.sqlite3")
    with other.session() as s, s.begin():
        seed_basics(s)
    with other.session() as s, s.begin():
        result = import_members(s, fresh_db_rows, layout)
    assert result.summary()["imported"] == 2 and result.invalid == 0
    other.close()


def test_other_registers_export(db: Database, tmp_path: Path) -> None:
    from db.database import open_database
    from db.demo import fill_demo

    demo = open_database(tmp_path / "demo.sqlite3")
    fill_demo(demo)
    with demo.session() as s:
        for register, count in (("grid-workers", 20), ("mediation", 150), ("volunteer-hours", 1500)):
            out = tmp_path / f"{register}.xlsx"
            assert export_register(s, register, out) == count
            assert load_workbook(out, read_only=True).active.max_row == count + 1
    demo.close()


def test_mediation_export_imports_back(tmp_path: Path) -> None:
    from db.database import open_database
    from db.demo import fill_demo
    from db.importing.mediation import SYNONYMS as CASE_SYNONYMS
    from db.importing.mediation import import_mediation

    demo = open_database(tmp_path / "demo.sqlite3")
    fill_demo(demo)
    out = tmp_path / "cases.xlsx"
    with demo.session() as s:
        export_register(s, "mediation", out, masked=False)
    demo.close()
    rows = read_rows(out)
    layout = find_layout(rows, CASE_SYNONYMS)
    assert layout is not None
    fresh = open_database(tmp_path / "fresh.sqlite3")
    with fresh.session() as s, s.begin():
        result = import_mediation(s, rows, layout)
    assert result.summary() == {"rows": 150, "imported": 150, "updated": 0, "invalid": 0, "duplicates": 0}
    with fresh.session() as s:
        numbers = set(s.scalars(select(MediationCase.number)))
    assert "（2026）幸福调字第1号" in numbers and len(numbers) == 150
    fresh.close()
