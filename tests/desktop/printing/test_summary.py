"""The monthly summary: figures worked out by hand on a small data set, and the PDF with its chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from db.database import Database
from db.mediation import CaseInput, PartyInput, save_case
from db.members import MemberInput, save_member
from db.models import PartyOrg
from db.people import PersonFields
from db.service_logs import ActivityInput, AttendeeInput, save_activity
from db.summary import monthly_summary
from db.volunteers import VolunteerInput, save_volunteer
from desktop.printing.summary import build_monthly_summary
from tests.db.test_members import make_id

TODAY = date(2026, 11, 25)


def parties() -> list[PartyInput]:
    return [PartyInput("applicant", "王甲"), PartyInput("respondent", "李乙")]


def test_figures_and_pdf(db: Database, tmp_path: Path) -> None:
    with db.session() as s, s.begin():
        first = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党支部"))
        group = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党小组"))
        save_member(s, MemberInput(PersonFields("张三", id_number=make_id("19800101", "111")), org_id=first,
                                   admitted_on="2005-01-01", full_on="2006-01-01"), today=TODAY)
        save_member(s, MemberInput(PersonFields("李四", id_number=make_id("19800101", "222")), org_id=group,
                                   member_type="probationary", admitted_on="2025-06-01"), today=TODAY)
        cases = (("2026-10-02", "neighbour", "closed", "success", "2026-10-09"),
                 ("2026-10-12", "neighbour", "closed", "failed", "2026-10-20"),
                 ("2026-10-20", "property_mgmt", "open", "in_progress", ""),
                 ("2026-09-30", "neighbour", "closed", "success", "2026-10-01"))  # received before October
        for received, dispute, status, result, closed in cases:
            save_case(s, CaseInput(received_on=received, dispute_type=dispute, status=status, result=result,
                                   closed_on=closed, parties=parties()), today=TODAY)
        a = save_volunteer(s, VolunteerInput(PersonFields("赵六", id_number=make_id("19900101", "333")))).id
        b = save_volunteer(s, VolunteerInput(PersonFields("钱七", id_number=make_id("19900101", "444")))).id
        save_activity(s, ActivityInput("环境整治", "2026-10-05", attendees=[AttendeeInput(a, 3), AttendeeInput(b, 2)]),
                      today=TODAY)
        save_activity(s, ActivityInput("反诈宣传", "2026-10-18", attendees=[AttendeeInput(a, 1.5)]), today=TODAY)
        save_activity(s, ActivityInput("义诊", "2026-11-02", attendees=[AttendeeInput(b, 4)]), today=TODAY)
    with db.session() as s:
        m = monthly_summary(s, 2026, 10)
    assert m.members_by_branch == [("第一党支部", 1, 1)]  # the party group counts under its branch
    assert m.total_members == 2 and m.overdue_probation == 1  # admitted 2025-06-01, no 转正 by 2026-10-31
    neighbour = next(f for f in m.cases_by_type if f.label == "邻里")
    assert (neighbour.received, neighbour.succeeded, neighbour.closed) == (2, 1, 2) and neighbour.success_rate == 0.5
    assert [(f.label, f.received) for f in m.cases_by_type] == [("邻里", 2), ("物业", 1)]
    assert m.hours_by_project == [("环境整治", 5.0, 2), ("反诈宣传", 1.5, 1)] and m.total_hours == 6.5
    assert m.top_volunteers[0][0] == "赵六" and m.top_volunteers[0][2] == 4.5

    out = tmp_path / "summary.pdf"
    build_monthly_summary(out, m, printed_on=TODAY)
    reader = PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    for required in ("幸福社区2026年10月工作统计", "第一党支部", "预备期满未转正 1 人", "邻里", "50%", "累计 6.5 小时",
                     "环境整治", "赵六", "志愿服务时长（小时）"):
        assert required in text, required
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert not any("Helvetica" in f for f in fonts)
