"""Audit entries made readable: field labels, values and record names in Chinese.

db.audit writes each change as JSON keyed by column name, with values as stored: codes, ids,
ISO dates. They become words here, when an entry is shown or exported, not when it is written,
so entries written by earlier versions read as well as new ones: 党员：丁辉勇, not member_id: 240;
所在支部：第一党支部; 日期：2025年1月14日; 状态：正常; 已报到：是.

Labels come from the words the office already uses: the ledgers' headers as the importers know
them (db.importing, per table and field), the form labels of party life, the office settings'
labels; FIELD_LABELS holds only the fields no ledger has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Executable, select
from sqlalchemy.orm import Session

from db import data_settings, office
from db.importing.registers import LEDGERS
from db.models import (
    Attendance,
    BankAccount,
    BankEntry,
    BankGoods,
    BankRule,
    Base,
    Building,
    CareTag,
    FollowUp,
    Grid,
    GridWorker,
    Household,
    Incident,
    MediationCase,
    Mediator,
    Meeting,
    PartnerShop,
    PartyMember,
    PartyOrg,
    Person,
    PointEntry,
    PointRule,
    RatingIndicator,
    Redemption,
    Resident,
    Room,
    ServiceActivity,
    ServiceLog,
    Visit,
    Volunteer,
)
from db.party_life.meetings import LENGTHS as MEETING_TEXT_FIELDS
from db.validation import format_date_cn
from db.vocab import (
    ATTENDANCE,
    BANK_CATEGORIES,
    BANK_ENTRY_KINDS,
    BANK_SOURCES,
    BUILDING_KINDS,
    CAP_PERIODS,
    CASE_STATUSES,
    CLAIM_STATES,
    FOLLOW_UP_PERFORMED,
    GENDERS,
    HOUSEHOLD_REGISTRATIONS,
    INCIDENT_ACTIONS,
    INCIDENT_CATEGORIES,
    INCIDENT_STATES,
    MEDIATION_TIERS,
    MEETING_KINDS,
    ORG_KINDS,
    PARTY_ROLES,
    POLITICAL_STATUSES,
    RELAPSE_RISK,
    RELATIONS,
    RESIDENCE_KINDS,
    ROLES,
    ROOM_USES,
    SATISFACTION,
    SCHEDULE_PERIODS,
    VOLUNTEER_KINDS,
    VOLUNTEER_STATUSES,
    WORKER_STATUSES,
    Vocabulary,
)

# The tables a ledger's columns are written to (a column counts where the table has that field).
LEDGER_TABLES = {
    "members": ("persons", "party_members"), "grid-workers": ("grids", "grid_workers"),
    "mediation": ("mediation_cases",), "volunteer-hours": ("volunteers", "service_activities", "service_logs"),
}

# Fields no ledger names (or names differently per table), as the forms label them.
FIELD_LABELS = {
    "name": "姓名", "grid_id": "所在网格", "org_id": "所在支部", "person_id": "人员", "notes": "备注",
    "probation_extended_months": "延长预备期（月）", "category_since": "类别起始日期", "transferred_in_on": "转入日期",
    "reported": "已报到", "reported_on": "报到日期", "reported_employer": "报到单位", "deleted_at": "删除时间",
    "code": "编号", "kind": "类别", "parent_id": "上级组织", "sort_order": "排序", "role": "岗位", "status": "状态",
    "since": "任职日期", "skills": "特长", "available_times": "可服务时间", "service_areas": "服务领域",
    "organisation": "所在单位", "registered_on": "注册日期", "mediator_id": "调解员", "year": "年度", "seq": "序号",
    "case_id": "案件", "occupation": "职业", "visited_on": "回访日期", "visitor": "回访人", "performed": "履行情况",
    "satisfaction": "满意度", "relapse_risk": "再次纠纷风险", "action": "后续措施", "confirmed_by": "确认人",
    "description": "活动内容", "activity_id": "活动", "volunteer_id": "志愿者", "username": "用户名",
    "display_name": "姓名", "active": "启用", "key": "项目", "value": "内容", "file": "文件", "masked": "号码隐藏",
    "backup": "备份文件", "safety_backup": "恢复前的备份", "size": "大小", "member_id": "党员", "meeting_id": "会议",
    "grid_worker_id": "网格员", "indicator_id": "评分指标", "on": "日期", "rule_code": "积分项目", "points": "分值",
    "reason": "事由", "entered_by": "录入人", "attendance": "出席情况",
}
REGISTER_FIELD_LABELS: dict[str, dict[str, str]] = {
    "buildings": {"name": "楼栋", "kind": "楼栋类型", "units": "单元数", "floors": "层数", "address": "地址"},
    "rooms": {"building_id": "楼栋", "unit": "单元", "floor": "楼层", "number": "门牌号", "purpose": "房屋用途"},
    "households": {"head_id": "户主", "registration": "户别", "phone": "联系电话", "room_id": "门牌"},
    "residents": {"household_id": "所在户", "relation": "与户主关系", "residence": "常住或流动",
                  "hukou_place": "户籍地", "political_status": "政治面貌"},
    "care_tags": {"name": "关爱对象类别", "sensitive": "敏感", "visit_months": "走访间隔（月）"},
    "resident_tags": {"resident_id": "居民", "tag_id": "关爱对象类别"},
    "visits": {"visited_on": "走访日期", "visitor_id": "走访人", "household_id": "走访户", "place": "走访地点",
               "companions": "同行人员", "found": "发现情况", "follow_up": "需要跟进"},
    "incidents": {"number": "事件编号", "building_id": "楼栋", "household_id": "涉及户", "place": "地点",
                  "category": "事件类别", "subject": "事件标题", "description": "事件描述", "reported_at": "上报时间",
                  "reporter": "反映人", "reporter_phone": "反映人电话", "visit_id": "来自走访", "state": "处置状态",
                  "assignee": "承办人或部门", "due_on": "办理期限", "supervised": "督办", "rating": "群众评价",
                  "duplicate_of_id": "重复于", "case_id": "调解案件"},
    "incident_events": {"incident_id": "事件", "at": "时间", "action": "操作", "from_state": "原状态",
                        "to_state": "新状态", "by": "操作人", "note": "说明"},
    "party_orgs": {"name": "组织名称", "kind": "组织类型"},
    "grids": {"name": "网格名称", "households": "户数"},
    "grid_workers": {"households": "联系户数"},
    "volunteers": {"number": "志愿者编号", "kind": "志愿者类别"},
    "mediation_cases": {"number": "案件编号", "status": "案件状态"},
    "mediation_parties": {"role": "身份", "id_number": "证件号码"},
    "users": {"role": "角色"},
    "meetings": {"kind": "会议类型", "org_id": "党组织", "held_at": "会议时间", "minutes": "会议纪要",
                 **{key: label for key, (label, _length) in MEETING_TEXT_FIELDS.items()}},
    "attendance": {"status": "出席情况", "reason": "请假事由"},
    "point_rules": {"code": "规则代码", "label": "名称", "max_points": "最高分值"},
    "meeting_schedules": {"kind": "会议类型", "org_kind": "组织类型", "org_id": "党组织", "period": "周期",
                          "times": "每期次数"},
    "rating_indicators": {"name": "评分指标", "max_score": "满分"},
    "rating_scores": {"org_id": "党组织", "score": "得分", "note": "说明"},
    "copy_identity": {"name": "副本名称", "kind": "副本类型", "office_uuid": "所属办公室", "journaling": "记录改动",
                      "applying_from": "正在导入的来源", "station_registers": "服务站可录入的登记簿",
                      "points_allowance": "离线兑换额度"},
    "exchange_peers": {"peer_uuid": "对方编号", "name": "对方名称", "kind": "对方类型", "sent_up_to": "已发送至",
                       "acked_up_to": "对方已确认至", "received_up_to": "已接收至", "peer_clock": "对方时钟",
                       "received_tip": "最后收到的改动", "asks_resend": "请对方重发", "resend_all": "下次全部重发",
                       "numbers_masked": "号码已隐藏", "points_allowance": "离线兑换额度"},
    "exchange_conflicts": {"table_name": "登记簿", "row_uuid": "记录编号", "field": "项目",
                           "office_value": "办公室的值", "station_value": "服务站的值", "station_uuid": "服务站编号",
                           "station_name": "服务站", "station_changed_at": "服务站修改时间",
                           "station_by": "服务站修改人", "office_by": "办公室修改人",
                           "office_changed_at": "办公室修改时间", "found_at": "发现时间", "resolved_at": "处理时间",
                           "resolution": "处理结果"},
    "record_aliases": {"table_name": "登记簿", "alias_uuid": "原记录编号", "uuid": "合并后的记录编号"},
    "bank_accounts": {"person_id": "持有人", "household_id": "持有户", "opened_on": "开户日期"},
    "bank_entries": {"account_id": "积分账户", "kind": "摘要", "points": "积分", "category": "积分类别",
                     "rule_id": "积分项目", "source": "来源", "source_id": "来源记录", "hours": "服务时长",
                     "reverses_id": "冲正的记录", "approved_by": "审核人", "station": "服务站", "at": "时间"},
    "bank_rules": {"name": "积分项目", "category": "积分类别", "points": "分值", "cap": "上限",
                   "cap_period": "上限周期"},
    "bank_claims": {"person_id": "申报对象", "rule_id": "积分项目", "deed": "事迹", "happened_on": "发生日期",
                    "points": "分值", "state": "申报状态", "claimed_by": "申报人", "reviewed_by": "审核人",
                    "posted_on": "公示日期", "notice_days": "公示天数", "note": "审核意见或异议",
                    "entry_id": "入账记录"},
    "bank_goods": {"name": "物品名称", "unit": "单位", "price": "兑换积分", "tracks_stock": "计库存"},
    "stock_moves": {"goods_id": "物品", "quantity": "数量", "kind": "类别", "redemption_id": "兑换", "note": "说明",
                    "by": "经办人", "at": "时间"},
    "partner_shops": {"name": "商家名称", "contact": "联系人", "phone": "联系电话", "address": "地址"},
    "redemption_lines": {"redemption_id": "兑换", "goods_id": "物品", "name": "物品名称", "quantity": "数量",
                         "price": "兑换积分"},
    "redemptions": {"number": "凭证号", "account_id": "积分账户", "shop_id": "合作商家", "station": "服务站",
                    "at": "兑换时间", "by": "经办人", "points": "积分", "entry_id": "积分记录"},
    "bank_overdrafts": {"account_id": "积分账户", "station": "服务站", "balance": "当时余额", "found_at": "发现时间",
                        "handled_by": "处理人", "handled_at": "处理时间", "note": "处理说明"},
}
FIELD_VOCABULARIES: dict[str, Vocabulary] = {
    "gender": GENDERS, "tier": MEDIATION_TIERS, "performed": FOLLOW_UP_PERFORMED, "satisfaction": SATISFACTION,
    "relapse_risk": RELAPSE_RISK,
}
REGISTER_VOCABULARIES: dict[str, dict[str, Vocabulary]] = {
    "buildings": {"kind": BUILDING_KINDS},
    "rooms": {"purpose": ROOM_USES},
    "households": {"registration": HOUSEHOLD_REGISTRATIONS},
    "residents": {"relation": RELATIONS, "residence": RESIDENCE_KINDS, "political_status": POLITICAL_STATUSES},
    "incidents": {"category": INCIDENT_CATEGORIES, "state": INCIDENT_STATES, "rating": SATISFACTION},
    "incident_events": {"action": INCIDENT_ACTIONS, "from_state": INCIDENT_STATES, "to_state": INCIDENT_STATES},
    "mediators": {"status": WORKER_STATUSES},
    "mediation_cases": {"status": CASE_STATUSES},
    "mediation_parties": {"role": PARTY_ROLES},
    "volunteers": {"kind": VOLUNTEER_KINDS, "status": VOLUNTEER_STATUSES},
    "party_orgs": {"kind": ORG_KINDS},
    "users": {"role": ROLES},
    "meetings": {"kind": MEETING_KINDS},
    "meeting_schedules": {"kind": MEETING_KINDS, "org_kind": ORG_KINDS, "period": SCHEDULE_PERIODS},
    "attendance": {"status": ATTENDANCE},
    "bank_entries": {"kind": BANK_ENTRY_KINDS, "category": BANK_CATEGORIES, "source": BANK_SOURCES},
    "bank_rules": {"category": BANK_CATEGORIES, "cap_period": CAP_PERIODS},
    "bank_claims": {"state": CLAIM_STATES},
}
SETTING_LABELS = {**office.LABELS, **data_settings.LABELS}
EMPTY = "（空）"
NOT_LISTED = "未登记"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$")
_BARE_ID = re.compile(r"^#\d+$")


def _ledger_words() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], Vocabulary],
                             dict[str, str], dict[str, Vocabulary]]:
    """The ledgers' headers and choice lists: per (table, field), and per field where every
    ledger naming that field agrees (status is 党籍 in one ledger and 在岗 in another: neither)."""
    labels: dict[tuple[str, str], str] = {}
    vocabs: dict[tuple[str, str], Vocabulary] = {}
    field_labels: dict[str, set[str]] = {}
    field_vocabs: dict[str, set[Vocabulary | None]] = {}
    for key, tables in LEDGER_TABLES.items():
        for column in LEDGERS[key].columns:
            for table in tables:
                if column.field not in Base.metadata.tables[table].c:
                    continue
                labels.setdefault((table, column.field), column.label)
                field_labels.setdefault(column.field, set()).add(column.label)
                field_vocabs.setdefault(column.field, set()).add(column.choices)
                if column.choices is not None:
                    vocabs.setdefault((table, column.field), column.choices)
    agreed_labels = {f: next(iter(words)) for f, words in field_labels.items() if len(words) == 1}
    agreed_vocabs = {f: v for f, found in field_vocabs.items() if len(found) == 1 and (v := next(iter(found)))}
    return labels, vocabs, agreed_labels, agreed_vocabs


LEDGER_LABELS, LEDGER_VOCABULARIES, LEDGER_FIELD_LABELS, LEDGER_FIELD_VOCABULARIES = _ledger_words()


def field_label(register: str, key: str) -> str:
    """The Chinese label of a table's field; the key itself for one nobody named."""
    return (REGISTER_FIELD_LABELS.get(register, {}).get(key) or LEDGER_LABELS.get((register, key))
            or FIELD_LABELS.get(key) or LEDGER_FIELD_LABELS.get(key) or key)


