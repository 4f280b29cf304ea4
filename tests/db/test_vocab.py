"""Vocabularies: every form an office writes gives the right code; anything else gives None."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from db import vocab
from db.database import Database
from db.members import MemberInput, save_member
from db.models import PartyOrg
from db.people import PersonFields, clean_person
from db.validation import ErrorCollector, ValidationErrors
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    EDUCATION,
    EDUCATION_LEVELS,
    EMPLOYMENT,
    ETHNIC_GROUP_NUMBERS,
    ETHNIC_GROUPS,
    GENDERS,
    GRID_ROLES,
    MEDIATION_TIERS,
    MEMBER_CATEGORIES,
    MEMBER_STATUSES,
    MEMBER_TYPES,
    VOLUNTEER_KINDS,
    VOLUNTEER_STATUSES,
    WORKER_STATUSES,
    Choice,
    Vocabulary,
    canonical_education,
    canonical_ethnicity,
    shown_value,
)
from db.vocab_forms import T2S, form_key

TODAY = date(2026, 11, 25)
VOCABULARIES = {name: value for name, value in vars(vocab).items() if isinstance(value, Vocabulary)}

# What databases hold and the UI shows: these must never change.
STORED = {
    "BANK_ENTRY_KINDS": "earn=获得 redeem=兑换 adjust=调整 expire=过期 reverse=冲正",
    "BANK_CATEGORIES": "volunteer=志愿服务 good_deed=好人好事 garbage=垃圾分类 civility=文明新风 neighbour=邻里互助 "
                       "other=其他",
    "CAP_PERIODS": "month=每月 year=每年",
    "BANK_SOURCES": "manual=手工登记 rule=积分项目 service_log=志愿服务记录 claim=好人好事申报 redemption=兑换 "
                    "expiry=过期处理",
    "CLAIM_STATES": "claimed=已申报 posted=公示中 credited=已入账 rejected=未通过 objected=有异议",
    "ATTENDANCE": "present=出席 leave=请假 absent=缺席",
    "BUILDING_KINDS": "residential=住宅 shop=商铺 bungalow=平房 other=其他",
    "HOUSEHOLD_REGISTRATIONS": "registered=户籍 resident=常住 temporary=暂住",
    "INCIDENT_CATEGORIES": "dispute=矛盾纠纷 hazard=安全隐患 request=群众诉求 sanitation=环境卫生 suggestion=意见建议 "
                           "other=其他",
    "INCIDENT_STATES": "reported=已上报 accepted=已受理 rejected=不予受理 dispatched=已分派 in_progress=处置中 "
                       "done=已办结 rated=已评价 closed=已关闭 duplicate=重复",
    "INCIDENT_ACTIONS": "report=上报 accept=受理 reject=不予受理 dispatch=分派 start=开始处置 finish=办结 rate=评价 "
                        "close=关闭 extend=申请延期 send_back=退回 mark_duplicate=标记重复 supervise=督办 "
                        "to_case=转为调解案件",
    "POLITICAL_STATUSES": "party_member=中共党员 probationary=中共预备党员 league=共青团员 democratic=民主党派 "
                          "masses=群众",
    "RELATIONS": "head=户主 spouse=配偶 child=子女 parent=父母 grandchild=孙子女 grandparent=祖父母 sibling=兄弟姐妹 "
                 "child_in_law=儿媳女婿 relative=其他亲属 tenant=租户 other=其他",
    "RESIDENCE_KINDS": "permanent=常住 floating=流动",
    "ROOM_USES": "owner=自住 rented=出租 vacant=空置 business=经营",
    "CASE_RESULTS": "in_progress=正在调解 success=调解成功 failed=调解不成 terminated=终止调解",
    "CASE_SOURCES": "application=当事人申请 initiative=调委会主动调解 police=公安移交 court=法院委托 "
                    "government=政府指定",
    "CASE_STATUSES": "open=正在调解 closed=已结案 applied=待受理 declined=不予受理",
    "DISPUTE_TYPES": "marriage_family=婚姻家庭 neighbour=邻里 housing_land=房屋宅基地 contract=合同 business=生产经营 "
                     "damages=损害赔偿 forest_land=山林土地 demolition=征地拆迁 environment=环境污染 labour=劳动争议 "
                     "consumer=消费 medical=医疗 traffic=道路交通事故 property_mgmt=物业 other=其他",
    "EMPLOYMENT": "full_time=专职 part_time=兼职",
    "FOLLOW_UP_PERFORMED": "yes=已履行 partly=部分履行 no=未履行",
    "GENDERS": "male=男 female=女",
    "GRID_ROLES": "chief=网格总长 leader=网格长 worker=网格员",
    "MEDIATION_TIERS": "volunteer=调解志愿者 mediator=社区调解员 judge=社区法官",
    "MEETING_KINDS": "members_meeting=党员大会 branch_committee=支委会 group_meeting=党小组会 lecture=党课 "
                     "themed_day=主题党日 life_meeting=组织生活会 appraisal=民主评议 training=培训 other=其他",
    "MEMBER_CATEGORIES": "in_service=在职 retired=离退休 mobile=流动 lost_contact=失联",
    "MEMBER_STATUSES": "normal=正常 transferred_out=转出 suspended=停止党籍 expelled=出党 deceased=去世",
    "MEMBER_TYPES": "full=正式党员 probationary=预备党员",
    "ORG_KINDS": "committee=社区党委 branch=党支部 group=党小组",
    "PARTY_ROLES": "applicant=申请人 respondent=被申请人",
    "RELAPSE_RISK": "low=低 medium=中 high=高",
    "ROLES": "admin=管理员 clerk=录入员 viewer=只读",
    "SATISFACTION": "satisfied=满意 basically=基本满意 unsatisfied=不满意",
    "SCHEDULE_PERIODS": "month=每月 quarter=每季度 year=每年",
    "VOLUNTEER_KINDS": "party_member=党员志愿者 resident=群众志愿者 reported_member=报到党员 mediation=调解志愿者",
    "VOLUNTEER_STATUSES": "active=在册 left=已退出",
    "WORKER_STATUSES": "active=在岗 left=离岗",
}


@pytest.mark.parametrize("name", sorted(STORED))
def test_stored_codes_and_labels_unchanged(name: str) -> None:
    assert " ".join(f"{c.code}={c.zh}" for c in VOCABULARIES[name]) == STORED[name]


def test_education_levels_unchanged() -> None:
    assert EDUCATION_LEVELS == ("研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下")
    assert EDUCATION.codes == EDUCATION_LEVELS


FORMS = [
    # dispute types: the 15 categories with the suffixes offices add or drop
    *[(DISPUTE_TYPES, text, "contract") for text in ("合同", "合同纠纷", "合同类", "合同类纠纷", "合同　纠纷",
                                                     "contract", "Contract", " 合同 ", "合同争议", "合同案件")],
    *[(DISPUTE_TYPES, text, "labour") for text in ("劳动争议", "劳动争议纠纷", "劳动纠纷", "劳动", "勞動爭議",
                                                   "劳动争议类")],
    *[(DISPUTE_TYPES, text, "marriage_family") for text in ("婚姻家庭", "婚姻家庭纠纷", "婚姻纠纷", "家庭纠纷",
                                                            "婚姻家庭糾紛", "婚姻家庭类", "婚姻家庭矛盾")],
    *[(DISPUTE_TYPES, text, "neighbour") for text in ("邻里", "邻里纠纷", "邻里矛盾", "邻里关系纠纷", "鄰里糾紛",
                                                      "邻里矛盾纠纷", "相邻关系纠纷")],
    *[(DISPUTE_TYPES, text, "housing_land") for text in ("房屋宅基地", "房屋纠纷", "宅基地纠纷", "房屋宅基地纠纷")],
    *[(DISPUTE_TYPES, text, "damages") for text in ("损害赔偿", "损害赔偿纠纷", "人身损害赔偿", "損害賠償糾紛")],
    (DISPUTE_TYPES, "生产经营纠纷", "business"),
    *[(DISPUTE_TYPES, text, "forest_land") for text in ("山林土地纠纷", "土地纠纷", "山林纠纷")],
    *[(DISPUTE_TYPES, text, "demolition") for text in ("征地拆迁纠纷", "拆迁纠纷", "徵地拆遷糾紛")],
    (DISPUTE_TYPES, "环境污染纠纷", "environment"),
    (DISPUTE_TYPES, "環境汙染", "environment"),
    *[(DISPUTE_TYPES, text, "consumer") for text in ("消费", "消费纠纷", "消费者权益纠纷")],
    *[(DISPUTE_TYPES, text, "medical") for text in ("医疗纠纷", "医患纠纷", "醫療糾紛")],
    *[(DISPUTE_TYPES, text, "traffic") for text in ("道路交通事故纠纷", "交通事故纠纷", "交通事故",
                                                    "road traffic accident", "ROAD TRAFFIC ACCIDENT")],
    *[(DISPUTE_TYPES, text, "property_mgmt") for text in ("物业纠纷", "物业管理纠纷", "物业")],
    *[(DISPUTE_TYPES, text, "other") for text in ("其他", "其他纠纷", "其它", "其它类")],
    # member types and categories
    *[(MEMBER_TYPES, text, "full") for text in ("正式", "正式党员", "中共正式党员", "full", "Full member", "正式黨員")],
    *[(MEMBER_TYPES, text, "probationary") for text in ("预备", "预备党员", "中共预备党员", "預備黨員",
                                                        "中国共产党预备党员")],
    *[(MEMBER_CATEGORIES, text, "in_service") for text in ("在职", "在职党员", "在職")],
    *[(MEMBER_CATEGORIES, text, "retired") for text in ("离退休", "离休", "退休", "退休党员", "离退休党员", "離退休")],
    *[(MEMBER_CATEGORIES, text, "mobile") for text in ("流动", "流动党员", "流動黨員")],
    *[(MEMBER_CATEGORIES, text, "lost_contact") for text in ("失联", "失联党员", "失去联系", "失去聯繫")],
    (MEMBER_STATUSES, "正常", "normal"),
    (MEMBER_STATUSES, "已转出", "transferred_out"),
    (MEMBER_STATUSES, "停止黨籍", "suspended"),
    (MEMBER_STATUSES, "已故", "deceased"),
    # mediation tiers, sources, results, statuses
    *[(MEDIATION_TIERS, text, "volunteer") for text in ("调解志愿者", "志愿者", "人民调解志愿者", "調解志願者")],
    *[(MEDIATION_TIERS, text, "mediator") for text in ("调解员", "社区调解员", "人民调解员", "社區調解員")],
    *[(MEDIATION_TIERS, text, "judge") for text in ("社区法官", "法官")],
    *[(CASE_SOURCES, text, "application") for text in ("当事人申请", "申请", "當事人申請")],
    *[(CASE_SOURCES, text, "initiative") for text in ("主动调解", "调委会主动调解", "主动")],
    *[(CASE_SOURCES, text, "police") for text in ("公安移交", "派出所移交", "公安")],
    *[(CASE_SOURCES, text, "court") for text in ("法院委托", "法院", "法院委託")],
    *[(CASE_SOURCES, text, "government") for text in ("政府指定", "政府", "街道指派")],
    *[(CASE_RESULTS, text, "success") for text in ("调解成功", "成功", "达成协议", "調解成功")],
    *[(CASE_RESULTS, text, "failed") for text in ("调解不成", "调解失败", "未达成协议", "不成功")],
    *[(CASE_RESULTS, text, "terminated") for text in ("终止调解", "终止")],
    *[(CASE_RESULTS, text, "in_progress") for text in ("正在调解", "调解中", "在办", "未结")],
    (CASE_STATUSES, "已结案", "closed"),
    (CASE_STATUSES, "调解中", "open"),
    (CASE_STATUSES, "待受理", "applied"),
    (CASE_STATUSES, "不予受理", "declined"),
    # genders, grid workers, volunteers
    *[(GENDERS, text, "male") for text in ("男", "男性", "M", "m", "male", "Male", "ＭＡＬＥ", " 男 ")],
    *[(GENDERS, text, "female") for text in ("女", "女性", "F", "f", "female", "Ｆ")],
    *[(GRID_ROLES, text, "worker") for text in ("网格员", "专职网格员", "兼职网格员", "網格員")],
    (GRID_ROLES, "网格长", "leader"),
    (GRID_ROLES, "网格总长", "chief"),
    *[(EMPLOYMENT, text, "full_time") for text in ("专职", "专", "專職", "full-time", "Full time", "full_time")],
    *[(EMPLOYMENT, text, "part_time") for text in ("兼职", "兼", "part-time")],
    *[(WORKER_STATUSES, text, "active") for text in ("在岗", "在職")],
    *[(WORKER_STATUSES, text, "left") for text in ("离岗", "离职", "離職")],
    *[(VOLUNTEER_KINDS, text, "party_member") for text in ("党员志愿者", "党员")],
    *[(VOLUNTEER_KINDS, text, "resident") for text in ("群众志愿者", "群众", "羣眾")],
    (VOLUNTEER_KINDS, "报到党员", "reported_member"),
    (VOLUNTEER_KINDS, "调解志愿者", "mediation"),
    (VOLUNTEER_STATUSES, "在册", "active"),
    (VOLUNTEER_STATUSES, "已退出", "left"),
    (VOLUNTEER_STATUSES, "退出", "left"),
    # education
    *[(EDUCATION, text, "研究生") for text in ("研究生", "博士", "硕士", "博士研究生", "硕士研究生", "研究生学历",
                                               "碩士")],
    *[(EDUCATION, text, "大学本科") for text in ("大学本科", "本科", "大学", "大本", "本科学历", "大學本科")],
    *[(EDUCATION, text, "大学专科") for text in ("大学专科", "大专", "专科", "高职", "大專")],
    *[(EDUCATION, text, "中专") for text in ("中专", "中技", "技校", "职高", "中等专科")],
    *[(EDUCATION, text, "高中") for text in ("高中", "普高", "高中毕业")],
    *[(EDUCATION, text, "初中") for text in ("初中", "初中文化")],
    *[(EDUCATION, text, "小学及以下") for text in ("小学及以下", "小学", "文盲", "半文盲", "无", "小學")],
    # ethnic groups: full and short names, traditional forms, GB 3304 numbers, English
    *[(ETHNIC_GROUPS, text, "汉族") for text in ("汉族", "汉", " 汉族 ", "漢族", "01", "1", "Han", "ＨＡＮ", "汉　族")],
    *[(ETHNIC_GROUPS, text, "维吾尔族") for text in ("维吾尔族", "维吾尔", "維吾爾族", "维族", "05", "5", "Uyghur")],
    *[(ETHNIC_GROUPS, text, "壮族") for text in ("壮族", "壮", "壯族", "08")],
    *[(ETHNIC_GROUPS, text, "蒙古族") for text in ("蒙古族", "蒙古", "蒙族", "02")],
    *[(ETHNIC_GROUPS, text, "畲族") for text in ("畲族", "畬族", "22")],
    *[(ETHNIC_GROUPS, text, "朝鲜族") for text in ("朝鮮族", "朝鲜", "10")],
    *[(ETHNIC_GROUPS, text, "德昂族") for text in ("德昂族", "De'ang", "deang", "46")],
    (ETHNIC_GROUPS, "乌孜别克族", "乌孜别克族"),
    (ETHNIC_GROUPS, "烏孜別克族", "乌孜别克族"),
    (ETHNIC_GROUPS, "鄂溫克族", "鄂温克族"),
    (ETHNIC_GROUPS, "基诺族", "基诺族"),
    (ETHNIC_GROUPS, "56", "基诺族"),
    (ETHNIC_GROUPS, "97", "其他"),
    (ETHNIC_GROUPS, "其他", "其他"),
    (ETHNIC_GROUPS, "98", "外国血统中国籍人士"),
    (ETHNIC_GROUPS, "外國血統中國籍人士", "外国血统中国籍人士"),
]


def _vocab_name(v: Vocabulary) -> str:
    return next(name for name, value in VOCABULARIES.items() if value is v)


@pytest.mark.parametrize(("vocabulary", "text", "code"), FORMS,
                         ids=[f"{_vocab_name(v)}-{t!r}-{c}" for v, t, c in FORMS])
def test_form_gives_code(vocabulary: Vocabulary, text: str, code: str) -> None:
    assert vocabulary.code_for(text) == code


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_code_and_label_reads_back(name: str) -> None:
    vocabulary = VOCABULARIES[name]
    for choice in vocabulary:
        for form in (choice.code, choice.zh, choice.en, choice.en.upper(), f"\u3000{choice.zh}\u00a0"):
            assert vocabulary.code_for(form) == choice.code, form


_S2T = {simplified: traditional for traditional, simplified in reversed(T2S.items())}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_labels_in_traditional_characters(name: str) -> None:
    vocabulary = VOCABULARIES[name]
    for choice in vocabulary:
        traditional = "".join(_S2T.get(ch, ch) for ch in choice.zh)
        assert vocabulary.code_for(traditional) == choice.code, traditional


HOSTILE = [
    "", " ", "\u3000", "\u00a0\t\n", "-", "?", "无法识别", "N/A", "null", "None", "0", "00", "100", "57",
    "410302199001011234", "11010519491231002X", "13812345678", "0379-12345678", "+86 138 1234 5678",
    "😀", "👍", "合同😀", "😀汉族", "=1+1", "=HYPERLINK(\"x\")", "@SUM(A1)", "<script>", "' OR 1=1 --",
    "x" * 200, "合同" * 100, "汉族" * 100, "纠纷" * 30,
    "-1", "-01", "+1", "1.0", "01.", "\x00", "\x07", "合同\x00纠纷", "汉\x1b族", "\x1c", "\ue000", "\ud800",
    "纠纷", "族", "类", "123纠纷", "abc纠纷", "纠纷合同", "合同合同", "民族", "学历", "文化",
]


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t[:12]) for t in HOSTILE])
def test_hostile_value_gives_none(name: str, text: str) -> None:
    assert VOCABULARIES[name].code_for(text) is None


@pytest.mark.parametrize("vocabulary", [MEMBER_TYPES, MEMBER_CATEGORIES, MEMBER_STATUSES, DISPUTE_TYPES, ETHNIC_GROUPS])
@pytest.mark.parametrize("text", ["党员", "中共党员", "党员党员", "中共", "预备预备党员"])
def test_party_words_alone_give_none(vocabulary: Vocabulary, text: str) -> None:
    assert vocabulary.code_for(text) is None


@pytest.mark.parametrize("text", ["合同纠纷类", "其他类纠纷", "劳动争议纠纷"])
def test_suffixes_in_any_order(text: str) -> None:
    assert DISPUTE_TYPES.code_for(text) is not None


@given(st.text(max_size=80))
def test_any_text_gives_a_code_or_none(text: str) -> None:
    for vocabulary in VOCABULARIES.values():
        code = vocabulary.code_for(text)
        assert code is None or code in vocabulary


@given(st.text(alphabet="0123456789Xx-+ ", min_size=7, max_size=25))
def test_numbers_are_never_choices(text: str) -> None:
    for name, vocabulary in VOCABULARIES.items():
        if name != "ETHNIC_GROUPS":
            assert vocabulary.code_for(text) is None


def test_ethnic_groups_follow_gb3304() -> None:
    names = [c.code for c in ETHNIC_GROUPS]
    assert len(names) == 58 and names[-2:] == ["其他", "外国血统中国籍人士"]
    assert names[:5] == ["汉族", "蒙古族", "回族", "藏族", "维吾尔族"]
    assert names[55] == "基诺族"
    assert all(c.code == c.zh and c.zh.endswith("族") and c.en for c in list(ETHNIC_GROUPS)[:56])
    assert [ETHNIC_GROUP_NUMBERS[n] for n in names] == [f"{i:02d}" for i in range(1, 57)] + ["97", "98"]
    for number, name in enumerate(names[:56], start=1):
        assert ETHNIC_GROUPS.code_for(f"{number:02d}") == name
        assert ETHNIC_GROUPS.code_for(name[:-1]) == name


def test_canonical_helpers() -> None:
    assert canonical_ethnicity(" 維吾爾族 ") == "维吾尔族"
    assert canonical_ethnicity("410302199001011234") is None
    assert canonical_education("硕士") == "研究生"
    assert canonical_education("大学肄业") is None


def test_form_key() -> None:
    assert form_key("　Ｆｕｌｌ－ｔｉｍｅ\u00a0") == "fulltime"
    assert form_key("合\u200b同") == "合同"
    assert form_key(None) == "" and form_key(True) == ""
    assert form_key(7) == "7"


def test_traditional_table_never_changes_a_simplified_form() -> None:
    """A table key that is also a simplified character in a form would corrupt that form."""
    for vocabulary in VOCABULARIES.values():
        for choice in vocabulary:
            assert not set(choice.zh) & set(T2S), choice.zh
        for key in vocabulary._by_form:
            assert not set(key) & set(T2S), key
    assert all(len(k) == len(v) == 1 and k != v for k, v in T2S.items())


# Characters of the vocabularies' forms that are written the same in traditional Chinese. With the
# table's simplified side they must cover every character, so a new alias brings its traditional
# form along (add it to db/vocab_forms.T2S, or here when it has none).
SAME_IN_TRADITIONAL = set(
    "下不世中主事予亡交京人受待他仡以仫件任休伯低佤佬侗依俄保假停傈傣僳克入全公共其兼出分初到功加勤化半南博去及古合吉同名吾哈"
    "哲固土在地培基塔境士外大失女委姻婚孜季它宅安完官定害家小尼居屋履山已巴布席常年府度庭式德志怒性患意成房所技拆拉指按撒"
    "支收政故文斡斯方族日昂昌春普景月有服朗朝未本林染柯校格案止正死每比毛民水法活派流消物珞理生用申男病白益盲相盾矛研社祜"
    "科移程究等管籍米缺者苗蒙藏血行街被裕西解赫路身退送通逝道部鄂阿院除非高黎"
    "一丈三住偶兄口商夫妹妻姐媳子客平弟次母父祖租空置自配青面上始延建期求治督重防"
    "互作俗助圾垃好得整新明易示限工手目登"
)


def test_traditional_table_covers_every_character() -> None:
    used: set[str] = set()
    for vocabulary in VOCABULARIES.values():
        used |= {ch for form in vocabulary._by_form for ch in form}
        used |= {ch for part in vocabulary._suffixes + vocabulary._prefixes for ch in part}
    han = {ch for ch in used if "\u3400" <= ch <= "\u9fff"}
    assert han - SAME_IN_TRADITIONAL - set(T2S.values()) == set()


def test_conflicting_forms_are_refused() -> None:
    with pytest.raises(ValueError, match="both"):
        Vocabulary(Choice("a", "甲", "A"), Choice("b", "乙", "B"), aliases={"甲": "b"})
    with pytest.raises(ValueError, match="unknown code"):
        Vocabulary(Choice("a", "甲", "A"), aliases={"丙": "c"})


def test_ambiguous_stems_give_none() -> None:
    v = Vocabulary(Choice("a", "甲", "A"), Choice("b", "乙", "B"), aliases={"甲乙": "a", "乙丙": "b"},
                   suffixes=("丙",), prefixes=("甲",))
    assert v.code_for("甲乙丙") is None  # 甲乙 (a) and 乙丙 (b) are both one step away


@pytest.mark.parametrize(("text", "shown"), [
    ("汉族", "汉族"), ("x" * 20, "x" * 20), ("x" * 21, "x" * 20 + "…"), ("a\x00b", "a�b"), (" a \n b ", "a b"),
    ("410302199001011234", "410302…"), ("41030219900101123X", "410302…"), ("13812345678", "138…"),
    ("138-1234-5678", "138…"), ("１３８１２３４５６７８", "１３８…"), ("幸福路13812345678", "幸福路138…"),
    ("x" * 30 + "13812345678", "x" * 20 + "…"), ("2026", "2026"), ("123456", "123456"),
])
def test_shown_value_cuts_long_text_and_numbers(text: str, shown: str) -> None:
    assert shown_value(text) == shown


# --- the db layer stores the canonical value on every path --------------------------------------

@pytest.mark.parametrize(("written", "stored"), [("漢族", "汉族"), ("01", "汉族"), (" 回 ", "回族"),
                                                 ("维族", "维吾尔族"), ("", ""), ("外国血统", "外国血统中国籍人士")])
def test_person_ethnicity_is_stored_canonical(written: str, stored: str) -> None:
    errors = ErrorCollector()
    person = clean_person(PersonFields(name="张三", ethnicity=written), errors)
    assert errors.errors == [] and person.ethnicity == stored


@pytest.mark.parametrize(("written", "message"), [
    ("410302199001011234", "民族：无法识别“410302…”，应为56个民族之一"),
    ("13812345678", "民族：无法识别“138…”，应为56个民族之一"),
    ("维吾尔族" * 5, f"民族：无法识别“{'维吾尔族' * 5}”，应为56个民族之一"),
    ("维吾尔族" * 5 + "维", f"民族：无法识别“{'维吾尔族' * 5}…”，应为56个民族之一"),
    ("火星族", "民族：无法识别“火星族”，应为56个民族之一"),
])
def test_person_ethnicity_outside_the_list_is_refused(written: str, message: str) -> None:
    errors = ErrorCollector()
    clean_person(PersonFields(name="张三", ethnicity=written), errors)
    assert [e.message for e in errors.errors] == [message]


def _member(db: Database, **overrides: object) -> MemberInput:
    with db.session() as s:
        org_id = s.scalar(select(PartyOrg.id).where(PartyOrg.kind == "branch"))
    values: dict = dict(person=PersonFields(name="李四", ethnicity="壯族"), org_id=org_id, member_type="full",
                        admitted_on="2010-07-01", full_on="2011-07-01")
    values.update(overrides)
    return MemberInput(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("written", "stored"), [("本科", "大学本科"), ("碩士研究生", "研究生"),
                                                 ("大专学历", "大学专科"), ("", ""), ("小学及以下", "小学及以下")])
def test_member_education_is_stored_canonical(db: Database, written: str, stored: str) -> None:
    with db.session() as s, s.begin():
        member = save_member(s, _member(db, education=written), today=TODAY)
        assert (member.education, member.person.ethnicity) == (stored, "壮族")


def test_member_education_outside_the_list_is_refused(db: Database) -> None:
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
        save_member(s, _member(db, education="大学肄业"), today=TODAY)
    assert [e.message for e in info.value.errors] == [
        "学历：无法识别“大学肄业”，应为研究生、大学本科、大学专科、中专、高中、初中或小学及以下"]
