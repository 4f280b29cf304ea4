"""Writing the demo community (see db.demo for what it contains)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, time, timedelta

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from db import search_keys
from db.database import Database
from db.demo import names
from db.demo.housing import add_housing
from db.demo.party_life import add_party_life
from db.mediation import format_case_number
from db.models import (
    Attendance,
    Building,
    CareTag,
    FollowUp,
    Grid,
    GridWorker,
    Household,
    Incident,
    IncidentEvent,
    MediationCase,
    MediationParty,
    Mediator,
    Meeting,
    MemberStatusChange,
    PartyMember,
    PartyOrg,
    Person,
    PointEntry,
    Resident,
    ResidentTag,
    Room,
    ServiceActivity,
    ServiceLog,
    Visit,
    Volunteer,
    grid_worker_grids,
)
from db.office import DEFAULTS
from db.service_logs import default_hours

CN_NUMBERS = "一二三四五六七八九十"
DISPUTE_WEIGHTS = {"neighbour": 30, "marriage_family": 18, "property_mgmt": 15, "damages": 8, "contract": 7,
                   "housing_land": 7, "labour": 5, "consumer": 5, "other": 5}


class DemoRefused(Exception):
    """The database already holds data; the demo only fills an empty one."""


def _cn(n: int) -> str:
    return CN_NUMBERS[n - 1] if n <= 10 else (f"十{CN_NUMBERS[n - 11]}" if n < 20 else str(n))


class _Builder:
    def __init__(self, scale: int, seed: int, today: date) -> None:
        self.rnd = random.Random(seed)
        self.scale, self.today = scale, today
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.grid_ids: list[int] = []
        self.person_birth: dict[int, date] = {}

    def add(self, table: str, **row: object) -> int:
        rows = self.rows[table]
        row.setdefault("id", len(rows) + 1)
        rows.append(row)
        return int(row["id"])  # type: ignore[call-overload]

    def person(self, min_age: int = 18, max_age: int = 80, gender: str | None = None) -> int:
        rnd = self.rnd
        gender = gender or rnd.choice(("male", "female"))
        name = names.person_name(rnd, gender)
        born = names.birth_date(rnd, self.today, min_age, max_age)
        number = names.id_number(rnd, born, gender, self.used_ids)
        phone = names.mobile(rnd, self.used_phones)
        pid = self.add("persons", name=name, gender=gender, ethnicity="回族" if rnd.random() < 0.03 else "汉族",
                       birth_date=born, id_number=number, phone=phone, address=names.address(rnd),
                       grid_id=rnd.choice(self.grid_ids), notes="", name_sort=search_keys.sort_key(name),
                       search_text=search_keys.search_text(name, id_number=number, phone=phone))
        self.person_birth[pid] = born
        return pid

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rnd.randint(low, high))

    # --- registers ------------------------------------------------------------------------
    def grids(self) -> None:
        count = 12 * self.scale
        width = 2 if count < 100 else len(str(count))
        for n in range(1, count + 1):
            buildings = ",".join(f"{b}栋" for b in range(3 * n - 2, 3 * n + 1))
            self.grid_ids.append(self.add("grids", code=f"WG{n:0{width}d}", name=f"幸福{_cn(n)}区",
                                          buildings=buildings, households=self.rnd.randint(250, 450),
                                          population=self.rnd.randint(700, 1300), notes=""))

    def orgs(self) -> list[int]:
        committee = self.add("party_orgs", name=DEFAULTS["party_committee"], kind="committee", parent_id=None,
                             sort_order=1)
        units, order = [], 2
        branch_names = ["第一网格党支部", "第二网格党支部", "第三网格党支部", "离退休党支部", "在职党员报到党支部"]
        for n in range(1, 5 * self.scale + 1):
            name = branch_names[n - 1] if n <= 5 else f"第{n}党支部"
            branch = self.add("party_orgs", name=name, kind="branch", parent_id=committee, sort_order=order)
            order += 1
            units.append(branch)
            for g in range(1, self.rnd.randint(1, 2) + 1):
                units.append(self.add("party_orgs", name=f"{name}第{_cn(g)}党小组", kind="group", parent_id=branch,
                                      sort_order=order))
                order += 1
        return units

    def members(self, units: list[int]) -> list[int]:
        rnd, persons = self.rnd, []
        for _ in range(300 * self.scale):
            pid = self.person(22, 88)
            born = self.person_birth[pid]
            age = (self.today - born).days // 365
            earliest = born.replace(year=born.year + 19) if not (born.month == 2 and born.day == 29) else \
                date(born.year + 19, 3, 1)
            probationary = rnd.random() < 0.08
            if probationary:
                admitted = self.days_ago(20, 470)  # some are past their year: overdue for conversion
                full_on = None
            else:
                span = max((self.today - earliest).days - 400, 1)
                admitted = earliest + timedelta(days=rnd.randint(0, span))
                full_on = admitted + timedelta(days=365 + rnd.randint(0, 20))
            roll = rnd.random()
            category = ("mobile" if roll < 0.033 else "lost_contact" if roll < 0.047
                        else "retired" if age >= 60 and roll < 0.9 else "in_service")
            status = "transferred_out" if rnd.random() < 0.02 else "deceased" if rnd.random() < 0.005 else "normal"
            reported = category == "in_service" and rnd.random() < 0.2
            person = self.rows["persons"][pid - 1]
            mid = self.add("party_members", person_id=pid, org_id=rnd.choice(units),
                           name_sort=person["name_sort"], search_text=person["search_text"],
                           member_type="probationary" if probationary else "full", admitted_on=admitted,
                           full_on=full_on, probation_extended_months=0, education=rnd.choice(names.EDUCATION),
                           native_place=rnd.choice(("河南洛阳", "河南郑州", "河南开封", "山东济南", "河北邯郸")),
                           employer="" if category == "retired" else rnd.choice(names.EMPLOYERS), category=category,
                           category_since=self.days_ago(30, 900) if category in ("mobile", "lost_contact") else None,
                           transferred_in_on=None, reported=reported,
                           reported_on=self.days_ago(10, 700) if reported else None,
                           reported_employer=rnd.choice(names.EMPLOYERS[:5]) if reported else "", status=status,
                           notes="")
            self.add("member_status_changes", member_id=mid, status="normal", changed_on=admitted, reason="")
            if status != "normal":
                self.add("member_status_changes", member_id=mid, status=status, changed_on=self.days_ago(10, 300),
                         reason="")
            persons.append(pid)
        return persons

    def grid_workers(self, member_persons: list[int]) -> None:
        rnd = self.rnd
        for s in range(self.scale):
            grids = self.grid_ids[12 * s:12 * (s + 1)]
            roles: list[tuple[str, list[int]]] = [("chief", [])] + [("leader", [g]) for g in grids] + [
                ("worker", rnd.sample(grids, rnd.randint(1, 2))) for _ in range(7)]
            for role, worker_grids in roles:
                pid = rnd.choice(member_persons) if role != "worker" and rnd.random() < 0.7 else self.person(25, 60)
                if any(w["person_id"] == pid for w in self.rows["grid_workers"]):
                    pid = self.person(25, 60)
                wid = self.add("grid_workers", person_id=pid, role=role,
                               employment="full_time" if role != "worker" or rnd.random() < 0.5 else "part_time",
                               buildings="、".join(f"{b}栋" for b in rnd.sample(range(1, 37), 3)),
                               households=rnd.randint(120, 420), start_on=self.days_ago(100, 2500), status="active",
                               notes="")
                for g in worker_grids:
                    self.rows["grid_worker_grids"].append({"grid_worker_id": wid, "grid_id": g})

    def mediators(self, member_persons: list[int]) -> list[tuple[int, str]]:
        out = []
        taken = {w["person_id"] for w in self.rows["grid_workers"]}
        for _ in range(self.scale):
            for tier in ["volunteer"] * 4 + ["mediator"] * 4 + ["judge"] * 2:
                pid = self.rnd.choice(member_persons)
                if pid in taken or self.rnd.random() < 0.5:
                    pid = self.person(30, 70)
                taken.add(pid)
                out.append((self.add("mediators", person_id=pid, tier=tier, since=self.days_ago(200, 3000),
                                     status="active", notes=""), tier))
        return out

    def cases(self, mediators: list[tuple[int, str]]) -> None:
        rnd, prefix = self.rnd, DEFAULTS["case_number_prefix"]
        received = sorted(self.days_ago(0, 729) for _ in range(150 * self.scale))
        seqs: dict[int, int] = defaultdict(int)
        types, weights = zip(*DISPUTE_WEIGHTS.items(), strict=True)
        for day in received:
            seqs[day.year] += 1
            dispute = rnd.choices(types, weights)[0]
            mediator_id, tier = rnd.choice(mediators)
            open_case = (self.today - day).days < 30 and rnd.random() < 0.6
            roll = rnd.random()
            result = "in_progress" if open_case else "success" if roll < 0.85 else "failed" if roll < 0.95 \
                else "terminated"
            closed = None if open_case else min(day + timedelta(days=rnd.randint(1, 30)), self.today)
            cid = self.add("mediation_cases", number=format_case_number(day.year, prefix, seqs[day.year]),
                           year=day.year, seq=seqs[day.year], received_on=day,
                           source=rnd.choices(("application", "initiative", "police", "court", "government"),
                                              (60, 20, 10, 5, 5))[0],
                           dispute_type=dispute, facts=names.FACTS.get(dispute, names.FACTS["other"]),
                           requests="请求社区调解委员会依法调解。", tier=tier, mediator_id=mediator_id,
                           status="open" if open_case else "closed", result=result, closed_on=closed,
                           agreement_terms=names.AGREEMENTS["success"] if result == "success" else "",
                           performance="于协议签订之日起十日内在社区调解室当面履行。" if result == "success" else "",
                           amount=float(rnd.choice((0, 500, 1200, 3000, 8000))) or None, notes="", search_text="")
            party_names = []
            for order in range(rnd.choice((2, 2, 2, 3))):
                gender = rnd.choice(("male", "female"))
                name = names.person_name(rnd, gender)
                phone = names.mobile(rnd, self.used_phones)
                party_names.append(search_keys.search_text(name, phone=phone))
                self.add("mediation_parties", case_id=cid, sort_order=order,
                         role="applicant" if order == 0 else "respondent", name=name, gender=gender, ethnicity="汉族",
                         birth_date=names.birth_date(rnd, self.today, 20, 80), id_number=None,
                         occupation=rnd.choice(names.OCCUPATIONS), phone=phone, address=names.address(rnd),
                         person_id=None)
            self.rows["mediation_cases"][-1]["search_text"] = "|".join(
                [self.rows["mediation_cases"][-1]["number"], *party_names])
            if result == "success" and closed is not None and rnd.random() < 0.5:
                visit = min(closed + timedelta(days=rnd.randint(7, 40)), self.today)
                self.add("mediation_follow_ups", case_id=cid, visited_on=visit,
                         visitor=names.person_name(rnd, "female"),
                         performed=rnd.choices(("yes", "partly", "no"), (85, 10, 5))[0],
                         satisfaction=rnd.choices(("satisfied", "basically", "unsatisfied"), (80, 15, 5))[0],
                         relapse_risk=rnd.choices(("low", "medium", "high"), (85, 12, 3))[0],
                         action="电话回访并上门了解履行情况。", notes="")

    def volunteers(self, member_persons: list[int]) -> list[int]:
        rnd, ids = self.rnd, []
        taken = {r["person_id"] for t in ("grid_workers", "mediators") for r in self.rows[t]}
        pool = [p for p in member_persons if p not in taken]
        from_members = rnd.sample(pool, min(40 * self.scale, len(pool)))
        for n in range(1, 120 * self.scale + 1):
            if from_members:
                pid, kind = from_members.pop(), rnd.choice(("party_member", "party_member", "reported_member"))
            else:
                pid, kind = self.person(16, 75), rnd.choice(("resident", "resident", "resident", "mediation"))
            ids.append(self.add("volunteers", person_id=pid, number=f"V{n:04d}", kind=kind,
                                skills=rnd.choice(names.SKILLS),
                                available_times=rnd.choice(("周末", "工作日晚上", "不限")),
                                service_areas=rnd.choice(("社区服务", "扶老助残", "环境保护", "平安建设")),
                                organisation="幸福社区志愿服务队", registered_on=self.days_ago(30, 1500),
                                status="active", notes=""))
        return ids

    def service(self, volunteer_ids: list[int]) -> None:
        rnd = self.rnd
        hours_on: dict[tuple[int, date], float] = defaultdict(float)
        for _ in range(150 * self.scale):
            project, place = rnd.choice(names.PROJECTS)
            day = self.days_ago(0, 729)
            start = time(rnd.choice((8, 9, 14, 15, 19)), rnd.choice((0, 30)))
            end = time(start.hour + rnd.choice((1, 2, 3)), start.minute)
            hours = default_hours(start, end)
            aid = self.add("service_activities", project=project, held_on=day, place=place, start_time=start,
                           end_time=end, organiser=rnd.choice(names.ORGANISERS),
                           confirmed_by=names.person_name(rnd, "male"),
                           description=f"{project}志愿服务活动。")
            for vid in rnd.sample(volunteer_ids, min(10, len(volunteer_ids))):
                credited = hours if rnd.random() < 0.85 else max(hours - 0.5, 0.5)
                if hours_on[(vid, day)] + credited > 24:
                    continue
                hours_on[(vid, day)] += credited
                self.add("service_logs", activity_id=aid, volunteer_id=vid, hours=credited, notes="")


TABLES = (("grids", Grid), ("party_orgs", PartyOrg), ("persons", Person), ("party_members", PartyMember),
          ("member_status_changes", MemberStatusChange), ("grid_workers", GridWorker),
          ("grid_worker_grids", grid_worker_grids), ("buildings", Building), ("rooms", Room),
          ("households", Household), ("residents", Resident), ("resident_tags", ResidentTag), ("visits", Visit),
          ("incidents", Incident), ("incident_events", IncidentEvent), ("mediators", Mediator),
          ("mediation_cases", MediationCase),
          ("mediation_parties", MediationParty), ("mediation_follow_ups", FollowUp), ("volunteers", Volunteer),
          ("service_activities", ServiceActivity), ("service_logs", ServiceLog), ("meetings", Meeting),
          ("attendance", Attendance), ("point_entries", PointEntry))


def fill_demo(db: Database, scale: int = 1, seed: int = 20261125, today: date | None = None) -> dict[str, int]:
    """Fill an empty database with the demo community; returns the rows written per table."""
    with db.session() as s:
        persons = s.scalar(select(func.count()).select_from(Person)) or 0
        other = (s.scalar(select(func.count()).select_from(PartyOrg)) or 0) + (
            s.scalar(select(func.count()).select_from(Grid)) or 0)
    if persons or other:
        raise DemoRefused(f"数据库不是空的（已有 {persons} 名人员），演示数据只能写入空数据库。")
    with db.session() as s:
        tags = dict(s.execute(select(CareTag.name, CareTag.id)).all())
    b = build_demo(scale, seed, today or date.today(), tags)
    with db.session() as s, s.begin():
        _write(s, b.rows)
        from db.demo.bank import add_bank

        add_bank(s, seed, today or date.today())
    return {name: len(b.rows.get(name, [])) for name, _ in TABLES}


def build_demo(scale: int, seed: int, today: date, tags: dict[str, int] | None = None) -> _Builder:
    """The demo community's rows, not yet written (bench/bench_street.py adds residents to them).
    With the database's care tags (`tags`, by name), its houses, residents, visits and incidents too."""
    b = _Builder(scale, seed, today)
    b.grids()
    units = b.orgs()
    member_persons = b.members(units)
    b.grid_workers(member_persons)
    b.cases(b.mediators(member_persons))
    b.service(b.volunteers(member_persons))
    add_party_life(b)
    if tags:
        add_housing(b, tags)
    return b


