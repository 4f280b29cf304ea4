"""Reading the audit trail: filters in SQL, newest first, details in Chinese, export to xlsx, admins only."""

from __future__ import annotations

import json
import time as clock
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import insert, select

from db import recycle
from db.audit_log import (
    AuditFilter,
    audit_ids,
    audit_rows,
    detail_lines,
    export_audit_log,
    registers_present,
    usernames,
)
from db.database import Database
from db.importing.layout import find_layout
from db.importing.read import read_rows
from db.importing.registers import LEDGERS, import_ledger
from db.members import load_member_input, save_member
from db.models import AuditEntry
from db.permissions import Actor, PermissionDenied
from tests.db.test_audit import CLERK, ID, new_member

ADMIN = Actor("wang", "admin", 1, "OFFICE-PC\\admin")


def add_entry(db: Database, at: datetime, username: str = "wang", action: str = "update",
              register: str = "persons", record_id: int | None = 1, summary: str = "张三",
              details: dict[str, object] | None = None) -> int:
    """An entry written at a chosen time (the log is append-only; adding is what db.audit does too)."""
    with db.session() as s, s.begin():
        entry = AuditEntry(at=at, username=username, computer="PC", action=action, register=register,
                           record_id=record_id, summary=summary, details=json.dumps(details or {}))
        s.add(entry)
        s.flush()
        return entry.id


def ids_for(db: Database, **kw: object) -> list[int]:
    with db.session() as s:
        return audit_ids(s, AuditFilter(**kw))  # type: ignore[arg-type]


@pytest.fixture
def dated(db: Database) -> dict[str, int]:
    """Five entries on three days, by two users, in two registers."""
    return {
        "a": add_entry(db, datetime(2026, 11, 23, 9, 0), "wang", "create", "persons", 1, "张三"),
        "b": add_entry(db, datetime(2026, 11, 24, 0, 0), "lixiao", "update", "persons", 2, "李四"),
        "c": add_entry(db, datetime(2026, 11, 24, 23, 59, 59, 900000), "wang", "delete", "party_members", 1, "张三"),
        "d": add_entry(db, datetime(2026, 11, 25, 8, 30), "lixiao", "import", "members", None, "党员台账：a_1%.xlsx"),
        "e": add_entry(db, datetime(2026, 11, 25, 10, 0), "lixiao", "login", "users", 5, "lixiao"),
    }


def test_newest_first_and_each_filter(db: Database, dated: dict[str, int]) -> None:
    a, b, c, d, e = (dated[k] for k in "abcde")
    everything = ids_for(db)
    assert everything[:5] == [e, d, c, b, a]
    assert ids_for(db, username="lixiao") == [e, d, b]
    assert ids_for(db, date_from=date(2026, 11, 24), date_to=date(2026, 11, 24)) == [c, b]  # the whole day
    assert ids_for(db, date_from=date(2026, 11, 25), date_to=date(2026, 11, 25)) == [e, d]
    assert ids_for(db, date_to=date(2026, 11, 23)) == [a]  # the seed rows were logged today
    assert ids_for(db, date_from=date(2026, 11, 26)) == [i for i in everything if i < a]
    assert ids_for(db, register="persons") == [b, a]
    assert ids_for(db, register="party_members") == [d, c]  # an import into the members ledger belongs there
    assert ids_for(db, register="persons", record_id=2) == [b]
    assert ids_for(db, action="delete") == [c]
    assert ids_for(db, text="张三") == [c, a]
    assert ids_for(db, text="_1%") == [d]  # LIKE wildcards typed are matched as themselves
    assert ids_for(db, text="1%x") == []
    assert ids_for(db, username="wang", register="party_members", action="delete", text="张") == [c]
    with db.session() as s:
        assert audit_ids(s, AuditFilter(), limit=2) == [e, d]
        assert {"wang", "lixiao", "系统"} <= set(usernames(s))
        assert registers_present(s)[:3] == ["persons", "party_members", "party_orgs"]
        assert "members" not in registers_present(s) and "" not in registers_present(s)


