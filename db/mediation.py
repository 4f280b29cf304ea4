"""Mediation cases: numbers, parties, rules, follow-ups, and the queries behind the tab.

Case numbers read （2026）幸福调字第5号: the year the case was received, the committee's
prefix (an office setting), and a sequence per year that never has gaps and never reuses a
number — deleted cases keep theirs, since the paper file already carries it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import search_keys
from db.listing import Sort, fetch_ids, load_rows, ordered, search_rank, text_condition
from db.models import FollowUp, MediationCase, MediationParty, Mediator, Person
from db.office import get_setting
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_code,
    check_date_order,
    check_free_text,
    check_id_number,
    check_number,
    check_person_name,
    check_phone,
    clean_text,
    is_id,
    parse_date,
)
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    FOLLOW_UP_PERFORMED,
    GENDERS,
    MEDIATION_TIERS,
    PARTY_ROLES,
    RELAPSE_RISK,
    SATISFACTION,
)

MAX_AMOUNT = 1_000_000_000


def format_case_number(year: int, prefix: str, seq: int) -> str:
    return f"（{year}）{prefix}调字第{seq}号"


def next_case_seq(session: Session, year: int) -> int:
    """Take the next number for the year in the session's community (db.counters: gap-free, and
    safe with two PCs saving at once). Deleted cases keep theirs, so numbers are never reused;
    a case imported with its own number moves the counter past it (at_least)."""
    from db.counters import take_next

    highest = session.scalar(select(func.max(MediationCase.seq)).where(MediationCase.year == year)) or 0
    return take_next(session, "mediation_case", year, at_least=highest + 1)


@dataclass
class PartyInput:
    role: str = "applicant"
    name: str = ""
    gender: str | None = None
    ethnicity: str = ""
    birth_date: date | str | None = None
    id_number: str = ""
    occupation: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class CaseInput:
    received_on: date | str | None = None
    source: str = "application"
    dispute_type: str = "neighbour"
    facts: str = ""
    requests: str = ""
    tier: str = "mediator"
    mediator_id: int | None = None
    status: str = "open"
    result: str = "in_progress"
    closed_on: date | str | None = None
    agreement_terms: str = ""
    performance: str = ""
    amount: float | str | None = None
    notes: str = ""
    parties: list[PartyInput] = field(default_factory=list)


def clean_party(raw: PartyInput, who: str = "") -> dict:
    """A party's clean fields, or ValidationErrors keyed by the party's own field names.

    `who` prefixes the labels ("当事人2 "), so inside a case the messages say which party.
    """
    errors = ErrorCollector()
    values = {
        "role": raw.role,
        "name": errors.check(check_person_name, raw.name, "name", f"{who}姓名"),
        "gender": raw.gender or None,
        "ethnicity": errors.check(check_free_text, raw.ethnicity, "ethnicity", f"{who}民族", max_len=20) or "",
        "birth_date": errors.check(parse_date, raw.birth_date, "birth_date", f"{who}出生日期", allow_future=False),
        "occupation": errors.check(check_free_text, raw.occupation, "occupation", f"{who}职业", max_len=50) or "",
        "phone": errors.check(check_phone, raw.phone, "phone", f"{who}联系电话") or "",
        "address": errors.check(check_free_text, raw.address, "address", f"{who}住址或单位", max_len=200) or "",
    }
    errors.check(check_code, raw.role, PARTY_ROLES, "role", f"{who}身份", "请选择申请人或被申请人")
    if values["gender"] is not None:
        values["gender"] = errors.check(check_code, values["gender"], GENDERS, "gender", f"{who}性别",
                                        "请选择“男”或“女”")
    info = errors.check(check_id_number, raw.id_number, birth_date=values["birth_date"], gender=values["gender"],
                        label=f"{who}身份证号")
    values["id_number"] = info.number if info else None
    if info is not None:
        values["birth_date"] = values["birth_date"] or info.birth_date
        values["gender"] = values["gender"] or info.gender
    errors.raise_if_any()
    return values


def _amount(raw: float | str | None, errors: ErrorCollector) -> float | None:
    """Yuan to the fen; "1,200元" as written in a ledger too."""
    value = clean_text(raw).replace(",", "").replace("元", "") if isinstance(raw, str) else raw
    return errors.check(check_number, value, "amount", "涉及金额", 0, MAX_AMOUNT, format_problem="应为数字（元）",
                        range_problem=f"应为0或正数，不超过{MAX_AMOUNT // 100_000_000}亿元")


def clean_case(session: Session, raw: CaseInput, today: date | None = None) -> tuple[dict, list[dict]]:
    errors = ErrorCollector()
    v: dict = {}
    v["received_on"] = errors.check(parse_date, raw.received_on, "received_on", "受理日期", allow_future=False,
                                    today=today)
    if v["received_on"] is None and not errors.has("received_on"):
        errors.add(FieldError("received_on", "受理日期", "必填"))
    for attr, vocab, label in (("source", CASE_SOURCES, "案件来源"), ("dispute_type", DISPUTE_TYPES, "纠纷类型"),
                               ("tier", MEDIATION_TIERS, "调解层级"), ("status", CASE_STATUSES, "案件状态"),
                               ("result", CASE_RESULTS, "调解结果")):
        v[attr] = errors.check(check_code, getattr(raw, attr), vocab, attr, label)
    if raw.mediator_id is not None and (not is_id(raw.mediator_id) or session.get(Mediator, raw.mediator_id) is None):
        errors.add(FieldError("mediator_id", "调解员", "所选调解员已不存在"))
    v["mediator_id"] = raw.mediator_id
    v["closed_on"] = errors.check(parse_date, raw.closed_on, "closed_on", "结案日期", allow_future=False, today=today)
    errors.check(check_date_order, v["received_on"], v["closed_on"], "closed_on", "结案日期", "受理日期")
    if raw.status == "closed":
        if raw.result == "in_progress":
            errors.add(FieldError("result", "调解结果", "已结案的案件请选择调解成功、调解不成或终止调解"))
        if v["closed_on"] is None and not errors.has("closed_on"):
            errors.add(FieldError("closed_on", "结案日期", "已结案的案件必须填写结案日期"))
    elif raw.status in ("open", "applied"):
        if raw.result != "in_progress":
            problem = ("正在调解的案件还没有结果；有结果请把状态改为“已结案”" if raw.status == "open"
                       else "待受理的申请还没有调解结果")
            errors.add(FieldError("result", "调解结果", problem))
        if v["closed_on"] is not None:
            state = "正在调解的案件" if raw.status == "open" else "待受理的申请"
            errors.add(FieldError("closed_on", "结案日期", f"{state}不应有结案日期"))
    elif raw.status == "declined":
        if raw.result != "in_progress":
            errors.add(FieldError("result", "调解结果", "不予受理的申请没有调解结果（请保持“正在调解”）"))
        if v["closed_on"] is None and not errors.has("closed_on"):
            errors.add(FieldError("closed_on", "结案日期", "不予受理的申请请填写不予受理的日期"))
        if not clean_text(raw.notes if isinstance(raw.notes, str) else ""):
            errors.add(FieldError("notes", "备注", "请在备注中写明不予受理的理由"))
    for attr, label, limit in (("facts", "简要案情", 4000), ("requests", "申请事项", 2000),
                               ("agreement_terms", "协议内容", 4000), ("performance", "履行方式、地点、期限", 1000),
                               ("notes", "备注", 2000)):
        v[attr] = errors.check(check_free_text, getattr(raw, attr), attr, label, max_len=limit, multiline=True) or ""
    v["amount"] = _amount(raw.amount, errors)
    parties = []
    for i, party in enumerate(raw.parties, start=1):
        try:
            parties.append(clean_party(party, f"当事人{i} "))
        except ValidationErrors as exc:
            errors.errors.extend(FieldError("parties", e.label, e.problem) for e in exc.errors)
    roles = {p.role for p in raw.parties if isinstance(p.role, str)}
    if not {"applicant", "respondent"} <= roles:
        errors.add(FieldError("parties", "当事人", "至少需要一名申请人和一名被申请人"))
    errors.raise_if_any()
    return v, parties


def case_search_text(number: str, parties: list[dict], facts: str) -> str:
    """What a case is found by: its number, its parties' names (with their pinyin), numbers and
    the start of its facts. (Also used by the migration that recomputes stored keys.)"""
    keys = [number]
    for p in parties:
        keys.append(search_keys.search_text(p["name"] or "", id_number=p["id_number"] or "", phone=p["phone"]))
    keys.append(facts[:100])
    return search_keys.SEPARATOR.join(k.lower() for k in keys if k)


CASE_NUMBER = re.compile(r"[（(]([0-9]{4})[）)](.{0,8}?)调字第([0-9]{1,6})号")  # ASCII digits: "\d" takes ١٢


def parse_case_number(text: str) -> tuple[int, int, str]:
    """（2026）南调字第001号 → (2026, 1, the number as written); ValueError when it is not one.

    The year must be 1900–2100 and the sequence 1–999999, as a case received then can have.
    """
    m = CASE_NUMBER.fullmatch(clean_text(text).replace(" ", "")) if isinstance(text, str) else None
    if not m or not 1900 <= int(m.group(1)) <= 2100 or int(m.group(3)) == 0:
        raise ValueError("not a case number")
    year, prefix, seq = int(m.group(1)), m.group(2), int(m.group(3))
    return year, seq, f"（{year}）{prefix}调字第{m.group(3)}号"


def save_case(session: Session, raw: CaseInput, case_id: int | None = None, today: date | None = None,
              number: str | None = None) -> MediationCase:
    """Create or update a case with its parties (replaced as a whole) in the caller's transaction.

    A new case gets the next number of its year, unless `number` (an imported ledger's own
    number, checked for its form and for being free) is given.
    """
    values, parties = clean_case(session, raw, today)
    case = session.get(MediationCase, case_id) if is_id(case_id) else None
    if case_id is not None and case is None:
        raise ValidationErrors([FieldError("received_on", "案件", "该案件已不存在，请刷新后重试")])
    _station_takes_applications_only(session, values["status"], case)
    if case is None and number:
        try:
            year, seq, text = parse_case_number(number)
        except ValueError:
            written = f"“{clean_text(number)[:30]}”，" if isinstance(number, str) else ""
            problem = f"格式不正确（{written}应如（2026）X调字第1号）"
            raise ValidationErrors([FieldError("number", "案件编号", problem)]) from None
        clash = session.scalar(select(MediationCase.id).where(
            (MediationCase.number == text) | ((MediationCase.year == year) & (MediationCase.seq == seq))))
        if clash is not None:
            raise ValidationErrors([FieldError("number", "案件编号", f"{text} 已登记")])
        case = MediationCase(year=year, seq=seq, number=text)
        session.add(case)
    if case is None:
        from db.exchange.numbers import provisional_case, station_prefix

        year = values["received_on"].year
        if (prefix := station_prefix(session)) is not None:  # numbered at the office (db.exchange.numbers)
            seq, text = provisional_case(session, prefix, year)
            case = MediationCase(year=year, seq=seq, number=text)
        else:
            seq = next_case_seq(session, year)
            case = MediationCase(year=year, seq=seq,
                                 number=format_case_number(year, get_setting(session, "case_number_prefix"), seq))
        session.add(case)
    for attr, value in values.items():
        setattr(case, attr, value)
    case.parties = [MediationParty(sort_order=i, **p) for i, p in enumerate(parties)]
    case.search_text = case_search_text(case.number, parties, values["facts"])
    session.flush()
    return case


def _station_takes_applications_only(session: Session, status: str, case: MediationCase | None) -> None:
    """A service station records applications (待受理); accepting one, mediating and closing it
    are the office's (受理 stays at the office): at a station a new case is an application, and
    a case's status is what the office made it. This holds for every path that saves a case."""
    from db.exchange.numbers import station_prefix

    if station_prefix(session) is None:
        return
    if case is None and status != "applied":
        raise ValidationErrors([FieldError("status", "案件状态", "服务站只能登记调解申请（待受理），受理由办公室办理")])
    if case is not None and status != case.status:
        problem = "服务站不能改变案件状态：受理、调解和结案由办公室办理"
        raise ValidationErrors([FieldError("status", "案件状态", problem)])


