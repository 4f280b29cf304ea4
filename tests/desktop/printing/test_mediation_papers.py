"""Mediation papers read back: the agreement's required contents, one copy per party plus one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.database import Database
from db.mediation import CaseInput, FollowUpInput, PartyInput, save_case, save_follow_up
from db.printing_data import case_document
from desktop.printing.mediation_papers import build_agreement, build_follow_up_record, build_register_sheet

TODAY = date(2026, 11, 25)


@pytest.fixture
def case_number(db: Database) -> str:
    with db.session() as s, s.begin():
        case = save_case(s, CaseInput(
            received_on="2026-03-01", dispute_type="neighbour", facts="楼上漏水殃及楼下。", status="closed",
            result="success", closed_on="2026-03-10", agreement_terms="1. 赔偿修复费用八百元；\n2. 今后友好相处。",
            performance="三日内在社区调解室当面付清。",
            parties=[PartyInput("applicant", "王建国", "male", "汉族", "1970-03-01", phone="13800001111",
                                address="幸福路1号"),
                     PartyInput("respondent", "李秀英", "female", "汉族", occupation="教师")]), today=TODAY)
        save_follow_up(s, case.id, FollowUpInput("2026-04-01", "刘芳", performed="yes", action="上门回访"), today=TODAY)
        return case.number


def pages_text(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def test_agreement_has_one_copy_per_party_plus_one(db: Database, case_number: str, tmp_path: Path) -> None:
    with db.session() as s:
        case = case_document(s, case_number)
    out = tmp_path / "agreement.pdf"
    build_agreement(out, case, printed_on=TODAY)
    pages = pages_text(out)
    copies = [p for p in pages if "人民调解协议书" in p]
    assert len(copies) == 3
    assert "申请人王建国收执" in copies[0] and "被申请人李秀英收执" in copies[1] and "人民调解委员会存档" in copies[2]
    first = copies[0]
    for required in ("（2026）幸福调字第1号", "申请人：王建国，男，汉族，1970年3月1日出生", "13800001111",
                     "楼上漏水殃及楼下", "经调解，自愿达成如下协议", "赔偿修复费用八百元", "三日内在社区调解室当面付清",
                     "本协议一式三份，当事人、人民调解委员会各持一份", "签名、盖章或按指印", "人民调解员（签名）",
                     "（人民调解委员会印）"):
        assert required in first, required


def test_register_sheet_and_follow_up_record(db: Database, case_number: str, tmp_path: Path) -> None:
    with db.session() as s:
        case = case_document(s, case_number)
    build_register_sheet(tmp_path / "register.pdf", case)
    text = "".join(pages_text(tmp_path / "register.pdf"))
    for required in ("人民调解受理登记表", "幸福社区人民调解委员会", "2026年3月1日", "当事人申请", "邻里",
                     "王建国", "李秀英", "教师", "楼上漏水殃及楼下", "调解成功", "2026年3月10日"):
        assert required in text, required
    build_follow_up_record(tmp_path / "follow.pdf", case)
    text = "".join(pages_text(tmp_path / "follow.pdf"))
    for required in ("人民调解回访记录", "（2026）幸福调字第1号", "2026年4月1日", "刘芳", "已履行", "上门回访"):
        assert required in text, required


def test_unknown_case_number(db: Database) -> None:
    with db.session() as s, pytest.raises(LookupError, match="没有编号为"):
        case_document(s, "（2026）幸福调字第99号")
