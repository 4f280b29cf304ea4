"""The demo community's grid work (issue 16): each grid's buildings, rooms and households with
their residents (members, volunteers and grid workers among them: one person, many roles), care
tags, and six months of visits and incidents in every state with their history.

At scale 1: 12 grids × 6 buildings × 42 rooms ≈ 3,000 households and about 8,000 residents.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from db.incidents import DEADLINE_DAYS, add_working_days

if TYPE_CHECKING:
    from db.demo.fill import _Builder

BUILDINGS_PER_GRID = 6
UNITS, FLOORS, DOORS = 3, 7, 2  # 42 rooms a building
RELATIONS_AFTER_HEAD = ("spouse", "child", "child", "parent", "grandchild")
HAZARDS = ("楼道堆放杂物", "电动车楼道充电", "消防通道被占用", "燃气管道老化", "外墙瓷砖松动")
REQUESTS = ("要求加装电梯", "小区路灯不亮", "希望增设健身器材", "反映停车位紧张")
SANITATION = ("垃圾桶满溢未清运", "绿化带积存垃圾", "楼顶积水")
DISPUTES = ("楼上漏水邻里纠纷", "噪音扰民", "宠物扰民纠纷", "占用公共空间纠纷")
SUBJECTS = {"hazard": HAZARDS, "request": REQUESTS, "sanitation": SANITATION, "dispute": DISPUTES,
            "suggestion": ("建议增设快递柜", "建议开设老年食堂"), "other": ("其他情况反映",)}
# How the demo's incidents end, with weights: every state the register knows appears.
ENDINGS = (("rated", 30), ("closed", 8), ("done", 8), ("in_progress", 8), ("dispatched", 8), ("accepted", 6),
           ("reported", 6), ("rejected", 3), ("duplicate", 3))


def add_housing(b: _Builder, tags: dict[str, int]) -> None:
    """Buildings, rooms, households and residents for every grid; then visits and incidents.
    `tags`: the database's care tags by name (seeded by its migration)."""
    rnd = b.rnd
    known = [p["id"] for p in b.rows["persons"]]
    rnd.shuffle(known)
    households: list[tuple[int, int, int]] = []  # (household, grid, building)
    for grid in b.grid_ids:
        for n in range(1, BUILDINGS_PER_GRID + 1):
            building = b.add("buildings", grid_id=grid, name=f"{(grid - 1) * BUILDINGS_PER_GRID + n}号楼",
                             kind="residential", units=UNITS, floors=FLOORS, address="", notes="")
            for unit in range(1, UNITS + 1):
                for floor in range(1, FLOORS + 1):
                    for door in range(1, DOORS + 1):
                        room = b.add("rooms", building_id=building, unit=unit, floor=floor,
                                     number=f"{floor}0{door}", notes="",
                                     purpose=rnd.choices(("owner", "rented", "vacant"), (80, 15, 5))[0])
                        household = b.add("households", room_id=room, head_id=None, phone="", notes="",
                                          registration=rnd.choices(("registered", "resident", "temporary"),
                                                                   (70, 20, 10))[0])
                        households.append((household, grid, building))
    for household, grid, _ in households:
        size = rnd.choices((1, 2, 3, 4), (18, 30, 32, 20))[0]
        for k in range(size):
            person = known.pop() if known and rnd.random() < 0.06 else b.person(0 if k else 20, 90)
            b.rows["persons"][person - 1]["grid_id"] = grid
            relation = "head" if k == 0 else rnd.choice(RELATIONS_AFTER_HEAD)
            age = (b.today - b.person_birth[person]).days // 365
            resident = b.add("residents", person_id=person, household_id=household, relation=relation,
                             residence="floating" if rnd.random() < 0.12 else "permanent",
                             hukou_place=rnd.choice(("河南洛阳", "河南郑州", "山东济南", "本社区")),
                             political_status="masses", notes="",
                             name_sort=b.rows["persons"][person - 1]["name_sort"],
                             search_text=b.rows["persons"][person - 1]["search_text"])
            if k == 0:
                b.rows["households"][household - 1]["head_id"] = person
                if size == 1 and age >= 65:
                    b.add("resident_tags", resident_id=resident, tag_id=tags["独居老人"])
            for name, share in (("残疾人", 0.02), ("低保户", 0.02), ("退役军人", 0.02)):
                if rnd.random() < share:
                    b.add("resident_tags", resident_id=resident, tag_id=tags[name])
            if age < 14 and rnd.random() < 0.05:
                b.add("resident_tags", resident_id=resident, tag_id=tags["留守儿童"])
    _visits(b, households)
    _incidents(b, households)