def load_case_input(session: Session, case_id: int) -> tuple[str, CaseInput]:
    """The case number and the stored case as form input."""
    c = session.get_one(MediationCase, case_id)
    parties = [PartyInput(p.role, p.name, p.gender, p.ethnicity, p.birth_date, p.id_number or "", p.occupation,
                          p.phone, p.address) for p in c.parties]
    return c.number, CaseInput(
        received_on=c.received_on, source=c.source, dispute_type=c.dispute_type, facts=c.facts,
        requests=c.requests, tier=c.tier, mediator_id=c.mediator_id, status=c.status, result=c.result,
        closed_on=c.closed_on, agreement_terms=c.agreement_terms, performance=c.performance,
        amount="" if c.amount is None else f"{c.amount:g}", notes=c.notes, parties=parties,
    )


# --- follow-ups --------------------------------------------------------------------------------

@dataclass
class FollowUpInput:
    visited_on: date | str | None = None
    visitor: str = ""
    performed: str = "yes"
    satisfaction: str = "satisfied"
    relapse_risk: str = "low"
    action: str = ""
    notes: str = ""


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    visited_on: date
    visitor: str
    performed: str
    satisfaction: str
    relapse_risk: str
    action: str


def save_follow_up(session: Session, case_id: int, raw: FollowUpInput, follow_up_id: int | None = None,
                   today: date | None = None) -> FollowUp:
    case = session.get(MediationCase, case_id) if is_id(case_id) else None
    if case is None:
        raise ValidationErrors([FieldError("visited_on", "案件", "该案件已不存在，请刷新后重试")])
    follow_up = session.get(FollowUp, follow_up_id) if is_id(follow_up_id) else None
    if follow_up_id is not None and follow_up is None:
        raise ValidationErrors([FieldError("visited_on", "回访记录", "该回访记录已不存在，请刷新后重试")])
    errors = ErrorCollector()
    visited = errors.check(parse_date, raw.visited_on, "visited_on", "回访日期", allow_future=False, today=today)
    if visited is None and not errors.has("visited_on"):
        errors.add(FieldError("visited_on", "回访日期", "必填"))
    start, start_label = (case.closed_on, "结案日期") if case.closed_on else (case.received_on, "受理日期")
    errors.check(check_date_order, start, visited, "visited_on", "回访日期", start_label)
    for attr, vocab, label in (("performed", FOLLOW_UP_PERFORMED, "履行情况"), ("satisfaction", SATISFACTION, "满意度"),
                               ("relapse_risk", RELAPSE_RISK, "反复风险")):
        errors.check(check_code, getattr(raw, attr), vocab, attr, label)
    visitor = errors.check(check_free_text, raw.visitor, "visitor", "回访人", max_len=30, required=True) or ""
    action = errors.check(check_free_text, raw.action, "action", "采取措施", max_len=2000, multiline=True) or ""
    notes = errors.check(check_free_text, raw.notes, "notes", "回访情况", max_len=2000, multiline=True) or ""
    errors.raise_if_any()
    if follow_up is None:
        follow_up = FollowUp(case=case)
        session.add(follow_up)
    follow_up.visited_on, follow_up.visitor = visited, visitor  # type: ignore[assignment]
    follow_up.performed, follow_up.satisfaction, follow_up.relapse_risk = raw.performed, raw.satisfaction, \
        raw.relapse_risk
    follow_up.action, follow_up.notes = action, notes
    session.flush()
    return follow_up