def field_vocabulary(register: str, key: str) -> Vocabulary | None:
    return (REGISTER_VOCABULARIES.get(register, {}).get(key) or LEDGER_VOCABULARIES.get((register, key))
            or FIELD_VOCABULARIES.get(key) or LEDGER_FIELD_VOCABULARIES.get(key))


# --- what ids and codes are called --------------------------------------------------------------

Query = Callable[[Iterable[Any]], Executable]  # values → rows of (value, name or title parts…)

def _meeting_title(held_at: Any, kind: str, topic: str) -> str:
    return " ".join(p for p in (format_date_cn(held_at.date()), MEETING_KINDS.label(kind), topic) if p)


def _person_of(model: Any) -> Query:
    return lambda ids: (select(model.id, Person.name).join(Person, model.person_id == Person.id)
                        .where(model.id.in_(ids)))


def _column(id_column: Any, name_column: Any) -> Query:
    return lambda ids: select(id_column, name_column).where(id_column.in_(ids))


# field → query giving (value, name) for the values asked; the values are ids but for rule_code.
NAME_QUERIES: dict[str, Query] = {
    "org_id": _column(PartyOrg.id, PartyOrg.name),
    "parent_id": _column(PartyOrg.id, PartyOrg.name),
    "grid_id": _column(Grid.id, Grid.name),
    "person_id": _column(Person.id, Person.name),
    "member_id": _person_of(PartyMember),
    "mediator_id": _person_of(Mediator),
    "volunteer_id": _person_of(Volunteer),
    "grid_worker_id": _person_of(GridWorker),
    "case_id": _column(MediationCase.id, MediationCase.number),
    "activity_id": _column(ServiceActivity.id, ServiceActivity.project),
    "indicator_id": _column(RatingIndicator.id, RatingIndicator.name),
    "rule_code": _column(PointRule.code, PointRule.label),
    "meeting_id": lambda ids: (select(Meeting.id, Meeting.held_at, Meeting.kind, Meeting.topic)
                               .where(Meeting.id.in_(ids))),
    "building_id": _column(Building.id, Building.name),
    "room_id": lambda ids: (select(Room.id, Building.name, Room.number).join(Building, Room.building_id == Building.id)
                            .where(Room.id.in_(ids))),
    "head_id": _column(Person.id, Person.name),
    "household_id": lambda ids: (select(Household.id, Person.name).join(Person, Household.head_id == Person.id)
                                 .where(Household.id.in_(ids))),
    "resident_id": _person_of(Resident),
    "tag_id": _column(CareTag.id, CareTag.name),
    "visitor_id": _person_of(GridWorker),
    "visit_id": _column(Visit.id, Visit.visited_on),
    "incident_id": _column(Incident.id, Incident.number),
    "duplicate_of_id": _column(Incident.id, Incident.number),
    "rule_id": _column(BankRule.id, BankRule.name),
    "goods_id": _column(BankGoods.id, BankGoods.name),
    "shop_id": _column(PartnerShop.id, PartnerShop.name),
    "redemption_id": _column(Redemption.id, Redemption.number),
    "entry_id": _column(BankEntry.id, BankEntry.reason),
    "reverses_id": _column(BankEntry.id, BankEntry.reason),
    "account_id": lambda ids: (select(BankAccount.id, Person.name).join(Person, BankAccount.person_id == Person.id)
                               .where(BankAccount.id.in_(ids))),
}
CODE_KEYS = {"rule_code"}  # looked up by text, not by id
WHO_KEYS = ("member_id", "person_id", "volunteer_id", "grid_worker_id", "mediator_id")

