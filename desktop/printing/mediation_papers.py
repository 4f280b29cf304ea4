"""Mediation papers (人民调解文书格式, 2010): register sheet, agreement, follow-up record.

The agreement carries what 人民调解法 第29条 requires: number, the parties' details, the facts,
disputed matters and responsibilities, the terms agreed, how/where/by when they are
performed, "本协议一式N份，当事人、人民调解委员会各持一份", signature or fingerprint lines for
each party, the mediator's signature, the committee's seal and the date. One copy is printed
per party plus one for the committee, each marked with who keeps it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from db.printing_data import CaseDocument, PartyDetails
from db.validation import format_date_cn
from desktop.printing.document import BODY_TEXT, PLAIN, RIGHT, SUBTITLE, TITLE, form_table, para, write_document
from desktop.printing.fonts import register_fonts

CN_DIGITS = "零一二三四五六七八九十"
FORM_WIDTH = 170 * mm


def _count_cn(n: int) -> str:
    return CN_DIGITS[n] if n <= 10 else str(n)


def _age(party: PartyDetails, on: date) -> str:
    if party.birth_date is None:
        return ""
    years = on.year - party.birth_date.year - ((on.month, on.day) < (party.birth_date.month, party.birth_date.day))
    return f"{years}岁"


def party_line(p: PartyDetails) -> str:
    """申请人：王建国，男，汉族，1970年3月1日出生，职员，住幸福路1号，联系电话13800001111。"""
    details = [p.gender, p.ethnicity, f"{format_date_cn(p.birth_date)}出生" if p.birth_date else "", p.occupation,
               f"住（单位）{p.address}" if p.address else "", f"联系电话{p.phone}" if p.phone else ""]
    return f"{p.role}：{p.name}，" + "，".join(d for d in details if d) + "。"


# --- 受理登记表 ---------------------------------------------------------------------------------

def build_register_sheet(out: Path, case: CaseDocument, *, printed_on: date | None = None,
                         font_file: Path | None = None) -> None:
    register_fonts(font_file)  # before any Paragraph is made: they look the font up at once
    printed_on = printed_on or date.today()
    w = FORM_WIDTH
    rows: list[list[str]] = [
        ["受理日期", format_date_cn(case.received_on), "案件来源", case.source],
        ["纠纷类型", case.dispute_type, "调解层级", case.tier],
    ]
    for p in case.parties:
        rows.append([p.role, f"{p.name}　{p.gender}　{p.ethnicity}　{_age(p, case.received_on)}", "联系电话", p.phone])
        rows.append(["职业", p.occupation, "住址或单位", p.address])
    first_long = len(rows)
    rows += [["简要案情", case.facts, "", ""], ["申请事项", case.requests, "", ""],
             ["调解员", case.mediator, "受理人签名", ""],
             ["调解结果", case.result, "结案日期", format_date_cn(case.closed_on)]]
    spans = [((1, first_long), (3, first_long)), ((1, first_long + 1), (3, first_long + 1))]
    heights = [None] * len(rows)
    heights[first_long] = 120
    heights[first_long + 1] = 60
    story: list[Flowable] = [
        para("人民调解受理登记表", TITLE), para(case.committee, SUBTITLE), para(f"编号：{case.number}", RIGHT),
        Spacer(1, 3 * mm),
        form_table(rows, [0.16 * w, 0.39 * w, 0.16 * w, 0.29 * w], label_columns=(0, 2), spans=spans,
                   min_heights=heights),  # type: ignore[arg-type]
    ]
    write_document(out, story, title=f"受理登记表 {case.number}", printed_on=printed_on, font_file=font_file)


# --- 调解协议书 ----------------------------------------------------------------------------------

def agreement_copies(case: CaseDocument) -> list[str]:
    """Who keeps each printed copy: every party, then the committee."""
    return [f"{p.role}{p.name}收执" for p in case.parties] + ["人民调解委员会存档"]


def _agreement(case: CaseDocument, keeper: str, copies: int) -> list[Flowable]:
    story: list[Flowable] = [para(f"（{keeper}）", RIGHT), para("人民调解协议书", TITLE),
                             para(f"编号：{case.number}", RIGHT), Spacer(1, 2 * mm)]
    story += [para(party_line(p), PLAIN) for p in case.parties]
    story += [Spacer(1, 2 * mm), para("纠纷主要事实、争议事项及各方责任：", PLAIN),
              para(case.facts or "（未填写）", BODY_TEXT)]
    if case.requests:
        story.append(para(f"申请事项：{case.requests}", BODY_TEXT))
    story += [para("经调解，自愿达成如下协议：", PLAIN)]
    terms = [t.strip() for t in case.agreement_terms.splitlines() if t.strip()] or ["（未填写）"]
    story += [para(t, BODY_TEXT) for t in terms]
    story += [para("履行方式、地点、期限：", PLAIN), para(case.performance or "（未填写）", BODY_TEXT),
              para(f"本协议一式{_count_cn(copies)}份，当事人、人民调解委员会各持一份。", BODY_TEXT),
              para("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。",
                   BODY_TEXT),
              Spacer(1, 6 * mm)]
    signatures = [para(f"{p.role}（签名、盖章或按指印）：________________", PLAIN) for p in case.parties]
    signatures += [para("人民调解员（签名）：________________", PLAIN), para("记录人（签名）：________________", PLAIN),
                   Spacer(1, 6 * mm), para("（人民调解委员会印）", RIGHT), para("______年____月____日", RIGHT)]
    story.append(CondPageBreak(70 * mm))
    story.append(KeepTogether(signatures))
    return story


def build_agreement(out: Path, case: CaseDocument, *, printed_on: date | None = None,
                    font_file: Path | None = None) -> None:
    """The agreement, one copy per party plus one for the committee, each starting a new page."""
    register_fonts(font_file)
    keepers = agreement_copies(case)
    story: list[Flowable] = []
    for i, keeper in enumerate(keepers):
        if i:
            story.append(PageBreak())
        story += _agreement(case, keeper, len(keepers))
    write_document(out, story, title=f"人民调解协议书 {case.number}", printed_on=printed_on or date.today(),
                   font_file=font_file)


# --- 回访记录 ------------------------------------------------------------------------------------

def build_follow_up_record(out: Path, case: CaseDocument, *, printed_on: date | None = None,
                           font_file: Path | None = None) -> None:
    """One record per visit (a blank one when there is none yet, to fill in by hand)."""
    register_fonts(font_file)
    w = FORM_WIDTH
    parties = "、".join(f"{p.name}（{p.role}）" for p in case.parties)
    visits = case.follow_ups or [None]
    story: list[Flowable] = []
    for i, visit in enumerate(visits):
        if i:
            story.append(PageBreak())
        rows = [
            ["当事人", parties, "", ""],
            ["协议编号", case.number, "纠纷类型", case.dispute_type],
            ["回访日期", format_date_cn(visit.visited_on) if visit else "", "回访人", visit.visitor if visit else ""],
            ["协议履行情况", visit.performed if visit else "", "当事人满意度", visit.satisfaction if visit else ""],
            ["纠纷反复风险", visit.relapse_risk if visit else "", "", ""],
            ["回访情况", visit.notes if visit else "", "", ""],
            ["采取措施", visit.action if visit else "", "", ""],
            ["当事人意见（签名）", "", "", ""],
        ]
        spans = [((1, r), (3, r)) for r in (0, 4, 5, 6, 7)]
        heights = [None, None, None, None, None, 110, 80, 60]
        story += [para("人民调解回访记录", TITLE), para(case.committee, SUBTITLE), Spacer(1, 3 * mm),
                  form_table(rows, [0.18 * w, 0.32 * w, 0.18 * w, 0.32 * w], label_columns=(0, 2), spans=spans,
                             min_heights=heights)]  # type: ignore[arg-type]
    write_document(out, story, title=f"回访记录 {case.number}", printed_on=printed_on or date.today(),
                   font_file=font_file)