def load_follow_up_input(session: Session, follow_up_id: int) -> FollowUpInput:
    f = session.get_one(FollowUp, follow_up_id)
    return FollowUpInput(f.visited_on, f.visitor, f.performed, f.satisfaction, f.relapse_risk, f.action, f.notes)


def follow_up_rows(session: Session, case_id: int) -> list[FollowUpRow]:
    rows = session.scalars(select(FollowUp).where(FollowUp.case_id == case_id, FollowUp.deleted_at.is_(None))
                           .order_by(FollowUp.visited_on))
    return [FollowUpRow(f.id, f.visited_on, f.visitor, f.performed, f.satisfaction, f.relapse_risk, f.action)
            for f in rows]


# --- list queries ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    dispute_type: str | None = None
    tier: str | None = None
    status: str | None = None
    received_from: date | None = None
    received_to: date | None = None


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    received_on: date
    source: str
    dispute_type: str
    parties: str
    tier: str
    mediator: str
    status: str
    result: str
    closed_on: date | None
    follow_ups: int


SORT_KEYS = {
    "number": MediationCase.year * 100000 + MediationCase.seq, "received_on": MediationCase.received_on,
    "dispute_type": MediationCase.dispute_type, "tier": MediationCase.tier, "status": MediationCase.status,
    "closed_on": MediationCase.closed_on,
}


