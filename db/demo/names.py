"""Names, places and words the demo draws from, weighted roughly like a real community."""

from __future__ import annotations

import random
from datetime import date, timedelta

from db.validation import id_check_character

# Common surnames, most frequent first, plus a few with special readings (单, 曾, 解, 欧阳).
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
            "莫孔向汤单解")
COMPOUND = ("欧阳", "司马", "上官")
GIVEN_MALE = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳志建国庆文博"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲桂兰红梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉萍"
AREA_CODES = ("410302", "410303", "410304", "410305", "410306", "410307", "410311", "410322", "410381",
              "411102", "410102", "370102")
STREETS = ("幸福路", "和平街", "建设路", "解放路", "中州路", "九都路", "天津路", "西苑路")
EMPLOYERS = ("洛阳市第一中学 教师", "洛阳轴承集团 工程师", "区人民医院 护士", "市税务局 科员", "社区卫生服务中心 医生",
             "个体经营", "洛阳供电公司 职员", "区住建局 科员", "中国银行洛阳分行 职员", "")
EDUCATION = ("研究生", "大学本科", "大学本科", "大学专科", "大学专科", "中专", "高中", "初中")
OCCUPATIONS = ("职员", "退休", "个体", "教师", "工人", "无业", "司机", "医生", "保安", "厨师")
PROJECTS = (("环境整治", "小区内外"), ("关爱空巢老人", "居民家中"), ("文明交通劝导", "幸福路口"),
            ("反诈宣传", "社区广场"), ("垃圾分类宣传", "各小区"), ("助老送餐", "长者食堂"), ("义诊", "党群服务中心"),
            ("四点半课堂", "社区活动室"), ("防汛值守", "地下车库"), ("邻里节", "社区广场"))
ORGANISERS = ("幸福社区党委", "幸福社区居委会", "社区新时代文明实践站", "区志愿者协会")
SKILLS = ("医疗护理", "法律咨询", "文艺", "理发", "家电维修", "心理疏导", "书法", "教育辅导", "")
FACTS = {
    "neighbour": "楼上住户装修噪音及漏水影响楼下住户生活，双方多次争吵。",
    "marriage_family": "夫妻因赡养老人及家庭开支产生矛盾，要求社区协调。",
    "property_mgmt": "业主对物业收费及停车管理有异议，拒交物业费。",
    "damages": "电动车在小区内碰撞行人致轻伤，双方就赔偿金额未达成一致。",
    "contract": "房屋租赁合同到期后押金退还发生争议。",
    "labour": "家政人员与雇主就工资结算发生争议。",
    "housing_land": "相邻住户因楼道堆物、公共空间使用发生纠纷。",
    "consumer": "居民在社区商铺购买的商品存在质量问题，要求退换。",
    "other": "居民之间因宠物管理问题发生纠纷。",
}
AGREEMENTS = {
    "success": "1. 一方于十日内修复漏水点并赔偿对方损失；\n2. 双方今后友好相处，不再因此事发生争执。",
}


def person_name(rnd: random.Random, gender: str) -> str:
    surname = rnd.choice(COMPOUND) if rnd.random() < 0.01 else rnd.choice(SURNAMES)
    pool = GIVEN_MALE if gender == "male" else GIVEN_FEMALE
    given = rnd.choice(pool) + (rnd.choice(pool) if rnd.random() < 0.75 else "")
    return surname + given


def id_number(rnd: random.Random, birth: date, gender: str, used: set[str]) -> str:
    """A valid, unused GB 11643 number for that birth date and gender."""
    while True:
        last = rnd.choice((1, 3, 5, 7, 9)) if gender == "male" else rnd.choice((0, 2, 4, 6, 8))
        seq = rnd.randint(0, 99) * 10 + last
        body = f"{rnd.choice(AREA_CODES)}{birth:%Y%m%d}{seq:03d}"
        number = body + id_check_character(body)
        if number not in used:
            used.add(number)
            return number


def mobile(rnd: random.Random, used: set[str]) -> str:
    while True:
        number = f"1{rnd.choice('3456789')}{rnd.randint(0, 999_999_999):09d}"
        if number not in used:
            used.add(number)
            return number


def birth_date(rnd: random.Random, today: date, min_age: int, max_age: int) -> date:
    return today - timedelta(days=rnd.randint(min_age * 365 + 10, max_age * 365))


def address(rnd: random.Random) -> str:
    street, number, building = rnd.choice(STREETS), rnd.randint(1, 200), rnd.randint(1, 12)
    return f"{street}{number}号{building}栋{rnd.randint(1, 4)}单元{rnd.randint(1, 18)}0{rnd.randint(1, 4)}"
