"""Demo party life: six months of meetings with attendance and the points they earn.

A few members never come (so the six-month flag has names on it), some meetings of this month
are still to be held (so the home page has something to say), and the points ledger holds the
lines save_meeting would have awarded (+1 present, −2 absent without leave).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from db.validation import format_date_cn
from db.vocab import MEETING_KINDS

TOPICS = {
    "branch_committee": ("研究本月支部工作安排", "讨论发展党员工作", "研究困难党员帮扶", "部署社区疫情防控志愿服务"),
    "themed_day": ("重温入党誓词", "走访慰问老党员", "环境整治志愿服务", "参观红色教育基地"),
    "lecture": ("学习党的二十大精神", "学习《中国共产党章程》", "基层治理专题党课"),
    "members_meeting": ("通报支部工作情况", "讨论预备党员转正"),
    "group_meeting": ("学习交流心得体会", "收集居民意见建议", "楼栋问题排查"),
}
PLACES = ("社区党群服务中心", "社区会议室", "党员活动室", "小区文化广场")
REASONS = ("出差", "身体不适", "值班", "照顾家人")


def _month_starts(today: date, months: int) -> list[date]:
    starts, y, m = [], today.year, today.month
    for _ in range(months):
        starts.append(date(y, m, 1))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return starts


def add_party_life(b: Any, months: int = 6) -> None:
    """Append meetings, attendance and point_entries rows to the demo builder `b` (db.demo.fill)."""
    rnd, today = b.rnd, b.today
    orgs = [(o["id"], o["kind"], o["parent_id"]) for o in b.rows["party_orgs"] if o["kind"] != "committee"]
    parent = {oid: pid for oid, _kind, pid in orgs}
    subtree: dict[int, list[int]] = {}
    for member in b.rows["party_members"]:
        if member["status"] != "normal":
            continue
        subtree.setdefault(member["org_id"], []).append(member["id"])
        if parent.get(member["org_id"]) in parent:  # a party group's members belong to its branch too
            subtree.setdefault(parent[member["org_id"]], []).append(member["id"])
    never = {m for ids in subtree.values() for m in ids if rnd.random() < 0.04}
    names = {p["id"]: p["name"] for p in b.rows["persons"]}
    speakers = [names[m["person_id"]] for m in b.rows["party_members"][:40]]
    for first in _month_starts(today, months):
        for oid, kind, _pid in orgs:
            kinds = ["group_meeting"] if kind == "group" else ["branch_committee", "themed_day"]
            if kind == "branch" and first.month % 3 == 1:
                kinds.append("lecture")
            if kind == "branch" and first.month % 3 == 2:
                kinds.append("members_meeting")
            for k in kinds:
                day = first + timedelta(days=rnd.randint(0, 26))
                if day > today or (first.month == today.month and rnd.random() < 0.4):
                    continue  # not held yet this month
                held = datetime.combine(day, time(rnd.choice((9, 14, 19)), rnd.choice((0, 30))))
                mid = b.add("meetings", kind=k, org_id=oid, held_at=held, place=rnd.choice(PLACES),
                            topic=rnd.choice(TOPICS[k]), speaker=rnd.choice(speakers) if k == "lecture" else "",
                            minutes="")
                for member in subtree.get(oid, []):
                    roll = rnd.random()
                    status = "absent" if member in never or roll < 0.05 else "leave" if roll < 0.12 else "present"
                    b.add("attendance", meeting_id=mid, member_id=member, status=status,
                          reason=rnd.choice(REASONS) if status == "leave" else "")
                    if status != "leave":  # the lines db.party_life.points.award_for_meeting writes
                        what = f"{MEETING_KINDS.label(k)}（{format_date_cn(day)}）"
                        b.add("point_entries", member_id=member, year=day.year, on=day,
                              rule_code="attended" if status == "present" else "absent",
                              points=1.0 if status == "present" else -2.0,
                              reason=f"参加{what}" if status == "present" else f"无故缺席{what}",
                              meeting_id=mid, entered_by="系统")