# An entry written with no name for its record (#4861) is named by the record as it is now:
# the field whose name it has, or a query of its own.
TITLE_KEYS = {
    "persons": "person_id", "party_members": "member_id", "party_orgs": "org_id", "grids": "grid_id",
    "grid_workers": "grid_worker_id", "mediators": "mediator_id", "volunteers": "volunteer_id",
    "mediation_cases": "case_id", "service_activities": "activity_id", "meetings": "meeting_id",
    "rating_indicators": "indicator_id",
}
TITLE_QUERIES: dict[str, Query] = {
    "attendance": lambda ids: (select(Attendance.id, Person.name)
                               .join(PartyMember, Attendance.member_id == PartyMember.id)
                               .join(Person, PartyMember.person_id == Person.id).where(Attendance.id.in_(ids))),
    "point_entries": lambda ids: (select(PointEntry.id, Person.name, PointEntry.reason)
                                  .join(PartyMember, PointEntry.member_id == PartyMember.id)
                                  .join(Person, PartyMember.person_id == Person.id).where(PointEntry.id.in_(ids))),
    "mediation_follow_ups": lambda ids: (select(FollowUp.id, MediationCase.number, FollowUp.visited_on)
                                         .join(MediationCase, FollowUp.case_id == MediationCase.id)
                                         .where(FollowUp.id.in_(ids))),
    "service_logs": lambda ids: (select(ServiceLog.id, Person.name, ServiceActivity.project)
                                 .join(Volunteer, ServiceLog.volunteer_id == Volunteer.id)
                                 .join(Person, Volunteer.person_id == Person.id)
                                 .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
                                 .where(ServiceLog.id.in_(ids))),
}


