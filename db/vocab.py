"""Coded values stored in the database and their labels in Chinese and English.

Codes are stable ASCII words; labels are what people read. Chinese labels are also what the
importer recognises and what printed documents show, so they follow DOMAIN.md's wording.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: str
    zh: str
    en: str


class Vocabulary:
    """An ordered set of choices, looked up by code or by Chinese label."""

    def __init__(self, *choices: Choice, aliases: dict[str, str] | None = None) -> None:
        self.choices = choices
        self._by_code = {c.code: c for c in choices}
        self._by_label = {c.zh: c.code for c in choices} | {c.en.lower(): c.code for c in choices}
        self._by_label |= aliases or {}

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.choices)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def label(self, code: str | None, lang: str = "zh") -> str:
        choice = self._by_code.get(code or "")
        if choice is None:
            return code or ""
        return choice.zh if lang.startswith("zh") else choice.en

    def code_for(self, text: str) -> str | None:
        """The code for a label as typed in a ledger (Chinese, English or a known variant)."""
        text = text.strip()
        if text in self._by_code:
            return text
        return self._by_label.get(text) or self._by_label.get(text.lower())


GENDERS = Vocabulary(Choice("male", "男", "Male"), Choice("female", "女", "Female"))

ORG_KINDS = Vocabulary(
    Choice("committee", "社区党委", "Community committee"),
    Choice("branch", "党支部", "Branch"),
    Choice("group", "党小组", "Party group"),
)

MEMBER_TYPES = Vocabulary(
    Choice("full", "正式党员", "Full member"),
    Choice("probationary", "预备党员", "Probationary member"),
    aliases={"正式": "full", "预备": "probationary"},
)

MEMBER_CATEGORIES = Vocabulary(
    Choice("in_service", "在职", "In service"),
    Choice("retired", "离退休", "Retired"),
    Choice("mobile", "流动", "Working away"),
    Choice("lost_contact", "失联", "Lost contact"),
    aliases={"退休": "retired", "流动党员": "mobile", "失联党员": "lost_contact", "在职党员": "in_service"},
)

MEMBER_STATUSES = Vocabulary(
    Choice("normal", "正常", "Normal"),
    Choice("transferred_out", "转出", "Transferred out"),
    Choice("suspended", "停止党籍", "Membership suspended"),
    Choice("expelled", "出党", "Left the party"),
    Choice("deceased", "去世", "Deceased"),
)

GRID_ROLES = Vocabulary(
    Choice("chief", "网格总长", "Chief grid leader"),
    Choice("leader", "网格长", "Grid leader"),
    Choice("worker", "网格员", "Grid worker"),
)

EMPLOYMENT = Vocabulary(
    Choice("full_time", "专职", "Full-time"),
    Choice("part_time", "兼职", "Part-time"),
)

WORKER_STATUSES = Vocabulary(Choice("active", "在岗", "Active"), Choice("left", "离岗", "Left"))

MEDIATION_TIERS = Vocabulary(
    Choice("volunteer", "调解志愿者", "Mediation volunteer"),
    Choice("mediator", "社区调解员", "Community mediator"),
    Choice("judge", "社区法官", "Community judge"),
    aliases={"志愿者": "volunteer", "调解员": "mediator", "法官": "judge"},
)

CASE_SOURCES = Vocabulary(
    Choice("application", "当事人申请", "Application by a party"),
    Choice("initiative", "调委会主动调解", "Committee's own initiative"),
    Choice("police", "公安移交", "Referred by police"),
    Choice("court", "法院委托", "Entrusted by court"),
    Choice("government", "政府指定", "Assigned by government"),
)

DISPUTE_TYPES = Vocabulary(
    Choice("marriage_family", "婚姻家庭", "Marriage and family"),
    Choice("neighbour", "邻里", "Neighbours"),
    Choice("housing_land", "房屋宅基地", "Housing and homestead"),
    Choice("contract", "合同", "Contract"),
    Choice("business", "生产经营", "Business"),
    Choice("damages", "损害赔偿", "Damages"),
    Choice("forest_land", "山林土地", "Forest and land"),
    Choice("demolition", "征地拆迁", "Land acquisition and demolition"),
    Choice("environment", "环境污染", "Environmental pollution"),
    Choice("labour", "劳动争议", "Labour"),
    Choice("consumer", "消费", "Consumer"),
    Choice("medical", "医疗", "Medical"),
    Choice("traffic", "道路交通事故", "Road traffic accident"),
    Choice("property_mgmt", "物业", "Property management"),
    Choice("other", "其他", "Other"),
    aliases={"邻里矛盾": "neighbour", "邻里纠纷": "neighbour", "婚姻家庭纠纷": "marriage_family",
             "物业纠纷": "property_mgmt", "劳动纠纷": "labour", "交通事故": "traffic"},
)

CASE_STATUSES = Vocabulary(Choice("open", "正在调解", "Open"), Choice("closed", "已结案", "Closed"))

CASE_RESULTS = Vocabulary(
    Choice("in_progress", "正在调解", "In progress"),
    Choice("success", "调解成功", "Settled"),
    Choice("failed", "调解不成", "Not settled"),
    Choice("terminated", "终止调解", "Terminated"),
)

PARTY_ROLES = Vocabulary(Choice("applicant", "申请人", "Applicant"), Choice("respondent", "被申请人", "Respondent"))

FOLLOW_UP_PERFORMED = Vocabulary(
    Choice("yes", "已履行", "Performed"),
    Choice("partly", "部分履行", "Partly performed"),
    Choice("no", "未履行", "Not performed"),
)

SATISFACTION = Vocabulary(
    Choice("satisfied", "满意", "Satisfied"),
    Choice("basically", "基本满意", "Mostly satisfied"),
    Choice("unsatisfied", "不满意", "Unsatisfied"),
)

RELAPSE_RISK = Vocabulary(Choice("low", "低", "Low"), Choice("medium", "中", "Medium"), Choice("high", "高", "High"))

VOLUNTEER_KINDS = Vocabulary(
    Choice("party_member", "党员志愿者", "Party member volunteer"),
    Choice("resident", "群众志愿者", "Resident volunteer"),
    Choice("reported_member", "报到党员", "Reporting in-service member"),
    Choice("mediation", "调解志愿者", "Mediation volunteer"),
)

VOLUNTEER_STATUSES = Vocabulary(Choice("active", "在册", "Active"), Choice("left", "已退出", "Left"))

EDUCATION_LEVELS = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下")

ROLES = Vocabulary(
    Choice("admin", "管理员", "Administrator"),
    Choice("clerk", "录入员", "Clerk"),
    Choice("viewer", "只读", "Viewer"),
    aliases={"administrator": "admin", "只读用户": "viewer"},
)

# --- party life (三会一课) -----------------------------------------------------------------
MEETING_KINDS = Vocabulary(
    Choice("members_meeting", "党员大会", "Members' meeting"),
    Choice("branch_committee", "支委会", "Branch committee meeting"),
    Choice("group_meeting", "党小组会", "Party group meeting"),
    Choice("lecture", "党课", "Party lecture"),
    Choice("themed_day", "主题党日", "Themed party day"),
    Choice("life_meeting", "组织生活会", "Organisational life meeting"),
    Choice("appraisal", "民主评议", "Democratic appraisal"),
    Choice("training", "培训", "Training"),
    Choice("other", "其他", "Other"),
    aliases={"支部党员大会": "members_meeting", "支部委员会": "branch_committee", "主题党日活动": "themed_day",
             "民主评议党员": "appraisal"},
)
EDUCATION_KINDS = frozenset({"lecture", "training"})  # what counts for education coverage
ATTENDANCE = Vocabulary(
    Choice("present", "出席", "Present"),
    Choice("leave", "请假", "On leave"),
    Choice("absent", "缺席", "Absent"),
)
SCHEDULE_PERIODS = Vocabulary(
    Choice("month", "每月", "Monthly"),
    Choice("quarter", "每季度", "Quarterly"),
    Choice("year", "每年", "Yearly"),
)

