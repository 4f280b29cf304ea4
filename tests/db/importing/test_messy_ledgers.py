"""Messy ledgers made here, in shapes nobody designed the importer for, with every fault of the
issue planted: headers in another order, unknown columns, title and subtitle rows, blank rows in
between, a footer, merged cells, full-width digits, no-break and trailing spaces, text that looks
like a formula, very long text, emoji, values in the wrong column.

Every test checks that each data row is accounted for exactly once (imported + updated +
unchanged + invalid + duplicates == rows) and that a refused row's reason names its own field or
person. Real SQLite files through the `db` fixture and the command line; no mocks.

The tests after "Faults found on the way" pinned bugs these ledgers found (first as strict xfails);
each is fixed now and guards its fix.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from db.database import Database, open_database
from db.importing import pipeline
from db.importing.layout import Layout, find_layout
from db.importing.read import read_rows
from db.importing.registers import LEDGERS
from db.importing.result import ImportResult
from db.models import (
    AuditEntry,
    Grid,
    GridWorker,
    MediationCase,
    MediationParty,
    PartyMember,
    PartyOrg,
    Person,
    ServiceActivity,
    ServiceLog,
    Volunteer,
)
from db.validation import mask_numbers_in
from db.volunteers import volunteer_total_hours
from main import main
from tests.db.test_members import make_id
from tests.seed import seed_basics

TODAY = date(2026, 11, 25)
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def person_name(i: int) -> str:
    """A distinct, valid Chinese name for each i < 768."""
    return SURNAMES[i % 32] + GIVEN[(i // 32) % 24] + GIVEN[(i * 7 + 5) % 24]


def id_for(i: int) -> str:
    """A distinct valid ID number (male) for each i."""
    return make_id((date(1960, 1, 1) + timedelta(days=i * 3)).strftime("%Y%m%d"), "011")


class Sheet:
    """A ledger as offices make them: a merged title, a subtitle, the headers, rows (blank ones
    too), a footer. `add` returns the row number Excel shows, which the reasons must name."""

    def __init__(self, title: str, headers: list[str]) -> None:
        self.book = Workbook()
        self.ws = self.book.active
        self.headers = headers
        self.ws.append([title])
        self.ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        self.ws.append(["填报单位：幸福社区\u3000\u3000填报日期：2026年11月1日"])
        self.ws.append(headers)
        self.row = 3

    def add(self, values: dict[str, object] | list[object]) -> int:
        if isinstance(values, dict):
            unknown = set(values) - set(self.headers)
            assert not unknown, unknown
            values = [values.get(h) for h in self.headers]
        self.ws.append(values)
        self.row += 1
        return self.row

    def blank(self) -> None:
        self.ws.append([])
        self.row += 1

    def save(self, path: Path) -> Path:
        self.ws.append([])
        self.ws.append(["填表人：王某某", None, None, "审核人：李某某"])
        self.book.save(path)
        return path


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def seeded_file(path: Path) -> Path:
    """A database file for the command line, with the seed branches and grids."""
    database = open_database(path)
    with database.session() as s, s.begin():
        seed_basics(s)
    database.close()
    return path


def layout_of(key: str, rows: list[list[object]]) -> Layout:
    layout = find_layout(rows, LEDGERS[key].synonyms)
    assert layout is not None
    assert all(c in layout.columns for c in LEDGERS[key].required)
    return layout


def run(db: Database, key: str, source: Path | list[list[object]], **options: object) -> ImportResult:
    rows = read_rows(source) if isinstance(source, Path) else source
    layout = layout_of(key, rows)
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, LEDGERS[key], rows, layout,
                                     pipeline.ImportOptions(today=TODAY, **options))  # type: ignore[arg-type]
    accounted(result, layout)
    return result


def accounted(result: ImportResult | dict[str, int], layout: Layout | None = None) -> None:
    """Every data row once: counted in exactly one bucket, refused at most once, with reasons."""
    s = result.summary() if isinstance(result, ImportResult) else result
    assert s["imported"] + s["updated"] + s["unchanged"] + s["invalid"] + s["duplicates"] == s["rows"], s
    if isinstance(result, ImportResult):
        numbers = [p.row_number for p in result.problems]
        assert len(numbers) == len(set(numbers)), f"a row refused twice: {numbers}"
        if layout is not None:
            assert len(layout.data_rows) == s["rows"]
            assert set(numbers) <= {i + 1 for i in layout.data_rows}
        assert all(p.reasons and all(r.strip() for r in p.reasons) for p in result.problems)


def reasons(result: ImportResult) -> dict[int, str]:
    return {p.row_number: "；".join(p.reasons) for p in result.problems}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main(["import", *args]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    out = json.loads(line)
    accounted(out)
    return out


def report_rows(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


# ------------------------------------------------------------------------------------------------
# 1. Mediation: every variant of 纠纷类型 imports, 家长里短 is asked about, a slash is no list
# ------------------------------------------------------------------------------------------------

DISPUTE_FORMS = {"合同纠纷": "contract", "邻里矛盾": "neighbour", "婚姻家庭纠纷": "marriage_family",
                 "劳动争议": "labour", "劳动争议纠纷": "labour", "物业纠纷": "property_mgmt", "交通事故": "traffic",
                 "鄰里糾紛": "neighbour", "合同\u3000纠纷": "contract"}


@dataclass
class MediationLedger:
    path: Path
    expected: dict[str, str] = field(default_factory=dict)  # case number → dispute code
    unknown_rows: list[int] = field(default_factory=list)  # 家长里短
    unknown_numbers: list[str] = field(default_factory=list)
    slash_row: int = 0


def mediation_ledger(tmp_path: Path) -> MediationLedger:
    headers = ["归档情况", "案件编号", "申请人", "被申请人", "纠纷类型", "受理日期", "调解结果", "结案日期", "简要案情",
               "承办调解员", "涉及金额"]
    sheet = Sheet("幸福社区人民调解委员会 调解案件登记台账（2026年）", headers)
    ledger = MediationLedger(tmp_path / "调解台账.xlsx")
    forms = list(DISPUTE_FORMS)
    used = 0
    for i in range(40):
        number = f"（2026）幸调字第{i + 1:03d}号"
        received = date(2026, 1, 5) + timedelta(days=i * 2)
        closed = received + timedelta(days=4)
        kind = {0: received.isoformat(), 1: datetime(received.year, received.month, received.day),
                2: f"{received.year}年{received.month}月{received.day}日".translate(str.maketrans("0123456789",
                                                                                              "０１２３４５６７８９"))}
        row: dict[str, object] = {
            "归档情况": "已归档" if i % 3 else None,
            "案件编号": number + ("  " if i % 4 == 0 else ""),  # trailing spaces
            "申请人": person_name(2 * i) + ("\xa0" if i % 5 == 0 else ""),  # a no-break space pasted from the web
            "被申请人": person_name(2 * i + 1) + (f"\u3000{person_name(200 + i)}" if i % 6 == 0 else ""),
            "受理日期": kind[i % 3],
            "调解结果": "调解成功",
            "结案日期": closed.isoformat(),
            "简要案情": ["=1+1", "楼上漏水😀" * 3, "协商" * 1500, "13800138000（电话写进了案情）"][i % 4],
            "承办调解员": "吴调解",
            "涉及金额": "１２００" if i % 7 == 0 else 300,
        }
        if i in (7, 19, 31):
            row["纠纷类型"] = "家长里短"
        elif i == 25:
            row["纠纷类型"] = "合同"
            row["申请人"] = "张三/李四"
        else:
            form = forms[used % len(forms)]
            used += 1
            row["纠纷类型"] = form + ("  " if used % 2 else "")
            ledger.expected[number] = DISPUTE_FORMS[form]
        if i == 20:
            sheet.blank()
        n = sheet.add(row)
        if i in (7, 19, 31):
            ledger.unknown_rows.append(n)
            ledger.unknown_numbers.append(number)
        elif i == 25:
            ledger.slash_row = n
    sheet.ws.merge_cells(start_row=sheet.row - 2, start_column=1, end_row=sheet.row, end_column=1)  # 归档情况
    sheet.save(ledger.path)
    return ledger


def test_mediation_variants_import_and_unknown_values_are_asked_about(db: Database, tmp_path: Path) -> None:
    ledger = mediation_ledger(tmp_path)
    result = run(db, "mediation", ledger.path)
    assert result.summary() == {"rows": 40, "imported": 36, "updated": 0, "unchanged": 0, "invalid": 4,
                                "duplicates": 0}
    assert [(u.label, u.value, u.count, u.rows) for u in result.unknown_values] == [
        ("纠纷类型", "家长里短", 3, ledger.unknown_rows)]
    assert result.findings() == {"unrecognised": {"纠纷类型": {"家长里短": ledger.unknown_rows}}}
    why = reasons(result)
    assert set(why) == {*ledger.unknown_rows, ledger.slash_row}
    for n in ledger.unknown_rows:
        assert "纠纷类型" in why[n] and "家长里短" in why[n]
    assert "当事人1 姓名" in why[ledger.slash_row]  # refused at the name, not read as two people
    with db.session() as s:
        stored = dict(s.execute(select(MediationCase.number, MediationCase.dispute_type)).all())
        assert stored == ledger.expected  # every valid case, each with its type as written
        assert s.scalar(select(func.count()).select_from(MediationParty)
                        .where(MediationParty.name.in_(["张三", "李四", "张三/李四"]))) == 0
        first = s.scalars(select(MediationCase).where(MediationCase.number == "（2026）幸调字第001号")).one()
        assert [p.name for p in first.parties] == [person_name(0), person_name(1), person_name(200)]


def test_mediation_through_the_command_line_and_a_map(db_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    ledger = mediation_ledger(tmp_path)
    database = str(seeded_file(db_path))
    out = cli(capsys, "mediation", str(ledger.path), "--db", database)
    assert out["imported"] == 36 and out["invalid"] == 4 and out["duplicates"] == 0
    assert out["unrecognised"] == {"纠纷类型": {"家长里短": ledger.unknown_rows}}
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"纠纷类型": {"家长里短": "邻里"}}, ensure_ascii=False), encoding="utf-8")
    out = cli(capsys, "mediation", str(ledger.path), "--db", database, "--map", str(mapping))
    assert out["imported"] == 3 and out["duplicates"] == 36 and out["invalid"] == 1  # the slash row still
    assert "unrecognised" not in out
    check = open_database(db_path)
    try:
        with check.session() as s:
            assert s.scalar(select(func.count()).select_from(MediationCase)) == 39
            mapped = s.scalars(select(MediationCase.dispute_type)
                               .where(MediationCase.number.in_(ledger.unknown_numbers))).all()
            assert mapped == ["neighbour"] * 3
    finally:
        check.close()


# ------------------------------------------------------------------------------------------------
# 2. Volunteer hours: copies, a conflict, a phone number under 开始时间, a 30-hour day, twice
# ------------------------------------------------------------------------------------------------

VOLUNTEERS = ["张伟", "李娜", "王芳", "赵敏", "孙强", "周杰", "吴涛"]


@dataclass
class VolunteerLedger:
    path: Path
    originals: list[int] = field(default_factory=list)
    copies: dict[int, int] = field(default_factory=dict)  # copy → the row it copies
    innocent: int = 0
    conflict: tuple[int, int] = (0, 0)
    phone_in_time: int = 0
    too_long_day: list[int] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)


def volunteer_ledger(tmp_path: Path) -> VolunteerLedger:
    headers = ["备注", "服务时长", "活动名称", "志愿者姓名", "签到方式", "证件号码", "活动日期", "开始时间", "结束时间",
               "服务地点"]
    sheet = Sheet("幸福社区志愿服务记录表", headers)
    ids = {name: id_for(i) for i, name in enumerate(VOLUNTEERS)}
    ledger = VolunteerLedger(tmp_path / "志愿服务.xlsx", ids=ids)

    def line(name: str, project: str, day: object, start: object, end: object, hours: object,
             note: str = "") -> dict[str, object]:
        return {"备注": note, "服务时长": hours, "活动名称": project, "志愿者姓名": name, "签到方式": "扫码",
                "证件号码": ids[name.strip("\xa0 ")], "活动日期": day, "开始时间": start, "结束时间": end,
                "服务地点": "幸福社区广场"}

    base = [line("张伟\xa0", "环境整治", "2026-03-05", "08:30", "11:30", 3, "=1+1"),
            line("李娜", "环境整治", datetime(2026, 3, 5), "08:30", "11:30", "３"),
            line("王芳", "反诈宣传", "2026/4/1", "14:00", "15:30", 1.5, "发传单🙂"),
            line("赵敏", "义诊", "2026年5月1日", "09:00", "10:00", 1, "量" * 150),
            line("孙强", "敬老", "2026-06-01", "09:00", "11:00", 2)]
    ledger.originals = [sheet.add(r) for r in base]
    sheet.blank()
    for _ in range(2):  # each copied twice, identical in every cell
        for original, r in zip(ledger.originals, base, strict=True):
            ledger.copies[sheet.add(r)] = original
    ledger.innocent = sheet.add(line("周杰", "环境整治", "2026-03-05", "08:30", "11:30", 3))
    ledger.conflict = (sheet.add(line("吴涛", "植树", "2026-03-12", None, None, 2)),
                       sheet.add(line("吴涛", "植树", "2026-03-12", None, None, 3)))
    sheet.add(line("周杰", "植树", "2026-03-12", None, None, 3))
    ledger.phone_in_time = sheet.add(line("李娜", "夜间巡逻", "2026-07-01", 13800138000, "10:00", 1))
    for project in ("夜巡一", "夜巡二", "夜巡三"):
        ledger.too_long_day.append(sheet.add(line("王芳", project, "2026-08-08", None, None, 10)))
        sheet.add(line("赵敏", project, "2026-08-08", None, None, 2))
    sheet.save(ledger.path)
    return ledger


def hours_by_volunteer(db: Database) -> dict[str, float]:
    with db.session() as s:
        return {name: volunteer_total_hours(s, vid) for vid, name in s.execute(select(Volunteer.id, Person.name)
                                                                                .join(Person))}


def test_volunteer_log_faults_are_each_refused_on_their_own_row(db: Database, tmp_path: Path) -> None:
    ledger = volunteer_ledger(tmp_path)
    result = run(db, "volunteer-hours", ledger.path)
    assert result.summary() == {"rows": 26, "imported": 10, "updated": 0, "unchanged": 0, "invalid": 6,
                                "duplicates": 10}
    why = reasons(result)
    duplicates = {p.row_number for p in result.problems if p.duplicate}
    assert duplicates == set(ledger.copies)
    for copy, original in ledger.copies.items():
        assert f"与第{original}行完全相同" in why[copy]
    assert ledger.innocent not in why and not any("周杰" in r for r in why.values())
    first, second = ledger.conflict
    assert f"第{second}行" in why[first] and f"第{first}行" in why[second]
    assert "吴涛" in why[first] and "服务时长" in why[first]
    assert why[ledger.phone_in_time].startswith("开始时间：")
    for n in ledger.too_long_day:
        assert "服务时长" in why[n] and "王芳" in why[n] and "24" in why[n]
    assert set(why) == duplicates | set(ledger.conflict) | {ledger.phone_in_time, *ledger.too_long_day}
    hours = hours_by_volunteer(db)
    # 吴涛 is not even registered: neither of his conflicting lines was imported
    assert hours == {"张伟": 3, "李娜": 3, "王芳": 1.5, "赵敏": 7, "孙强": 2, "周杰": 6}
    with db.session() as s:
        cleanup = s.scalars(select(ServiceActivity).where(ServiceActivity.project == "环境整治")).one()
        assert sorted(log.volunteer.person.name for log in cleanup.logs) == ["周杰", "张伟", "李娜"]
        logs = s.scalar(select(func.count()).select_from(ServiceLog))

    again = run(db, "volunteer-hours", ledger.path)
    assert again.imported == 0 and again.invalid == result.invalid
    assert again.duplicates == again.rows - again.invalid
    for n in ledger.originals + [ledger.innocent]:
        assert "已登记" in reasons(again)[n]
    assert hours_by_volunteer(db) == hours
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ServiceLog)) == logs


def test_volunteer_log_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = volunteer_ledger(tmp_path)
    errors = tmp_path / "未导入.xlsx"
    out = cli(capsys, "volunteer-hours", str(ledger.path), "--db", str(tmp_path / "v.sqlite3"), "--errors",
              str(errors))
    assert out == {"rows": 26, "imported": 10, "updated": 0, "unchanged": 0, "invalid": 6, "duplicates": 10}
    report = report_rows(errors)
    by_row = {int(r[-2]): r for r in report[1:]}
    assert len(by_row) == 16
    start = report[0].index("开始时间")
    assert by_row[ledger.phone_in_time][start] == "138****8000"  # a phone in the wrong column is masked too
    assert not any("13800138000" in str(v) for r in report for v in r[:-1])


# ------------------------------------------------------------------------------------------------
# 3. Members: choices as written, branches near-named, missing or created, updates logged
# ------------------------------------------------------------------------------------------------

MEMBER_HEADERS = ["备注", "党员类型", "姓名", "不明列", "民族", "所在支部", "学历", "身份证号码", "入党时间",
                  "转正时间", "手机号码"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def member(i: int, name: str, **cells: object) -> dict[str, object]:
    row: dict[str, object] = {"备注": "", "党员类型": "正式党员", "姓名": name, "不明列": "？", "民族": "汉族",
                              "所在支部": "第一党支部", "学历": "高中", "身份证号码": id_for(i),
                              "入党时间": "2000-07-01", "转正时间": "2001-07-01", "手机号码": f"1390000{i:04d}"}
    row.update(cells)
    return row


def test_member_choices_are_read_as_written_and_unknowns_asked_about(db: Database, tmp_path: Path) -> None:
    sheet = Sheet("幸福社区党员花名册", MEMBER_HEADERS)
    ok = {
        "张伟": sheet.add(member(0, "张伟", 民族="汉", 学历="本科")),
        "李娜": sheet.add(member(1, "李娜", 党员类型="预备", 民族="回族", 学历="大专", 入党时间="2026-03-01",
                                  转正时间=None)),
        "王芳": sheet.add(member(2, "王芳", 党员类型="中共正式党员", 民族="維吾爾族", 学历="硕士")),
        "郑洁": sheet.add(member(3, "郑洁\xa0", 学历="大学本科  ", 备注="=1+1",
                                  身份证号码=id_for(3).translate(FULL_WIDTH))),
    }
    sheet.blank()
    bad = {
        sheet.add(member(4, "赵敏", 党员类型="积极分子")): ("党员类型", "积极分子"),
        sheet.add(member(5, "孙强", 民族="13800138000")): ("民族", "13800138000"),
        sheet.add(member(6, "周杰", 民族=id_for(99))): ("民族", id_for(99)),
        sheet.add(member(7, "吴涛", 学历="😀")): ("学历", "😀"),
        sheet.add(member(8, "冯勇", 学历="13800138000")): ("学历", "13800138000"),
        sheet.add(member(9, "陈红", 民族="🙂")): ("民族", "🙂"),
    }
    result = run(db, "members", sheet.save(tmp_path / "党员.xlsx"))
    assert result.summary() == {"rows": 10, "imported": 4, "updated": 0, "unchanged": 0, "invalid": 6,
                                "duplicates": 0}
    why = reasons(result)
    assert set(why) == set(bad)
    for n, (label, value) in bad.items():
        assert why[n].startswith(f"{label}：") and mask_numbers_in(value) in why[n]  # quoted, numbers masked
    unknown = {(u.label, u.value): u.rows for u in result.unknown_values}
    assert unknown == {(label, value): [n] for n, (label, value) in bad.items()}
    with db.session() as s:
        stored = {name: (m.member_type, p.ethnicity, m.education) for name, m, p in s.execute(
            select(Person.name, PartyMember, Person).join(PartyMember, PartyMember.person_id == Person.id))}
    assert stored == {"张伟": ("full", "汉族", "大学本科"), "李娜": ("probationary", "回族", "大学专科"),
                      "王芳": ("full", "维吾尔族", "研究生"), "郑洁": ("full", "汉族", "大学本科")}
    assert set(stored) == set(ok)  # 积极分子 was not taken as a full member


def add_retired_branch(db: Database) -> None:
    with db.session() as s, s.begin():
        committee = s.scalars(select(PartyOrg).where(PartyOrg.kind == "committee")).one()
        s.add(PartyOrg(name="离退休党支部", kind="branch", parent=committee, sort_order=5))


def org_names(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(PartyOrg.name)))


def test_branches_near_named_missing_and_created(db: Database, tmp_path: Path) -> None:
    add_retired_branch(db)
    before = org_names(db)
    sheet = Sheet("党员名册", MEMBER_HEADERS)
    near = [sheet.add(member(0, "张伟", 所在支部="离退休党员党支部")),
            sheet.add(member(1, "李娜", 所在支部="离退休党员党支部 ")),
            sheet.add(member(2, "王芳", 所在支部="第1支部")),
            sheet.add(member(3, "郑洁", 所在支部="中共幸福社区第一党支部"))]
    missing = [sheet.add(member(4, "赵敏", 所在支部="第九党支部")), sheet.add(member(5, "孙强", 所在支部="第九党支部"))]
    path = sheet.save(tmp_path / "党员.xlsx")

    result = run(db, "members", path)
    assert result.summary() == {"rows": 6, "imported": 4, "updated": 0, "unchanged": 0, "invalid": 2,
                                "duplicates": 0}
    findings = result.findings()
    assert findings["matched_near"] == {"离退休党员党支部": "离退休党支部", "第1支部": "第一党支部",
                                        "中共幸福社区第一党支部": "第一党支部"}
    assert findings["missing"] == {"第九党支部": missing}
    why = reasons(result)
    assert set(why) == set(missing) and all("所在支部" in why[n] and "第九党支部" in why[n] for n in missing)
    assert org_names(db) == before  # no second retired branch, no 第九党支部
    with db.session() as s:
        placed = dict(s.execute(select(Person.name, PartyOrg.name).join(PartyMember, PartyMember.person_id == Person.id)
                                .join(PartyOrg, PartyMember.org_id == PartyOrg.id)).all())
    assert placed == {"张伟": "离退休党支部", "李娜": "离退休党支部", "王芳": "第一党支部", "郑洁": "第一党支部"}

    result = run(db, "members", path, create_orgs=True)
    assert result.imported == 2 and result.duplicates == 4 and result.invalid == 0
    assert result.findings()["created"] == {"第九党支部": missing}
    assert org_names(db) == sorted([*before, "第九党支部"])  # created once for both rows
    assert set(near) <= {p.row_number for p in result.problems if p.duplicate}  # already registered


HOSTILE_BRANCHES = [
    "=cmd|' /C calc'!A0", "=1+1", "+SUM(A1)", "@SUM(1)", "-1", "0", "1e308", "NaN", "∞", "None", "null", "True",
    "支部", "党支部", "党小组", "中共", "中国共产党", "社区", "第支部", "第党支部", "第零党支部", "第一百党支部",
    "第-1党支部", "第1.5支部", "第Ⅰ党支部", "第壹党支部", "第一党支部第一党支部", "第一党支部\x00",
    "第一\x07党支部", "\u200b", "\u3000", "\xa0", "😀", "😀支部", "第😀支部", "A" * 10000, "支" * 5000,
    "<script>alert(1)</script>", "'; DROP TABLE party_orgs;--", "../../etc/passwd", "C:\\Windows", "%s%s%n",
    "{0}", "${jndi:ldap://x}", "\u202e部支党一第", "第一党支部\u202e", "第九十九党支部", "第十十党支部",
    "第两党支部", "第二十党支部", "第九九九九党支部", "第00000000000000000001支部", "第" + "9" * 400 + "支部",
    "第99999999999999999999999支部", "其他社区第一党支部", "某某某社区党委", "中共中共第一党支部",
    "第一党支部党员党员", "党员", "党员党支部", "第一总支", "第一党总支", "第一小组", "第一党小组组", "幸福社区",
    "幸福社区幸福社区", "13800138000", id_for(500), "2026-02-30", "25:99", "０８：３０", "2958466", "-0",
    "第一党支部；第二党支部", "第一党支部/第二党支部", "第一、第二党支部", "第\n一党支部", "第一\t党支部",
    "\ufeff第一党支部", "第一黨支部", "第一党支部（已撤销）", "第三党支部", "第１支部", "第 1 支部",
    "第一党支部" + " " * 50 + "x", "ｆｏｏ", "第一支部第二小组",
]


def test_hostile_branch_names_create_nothing(db: Database, tmp_path: Path) -> None:
    assert len(HOSTILE_BRANCHES) == 87
    before = org_names(db)
    rows: list[list[object]] = [["幸福社区党员名册（87个支部名）"],
                                ["姓名", "身份证号码", "所在支部", "入党时间", "转正时间"]]
    rows += [[person_name(i), id_for(i), name, "2000-07-01", "2001-07-01"] for i, name in enumerate(HOSTILE_BRANCHES)]
    result = run(db, "members", write_csv(tmp_path / "支部.csv", rows))
    assert result.rows == 87 and "created" not in result.findings()
    assert org_names(db) == before
    why = reasons(result)
    assert all(r.startswith("所在支部：") for r in why.values())
    near = result.findings().get("matched_near", {})
    assert isinstance(near, dict) and set(near.values()) <= set(before)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyMember)) == result.imported == 87 - len(why)


def members_book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    ws = book.active
    ws.append(["幸福社区党员信息采集表"])
    ws.merge_cells("A1:H1")
    ws.append(["联系电话", "姓名", "身份证号码", "所属党支部", "入党时间", "转正时间", "民族", "说明"])
    for row in rows:
        ws.append(row)
    ws.append(["填表人：王某"])
    book.save(path)
    return path


def member_rows() -> list[list[object]]:
    return [[f"1390000{i:04d}", person_name(i), id_for(i), "第一党支部", "2000-07-01", "2001-07-01", "汉", ""]
            for i in range(8)]


def test_update_existing_counts_and_logs_each_changed_phone(db: Database, db_target: Path | str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    first = member_rows()
    out = cli(capsys, "members", str(members_book(tmp_path / "a.xlsx", first)), "--db", str(db_target))
    assert out["imported"] == 8
    second = [list(r) for r in first]
    changed = {1: "17700000001", 3: "17700000003", 6: "17700000006"}
    for i, phone in changed.items():
        second[i][0] = phone
    second[2][0] = str(second[2][0]).translate(FULL_WIDTH)  # the same number in full-width digits
    second[4][1] = f"{second[4][1]}\xa0 "  # the same name with a no-break and a trailing space
    second[5][7] = "=HYPERLINK(\"x\")"  # an unknown column says nothing about the member
    out = cli(capsys, "members", str(members_book(tmp_path / "b.xlsx", second)), "--db", str(db_target),
              "--update-existing")
    assert {k: out[k] for k in ("updated", "unchanged", "imported", "invalid")} == {
        "updated": 3, "unchanged": 5, "imported": 0, "invalid": 0}
    with db.session() as s:
        updates = s.scalars(select(AuditEntry).where(AuditEntry.action == "update").order_by(AuditEntry.id)).all()
        phones = dict(s.execute(select(Person.name, Person.phone)).all())
    assert len(updates) == 3
    logged = {u.summary: json.loads(u.details) for u in updates}
    assert logged == {person_name(i): {"phone": [f"139****{i:04d}", f"177****{i:04d}"]} for i in changed}
    assert all("1390000" not in u.details and "1770000" not in u.details for u in updates)
    assert {person_name(i): phones[person_name(i)] for i in changed} == {person_name(i): p for i, p in changed.items()}


def test_error_report_masks_numbers_unless_unmasked(db: Database, db_target: Path | str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    rows = member_rows()[:3]
    bad_id = id_for(7)[:-1] + ("0" if id_for(7)[-1] != "0" else "1")  # the check digit wrong
    rows.append(["13812345678", "冯勇", bad_id, "第一党支部", "2000-07-01", "2001-07-01", "汉", ""])
    rows.append(["13912345678", "陈红", id_for(8), "第九党支部", "2000-07-01", "2001-07-01", "汉", ""])
    path = members_book(tmp_path / "党员.xlsx", rows)
    masked, unmasked = tmp_path / "masked.xlsx", tmp_path / "unmasked.xlsx"
    out = cli(capsys, "members", str(path), "--db", str(db_target), "--errors", str(masked), "--dry-run")
    assert out["invalid"] == 2 and out["imported"] == 3
    cli(capsys, "members", str(path), "--db", str(db_target), "--errors", str(unmasked), "--dry-run", "--unmasked")
    shown = report_rows(masked)
    full = report_rows(unmasked)
    assert [r[-2] for r in shown[1:]] == [r[-2] for r in full[1:]] == [6.0, 7.0]
    cells = [str(v) for r in shown[1:] for v in r[:-2]]
    assert "138****5678" in cells and "139****5678" in cells and f"{bad_id[:6]}********{bad_id[-4:]}" in cells
    assert not any(n in c for c in cells for n in ("13812345678", "13912345678", bad_id, id_for(8)))
    full_cells = [str(v) for r in full[1:] for v in r[:-2]]
    assert {"13812345678", bad_id, id_for(8)} <= set(full_cells)
    assert "身份证号" in shown[1][-1] and "所在支部" in shown[2][-1] and "第九党支部" in shown[2][-1]


def test_error_report_reason_does_not_carry_a_number_from_the_wrong_column(
        db: Database, db_target: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = member_rows()[:1]
    rows.append(["13912340000", "陈红", id_for(8), "第一党支部", "2000-07-01", "2001-07-01", id_for(9), ""])
    rows.append(["13912340001", "冯勇", id_for(10), "第一党支部", "2000-07-01", "2001-07-01", "13812345678", ""])
    masked = tmp_path / "masked.xlsx"
    cli(capsys, "members", str(members_book(tmp_path / "党员.xlsx", rows)), "--db", str(db_target), "--errors",
        str(masked), "--dry-run")
    text = " ".join(str(v) for r in report_rows(masked) for v in r)
    assert "民族" in text
    assert id_for(9) not in text and "13812345678" not in text


# ------------------------------------------------------------------------------------------------
# 4. Grids: dates and negative numbers as grid codes, a merged row without a worker, WG-01
# ------------------------------------------------------------------------------------------------

def grid_ledger(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    sheet = Sheet("幸福社区网格划分及网格员配置表",
                  ["网格员", "联系电话", "网格编号", "备用", "网格名称", "网格长", "户数", "专兼职"])
    at = {
        "wg": sheet.add(["武超", "１３９００００１１１１", "WG-01", None, "幸福一区", "方国", 330, "专职"]),
        "second": sheet.add(["范燕\xa0", "13900002222", None, None, None, None, None, "兼职 "]),
        "blank_name": sheet.add([None, "13900009999", None, "备用", None, None, None, None]),
    }
    sheet.ws.merge_cells(start_row=at["wg"], start_column=3, end_row=at["blank_name"], end_column=3)
    sheet.ws.merge_cells(start_row=at["wg"], start_column=5, end_row=at["blank_name"], end_column=5)
    sheet.blank()
    at["date_cell"] = sheet.add(["冯兰", "13900003333", datetime(2026, 3, 1), None, "日期网格", None, 10, "专职"])
    at["negative"] = sheet.add(["陈红", "13900004444", -1, None, "负数网格", None, 10, "专职"])
    at["date_text"] = sheet.add(["褚明", "13900005555", "2026-03-01", None, "文本日期", None, 10, "专职"])
    at["negative_text"] = sheet.add(["蒋华", "13900007777", "-5", None, "负数文本", None, 10, "专职"])
    return sheet.save(tmp_path / "网格.xlsx"), at


def test_grid_codes_that_are_dates_or_negative_are_refused(db: Database, tmp_path: Path) -> None:
    path, at = grid_ledger(tmp_path)
    result = run(db, "grid-workers", path)
    assert result.summary() == {"rows": 7, "imported": 2, "updated": 0, "unchanged": 0, "invalid": 5,
                                "duplicates": 0}
    why = reasons(result)
    assert set(why) == {at[k] for k in ("blank_name", "date_cell", "negative", "date_text", "negative_text")}
    assert why[at["blank_name"]].startswith("网格员姓名：必填")
    for key in ("date_cell", "negative", "date_text", "negative_text"):
        assert why[at[key]].startswith("网格编号：")
    assert result.findings()["matched_near"] == {"WG-01": "WG01"}
    with db.session() as s:
        assert sorted(s.scalars(select(Grid.code))) == ["WG01", "WG02"]
        wg01 = s.scalars(select(Grid).where(Grid.code == "WG01")).one()
        assert sorted(w.person.name for w in wg01.workers) == ["方国", "武超", "范燕"]
        assert wg01.households == 330
        assert s.scalar(select(func.count()).select_from(GridWorker)) == 3  # the blank row made nobody


def test_grid_codes_that_are_dates_or_negative_are_refused_even_when_creating(db: Database, tmp_path: Path) -> None:
    path, at = grid_ledger(tmp_path)
    result = run(db, "grid-workers", path, create_orgs=True)
    why = reasons(result)
    for key in ("date_cell", "negative", "date_text", "negative_text"):
        assert why.get(at[key], "").startswith("网格编号：")
    with db.session() as s:
        assert sorted(s.scalars(select(Grid.code))) == ["WG01", "WG02"]


# ------------------------------------------------------------------------------------------------
# 5. Hostile values, one per row and column, in each of the four registers
# ------------------------------------------------------------------------------------------------

HOSTILE = [1e308, -1, 13800138000, "NaN", "∞", "25:99", "2026-02-30", "=cmd|' /C calc'!A0", "长" * 10000, "\x00\x07",
           "０８：３０", 2958466, None, True]


# How the reasons name a column whose header they do not repeat (the form's label, or the field a time
# or a result decides). 承办调解员 and 网格长 under their own labels: see the test further down.
NAMED_AS = {"人口数": ("人口",), "负责楼栋": ("楼栋",), "网格员": ("姓名",), "网格长": ("姓名",),
            "承办调解员": ("姓名",), "申请人": ("当事人",), "被申请人": ("当事人",), "调解结果": ("结案日期",),
            "开始时间": ("服务时长",), "结束时间": ("服务时长",), "志愿者姓名": ("姓名",), "活动名称": ("服务项目",),
            "人口类型": ("常住或流动",), "门牌号": ("楼层",)}


def sweep_base(key: str, i: int) -> tuple[list[str], list[object]]:
    """The register's headers and a valid row of its own (a person, case, grid or activity each)."""
    if key == "members":
        return (["姓名", "性别", "民族", "出生日期", "身份证号", "学历", "入党时间", "转正时间", "党员类型", "所在支部",
                 "联系电话", "家庭住址", "备注"],
                [person_name(i), "男", "汉族", None, id_for(i), "本科", "2000-07-01", "2001-07-01", "正式党员",
                 "第一党支部", f"139{i:08d}", "幸福路1号", ""])
    if key == "volunteer-hours":
        return (["志愿者姓名", "证件号码", "活动名称", "活动日期", "开始时间", "结束时间", "服务时长", "服务地点",
                 "组织单位", "备注"],
                [person_name(i), id_for(i), f"活动{i}", "2026-03-12", "08:00", "10:00", 2, "公园", "社区", ""])
    if key == "mediation":
        return (["案件编号", "受理日期", "案件来源", "申请人", "被申请人", "纠纷类型", "简要案情", "承办调解员",
                 "调解层级", "调解结果", "结案日期", "涉及金额"],
                [f"（2026）幸调字第{i + 1:03d}号", "2026-03-01", "当事人申请", person_name(2 * i),
                 person_name(2 * i + 1), "邻里", "漏水", "吴调解", "社区调解员", "调解成功", "2026-03-09", 100])
    if key == "residents":  # each row a household of its own, its head
        return (["网格编号", "楼栋", "单元", "门牌号", "姓名", "性别", "身份证号", "与户主关系", "联系电话", "户籍地",
                 "人口类型", "政治面貌", "关爱对象", "备注"],
                ["WG01", f"{i % 20 + 1}号楼", 1, f"{100 + i}", person_name(i), "男", id_for(i), "户主", f"139{i:08d}",
                 "河南洛阳", "常住", "群众", "", ""])
    return (["网格编号", "网格名称", "网格长", "网格员", "专兼职", "联系电话", "负责楼栋", "户数", "人口数", "岗位",
             "性别", "上岗日期", "状态"],
            ["WG01", "幸福一区", person_name(500 + i), person_name(i), "专职", f"139{i:08d}", "1栋", 100, 300, "网格员",
             "女", "2020-01-01", "在岗"])