def test_an_update_reads_old_to_new_in_chinese_and_numbers_stay_masked(db: Database) -> None:
    db.actor = CLERK
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member("13812345678")).id
    with db.session() as s, s.begin():
        data = load_member_input(s, member_id)
        data.person.phone = "13900000000"
        data.person.address = "幸福路1号"
        data.org_id = 3
        data.category = "retired"
        save_member(s, data, member_id)
    db.actor = ADMIN
    with db.session() as s:
        (person,) = audit_rows(s, audit_ids(s, AuditFilter(action="update", register="persons")))
        (member,) = audit_rows(s, audit_ids(s, AuditFilter(action="update", register="party_members")))
    assert person.register == "人员" and member.register == "党员" and person.action == "修改"
    assert person.username == "lixiao" and person.computer == "OFFICE-PC\\staff" and person.summary == "张三"
    assert "联系电话：138****5678 → 139****0000" in person.detail_lines
    assert "家庭住址：（空） → 幸福路1号" in person.detail_lines
    assert "所在支部：第一党支部 → 第二党支部" in member.detail_lines
    assert "人员类别：在职 → 离退休" in member.detail_lines
    assert "13812345678" not in person.details_text and "13900000000" not in person.details_text
    assert person.details_text == "；".join(person.detail_lines)
    with db.session() as s:
        (create,) = audit_rows(s, audit_ids(s, AuditFilter(action="create", register="persons")))
    assert "姓名：张三" in create.detail_lines and "性别：男" in create.detail_lines
    assert f"身份证号：{ID[:6]}********{ID[-4:]}" in create.detail_lines and ID not in create.details_text
    assert "出生日期：1985年3月12日" in create.detail_lines
    with db.session() as s:
        (member_create,) = audit_rows(s, audit_ids(s, AuditFilter(action="create", register="party_members")))
    assert {"人员：张三", "所在支部：第一党支部", "入党时间：2010年7月1日"} <= set(member_create.detail_lines)


def test_a_delete_and_a_restore_say_so(db: Database) -> None:
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member()).id
    with db.session() as s, s.begin():
        recycle.delete(s, "members", [member_id])
    with db.session() as s, s.begin():
        recycle.restore(s, "members", [member_id])
    with db.session() as s:
        restored, deleted = audit_rows(s, audit_ids(s, AuditFilter(register="party_members"), limit=2))
    assert (deleted.action, deleted.detail_lines, deleted.record_id) == ("删除", ("移入回收站",), member_id)
    assert (restored.action, restored.detail_lines) == ("恢复", ("从回收站恢复",))