def _title(row: Any) -> str:
    """A row of a name or title query as words: (id, name), a meeting, or (id, a, b) joined."""
    parts = tuple(row)[1:]
    if isinstance(parts[0], datetime):  # a meeting: when, kind, topic
        return _meeting_title(*parts)
    texts = [format_date_cn(p) if isinstance(p, date) else str(p) for p in parts if p not in (None, "")]
    return " · ".join(texts)


class Names:
    """What the ids (and point-rule codes) an entry names are called now, looked up in batches
    and remembered for the call. A deleted record keeps its name (the recycle bin only marks it);
    a purged one shows #id."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[tuple[str, Any], str] = {}

    def prefetch(self, wanted: dict[str, set[Any]]) -> None:
        """Look up many at once: {field or "title:" + table: values}."""
        for key, values in wanted.items():
            missing = [v for v in values if (key, v) not in self._cache]
            query = TITLE_QUERIES.get(key[6:]) if key.startswith("title:") else NAME_QUERIES.get(key)
            if not missing or query is None:
                continue
            for start in range(0, len(missing), 500):
                for row in self._session.execute(query(missing[start:start + 500])):
                    self._cache[key, row[0]] = _title(row)
            for value in missing:
                self._cache.setdefault((key, value), "" if key.startswith("title:") else f"#{value}")

    def name(self, key: str, value: Any) -> str | None:
        """The name for a field's value; None when the field names no record."""
        if key not in NAME_QUERIES or not _lookup_value(key, value):
            return None
        if (key, value) not in self._cache:
            self.prefetch({key: {value}})
        return self._cache[key, value]

    def title(self, register: str, record_id: int) -> str:
        """The record's name as the registers show it now; "" when it is gone or has none."""
        if register in TITLE_KEYS:
            found = self.name(TITLE_KEYS[register], record_id) or ""
            return "" if found == f"#{record_id}" else found
        if register in TITLE_QUERIES:
            key = "title:" + register
            if (key, record_id) not in self._cache:
                self.prefetch({key: {record_id}})
            return self._cache[key, record_id]
        return ""


