"""Importing a mediation ledger (人民调解台账): one case per row, kept under its own number.

Applicants and respondents are written as names ("张三、李四"); the dispute type, tier and
result are matched to the vocabularies (with the variants ledgers use, 邻里矛盾 → 邻里); the
mediator is found by name among the mediators, or registered. Each case is saved with the
case form's rules (closed after received, a result for closed cases …).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.importing.layout import Layout
from db.importing.members import ImportResult, RowProblem
from db.importing.normalize import cell_text, loose_date
from db.mediation import CaseInput, PartyInput, parse_case_number, save_case
from db.mediators import MediatorInput, save_mediator
from db.models import MediationCase, Mediator, Person
from db.people import PersonFields
from db.validation import ValidationErrors, clean_multiline
from db.vocab import CASE_RESULTS, CASE_SOURCES, DISPUTE_TYPES, MEDIATION_TIERS

SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("案件编号", "编号", "案号", "调解编号"),
    "received_on": ("受理日期", "受理时间", "登记日期"),
    "source": ("案件来源", "来源"),
    "applicants": ("申请人", "申请人姓名", "当事人（申请人）"),
    "respondents": ("被申请人", "被申请人姓名", "当事人（被申请人）"),
    "dispute_type": ("纠纷类型", "纠纷类别", "案件类型"),
    "facts": ("简要案情", "案情", "纠纷简要情况", "主要事实"),
    "mediator": ("承办调解员", "调解员", "承办人"),
    "tier": ("调解层级", "层级", "调解级别"),
    "result": ("调解结果", "结果", "办理结果"),
    "closed_on": ("结案日期", "结案时间", "办结日期"),
    "requests": ("当事人请求", "请求事项", "申请事项"),
    "agreement_terms": ("协议内容", "调解协议内容", "协议主要内容"),
    "performance": ("履行情况", "协议履行情况"),
    "amount": ("涉及金额", "涉案金额", "涉及金额（元）", "金额"),
}
REQUIRED_COLUMNS = ("received_on", "applicants", "respondents")
MULTILINE = ("facts", "requests", "agreement_terms", "performance")  # numbered terms keep their lines


def _names(text: str) -> list[str]:
    return [n for n in re.split(r"[、,，;；/\s]+", text) if n]


def _date(value: object) -> date | None:
    loose = loose_date(value)
    return loose.as_date() if loose else None


class _Mediators:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_name = {name: mid for mid, name in session.execute(
            select(Mediator.id, Person.name).join(Person).where(Mediator.deleted_at.is_(None)))}

    def id_for(self, name: str, tier: str) -> int | None:
        if not name:
            return None
        if name not in self.by_name:
            self.by_name[name] = save_mediator(self.session, MediatorInput(PersonFields(name=name), tier=tier)).id
        return self.by_name[name]


def import_mediation(session: Session, rows: list[list[object]], layout: Layout, *, today: date | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ImportResult:
    result = ImportResult(rows=len(layout.data_rows))
    mediators = _Mediators(session)
    seen: dict[str, int] = {}
    registered = set(session.scalars(select(MediationCase.number)))
    for n, index in enumerate(layout.data_rows):
        if cancelled is not None and n % 200 == 0 and cancelled():
            raise InterruptedError("已取消")
        if progress is not None and n % 500 == 0:
            progress(n, len(layout.data_rows))
        raw = rows[index]
        text = {f: cell_text(raw[c]) if c < len(raw) else "" for f, c in layout.columns.items()}
        text |= {f: clean_multiline(raw[layout.columns[f]]) for f in MULTILINE
                 if f in layout.columns and layout.columns[f] < len(raw)}
        number = text.get("number", "")
        key = ""
        if number:
            try:
                key = parse_case_number(number)[2]
            except ValueError:
                key = number
            if key in seen:
                result.problems.append(RowProblem(index + 1, [f"案件编号：与第{seen[key]}行重复（{number}）"],
                                                  duplicate=True))
                continue
            seen[key] = index + 1
            if key in registered:
                result.problems.append(RowProblem(index + 1, [f"案件编号：{key} 已登记，未导入"], duplicate=True))
                continue
        problems: list[str] = []
        codes: dict[str, str] = {}
        for field, vocab, label, default in (("dispute_type", DISPUTE_TYPES, "纠纷类型", "other"),
                                             ("tier", MEDIATION_TIERS, "调解层级", "mediator"),
                                             ("result", CASE_RESULTS, "调解结果", "in_progress"),
                                             ("source", CASE_SOURCES, "案件来源", "application")):
            value = text.get(field, "")
            code = vocab.code_for(value) if value else default
            if code is None:
                problems.append(f"{label}：无法识别“{value}”")
                code = default
            codes[field] = code
        dates: dict[str, date | None] = {}
        for field, label in (("received_on", "受理日期"), ("closed_on", "结案日期")):
            try:
                dates[field] = _date(raw[layout.columns[field]]) if field in layout.columns else None
            except ValueError as exc:
                problems.append(f"{label}：{exc}")
                dates[field] = None
        parties = [PartyInput("applicant", n) for n in _names(text.get("applicants", ""))]
        parties += [PartyInput("respondent", n) for n in _names(text.get("respondents", ""))]
        closed = codes["result"] != "in_progress"
        data = CaseInput(received_on=dates["received_on"], source=codes["source"], dispute_type=codes["dispute_type"],
                         facts=text.get("facts", ""), requests=text.get("requests", ""),
                         agreement_terms=text.get("agreement_terms", ""), performance=text.get("performance", ""),
                         amount=text.get("amount") or None, tier=codes["tier"], status="closed" if closed else "open",
                         result=codes["result"], closed_on=dates["closed_on"], parties=parties)
        if problems:
            result.problems.append(RowProblem(index + 1, problems))
            continue
        try:
            data.mediator_id = mediators.id_for(text.get("mediator", ""), codes["tier"])
            with session.begin_nested():  # a refused case leaves nothing behind
                save_case(session, data, today=today, number=number or None)
            result.imported += 1
        except ValidationErrors as exc:
            result.problems.append(RowProblem(index + 1, [e.message for e in exc.errors]))
    return result.count_problems()