def case_ids(session: Session, f: CaseFilter, sort: Sort = Sort()) -> list[int]:  # noqa: B008
    stmt = select(MediationCase.id).where(MediationCase.deleted_at.is_(None))
    if (cond := text_condition(f.text, MediationCase.search_text)) is not None:
        stmt = stmt.where(cond)
    for attr in ("dispute_type", "tier", "status"):
        if value := getattr(f, attr):
            stmt = stmt.where(getattr(MediationCase, attr) == value)
    if f.received_from is not None:
        stmt = stmt.where(MediationCase.received_on >= f.received_from)
    if f.received_to is not None:
        stmt = stmt.where(MediationCase.received_on <= f.received_to)
    if not sort.key:
        sort = Sort("", descending=True)  # newest cases first (number, the default key)
    rank = search_rank(f.text, MediationCase.search_text)
    return fetch_ids(session, ordered(stmt, sort, SORT_KEYS, "number", MediationCase.id, rank))


def parties_summary(parties: Sequence[MediationParty]) -> str:
    """"王某、李某 与 赵某": applicants and respondents, as the register sheet names them."""
    applicants = "、".join(p.name for p in parties if p.role == "applicant")
    respondents = "、".join(p.name for p in parties if p.role == "respondent")
    return f"{applicants} 与 {respondents}" if applicants and respondents else applicants or respondents


