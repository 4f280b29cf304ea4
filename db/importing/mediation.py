"""The mediation ledger (人民调解台账), declared into the import pipeline: one case per row,
kept under its own number.

Applicants and respondents are written as names ("张三、李四"); the dispute type, tier, source
and result are choice columns (合同纠纷, 劳动争议, 邻里矛盾 … all accepted: db.vocab); the mediator
is found by name among the mediators, or registered. Each case is checked and saved with the
case form's rules (closed after received, a result for closed cases …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db.importing.normalize import loose_date
from db.importing.pipeline import Checked, Column, Context, Identity, Register, Row, RowRefused
from db.mediation import CaseInput, PartyInput, clean_case, parse_case_number, save_case
from db.mediators import MediatorInput, save_mediator
from db.models import MediationCase, MediationParty, Mediator, Person
from db.people import PersonFields
from db.validation import FieldError, ValidationErrors, check_person_name
from db.vocab import CASE_RESULTS, CASE_SOURCES, DISPUTE_TYPES, MEDIATION_TIERS

COLUMNS = (
    Column("number", ("案件编号", "编号", "案号", "调解编号")),
    Column("received_on", ("受理日期", "受理时间", "登记日期"), required=True),
    Column("source", ("案件来源", "来源"), CASE_SOURCES),
    Column("applicants", ("申请人", "申请人姓名", "当事人（申请人）"), required=True),
    Column("respondents", ("被申请人", "被申请人姓名", "当事人（被申请人）"), required=True),
    Column("dispute_type", ("纠纷类型", "纠纷类别", "案件类型"), DISPUTE_TYPES),
    Column("facts", ("简要案情", "案情", "纠纷简要情况", "主要事实"), multiline=True),
    Column("mediator", ("承办调解员", "调解员", "承办人")),
    Column("tier", ("调解层级", "层级", "调解级别"), MEDIATION_TIERS),
    Column("result", ("调解结果", "结果", "办理结果"), CASE_RESULTS),
    Column("closed_on", ("结案日期", "结案时间", "办结日期")),
    Column("requests", ("当事人请求", "请求事项", "申请事项"), multiline=True),
    Column("agreement_terms", ("协议内容", "调解协议内容", "协议主要内容"), multiline=True),
    Column("performance", ("履行情况", "协议履行情况"), multiline=True),
    Column("amount", ("涉及金额", "涉案金额", "涉及金额（元）", "金额")),
)
# Names are listed with 、，, ；; or spaces between them. A slash is not a list: "张三/李四"
# is refused at the name rather than silently read as two people.
_NAME_SEPARATORS = re.compile(r"[、,，;；\s]+")


@dataclass(slots=True)
class CaseRecord:
    data: CaseInput
    number: str  # as the ledger writes it ("" for the next free number)
    key: str  # the number in its stored form, for finding it twice
    mediator: str
    same: tuple  # its day and parties, for finding a case without a number twice


def _names(text: str) -> list[str]:
    return [n for n in _NAME_SEPARATORS.split(text) if n]


def _date(row: Row, field: str, label: str, problems: list[str]) -> date | None:
    try:
        loose = loose_date(row.cell(field))
    except ValueError as exc:
        problems.append(f"{label}：{exc}")
        return None
    return loose.as_date() if loose else None


def _case_key(received_on: date | None, parties: list[tuple[str, str]]) -> tuple:
    """A case without a number is known by its day and its parties."""
    return (received_on, tuple(sorted(n for r, n in parties if r == "applicant")),
            tuple(sorted(n for r, n in parties if r == "respondent")))


def _registered_cases(ctx: Context, data: list[Row]) -> set[tuple]:
    """The day-and-parties keys of the live cases received on the ledger's days, so that a
    ledger without case numbers imported a second time adds nothing."""
    days = sorted({day for row in data if (day := _date(row, "received_on", "", [])) is not None})
    parties: dict[int, tuple[date, list[tuple[str, str]]]] = {}
    for start in range(0, len(days), 500):
        for case_id, received_on, role, name in ctx.session.execute(
                select(MediationCase.id, MediationCase.received_on, MediationParty.role, MediationParty.name)
                .join(MediationParty, MediationParty.case_id == MediationCase.id)
                .where(MediationCase.deleted_at.is_(None), MediationCase.received_on.in_(days[start:start + 500]))):
            parties.setdefault(case_id, (received_on, []))[1].append((role, name))
    return {_case_key(day, named) for day, named in parties.values()}


def _prepare(ctx: Context, data: list[Row]) -> None:
    ctx.cache["registered"] = set(ctx.session.scalars(select(MediationCase.number)))
    ctx.cache["registered_keys"] = _registered_cases(ctx, data)
    ctx.cache["mediators"] = {name: mid for mid, name in ctx.session.execute(
        select(Mediator.id, Person.name).join(Person).where(Mediator.deleted_at.is_(None)))}


def _check(ctx: Context, row: Row) -> CaseRecord:
    number = row.text.get("number", "")
    key = ""
    if number:
        try:
            key = parse_case_number(number)[2]
        except ValueError:
            key = number
        if key in ctx.cache["registered"]:
            raise RowRefused(f"案件编号：{key} 已登记，未导入", duplicate=True)
    problems: list[str] = []
    received_on = _date(row, "received_on", "受理日期", problems)
    closed_on = _date(row, "closed_on", "结案日期", problems)
    # An unrecognised result is already the row's problem; taking it as "in progress" would add
    # a second, false one (a closing date on an open case) whenever the case was closed.
    unrecognised = bool(row.text.get("result")) and row.codes.get("result") is None
    result = row.code("result", "success" if unrecognised and closed_on else "in_progress")
    parties = [PartyInput("applicant", n) for n in _names(row.text.get("applicants", ""))]
    parties += [PartyInput("respondent", n) for n in _names(row.text.get("respondents", ""))]
    data = CaseInput(received_on=received_on, source=row.code("source", "application"),
                     dispute_type=row.code("dispute_type", "other"), facts=row.text.get("facts", ""),
                     requests=row.text.get("requests", ""), agreement_terms=row.text.get("agreement_terms", ""),
                     performance=row.text.get("performance", ""), amount=row.text.get("amount") or None,
                     tier=row.code("tier", "mediator"), status="open" if result == "in_progress" else "closed",
                     result=result, closed_on=closed_on, parties=parties)
    if row.text.get("mediator"):
        try:
            check_person_name(row.text["mediator"], "mediator", "承办调解员")
        except FieldError as exc:
            problems.append(exc.message)
    if problems:
        raise RowRefused(*problems)
    _, cleaned_parties = clean_case(ctx.session, data, ctx.today)  # the form's rules, naming the fields
    same = _case_key(received_on, [(p["role"], p["name"]) for p in cleaned_parties])
    if not number and same in ctx.cache["registered_keys"]:
        raise RowRefused("已登记（同一受理日期、同样的申请人和被申请人），未导入", duplicate=True)
    return CaseRecord(data, number, key, row.text.get("mediator", ""), same)


def _identity(record: CaseRecord) -> Identity:
    if record.key:
        return Identity(record.key, f"同一案件（案件编号 {record.number}）")
    return Identity(record.same, "同一案件（受理日期和当事人相同）")


def _mediator_id(ctx: Context, name: str, tier: str) -> int | None:
    mediators: dict[str, int] = ctx.cache["mediators"]
    if not name:
        return None
    if name not in mediators:
        mediators[name] = save_mediator(ctx.session, MediatorInput(PersonFields(name=name), tier=tier)).id
    return mediators[name]


def _write(ctx: Context, checked: list[Checked]) -> None:
    for n, entry in enumerate(checked):
        if n % 100 == 0 and ctx.options.cancelled is not None and ctx.options.cancelled():
            raise InterruptedError("已取消")
        record: CaseRecord = entry.item
        known = record.mediator in ctx.cache["mediators"]
        try:
            with ctx.session.begin_nested():  # a refused case leaves nothing behind, its mediator included
                record.data.mediator_id = _mediator_id(ctx, record.mediator, record.data.tier)
                save_case(ctx.session, record.data, today=ctx.today, number=record.number or None)
            ctx.result.imported += 1
        except ValidationErrors as exc:
            if not known:  # the mediator registered for it went with the case
                ctx.cache["mediators"].pop(record.mediator, None)
            ctx.result.refuse(entry.row.number, *[e.message for e in exc.errors])


REGISTER = Register("mediation", "人民调解台账", COLUMNS, _check, _write, identity=_identity, prepare=_prepare)
