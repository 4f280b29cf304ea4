"""Mediation cases: numbers per year without gaps, parties, rules, follow-ups, filters."""

from __future__ import annotations

from datetime import date

import pytest

from db import recycle
from db.database import Database
from db.mediation import (
    CaseFilter,
    CaseInput,
    FollowUpInput,
    PartyInput,
    case_ids,
    case_rows,
    follow_up_rows,
    load_case_input,
    save_case,
    save_follow_up,
)
from db.mediators import MediatorInput, mediator_choices, mediator_rows, save_mediator
from db.models import MediationCase
from db.office import set_setting
from db.people import PersonFields
from db.validation import ValidationErrors
from tests.db.test_members import make_id

TODAY = date(2026, 11, 25)


def parties() -> list[PartyInput]:
    return [PartyInput("applicant", "王建国", phone="13800001111"), PartyInput("respondent", "李秀英")]


def case(**overrides) -> CaseInput:
    values = dict(received_on="2026-03-01", dispute_type="neighbour", facts="楼上漏水", parties=parties())
    values.update(overrides)
    return CaseInput(**values)


def save(db: Database, data: CaseInput, case_id: int | None = None) -> int:
    with db.session() as s, s.begin():
        return save_case(s, data, case_id, today=TODAY).id


def numbers(db: Database) -> list[str]:
    with db.session() as s:
        return [r.number for r in case_rows(s, case_ids(s, CaseFilter()))]


def errors_of(db: Database, data: CaseInput) -> list[str]:
    with pytest.raises(ValidationErrors) as info:
        save(db, data)
    return [e.message for e in info.value.errors]


def test_numbers_per_year_without_gaps_even_after_a_delete(db: Database) -> None:
    first = save(db, case(received_on="2025-12-30"))
    save(db, case(received_on="2026-01-02"))
    second_2026 = save(db, case(received_on="2026-01-05"))
    with db.session() as s, s.begin():
        recycle.delete(s, "mediation", [second_2026])
    save(db, case(received_on="2026-02-01"))
    assert numbers(db) == ["（2026）幸福调字第3号", "（2026）幸福调字第1号", "（2025）幸福调字第1号"]
    save(db, case(received_on="2026-02-02"), first)  # editing never renumbers
    assert "（2025）幸福调字第1号" in numbers(db)


def test_prefix_comes_from_office_settings(db: Database) -> None:
    with db.session() as s, s.begin():
        set_setting(s, "case_number_prefix", "和平")
    save(db, case())
    assert numbers(db) == ["（2026）和平调字第1号"]


@pytest.mark.parametrize(
    ("overrides", "phrase"),
    [
        ({"received_on": ""}, "受理日期：必填"),
        ({"received_on": "2027-01-01"}, "受理日期：不能晚于今天"),
        ({"status": "closed", "result": "success", "closed_on": "2026-02-01"}, "结案日期：不能早于受理日期"),
        ({"status": "closed", "result": "in_progress", "closed_on": "2026-03-05"}, "调解结果：已结案的案件请选择"),
        ({"status": "closed", "result": "success"}, "结案日期：已结案的案件必须填写结案日期"),
        ({"status": "open", "result": "success"}, "调解结果：正在调解的案件还没有结果"),
        ({"dispute_type": "'; DROP TABLE mediation_cases;--"}, "纠纷类型：请从列表中选择"),
        ({"amount": "-5"}, "涉及金额：应为0或正数"),
        ({"amount": "很多"}, "涉及金额：应为数字"),
        ({"facts": "x" * 10_000}, "简要案情：不能超过"),
        ({"parties": [PartyInput("applicant", "王建国")]}, "当事人：至少需要一名申请人和一名被申请人"),
        ({"parties": [PartyInput("applicant", "王建国"), PartyInput("respondent", "")]}, "当事人2 姓名：必填"),
        ({"parties": [PartyInput("applicant", "王建国"), PartyInput("respondent", "李四", phone="123")]},
         "当事人2 联系电话：格式不正确"),
        ({"parties": [PartyInput("applicant", "王建国", id_number="110101199003071239"),
                      PartyInput("respondent", "李四")]}, "当事人1 身份证号：校验位不正确"),
    ],
)
def test_case_rules(db: Database, overrides: dict, phrase: str) -> None:
    assert any(phrase in m for m in errors_of(db, case(**overrides)))