def _workers_of(b: _Builder) -> dict[int, list[int]]:
    by_grid: dict[int, list[int]] = {}
    for link in b.rows["grid_worker_grids"]:
        by_grid.setdefault(link["grid_id"], []).append(link["grid_worker_id"])
    return by_grid


def _visits(b: _Builder, households: list[tuple[int, int, int]]) -> None:
    """About two visits a household in six months, some with something found."""
    rnd, workers = b.rnd, _workers_of(b)
    for household, grid, _ in households:
        if not workers.get(grid):
            continue
        for _ in range(rnd.choices((0, 1, 2, 3), (10, 35, 35, 20))[0]):
            found = rnd.random() < 0.15
            b.add("visits", visited_on=b.days_ago(1, 182), visitor_id=rnd.choice(workers[grid]), household_id=household,
                  grid_id=grid, place="", companions="", follow_up=found and rnd.random() < 0.5,
                  found=rnd.choice(("家中一切正常", "老人身体状况良好")) if not found else rnd.choice(HAZARDS))


def _incidents(b: _Builder, households: list[tuple[int, int, int]]) -> None:
    """About 25 incidents a grid over six months, in every state, each with its history."""
    rnd = b.rnd
    numbers: dict[int, int] = {}
    reports = sorted(datetime.combine(b.days_ago(0, 182), time(rnd.randint(8, 17), rnd.choice((0, 15, 30, 45))))
                     for _ in range(25 * len(b.grid_ids)))  # numbered in the order they came in
    for reported in reports:
        _household, grid, building = rnd.choice(households)
        category = rnd.choices(tuple(SUBJECTS), (30, 25, 20, 12, 8, 5))[0]
        numbers[reported.year] = numbers.get(reported.year, 0) + 1
        ending = rnd.choices([e for e, _ in ENDINGS], [w for _, w in ENDINGS])[0]
        incident = b.add("incidents", number=f"{reported.year}-{numbers[reported.year]:04d}", grid_id=grid,
                         building_id=building, household_id=None, place="", category=category,
                         subject=rnd.choice(SUBJECTS[category]), description="居民反映，网格员现场核实。",
                         reported_at=reported, reporter=rnd.choice(("王大爷", "李阿姨", "张女士", "刘先生")),
                         reporter_phone="", visit_id=None, state=ending, assignee="", due_on=None,
                         supervised=False, rating=None, duplicate_of_id=None, case_id=None)
        _history(b, incident, category, reported, ending)


def _history(b: _Builder, incident: int, category: str, at: datetime, ending: str) -> None:
    """The steps that lead from 已上报 to the incident's ending, a few hours or days apart."""
    rnd, row = b.rnd, b.rows["incidents"][incident - 1]
    steps = [("report", "", "reported", "")]
    if ending == "rejected":
        steps.append(("reject", "reported", "rejected", "不属于社区受理范围"))
    elif ending == "duplicate":
        steps.append(("mark_duplicate", "reported", "duplicate", "与前一事件重复"))
    elif ending != "reported":
        steps.append(("accept", "reported", "accepted", "已核实"))
        if ending != "accepted":
            row["assignee"] = rnd.choice(("物业公司", "社区网格员", "城管中队", "燃气公司"))
            steps.append(("dispatch", "accepted", "dispatched", ""))
        if ending in ("in_progress", "done", "rated", "closed"):
            steps.append(("start", "dispatched", "in_progress", ""))
        if ending in ("done", "rated", "closed"):
            steps.append(("finish", "in_progress", "done", "已处置完毕"))
        if ending == "rated":
            row["rating"] = rnd.choices(("satisfied", "basically", "unsatisfied"), (75, 20, 5))[0]
            steps.append(("rate", "done", "rated", ""))
        if ending == "closed":
            steps.append(("close", "done", "closed", "办结满7天未评价，自动关闭"))
    when = at
    for n, (action, before, after, note) in enumerate(steps):
        if n:
            when = min(when + timedelta(hours=rnd.randint(2, 60)), datetime.combine(b.today, time(18, 0)))
        if action == "accept":
            row["due_on"] = add_working_days(when.date(), DEADLINE_DAYS[category])
        b.add("incident_events", incident_id=incident, at=when, action=action, from_state=before, to_state=after,
              by="演示", note=note)
    row["supervised"] = row["due_on"] is not None and row["due_on"] < b.today and rnd.random() < 0.3