def _fetch_case_rows(session: Session, ids: Sequence[int]) -> dict[int, CaseRow]:
    parties: dict[int, list[MediationParty]] = {}
    for p in session.scalars(select(MediationParty).where(MediationParty.case_id.in_(ids))
                             .order_by(MediationParty.sort_order)):
        parties.setdefault(p.case_id, []).append(p)
    follow_ups = dict(session.execute(select(FollowUp.case_id, func.count())
                                      .where(FollowUp.case_id.in_(ids), FollowUp.deleted_at.is_(None))
                                      .group_by(FollowUp.case_id)).all())
    rows = {}
    stmt = (select(MediationCase, Person.name).outerjoin(Mediator, MediationCase.mediator_id == Mediator.id)
            .outerjoin(Person, Mediator.person_id == Person.id).where(MediationCase.id.in_(ids)))
    for c, mediator_name in session.execute(stmt):
        rows[c.id] = CaseRow(
            id=c.id, number=c.number, received_on=c.received_on, source=c.source, dispute_type=c.dispute_type,
            parties=parties_summary(parties.get(c.id, [])), tier=c.tier, mediator=mediator_name or "",
            status=c.status, result=c.result, closed_on=c.closed_on, follow_ups=follow_ups.get(c.id, 0),
        )
    return rows


def case_rows(session: Session, ids: Sequence[int]) -> list[CaseRow]:
    return load_rows(session, ids, _fetch_case_rows)


@dataclass(frozen=True)
class CaseTexts:
    """What a case says beyond its register line: for the Excel export, which must import back."""

    facts: str
    requests: str
    agreement_terms: str
    performance: str
    amount: float | None


def case_texts(session: Session, ids: Sequence[int]) -> dict[int, CaseTexts]:
    found: dict[int, CaseTexts] = {}
    for start in range(0, len(ids), 500):
        for c in session.scalars(select(MediationCase).where(MediationCase.id.in_(ids[start:start + 500]))):
            found[c.id] = CaseTexts(c.facts, c.requests, c.agreement_terms, c.performance,
                                    float(c.amount) if c.amount is not None else None)
    return found