def _write(session: Session, built: dict[str, list[dict]]) -> None:
    """Insert the built rows table by table, letting the database number them: the builder's own
    ids are only links between its rows, turned into the database's through INSERT … RETURNING
    (assigned ids would leave a server's sequences behind, and collide in a database that already
    has another community's rows)."""
    real: dict[str, dict[int, int]] = {}
    for name, target in TABLES:
        table: Table = target if isinstance(target, Table) else target.__table__  # type: ignore[assignment]
        links = [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys]
        rows = [_linked(row, links, real) for row in built.get(name, [])]
        if "id" not in table.c:
            for start in range(0, len(rows), 5000):
                session.execute(insert(table), rows[start:start + 5000])
            continue
        mapping = real.setdefault(name, {})
        refers_to_itself = any(links_to == name for _column, links_to in links)
        batch = 1 if refers_to_itself else 5000  # a party group's branch gets its id before the group
        for start in range(0, len(rows), batch):
            part = rows[start:start + batch]
            if refers_to_itself:
                part = [_linked(row, links, real) for row in part]
            ids = session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                  [{k: v for k, v in row.items() if k != "id"} for row in part]).all()
            mapping.update(zip((row["id"] for row in part), ids, strict=True))


def _linked(row: dict, links: list[tuple[str, str]], real: dict[str, dict[int, int]]) -> dict:
    """The row with each link to another built row replaced by that row's id in the database."""
    out = dict(row)
    for column, links_to in links:
        value = out.get(column)
        if value is not None and links_to in real and value in real[links_to]:
            out[column] = real[links_to][value]
    return out
