"""Importing member ledgers: messy layouts and values made here (not hand-edited binaries),
and the office's sample ledger with every planted fault accounted for."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from db.database import Database
from db.importing import pipeline
from db.importing.layout import find_layout
from db.importing.members import REGISTER
from db.importing.normalize import LooseDate, loose_date
from db.importing.read import LedgerReadError, read_rows
from db.importing.report import write_error_report
from db.members import MemberInput, save_member
from db.models import PartyMember, PartyOrg, Person
from db.people import PersonFields
from db.validation import id_check_character
from main import main

SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "members_ledger.xlsx"
TODAY = date(2026, 11, 25)


def make_id(birth: str, seq: str) -> str:
    body = "410302" + birth + seq
    return body + id_check_character(body)


def ledger(tmp_path: Path, rows: list[list[object]], *, title: bool = True, footer: bool = True,
           headers: list[str] | None = None) -> Path:
    """A ledger the way offices make them: merged title, date line, 序号, footer."""
    wb = Workbook()
    ws = wb.active
    headers = headers or ["序号", "姓名", "性别", "出生年月", "身份证号码", "入党时间", "转正时间", "党员类别",
                          "所属党支部", "手机号码", "家庭住址"]
    if title:
        ws.append(["幸福社区党员花名册"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws.append(["填报日期：2026年11月1日"])
    ws.append(headers)
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    if footer:
        ws.append([])
        ws.append(["填表人：王某", "", "", "审核人：李某"])
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    return path


def run_import(db: Database, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        options = pipeline.ImportOptions(today=TODAY, **({"create_orgs": True} | kwargs))
        return pipeline.run_import(s, REGISTER, rows, layout, options), rows, layout


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(1985, 3, 12), LooseDate(1985, 3, 12)), (31118.0, LooseDate(1985, 3, 12)),
    ("1985.03", LooseDate(1985, 3, None)), ("1985年3月", LooseDate(1985, 3, None)),
    ("1985-3-12", LooseDate(1985, 3, 12)), ("198503", LooseDate(1985, 3, None)), ("85.3", LooseDate(1985, 3, None)),
    ("１９８５年３月１２日", LooseDate(1985, 3, 12)), ("", None),
])
def test_date_forms(value: object, expected: LooseDate | None) -> None:
    assert loose_date(value) == expected


def test_bad_dates_say_why() -> None:
    with pytest.raises(ValueError, match="日期不存在"):
        loose_date("2027/02/30")
    with pytest.raises(ValueError, match="格式"):
        loose_date("去年")


def test_messy_ledger(db: Database, tmp_path: Path) -> None:
    good = make_id("19850312", "131")
    li = make_id("19900501", "222").lower()  # a lower-case x is fine
    wang = make_id("19700101", "333")
    wang_bad = wang[:-1] + ("0" if wang[-1] != "0" else "1")
    rows = [
        ["\u00a0张三\u200b", "男", "1985.03", good, "2010年7月1日", "2011.07", "正式党员", "第一党支部",
         "１３８００００１１１１", "幸福路1号"],
        ["李四", "女", "1990年5月", li, datetime(2015, 6, 1), "", "正式党员", "新成立的党支部", "13912345678", ""],
        ["王五", "男", "1970-01-01", wang_bad, "2000.07", "2001.07", "正式党员", "第一党支部", "13700001111", ""],
        ["张三", "男", "1985.03", good, "2010.07", "2011.07", "正式党员", "第一党支部", "13800001111", ""],
        ["赵六", "男", "1980-01-01", make_id("19800101", "555"), "2030.01", "", "预备党员", "第二党支部", "", ""],
    ]
    result, file_rows, layout = run_import(db, ledger(tmp_path, rows))
    assert layout.header_row == 2 and len(layout.data_rows) == 5  # title, date line and footer skipped
    assert result.summary() == {"rows": 5, "imported": 2, "updated": 0, "unchanged": 0, "invalid": 2, "duplicates": 1}
    assert result.created_names == ["新成立的党支部"]
    reasons = {p.row_number: "；".join(p.reasons) for p in result.problems}
    assert "校验位" in reasons[6] and "与第4行是同一人" in reasons[7] and "入党时间：不能晚于今天" in reasons[8]
    with db.session() as s:
        zhang = s.scalars(select(Person).where(Person.id_number == good)).one()
        assert (zhang.name, zhang.phone, zhang.birth_date) == ("张三", "13800001111", date(1985, 3, 12))
    out = tmp_path / "errors.xlsx"
    write_error_report(out, file_rows, layout, result.problems)
    report = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert report[0][-2:] == ["原行号", "未导入原因"] and len(report) == 4
    assert [r[1] for r in report[1:]] == ["王五", "张三", "赵六"]


def test_a_member_saved_after_an_import_gets_a_new_number(db: Database, tmp_path: Path) -> None:
    """The import lets the database number its rows: ids it counted on from max(id) itself left
    a server's sequences behind, and the next member saved there failed on the primary key."""
    rows = [["张三", "男", "1985.03", make_id("19850312", "131"), "2010.07", "2011.07", "正式党员", "第一党支部",
             "13800001111", ""],
            ["李四", "女", "1990.05", make_id("19900501", "222"), "2015.06", "2016.06", "正式党员", "第一党支部",
             "13912345678", ""]]
    result, _, _ = run_import(db, ledger(tmp_path, rows))
    assert result.imported == 2
    with db.session() as s, s.begin():
        branch = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党支部"))
        saved = save_member(s, MemberInput(PersonFields(name="王五", id_number=make_id("19700101", "333")),
                                           org_id=branch, admitted_on="2000-07-01", full_on="2001-07-01"),
                            today=TODAY)
        imported = s.scalars(select(PartyMember).where(PartyMember.id != saved.id)).all()
        assert sorted(m.person.name for m in imported) == ["张三", "李四"]
        assert saved.id > max(m.id for m in imported) and saved.person_id > max(m.person_id for m in imported)
        assert [c.status for m in imported for c in m.status_history] == ["normal", "normal"]


