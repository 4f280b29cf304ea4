"""The monthly summary's party-life figures (三会一课), worked out by hand, and their rows in the PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy.orm import Session

from db.database import Database
from db.models import Attendance, Meeting, PartyMember, Person
from db.summary import monthly_summary
from desktop.printing.summary import build_monthly_summary

FIRST, SECOND, GROUP = 2, 3, 4  # tests/seed.py: 第一党支部, 第二党支部, 第一党小组 (under 第一党支部)


def member(s: Session, name: str, org_id: int) -> int:
    m = PartyMember(person=Person(name=name, name_sort=name), org_id=org_id, member_type="full", name_sort=name)
    s.add(m)
    s.flush()
    return m.id


def meeting(s: Session, kind: str, org_id: int, held: str, lines: dict[int, str]) -> None:
    m = Meeting(kind=kind, org_id=org_id, held_at=datetime.fromisoformat(held))
    m.attendance = [Attendance(member_id=k, status=v) for k, v in lines.items()]
    s.add(m)


def build(db: Database) -> None:
    with db.session() as s, s.begin():
        a, b = member(s, "张三", FIRST), member(s, "李四", FIRST)
        c, d = member(s, "王五", GROUP), member(s, "赵六", SECOND)
        meeting(s, "branch_committee", FIRST, "2026-10-08 19:00", {a: "present", b: "absent", c: "leave"})
        meeting(s, "group_meeting", GROUP, "2026-10-15 19:00", {c: "present"})
        meeting(s, "lecture", FIRST, "2026-10-20 09:00", {a: "present", b: "leave"})
        meeting(s, "themed_day", SECOND, "2026-11-02 09:00", {d: "present"})  # November: not in October's figures
        meeting(s, "themed_day", SECOND, "2026-09-30 09:00", {d: "present"})  # nor September


def test_october_party_life_figures(db: Database) -> None:
    build(db)
    with db.session() as s:
        m = monthly_summary(s, 2026, 10)
    first, second = m.party_life_by_branch
    # 第一党支部 with its group: members 张三 李四 王五 = 3; three meetings held; required in a month:
    # 支委会 + 主题党日 (monthly, branch) + 党小组会 (monthly, group) = 3 (quarterly 党课 is not due in one month).
    # Lines: present 张三 ×2, 王五 = 3; leave 王五, 李四 = 2; absent 李四 = 1 → 3 / 6 = 50 %.
    # Took part: 张三, 王五 = 2 / 3; education (党课): 张三 = 1 / 3; absent all month: 李四.
    assert (first.scope_label, first.members, first.meetings_held, first.meetings_required) == ("第一党支部", 3, 3, 3)
    assert (first.attendance_rate, first.participation_rate, first.education_coverage) == (0.5, 2 / 3, 1 / 3)
    assert len(first.absent_member_ids) == 1
    # 第二党支部: 赵六 only, nothing in October: required 支委会 + 主题党日 = 2, no lines → no attendance rate.
    assert (second.members, second.meetings_held, second.meetings_required) == (1, 0, 2)
    assert (second.attendance_rate, second.participation_rate, second.education_coverage) == (None, 0, 0)
    # The community: 4 members, 3 held of 5 required, 3 / 6 present, 2 / 4 took part, 1 / 4 educated, 2 absent.
    whole = m.party_life
    assert whole is not None
    assert (whole.members, whole.meetings_held, whole.meetings_required) == (4, 3, 5)
    assert (whole.attendance_rate, whole.participation_rate, whole.education_coverage) == (0.5, 0.5, 0.25)
    assert len(whole.absent_member_ids) == 2


def test_the_summary_pdf_has_the_party_life_rows(db: Database, tmp_path: Path) -> None:
    build(db)
    with db.session() as s:
        m = monthly_summary(s, 2026, 10)
    out = tmp_path / "summary.pdf"
    build_monthly_summary(out, m, printed_on=date(2026, 11, 5))
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "")
    lines = text.splitlines()
    assert "二、组织生活（三会一课）" in text and "五、志愿服务" in text
    assert has_row(lines, ["支部", "党员", "应开会议", "已开会议", "出席率", "参与率", "教育覆盖率"])
    # branch, members, required, held, attendance, participation, coverage (percentages rounded)
    assert has_row(lines, ["第一党支部", "3", "3", "3", "50%", "67%", "33%"])
    assert has_row(lines, ["第二党支部", "1", "2", "0", "—", "0%", "0%"])
    assert has_row(lines, ["合计", "4", "5", "3", "50%", "50%", "25%"])
    assert "本月未参加组织生活的党员2人" in text


def has_row(lines: list[str], cells: list[str]) -> bool:
    """The row's cells on one line, in order (pypdf reads a row drawn as one line of text so),
    or on consecutive lines (a cell a line, as it reads a ReportLab Table)."""
    n = len(cells)
    return "".join(cells) in lines or any(lines[i:i + n] == cells for i in range(len(lines) - n + 1))