def sweep_rows(key: str) -> list[list[object]]:
    headers, _ = sweep_base(key, 0)
    rows: list[list[object]] = [[f"{key} 恶意值台账"], headers]
    for column in range(len(headers)):
        for value in HOSTILE:
            _, row = sweep_base(key, len(rows))
            row[column] = value
            rows.append(row)
    return rows


@pytest.mark.parametrize("key", sorted(LEDGERS))
def test_hostile_values_never_raise_and_every_row_is_accounted_for(key: str, db: Database, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows = sweep_rows(key)
    headers = rows[1]
    result = run(db, key, rows)
    assert result.rows == len(rows) - 2
    assert result.imported > 0 and result.invalid > 0
    for n, why in reasons(result).items():  # each refusal names the column its hostile value is in
        column = str(headers[(n - 3) // len(HOSTILE)])
        assert any(word in why for word in (column, *NAMED_AS.get(column, ()))), (column, why)
    out = cli(capsys, key, str(write_csv(tmp_path / f"{key}.csv", rows)), "--db",
              str(seeded_file(tmp_path / "cli.sqlite3")))
    assert out["rows"] == len(rows) - 2


# ------------------------------------------------------------------------------------------------
# Faults found on the way, each fixed; the tests keep them fixed
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "name"), [
    ("members", "第九十九九党支部"), ("members", "第" + "9" * 5000 + "支部"),
    ("grid-workers", "第九十九九网格"), ("grid-workers", "9" * 5000),
])
def test_a_strange_number_in_a_name_is_refused_not_raised(key: str, name: str, db: Database) -> None:
    headers, good = sweep_base(key, 1)
    _, bad = sweep_base(key, 2)
    bad[headers.index("所在支部" if key == "members" else "网格编号")] = name
    result = run(db, key, [headers, good, bad])
    assert result.imported == 1 and 3 in reasons(result)


def test_one_lines_long_note_does_not_take_its_activity_down(db: Database) -> None:
    headers = ["志愿者姓名", "证件号码", "活动名称", "活动日期", "服务时长", "备注"]
    rows: list[list[object]] = [headers]
    rows += [[person_name(i), id_for(i), "植树", "2026-03-12", 2, "注" * 10000 if i == 2 else ""] for i in range(4)]
    result = run(db, "volunteer-hours", rows)
    why = reasons(result)
    assert set(why) == {4} and why[4].startswith("备注")
    assert result.imported == 3


def test_a_third_line_is_not_a_duplicate_of_a_refused_line(db: Database) -> None:
    headers = ["志愿者姓名", "证件号码", "活动名称", "活动日期", "服务时长", "备注"]
    rows: list[list[object]] = [headers,
                                ["吴涛", id_for(1), "植树", "2026-03-12", 2, "上午"],
                                ["吴涛", id_for(1), "植树", "2026-03-12", 3, ""],
                                ["吴涛", id_for(1), "植树", "2026-03-12", 2, "下午"]]
    result = run(db, "volunteer-hours", rows)
    assert result.imported == 0
    why = reasons(result)
    assert not any("只导入第2行" in why[n] for n in why if n != 2)
    assert result.invalid == 3


def test_create_orgs_does_not_create_a_branch_the_form_would_refuse(db: Database) -> None:
    headers = ["姓名", "身份证号码", "所在支部", "入党时间", "转正时间"]
    rows: list[list[object]] = [headers,
                                ["张伟", id_for(1), "\x00\x07", "2000-07-01", "2001-07-01"],
                                ["李娜", id_for(2), "长" * 10000, "2000-07-01", "2001-07-01"],
                                ["王芳", id_for(3), "新建支部\x07", "2000-07-01", "2001-07-01"]]
    before = org_names(db)
    result = run(db, "members", rows, create_orgs=True)
    assert result.invalid == 3 and all(r.startswith("所在支部") for r in reasons(result).values())
    assert org_names(db) == before


@pytest.mark.parametrize(("key", "column", "label"), [("mediation", "承办调解员", "调解员"),
                                                      ("grid-workers", "网格长", "网格长")])
def test_a_bad_mediator_or_leader_name_is_refused_under_its_own_column(key: str, column: str, label: str,
                                                                       db: Database) -> None:
    headers, row = sweep_base(key, 1)
    row[headers.index(column)] = "13800138000"
    result = run(db, key, [headers, row])
    assert result.invalid == 1 and label in reasons(result)[2]


def test_a_boolean_cell_is_not_a_name(db: Database, tmp_path: Path) -> None:
    sheet = Sheet("党员名册", MEMBER_HEADERS)
    n = sheet.add(member(1, True))  # type: ignore[arg-type]
    result = run(db, "members", sheet.save(tmp_path / "bool.xlsx"))
    assert result.imported == 0 and reasons(result)[n].startswith("姓名")


def test_a_negative_number_is_no_ethnic_group(db: Database, tmp_path: Path) -> None:
    """“-1” must not lose its sign and read as GB 3304 code 1 (汉族)."""
    sheet = Sheet("党员名册", MEMBER_HEADERS)
    n = sheet.add(member(1, "张伟", 民族="-1"))
    m = sheet.add(member(2, "李娜", 民族=-1))
    result = run(db, "members", sheet.save(tmp_path / "minus.xlsx"))
    assert result.imported == 0
    assert reasons(result)[n].startswith("民族") and reasons(result)[m].startswith("民族")


def test_error_report_takes_a_row_with_control_characters(db: Database, db_target: Path | str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    headers, good = sweep_base("members", 1)
    _, bad = sweep_base("members", 2)
    bad[headers.index("家庭住址")] = "幸福路\x00\x07"
    bad[headers.index("民族")] = "火星族"
    path = write_csv(tmp_path / "党员.csv", [headers, good, bad])
    report = tmp_path / "e.xlsx"
    out = cli(capsys, "members", str(path), "--db", str(db_target), "--errors", str(report))
    assert out["imported"] == 1 and out["invalid"] == 1
    assert [r[-2] for r in report_rows(report)[1:]] == [3.0]


def test_a_data_row_mentioning_a_phone_is_not_the_footer(db: Database) -> None:
    headers = ["序号", "案件编号", "受理日期", "申请人", "被申请人", "纠纷类型", "简要案情", "调解结果", "结案日期"]
    rows: list[list[object]] = [headers]
    for i in range(6):
        facts = "联系电话打不通，上门调解" if i == 2 else "漏水"
        rows.append([None, f"（2026）幸调字第{i + 1:03d}号", "2026-03-01", person_name(2 * i), person_name(2 * i + 1),
                     "邻里", facts, "调解成功", "2026-03-09"])
    result = run(db, "mediation", rows)
    assert result.rows == 6 and result.imported == 6