def test_update_never_erases_a_filled_field(db: Database, tmp_path: Path) -> None:
    good = make_id("19850312", "131")
    run_import(db, ledger(tmp_path, [["张三", "男", "1985.03", good, "2010.07", "2011.07", "正式党员", "第一党支部",
                                      "13800001111", "幸福路1号"]]))
    again = ledger(tmp_path, [["张三", "男", "", good, "", "", "正式党员", "第一党支部", "13900002222", ""]])
    result, _, _ = run_import(db, again)
    assert result.summary()["duplicates"] == 1 and result.summary()["imported"] == 0
    with db.session() as s, s.begin():
        s.scalars(select(PartyMember)).one().status = "transferred_out"
    result, _, _ = run_import(db, again, update_existing=True)
    assert result.summary()["updated"] == 1
    with db.session() as s:
        person = s.scalars(select(Person).where(Person.id_number == good)).one()
        assert person.phone == "13900002222" and person.address == "幸福路1号"  # blank did not erase
        assert s.scalar(select(func.count()).select_from(PartyMember)) == 1
        assert s.scalars(select(PartyMember)).one().status == "transferred_out"  # no 状态 column: kept


def test_csv_in_gbk_and_unreadable_files(db: Database, tmp_path: Path) -> None:
    csv = tmp_path / "ledger.csv"
    csv.write_bytes(("姓名,身份证号,入党时间,转正时间,所在支部\n张三," + make_id("19850312", "131")
                     + ",2010-07-01,2011-07-01,第一党支部\n").encode("gbk"))
    result, _, _ = run_import(db, csv)
    assert result.summary()["imported"] == 1
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not excel")
    with pytest.raises(LedgerReadError, match="无法读取"):
        read_rows(bad)


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample ledgers not present")
def test_sample_ledger_accounts_for_every_row(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "sample.sqlite3"
    errors = tmp_path / "errors.xlsx"
    assert main(["import", "members", str(SAMPLE), "--db", str(db), "--errors", str(errors), "--create-orgs"]) == 0
    out = capsys.readouterr().out
    assert '"rows": 120' in out and '"imported": 115' in out and '"invalid": 4' in out and '"duplicates": 1' in out
    report = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    assert sorted(int(r[-2]) for r in report[1:]) == [10, 18, 51, 58, 73]
    assert main(["import", "members", str(SAMPLE), "--db", str(db), "--dry-run", "--create-orgs"]) == 0
    assert '"imported": 0' in capsys.readouterr().out


def test_without_id_the_same_name_and_phone_is_the_same_person(db: Database, tmp_path: Path) -> None:
    headers = ["序号", "姓名", "手机号码", "入党时间", "转正时间", "所属党支部", "家庭住址"]
    row = ["张三", "13800001111", "2010.07", "2011.07", "第一党支部", "幸福路1号"]
    first = ledger(tmp_path, [row], headers=headers)
    assert run_import(db, first)[0].summary()["imported"] == 1
    again = ledger(tmp_path, [["张三", "13800001111", "", "", "第一党支部", "幸福路2号"]], headers=headers)
    assert run_import(db, again)[0].summary()["duplicates"] == 1
    result, _, _ = run_import(db, again, update_existing=True)
    assert result.summary()["updated"] == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1
        assert s.scalars(select(Person)).one().address == "幸福路2号"


def test_a_legacy_xls_ledger_with_excel_date_cells(db: Database, tmp_path: Path) -> None:
    """Excel 97-2003 .xls (what older WPS saves by default): merged title, real date cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("党员")
    sheet.write_merge(0, 0, 0, 4, "幸福社区党员花名册")
    for c, header in enumerate(["姓名", "公民身份号码", "入党时间", "转正时间", "所属党支部"]):
        sheet.write(1, c, header)
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write(2, 0, "张三")
    sheet.write(2, 1, make_id("19850312", "131").lower())
    sheet.write(2, 2, datetime(2010, 7, 1), dates)
    sheet.write(2, 3, datetime(2011, 7, 1), dates)
    sheet.write(2, 4, "第一党支部")
    path = tmp_path / "ledger.xls"
    book.save(str(path))
    result, _, layout = run_import(db, path)
    assert layout.header_row == 1 and result.summary()["imported"] == 1
    with db.session() as s:
        member = s.scalars(select(PartyMember)).one()
        assert (member.admitted_on, member.full_on) == (date(2010, 7, 1), date(2011, 7, 1))