def _lookup_value(key: str, value: Any) -> bool:
    if key in CODE_KEYS:
        return isinstance(value, str) and bool(value)
    return isinstance(value, int) and not isinstance(value, bool)


def parse_details(details_json: str) -> dict[str, Any] | None:
    """The details db.audit wrote, or None when they are not its JSON object."""
    try:
        details = json.loads(details_json) if details_json else {}
    except ValueError:
        return None
    return details if isinstance(details, dict) else None


def wanted_names(register: str, record_id: int | None, summary: str, details: dict[str, Any] | None,
                 wanted: dict[str, set[Any]]) -> None:
    """Add what an entry will look up to `wanted`, so a page of entries is named in a few queries."""
    if record_id is not None and _BARE_ID.match(summary):
        key = TITLE_KEYS.get(register) or ("title:" + register if register in TITLE_QUERIES else None)
        if key:
            wanted.setdefault(key, set()).add(record_id)
    for key, value in (details or {}).items():
        if key == "attendance" and isinstance(value, list):
            wanted.setdefault("member_id", set()).update(
                line[0] for line in value if isinstance(line, list) and line and _lookup_value("member_id", line[0]))
            continue
        for v in value if isinstance(value, list) else [value]:
            if key in NAME_QUERIES and _lookup_value(key, v):
                wanted.setdefault(key, set()).add(v)


