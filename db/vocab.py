"""Coded values stored in the database and their labels in Chinese and English.

Codes are stable ASCII words (Chinese names for ethnic groups and education, which are stored
as written); labels are what people read. Chinese labels are also what printed documents show,
so they follow DOMAIN.md's wording.

`Vocabulary.code_for()` is what the importer and the forms use to read a choice as an office
writes it: with stray or full-width spaces, in full-width letters, in traditional characters,
in English, with or without the suffixes ledgers add or drop (合同纠纷, 合同类, 正式党员,
中共预备党员). Every form is compared through db.vocab_forms.form_key. Suffixes and prefixes are
only stripped when what is left is itself a known form, so "123纠纷" or "党员" alone match
nothing; there is no matching on parts of a text. A value that matches nothing gives None, and
the caller asks a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from db.vocab_forms import form_key


@dataclass(frozen=True)
class Choice:
    code: str
    zh: str
    en: str


class Vocabulary:
    """An ordered set of choices, looked up by code, by label or by any form offices write.

    `aliases` maps further forms to codes; `suffixes` and `prefixes` are words ledgers add to a
    form or leave off it (纠纷, 类, 党员; 中共). A vocabulary whose forms would give one key two
    codes is refused when it is built, so a lookup never depends on the order of the table.
    """

    def __init__(self, *choices: Choice, aliases: dict[str, str] | None = None,
                 suffixes: tuple[str, ...] = (), prefixes: tuple[str, ...] = ()) -> None:
        self.choices = choices
        self._by_code = {c.code: c for c in choices}
        self._by_form: dict[str, str] = {}
        for c in choices:
            for form in (c.code, c.zh, c.en):
                self._add_form(form, c.code)
        for form, code in (aliases or {}).items():
            if code not in self._by_code:
                raise ValueError(f"alias {form!r} names an unknown code {code!r}")
            self._add_form(form, code)
        self._suffixes = tuple(form_key(s) for s in suffixes)
        self._prefixes = tuple(form_key(p) for p in prefixes)
        if not all(self._suffixes) or not all(self._prefixes):
            raise ValueError("empty suffix or prefix")

    def _add_form(self, form: str, code: str) -> None:
        key = form_key(form)
        if not key:
            raise ValueError(f"form {form!r} has no comparable text")
        known = self._by_form.setdefault(key, code)
        if known != code:
            raise ValueError(f"form {form!r} would mean both {known!r} and {code!r}")

    def __iter__(self) -> Iterator[Choice]:
        return iter(self.choices)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __len__(self) -> int:
        return len(self.choices)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    @property
    def labels(self) -> tuple[str, ...]:
        """The Chinese labels in order, e.g. for an editable combo box."""
        return tuple(c.zh for c in self.choices)

    def label(self, code: str | None, lang: str = "zh") -> str:
        choice = self._by_code.get(code or "")
        if choice is None:
            return code or ""
        return choice.zh if lang.startswith("zh") else choice.en

    def code_for(self, text: str) -> str | None:
        """The code for a value as written in a ledger or typed in a form; None if it is no choice.

        Accepts the code, the Chinese or English label and every alias, compared through
        form_key (spaces, full-width forms, traditional characters and letter case do not
        matter), then the same with known suffixes and prefixes taken off.
        """
        if isinstance(text, str) and text in self._by_code:
            return text
        key = form_key(text)
        if not key:
            return None
        code = self._by_form.get(key)
        if code is None and (self._suffixes or self._prefixes):
            code = self._code_for_stem(key)
        return code

    def _code_for_stem(self, key: str) -> str | None:
        """Take suffixes and prefixes off, fewest first, until what is left is a known form.

        Nothing is taken off when nothing would be left. If stems of the same length of stripping
        mean different codes the value is ambiguous and matches nothing.
        """
        level = {key}
        seen = set(level)
        while level:
            stems: set[str] = set()
            for form in level:
                stems |= {form[: -len(s)] for s in self._suffixes if form.endswith(s) and len(form) > len(s)}
                stems |= {form[len(p):] for p in self._prefixes if form.startswith(p) and len(form) > len(p)}
            stems -= seen
            codes = {self._by_form[s] for s in stems if s in self._by_form}
            if codes:
                return codes.pop() if len(codes) == 1 else None
            seen |= stems
            level = stems
        return None


# Seven digits or more, perhaps split by single spaces or dashes: an ID or phone number typed
# into the wrong column.
_LONG_NUMBER = re.compile(r"[0-9０-９](?:[ \-]?[0-9０-９]){6,}")


def shown_value(text: str, limit: int = 20) -> str:
    """A value quoted in a "无法识别“…”" message: cut to `limit` characters, and cut before a long
    number's private part, keeping no more than its mask shows (410302… for an ID number, 138…
    for a phone), since messages go into error reports that are not masked."""
    text = "".join(ch if ch.isprintable() else "�" for ch in " ".join(str(text).split()))
    number = _LONG_NUMBER.search(text)
    if number is not None:
        digits = sum(ch.isdigit() for ch in number.group())
        cut = min(limit, number.start() + (6 if digits >= 15 else 3))
        return text[:cut] + "…"
    return text if len(text) <= limit else text[:limit] + "…"


GENDERS = Vocabulary(
    Choice("male", "男", "Male"),
    Choice("female", "女", "Female"),
    aliases={"男性": "male", "男士": "male", "M": "male", "女性": "female", "女士": "female", "F": "female"},
)

ORG_KINDS = Vocabulary(
    Choice("committee", "社区党委", "Community committee"),
    Choice("branch", "党支部", "Branch"),
    Choice("group", "党小组", "Party group"),
    aliases={"党委": "committee", "支部": "branch", "小组": "group"},
)

MEMBER_TYPES = Vocabulary(
    Choice("full", "正式党员", "Full member"),
    Choice("probationary", "预备党员", "Probationary member"),
    aliases={"正式": "full", "预备": "probationary"},
    suffixes=("党员",),
    prefixes=("中共", "中国共产党"),
)

MEMBER_CATEGORIES = Vocabulary(
    Choice("in_service", "在职", "In service"),
    Choice("retired", "离退休", "Retired"),
    Choice("mobile", "流动", "Working away"),
    Choice("lost_contact", "失联", "Lost contact"),
    aliases={"退休": "retired", "离休": "retired", "流动党员": "mobile", "失联党员": "lost_contact",
             "失去联系": "lost_contact", "在职党员": "in_service"},
    suffixes=("党员",),
)

MEMBER_STATUSES = Vocabulary(
    Choice("normal", "正常", "Normal"),
    Choice("transferred_out", "转出", "Transferred out"),
    Choice("suspended", "停止党籍", "Membership suspended"),
    Choice("expelled", "出党", "Left the party"),
    Choice("deceased", "去世", "Deceased"),
    aliases={"在册": "normal", "已转出": "transferred_out", "组织关系转出": "transferred_out",
             "停止": "suspended", "停党": "suspended", "除名": "expelled", "开除党籍": "expelled",
             "退党": "expelled", "已故": "deceased", "死亡": "deceased", "逝世": "deceased", "病故": "deceased"},
)

GRID_ROLES = Vocabulary(
    Choice("chief", "网格总长", "Chief grid leader"),
    Choice("leader", "网格长", "Grid leader"),
    Choice("worker", "网格员", "Grid worker"),
    aliases={"总网格长": "chief", "专职网格员": "worker", "兼职网格员": "worker"},
)

EMPLOYMENT = Vocabulary(
    Choice("full_time", "专职", "Full-time"),
    Choice("part_time", "兼职", "Part-time"),
    aliases={"专": "full_time", "全职": "full_time", "兼": "part_time"},
)

WORKER_STATUSES = Vocabulary(
    Choice("active", "在岗", "Active"),
    Choice("left", "离岗", "Left"),
    aliases={"在职": "active", "离职": "left", "已离职": "left", "已离岗": "left", "离任": "left"},
)

MEDIATION_TIERS = Vocabulary(
    Choice("volunteer", "调解志愿者", "Mediation volunteer"),
    Choice("mediator", "社区调解员", "Community mediator"),
    Choice("judge", "社区法官", "Community judge"),
    aliases={"志愿者": "volunteer", "人民调解志愿者": "volunteer", "调解员": "mediator", "人民调解员": "mediator",
             "法官": "judge"},
)

CASE_SOURCES = Vocabulary(
    Choice("application", "当事人申请", "Application by a party"),
    Choice("initiative", "调委会主动调解", "Committee's own initiative"),
    Choice("police", "公安移交", "Referred by police"),
    Choice("court", "法院委托", "Entrusted by court"),
    Choice("government", "政府指定", "Assigned by government"),
    aliases={"申请": "application", "当事人申请调解": "application", "申请调解": "application",
             "主动调解": "initiative", "主动": "initiative", "调委会主动": "initiative",
             "公安": "police", "派出所": "police", "派出所移交": "police", "公安机关移交": "police",
             "公安移送": "police", "法院": "court", "人民法院委托": "court", "法院委派": "court",
             "政府": "government", "政府指派": "government", "街道指派": "government", "街道指定": "government",
             "街道": "government"},
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
    aliases={
        "婚姻": "marriage_family", "家庭": "marriage_family", "家庭婚姻": "marriage_family",
        "邻里关系": "neighbour", "相邻关系": "neighbour", "邻居": "neighbour",
        "房屋": "housing_land", "宅基地": "housing_land", "房产": "housing_land",
        "生产": "business", "经营": "business",
        "人身损害赔偿": "damages", "人身损害": "damages", "赔偿": "damages",
        "山林": "forest_land", "土地": "forest_land",
        "征地": "demolition", "拆迁": "demolition", "征收拆迁": "demolition",
        "环境": "environment", "污染": "environment",
        "劳动": "labour", "劳资": "labour",
        "消费者权益": "consumer", "消费者": "consumer",
        "医患": "medical", "医疗事故": "medical",
        "交通事故": "traffic", "道路交通": "traffic", "交通": "traffic",
        "物业管理": "property_mgmt", "物业服务": "property_mgmt",
        "其它": "other",
    },
    suffixes=("纠纷", "争议", "类", "案件", "矛盾"),
)

CASE_STATUSES = Vocabulary(
    Choice("open", "正在调解", "Open"),
    Choice("closed", "已结案", "Closed"),
    # An application recorded at a service station: the office accepts it (受理: open) or not.
    Choice("applied", "待受理", "Awaiting acceptance"),
    Choice("declined", "不予受理", "Not accepted"),
    aliases={"调解中": "open", "在办": "open", "未结": "open", "未结案": "open", "结案": "closed",
             "已结": "closed", "办结": "closed", "已办结": "closed", "申请": "applied", "未受理": "applied",
             "不受理": "declined"},
)

CASE_RESULTS = Vocabulary(
    Choice("in_progress", "正在调解", "In progress"),
    Choice("success", "调解成功", "Settled"),
    Choice("failed", "调解不成", "Not settled"),
    Choice("terminated", "终止调解", "Terminated"),
    aliases={"调解中": "in_progress", "在办": "in_progress", "未结": "in_progress", "进行中": "in_progress",
             "成功": "success", "达成协议": "success", "已达成协议": "success",
             "调解失败": "failed", "失败": "failed", "不成功": "failed", "未达成协议": "failed",
             "调解不成功": "failed", "终止": "terminated"},
)

PARTY_ROLES = Vocabulary(
    Choice("applicant", "申请人", "Applicant"),
    Choice("respondent", "被申请人", "Respondent"),
    aliases={"申请方": "applicant", "被申请方": "respondent"},
)

FOLLOW_UP_PERFORMED = Vocabulary(
    Choice("yes", "已履行", "Performed"),
    Choice("partly", "部分履行", "Partly performed"),
    Choice("no", "未履行", "Not performed"),
    aliases={"履行完毕": "yes", "已履行完毕": "yes", "全部履行": "yes", "已部分履行": "partly",
             "没有履行": "no", "未履行完毕": "partly"},
)

SATISFACTION = Vocabulary(
    Choice("satisfied", "满意", "Satisfied"),
    Choice("basically", "基本满意", "Mostly satisfied"),
    Choice("unsatisfied", "不满意", "Unsatisfied"),
    aliases={"非常满意": "satisfied", "比较满意": "basically"},
)

RELAPSE_RISK = Vocabulary(
    Choice("low", "低", "Low"),
    Choice("medium", "中", "Medium"),
    Choice("high", "高", "High"),
    aliases={"较低": "low", "中等": "medium", "较高": "high"},
    suffixes=("风险",),
)

VOLUNTEER_KINDS = Vocabulary(
    Choice("party_member", "党员志愿者", "Party member volunteer"),
    Choice("resident", "群众志愿者", "Resident volunteer"),
    Choice("reported_member", "报到党员", "Reporting in-service member"),
    Choice("mediation", "调解志愿者", "Mediation volunteer"),
    aliases={"党员": "party_member", "群众": "resident", "居民": "resident", "居民志愿者": "resident",
             "在职党员": "reported_member", "报到党员志愿者": "reported_member", "在职党员报到": "reported_member",
             "调解": "mediation"},
    suffixes=("志愿者",),
)

VOLUNTEER_STATUSES = Vocabulary(
    Choice("active", "在册", "Active"),
    Choice("left", "已退出", "Left"),
    aliases={"正常": "active", "退出": "left", "注销": "left", "已注销": "left"},
)

# 学历 as member records store it: the Chinese name is the code, as existing databases hold it.
EDUCATION = Vocabulary(
    Choice("研究生", "研究生", "Postgraduate"),
    Choice("大学本科", "大学本科", "Bachelor's degree"),
    Choice("大学专科", "大学专科", "Junior college"),
    Choice("中专", "中专", "Secondary vocational school"),
    Choice("高中", "高中", "Senior high school"),
    Choice("初中", "初中", "Junior high school"),
    Choice("小学及以下", "小学及以下", "Primary school or less"),
    aliases={
        "博士": "研究生", "硕士": "研究生", "博士研究生": "研究生", "硕士研究生": "研究生",
        "本科": "大学本科", "大学": "大学本科", "大本": "大学本科",
        "大专": "大学专科", "专科": "大学专科", "高职": "大学专科",
        "中技": "中专", "技校": "中专", "职高": "中专", "中等专科": "中专", "中等专业": "中专", "中职": "中专",
        "职业高中": "中专",
        "普高": "高中", "普通高中": "高中",
        "小学": "小学及以下", "文盲": "小学及以下", "半文盲": "小学及以下", "无": "小学及以下",
        "小学以下": "小学及以下",
    },
    suffixes=("学历", "毕业", "文化", "文化程度"),
)
EDUCATION_LEVELS = EDUCATION.labels


def canonical_education(text: str) -> str | None:
    """The stored 学历 (one of EDUCATION_LEVELS) for a value as written; None if unrecognised."""
    return EDUCATION.code_for(text)


# 民族 as GB 3304-91 lists them, in its order: (numeric code, name, English name).
_GB3304 = (
    ("01", "汉族", "Han"), ("02", "蒙古族", "Mongol"), ("03", "回族", "Hui"), ("04", "藏族", "Tibetan"),
    ("05", "维吾尔族", "Uyghur"), ("06", "苗族", "Miao"), ("07", "彝族", "Yi"), ("08", "壮族", "Zhuang"),
    ("09", "布依族", "Bouyei"), ("10", "朝鲜族", "Korean"), ("11", "满族", "Manchu"), ("12", "侗族", "Dong"),
    ("13", "瑶族", "Yao"), ("14", "白族", "Bai"), ("15", "土家族", "Tujia"), ("16", "哈尼族", "Hani"),
    ("17", "哈萨克族", "Kazakh"), ("18", "傣族", "Dai"), ("19", "黎族", "Li"), ("20", "傈僳族", "Lisu"),
    ("21", "佤族", "Va"), ("22", "畲族", "She"), ("23", "高山族", "Gaoshan"), ("24", "拉祜族", "Lahu"),
    ("25", "水族", "Sui"), ("26", "东乡族", "Dongxiang"), ("27", "纳西族", "Naxi"), ("28", "景颇族", "Jingpo"),
    ("29", "柯尔克孜族", "Kyrgyz"), ("30", "土族", "Tu"), ("31", "达斡尔族", "Daur"), ("32", "仫佬族", "Mulao"),
    ("33", "羌族", "Qiang"), ("34", "布朗族", "Blang"), ("35", "撒拉族", "Salar"), ("36", "毛南族", "Maonan"),
    ("37", "仡佬族", "Gelao"), ("38", "锡伯族", "Xibe"), ("39", "阿昌族", "Achang"), ("40", "普米族", "Pumi"),
    ("41", "塔吉克族", "Tajik"), ("42", "怒族", "Nu"), ("43", "乌孜别克族", "Uzbek"), ("44", "俄罗斯族", "Russian"),
    ("45", "鄂温克族", "Evenki"), ("46", "德昂族", "De'ang"), ("47", "保安族", "Bonan"), ("48", "裕固族", "Yugur"),
    ("49", "京族", "Gin"), ("50", "塔塔尔族", "Tatar"), ("51", "独龙族", "Derung"), ("52", "鄂伦春族", "Oroqen"),
    ("53", "赫哲族", "Hezhen"), ("54", "门巴族", "Monba"), ("55", "珞巴族", "Lhoba"), ("56", "基诺族", "Jino"),
)
# GB 3304's two further entries: not one of the 56, but what a form must still be able to record.
_GB3304_EXTRA = (("97", "其他", "Other"), ("98", "外国血统中国籍人士", "Chinese citizen of foreign origin"))
# GB 3304's own romanisations, where they differ from the English names above.
_GB3304_ROMAN = {"Zang": "藏族", "Uygur": "维吾尔族", "Buyei": "布依族", "Chosen": "朝鲜族", "Man": "满族",
                 "Kazak": "哈萨克族", "Kirgiz": "柯尔克孜族", "Mulam": "仫佬族", "Russ": "俄罗斯族",
                 "Ewenki": "鄂温克族"}

ETHNIC_GROUP_NUMBERS = {name: number for number, name, _ in _GB3304 + _GB3304_EXTRA}
ETHNIC_GROUPS = Vocabulary(
    *(Choice(name, name, en) for _, name, en in _GB3304 + _GB3304_EXTRA),
    aliases={
        **{name[:-1]: name for _, name, _ in _GB3304},  # 汉, 维吾尔, 蒙古 …
        **{number: name for number, name, _ in _GB3304 + _GB3304_EXTRA},  # "01" … "56", "97", "98"
        **{str(int(number)): name for number, name, _ in _GB3304},  # 1 … 56: Excel drops the leading zero
        **_GB3304_ROMAN,
        "蒙族": "蒙古族", "维族": "维吾尔族", "其它": "其他", "未识别民族": "其他", "外国血统": "外国血统中国籍人士",
    },
)


def canonical_ethnicity(text: str) -> str | None:
    """The stored 民族 (the full name, e.g. 汉族) for a value as written; None if unrecognised."""
    return ETHNIC_GROUPS.code_for(text)


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
    aliases={"支部党员大会": "members_meeting", "支部委员会": "branch_committee", "支部委员会会议": "branch_committee",
             "党小组会议": "group_meeting", "讲党课": "lecture", "主题党日活动": "themed_day",
             "民主评议党员": "appraisal", "其它": "other"},
)
EDUCATION_KINDS = frozenset({"lecture", "training"})  # what counts for education coverage
ATTENDANCE = Vocabulary(
    Choice("present", "出席", "Present"),
    Choice("leave", "请假", "On leave"),
    Choice("absent", "缺席", "Absent"),
    aliases={"到会": "present", "参加": "present", "出勤": "present", "病假": "leave", "事假": "leave",
             "缺勤": "absent", "未到": "absent", "未参加": "absent"},
)
SCHEDULE_PERIODS = Vocabulary(
    Choice("month", "每月", "Monthly"),
    Choice("quarter", "每季度", "Quarterly"),
    Choice("year", "每年", "Yearly"),
    aliases={"按月": "month", "每季": "quarter", "季度": "quarter", "按季度": "quarter", "按年": "year",
             "年度": "year"},
)


# --- housing and residents (issue 16, the 一标三实 way) ---------------------------------------
BUILDING_KINDS = Vocabulary(
    Choice("residential", "住宅", "Residential"),
    Choice("shop", "商铺", "Shops"),
    Choice("bungalow", "平房", "Bungalow"),
    Choice("other", "其他", "Other"),
    aliases={"住宅楼": "residential", "居民楼": "residential", "商业": "shop", "门面": "shop", "商住": "shop",
             "平房院": "bungalow", "其它": "other"},
)
ROOM_USES = Vocabulary(
    Choice("owner", "自住", "Owner-occupied"),
    Choice("rented", "出租", "Rented out"),
    Choice("vacant", "空置", "Vacant"),
    Choice("business", "经营", "Business"),
    aliases={"自用": "owner", "居住": "owner", "出租房": "rented", "租赁": "rented", "空房": "vacant",
             "闲置": "vacant", "经营性": "business", "商用": "business"},
)
HOUSEHOLD_REGISTRATIONS = Vocabulary(
    Choice("registered", "户籍", "Registered here"),
    Choice("resident", "常住", "Living here"),
    Choice("temporary", "暂住", "Staying temporarily"),
    aliases={"户籍户": "registered", "本地户籍": "registered", "常住户": "resident", "暂住户": "temporary",
             "流动": "temporary", "租住": "temporary"},
)
RELATIONS = Vocabulary(
    Choice("head", "户主", "Head of household"),
    Choice("spouse", "配偶", "Spouse"),
    Choice("child", "子女", "Child"),
    Choice("parent", "父母", "Parent"),
    Choice("grandchild", "孙子女", "Grandchild"),
    Choice("grandparent", "祖父母", "Grandparent"),
    Choice("sibling", "兄弟姐妹", "Sibling"),
    Choice("child_in_law", "儿媳女婿", "Child-in-law"),
    Choice("relative", "其他亲属", "Other relative"),
    Choice("tenant", "租户", "Tenant"),
    Choice("other", "其他", "Other"),
    aliases={"本人": "head", "妻": "spouse", "夫": "spouse", "妻子": "spouse", "丈夫": "spouse", "子": "child",
             "女": "child", "儿子": "child", "女儿": "child", "长子": "child", "长女": "child", "次子": "child",
             "次女": "child", "父亲": "parent", "母亲": "parent", "父": "parent", "母": "parent", "孙子": "grandchild",
             "孙女": "grandchild", "外孙": "grandchild", "外孙女": "grandchild", "祖父": "grandparent",
             "祖母": "grandparent", "兄": "sibling", "弟": "sibling", "姐": "sibling", "妹": "sibling",
             "儿媳": "child_in_law", "女婿": "child_in_law", "亲属": "relative", "租客": "tenant", "其它": "other"},
)
RESIDENCE_KINDS = Vocabulary(
    Choice("permanent", "常住", "Permanent"),
    Choice("floating", "流动", "Floating"),
    aliases={"常住人口": "permanent", "户籍": "permanent", "流动人口": "floating", "暂住": "floating",
             "外来": "floating"},
)
POLITICAL_STATUSES = Vocabulary(
    Choice("party_member", "中共党员", "CPC member"),
    Choice("probationary", "中共预备党员", "CPC probationary member"),
    Choice("league", "共青团员", "CYL member"),
    Choice("democratic", "民主党派", "Democratic party member"),
    Choice("masses", "群众", "Masses"),
    aliases={"党员": "party_member", "正式党员": "party_member", "预备党员": "probationary", "团员": "league",
             "无党派": "masses", "无党派人士": "masses", "无": "masses"},
)

# --- grid work: incidents (issue 16) -----------------------------------------------------------
INCIDENT_CATEGORIES = Vocabulary(
    Choice("dispute", "矛盾纠纷", "Dispute"),
    Choice("hazard", "安全隐患", "Safety hazard"),
    Choice("request", "群众诉求", "Residents' request"),
    Choice("sanitation", "环境卫生", "Environment and sanitation"),
    Choice("suggestion", "意见建议", "Suggestion"),
    Choice("other", "其他", "Other"),
    aliases={"隐患": "hazard", "消防隐患": "hazard", "治安隐患": "hazard",
             "诉求": "request", "卫生": "sanitation", "环境": "sanitation", "建议": "suggestion", "意见": "suggestion",
             "其它": "other"},
)
INCIDENT_STATES = Vocabulary(
    Choice("reported", "已上报", "Reported"),
    Choice("accepted", "已受理", "Accepted"),
    Choice("rejected", "不予受理", "Not accepted"),
    Choice("dispatched", "已分派", "Dispatched"),
    Choice("in_progress", "处置中", "Being handled"),
    Choice("done", "已办结", "Done"),
    Choice("rated", "已评价", "Rated"),
    Choice("closed", "已关闭", "Closed"),
    Choice("duplicate", "重复", "Duplicate"),
)
INCIDENT_ACTIONS = Vocabulary(
    Choice("report", "上报", "Report"),
    Choice("accept", "受理", "Accept"),
    Choice("reject", "不予受理", "Reject"),
    Choice("dispatch", "分派", "Dispatch"),
    Choice("start", "开始处置", "Start handling"),
    Choice("finish", "办结", "Finish"),
    Choice("rate", "评价", "Rate"),
    Choice("close", "关闭", "Close"),
    Choice("extend", "申请延期", "Ask for more time"),
    Choice("send_back", "退回", "Send back"),
    Choice("mark_duplicate", "标记重复", "Mark as duplicate"),
    Choice("supervise", "督办", "Supervise"),
    Choice("to_case", "转为调解案件", "Made a mediation case"),
)

# --- the moral bank (道德银行, issue 17) ------------------------------------------------------
BANK_ENTRY_KINDS = Vocabulary(
    Choice("earn", "获得", "Earned"),
    Choice("redeem", "兑换", "Redeemed"),
    Choice("adjust", "调整", "Adjusted"),
    Choice("expire", "过期", "Expired"),
    Choice("reverse", "冲正", "Reversed"),
    aliases={"积分获得": "earn", "积分兑换": "redeem", "冲销": "reverse", "作废": "reverse"},
)
BANK_CATEGORIES = Vocabulary(
    Choice("volunteer", "志愿服务", "Volunteering"),
    Choice("good_deed", "好人好事", "Good deeds"),
    Choice("garbage", "垃圾分类", "Garbage sorting"),
    Choice("civility", "文明新风", "Civility"),
    Choice("neighbour", "邻里互助", "Helping neighbours"),
    Choice("other", "其他", "Other"),
    aliases={"志愿": "volunteer", "好人好事类": "good_deed", "移风易俗": "civility", "其它": "other"},
)
CAP_PERIODS = Vocabulary(
    Choice("month", "每月", "A month"),
    Choice("year", "每年", "A year"),
    aliases={"月": "month", "年": "year", "每月上限": "month", "每年上限": "year"},
)
CLAIM_STATES = Vocabulary(
    Choice("claimed", "已申报", "Claimed"),
    Choice("posted", "公示中", "Posted"),
    Choice("credited", "已入账", "Credited"),
    Choice("rejected", "未通过", "Rejected"),
    Choice("objected", "有异议", "Objected"),
)
BANK_SOURCES = Vocabulary(
    Choice("manual", "手工登记", "Entered by hand"),
    Choice("rule", "积分项目", "Earning item"),
    Choice("service_log", "志愿服务记录", "Service log"),
    Choice("claim", "好人好事申报", "Good-deed claim"),
    Choice("redemption", "兑换", "Redemption"),
    Choice("expiry", "过期处理", "Expiry"),
)
