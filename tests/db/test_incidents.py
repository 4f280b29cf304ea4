"""Incidents (issue 16, point 3): the state machine step by step with who, when and a note; the
steps that cannot be taken, each refused in one sentence; deadlines in working days with 预警
and 超期; duplicates suggested; a 矛盾纠纷 made a mediation case, linked both ways."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from db.database import Database
from db.incidents import (
    IncidentError,
    IncidentInput,
    add_working_days,
    close_unrated,
    deadline_state,
    possible_duplicates,
    report_incident,
    take_step,
    to_mediation_case,
)
from db.mediation import PartyInput
from db.models import Incident, MediationCase
from db.validation import ValidationErrors
from tests.db.test_housing import block  # noqa: F401 (a fixture)

MONDAY = datetime(2026, 11, 30, 9, 0)


def report(db: Database, block: dict[str, int], **overrides: Any) -> int:  # noqa: F811
    values = dict(grid_id=block["grid"], building_id=block["building"], category="hazard", subject="楼道堆放杂物",
                  reporter="王大爷", reporter_phone="13800001111")
    values.update(overrides)
    with db.session() as s, s.begin():
        return report_incident(s, IncidentInput(**values), at=MONDAY).id


def step(db: Database, incident: int, action: str, **kwargs: Any) -> Incident:
    kwargs.setdefault("at", MONDAY)
    with db.session() as s, s.begin():
        found = take_step(s, incident, action, **kwargs)
        s.expunge(found)
        return found


def history(db: Database, incident: int) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return [(e.action, e.to_state, e.note) for e in s.get_one(Incident, incident).events]


def test_working_days_skip_the_weekend() -> None:
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday + 1 → Monday
    assert add_working_days(date(2026, 11, 30), 2) == date(2026, 12, 2)


def test_from_report_to_rating(db: Database, block: dict[str, int]) -> None:  # noqa: F811
    incident = report(db, block)
    with db.session() as s:
        assert s.get_one(Incident, incident).number == "2026-0001"
    accepted = step(db, incident, "accept", note="已核实")
    assert (accepted.state, accepted.due_on) == ("accepted", date(2026, 12, 2))  # a hazard: two working days
    assert deadline_state(accepted, date(2026, 11, 30)) == ""
    assert deadline_state(accepted, date(2026, 12, 1)) == "warning"  # the working day before
    assert deadline_state(accepted, date(2026, 12, 3)) == "overdue"
    with pytest.raises(ValidationErrors, match="承办人或部门：必填"):
        step(db, incident, "dispatch")
    step(db, incident, "dispatch", assignee="物业公司")
    with pytest.raises(ValidationErrors, match="退回须写明理由"):
        step(db, incident, "send_back")
    back = step(db, incident, "send_back", note="不属于物业职责")
    assert (back.state, back.assignee) == ("accepted", "")
    step(db, incident, "dispatch", assignee="社区消防站")
    step(db, incident, "start")
    later = step(db, incident, "extend", note="等待清运车辆")
    assert later.due_on == date(2026, 12, 9)  # five working days from the deadline of Wednesday 12-02
    step(db, incident, "supervise", note="主任督办")
    done = step(db, incident, "finish", note="杂物已清理")
    assert done.supervised and done.state == "done" and deadline_state(done, date(2026, 12, 30)) == ""
    with pytest.raises(ValidationErrors, match="群众评价"):
        step(db, incident, "rate", rating="很好")
    assert step(db, incident, "rate", rating="satisfied").state == "rated"
    assert [a for a, _, _ in history(db, incident)] == [
        "report", "accept", "dispatch", "send_back", "dispatch", "start", "extend", "supervise", "finish", "rate"]
    with pytest.raises(IncidentError, match="现在是“已评价”，不能办结"):
        step(db, incident, "finish", note="再办一次")


def test_rejected_duplicate_and_closed_unrated(db: Database, block: dict[str, int]) -> None:  # noqa: F811
    first = report(db, block)
    second = report(db, block, subject="楼道杂物又堆上了")
    with db.session() as s:
        assert [i.id for i in possible_duplicates(s, block["building"], "hazard", date(2026, 12, 1),
                                                  exclude=second)] == [first]
        assert possible_duplicates(s, block["building"], "request", date(2026, 12, 1)) == []
        assert possible_duplicates(s, block["building"], "hazard", date(2026, 12, 20)) == []  # over 14 days
    with pytest.raises(ValidationErrors, match="请选择它重复的那个事件"):
        step(db, second, "mark_duplicate", duplicate_of=second)
    assert step(db, second, "mark_duplicate", duplicate_of=first).state == "duplicate"
    third = report(db, block, category="suggestion", subject="建议增加路灯")
    with pytest.raises(ValidationErrors, match="不予受理须写明理由"):
        step(db, third, "reject")
    assert step(db, third, "reject", note="不属于社区事务").state == "rejected"
    step(db, first, "accept")
    step(db, first, "dispatch", assignee="物业公司")
    step(db, first, "finish", note="已清理")
    with pytest.raises(ValidationErrors, match="办结满7天仍未评价"):
        step(db, first, "close")
    with db.session() as s, s.begin():
        assert close_unrated(s, date(2026, 12, 6)) == 0
        assert close_unrated(s, date(2026, 12, 7)) == 1
    assert history(db, first)[-1][:2] == ("close", "closed")


def test_a_dispute_becomes_a_mediation_case(db: Database, block: dict[str, int]) -> None:  # noqa: F811
    dispute = report(db, block, category="dispute", subject="楼上漏水", description="楼上漏水，多次协商未果")
    other = report(db, block)
    parties = [PartyInput("applicant", "王大爷"), PartyInput("respondent", "李四")]
    with db.session() as s, s.begin(), pytest.raises(IncidentError, match="只有“矛盾纠纷”"):
        to_mediation_case(s, other, parties)
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors, match="至少需要一名申请人和一名被申请人"):
        to_mediation_case(s, dispute, parties[:1], today=date(2026, 12, 1))
    with db.session() as s, s.begin():
        case_id = to_mediation_case(s, dispute, parties, today=date(2026, 12, 1))
    with db.session() as s:
        case = s.get_one(MediationCase, case_id)
        incident = s.get_one(Incident, dispute)
        assert incident.case_id == case_id and case.facts == "楼上漏水，多次协商未果"
        assert incident.number in case.notes and incident.events[-1].action == "to_case"
    with db.session() as s, s.begin(), pytest.raises(IncidentError, match="已经转为调解案件"):
        to_mediation_case(s, dispute, parties)


def test_a_report_is_checked(db: Database, block: dict[str, int]) -> None:  # noqa: F811
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        report_incident(s, IncidentInput(grid_id=None, category="fire", subject="", household_id=10**40,
                                         reporter_phone="110"))
    assert [str(e) for e in info.value.errors] == [
        "所在网格：请选择事件所在的网格", "事件类别：请从列表中选择", "事件标题：必填",
        "反映人电话：格式不正确（手机号为11位数字，固定电话如 0379-12345678）",
        "涉及户：所选记录已不存在或在回收站中，请重新选择"]


def test_stats_count_the_grid_work(db: Database, block: dict[str, int]) -> None:  # noqa: F811
    from db.stats import register_counts

    first = report(db, block)
    report(db, block, subject="楼道灯坏了")
    step(db, first, "accept")
    with db.session() as s:
        counts = register_counts(s, date(2026, 12, 1))
    assert (counts["buildings"], counts["households"], counts["incidents"]) == (1, 1, 2)
    assert (counts["incidents_reported"], counts["incidents_accepted"], counts["incidents_closed"]) == (1, 1, 0)