def summary_text(register: str, record_id: int | None, summary: str, names: Names | None,
                 details: dict[str, Any] | None = None) -> str:
    """The summary as written, but a record written down as #4861 named as it is now (or, when
    it is gone, by the person its details name), and an office setting by its label (社区名称,
    not community_name)."""
    if register == "office_settings" and summary in SETTING_LABELS:
        return SETTING_LABELS[summary]
    if names is None or record_id is None or not _BARE_ID.match(summary):
        return summary
    if title := names.title(register, record_id):
        return title
    for key in WHO_KEYS:
        value = (details or {}).get(key)
        if _lookup_value(key, value) and not (name := names.name(key, value) or "").startswith("#"):
            return name
    return summary


def value_text(register: str, key: str, value: Any, names: Names | None = None) -> str:
    """A stored value as the register shows it: names for ids, labels for codes, 是/否, dates in Chinese."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    vocab = field_vocabulary(register, key)
    if vocab is not None and isinstance(value, str):
        return vocab.label(value)
    if names is not None and (name := names.name(key, value)) is not None:
        return name
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return format_date_cn(date.fromisoformat(value))
        if match := _ISO_DATETIME.match(value):
            return f"{format_date_cn(date.fromisoformat(match[1]))} {match[2]}"
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def attendance_lines(lines: list[Any], names: Names | None) -> list[str]:
    """A meeting's attendance as db.audit sums it up: [member id, status before, status after] a
    member (None: not on the list). A new list reads as who was present, on leave and absent;
    changes read one member each."""
    valid = [line for line in lines if isinstance(line, list) and len(line) == 3]

    def who(member_id: Any) -> str:
        return (names.name("member_id", member_id) if names is not None else None) or f"#{member_id}"

    def status(code: Any) -> str:
        return ATTENDANCE.label(code) if code else NOT_LISTED

    if valid and all(old is None for _member, old, _new in valid):
        out = []
        for choice in ATTENDANCE:
            members = [who(m) for m, _old, new in valid if new == choice.code]
            if members:
                out.append(f"{choice.zh}（{len(members)} 人）：{'、'.join(members)}")
        return out
    label = field_label("attendance", "status")
    return [f"{label}：{who(m)} {status(old)} → {status(new)}" for m, old, new in valid]