def test_closed_case_and_parties_replaced_on_save(db: Database) -> None:
    case_id = save(db, case(status="closed", result="success", closed_on="2026-03-10", amount="1,200元"))
    data = case(parties=[PartyInput("applicant", "赵敏"), PartyInput("respondent", "周芷若"),
                         PartyInput("respondent", "张无忌")])
    save(db, data, case_id)
    with db.session() as s:
        number, loaded = load_case_input(s, case_id)
        assert [p.name for p in loaded.parties] == ["赵敏", "周芷若", "张无忌"]
        assert case_rows(s, [case_id])[0].parties == "赵敏 与 周芷若、张无忌"


def test_filters_and_search_by_party_initials(db: Database) -> None:
    save(db, case(received_on="2026-01-10", dispute_type="neighbour", tier="volunteer"))
    save(db, case(received_on="2026-05-10", dispute_type="marriage_family",
                  parties=[PartyInput("applicant", "单田芳"), PartyInput("respondent", "曾国藩")]))
    with db.session() as s:
        def listed(**f) -> list[str]:
            return [r.parties for r in case_rows(s, case_ids(s, CaseFilter(**f)))]

        assert listed(text="stf") == ["单田芳 与 曾国藩"]
        assert listed(text="wjg") == ["王建国 与 李秀英"]
        assert listed(text="幸福调字第2号") == ["单田芳 与 曾国藩"]
        assert listed(dispute_type="neighbour") == ["王建国 与 李秀英"]
        assert listed(tier="volunteer") == ["王建国 与 李秀英"]
        assert listed(received_from=date(2026, 2, 1), received_to=date(2026, 12, 31)) == ["单田芳 与 曾国藩"]
        assert listed(status="closed") == []


def test_follow_ups(db: Database) -> None:
    case_id = save(db, case(status="closed", result="success", closed_on="2026-03-10"))
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors, match="回访日期：不能早于结案日期"):
            save_follow_up(s, case_id, FollowUpInput("2026-03-05", "刘芳"), today=TODAY)
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors, match="回访人：必填"):
            save_follow_up(s, case_id, FollowUpInput("2026-04-01", ""), today=TODAY)
    with db.session() as s, s.begin():
        save_follow_up(s, case_id, FollowUpInput("2026-04-01", "刘芳", performed="partly"), today=TODAY)
    with db.session() as s:
        rows = follow_up_rows(s, case_id)
        assert [(f.visitor, f.performed) for f in rows] == [("刘芳", "partly")]
        assert case_rows(s, [case_id])[0].follow_ups == 1
    with db.session() as s, s.begin():
        recycle.delete(s, "follow_ups", [rows[0].id])
    with db.session() as s:
        assert follow_up_rows(s, case_id) == [] and case_rows(s, [case_id])[0].follow_ups == 0
        assert [d.title for d in recycle.deleted_records(s)] == ["（2026）幸福调字第1号 2026年4月1日"]
    with db.session() as s, s.begin():
        recycle.restore(s, "follow_ups", [rows[0].id])
    with db.session() as s:
        assert len(follow_up_rows(s, case_id)) == 1


def test_mediators(db: Database) -> None:
    with db.session() as s, s.begin():
        mediator = save_mediator(s, MediatorInput(PersonFields(name="吴法官", id_number=make_id("19700101", "111")),
                                                  tier="judge"), today=TODAY)
    case_id = save(db, case(tier="judge", mediator_id=mediator.id))
    with db.session() as s:
        assert mediator_choices(s) == [(mediator.id, "吴法官（社区法官）")]
        assert [(r.name, r.cases) for r in mediator_rows(s)] == [("吴法官", 1)]
        assert case_rows(s, [case_id])[0].mediator == "吴法官"


def test_an_application_awaits_acceptance_and_a_declined_one_says_why(db: Database) -> None:
    """待受理 has no result and no closing date; 不予受理 has its date and, in the notes, its reason."""
    assert errors_of(db, case(status="applied", result="success")) == ["调解结果：待受理的申请还没有调解结果"]
    assert errors_of(db, case(status="applied", closed_on="2026-03-02")) == ["结案日期：待受理的申请不应有结案日期"]
    assert errors_of(db, case(status="declined")) == ["结案日期：不予受理的申请请填写不予受理的日期",
                                                       "备注：请在备注中写明不予受理的理由"]
    applied = save(db, case(status="applied"))
    save(db, case(status="declined", closed_on="2026-03-03", notes="不属于人民调解受理范围"), applied)
    with db.session() as s:
        assert s.get(MediationCase, applied).status == "declined"