def test_an_import_reads_as_its_counts(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "入党时间", "转正时间", "所在支部"])
    wb.active.append(["张三", ID, "2010.07", "2011.07", "第一党支部"])
    wb.active.append(["李四", "123", "2010.07", "2011.07", "第一党支部"])
    wb.save(tmp_path / "党员.xlsx")
    rows = read_rows(tmp_path / "党员.xlsx")
    layout = find_layout(rows, LEDGERS["members"].synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        import_ledger(s, LEDGERS["members"], rows, layout, source="党员.xlsx")
    with db.session() as s:
        (row,) = audit_rows(s, audit_ids(s, AuditFilter(action="import")))
    assert row.register == "党员" and row.summary == "党员台账：党员.xlsx"
    assert row.detail_lines == ("文件：党员.xlsx", "共 2 行，导入 1 条，无效 1 条")
    counts = {"rows": 120, "imported": 115, "updated": 1, "invalid": 4, "duplicates": 0}
    assert detail_lines("import", "members", json.dumps(counts)) == ["共 120 行，导入 115 条，更新 1 条，无效 4 条"]
    counts |= {"unchanged": 3, "created": ["新成立的党支部"]}
    assert detail_lines("import", "members", json.dumps(counts)) == [
        "共 120 行，导入 115 条，更新 1 条，未变 3 条，无效 4 条", "新建：新成立的党支部"]


def test_role_change_and_odd_details(db: Database) -> None:
    assert detail_lines("role", "users", json.dumps({"role": ["clerk", "admin"]})) == ["角色：录入员 → 管理员"]
    assert detail_lines("update", "grid_workers", json.dumps({"households": [10, 12], "status": ["active", "left"]})) \
        == ["联系户数：10 → 12", "状态：在岗 → 离岗"]
    assert detail_lines("update", "persons", json.dumps({"shoe_size": [1, 2]})) == ["shoe_size：1 → 2"]
    assert detail_lines("update", "persons", "not json") == ["not json"]
    assert detail_lines("login", "users", "") == []
    assert detail_lines("print", "", json.dumps({"people": 3})) == ["涉及 3 人"]
    backup = {"file": "/u/b.sqlite3", "size": 3_250_000, "kind": "closing"}
    assert detail_lines("backup", "database", json.dumps(backup)) == [
        "文件：/u/b.sqlite3", "大小：3.1 MB", "方式：关闭时自动备份"]
    assert detail_lines("export", "party_members", json.dumps({"rows": 12, "masked": True, "file": "a.xlsx"})) \
        == ["导出 12 条", "号码隐藏：是", "文件：a.xlsx"]


def test_export_writes_the_filtered_rows_and_logs_itself(db: Database, tmp_path: Path,
                                                         dated: dict[str, int]) -> None:
    out = tmp_path / "操作日志.xlsx"
    db.actor = ADMIN
    with db.session() as s, s.begin():
        count = export_audit_log(s, AuditFilter(username="lixiao"), out)
    assert count == 3
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("时间", "用户", "计算机", "操作", "登记簿", "记录", "摘要", "详情")
    assert [r[1] for r in rows[1:]] == ["lixiao"] * 3
    assert rows[1][0] == datetime(2026, 11, 25, 10, 0) and rows[1][3] == "登录" and rows[1][4] == "账号"
    assert rows[2][4] == "党员" and rows[3][6] == "李四"
    assert sheet.column_dimensions["H"].width == 60
    assert sheet.column_dimensions["D"].width >= 2 * len("打印完整号码")  # a Chinese character is two widths
    assert not list(tmp_path.glob("*.part"))
    with db.session() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
    assert (entry.username, entry.register, entry.summary) == ("wang", "audit_log", "操作日志：操作日志.xlsx")
    assert json.loads(entry.details) == {"file": "操作日志.xlsx", "rows": 3}


def test_a_formula_in_a_summary_is_exported_as_text(db: Database, tmp_path: Path) -> None:
    add_entry(db, datetime(2026, 11, 25, 9, 0), summary="=HYPERLINK(\"http://x\")")
    with db.session() as s, s.begin():
        export_audit_log(s, AuditFilter(text="HYPERLINK"), tmp_path / "a.xlsx")
    cell = load_workbook(tmp_path / "a.xlsx").active["G2"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


def test_a_cancelled_export_writes_nothing(db: Database, tmp_path: Path, dated: dict[str, int]) -> None:
    with pytest.raises(InterruptedError), db.session() as s, s.begin():
        export_audit_log(s, AuditFilter(), tmp_path / "a.xlsx", cancelled=lambda: True)
    assert not list(tmp_path.glob("a.xlsx*"))
    assert ids_for(db, action="export") == []


def test_a_clerk_cannot_read_or_export_the_log(db: Database, tmp_path: Path) -> None:
    db.actor = CLERK
    with db.session() as s:
        with pytest.raises(PermissionDenied, match="查看操作日志"):
            audit_ids(s, AuditFilter())
        with pytest.raises(PermissionDenied):
            audit_rows(s, [1])
        with pytest.raises(PermissionDenied):
            usernames(s)
    with pytest.raises(PermissionDenied, match="录入员"), db.session() as s, s.begin():
        export_audit_log(s, AuditFilter(), tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()


def test_fast_on_200000_entries(db: Database) -> None:
    start = datetime(2026, 1, 1)
    rows = [{"at": start.replace(day=1 + i % 28, month=1 + i % 12), "username": f"user{i % 7}", "computer": "PC",
             "action": ("create", "update", "delete")[i % 3], "register": ("persons", "party_members")[i % 2],
             "record_id": i % 5000, "summary": f"居民{i}", "details": "{}"} for i in range(200_000)]
    with db.session() as s, s.begin():
        s.execute(insert(AuditEntry), rows)
    with db.session() as s:
        began = clock.perf_counter()
        assert len(audit_ids(s, AuditFilter())) >= 200_000
        assert len(audit_ids(s, AuditFilter(username="user3"))) == len(range(3, 200_000, 7))
        assert len(audit_ids(s, AuditFilter(register="persons", record_id=42))) == 40
        assert audit_ids(s, AuditFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)), limit=400)
        assert audit_ids(s, AuditFilter(text="居民1999"), limit=400)
        first_page = audit_rows(s, audit_ids(s, AuditFilter(username="user3"), limit=80))
        elapsed = clock.perf_counter() - began
    assert len(first_page) == 80
    assert elapsed < 2.0
