"""Grid workers (网格员) and grids (网格): rules, saving, and the queries behind their tab."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.listing import Sort, fetch_ids, load_rows, ordered, person_match, search_rank
from db.models import Grid, GridWorker, Person, grid_worker_grids
from db.people import PersonFields, clean_person, person_fields_of, resolve_person
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    as_text,
    check_code,
    check_free_text,
    check_int,
    clean_text,
    is_id,
    parse_date,
)
from db.vocab import EMPLOYMENT, GRID_ROLES, WORKER_STATUSES

MAX_HOUSEHOLDS = 100_000
GRID_CODE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,19})")
_DATE_LIKE = re.compile(r"(19|20)\d{2}-\d{1,2}-\d{1,2}")


def grid_code_problem(code: str) -> str | None:
    """Why text cannot be a grid number (letters, digits and inner “-”, at most 20), or None.
    A date or a negative number in that column is a slip of the column, said as such."""
    if not code:
        return "必填"
    if _DATE_LIKE.fullmatch(code):
        return f"“{code}”像是日期，不是网格编号（请检查是否填错列）"
    if not GRID_CODE.fullmatch(code) or code.endswith("-"):
        return "只能是字母、数字和“-”（不能以“-”开头或结尾），最多20位"
    return None


@dataclass
class GridWorkerInput:
    person: PersonFields = field(default_factory=PersonFields)
    role: str = "worker"
    employment: str = "full_time"
    grid_ids: list[int] = field(default_factory=list)
    buildings: str = ""
    households: int | str = 0
    start_on: date | str | None = None
    status: str = "active"
    notes: str = ""


@dataclass(frozen=True)
class GridWorkerRow:
    id: int
    person_id: int
    name: str
    gender: str | None
    phone: str
    role: str
    employment: str
    grids: str
    buildings: str
    households: int
    start_on: date | None
    status: str


@dataclass(frozen=True)
class GridWorkerFilter:
    text: str = ""
    grid_id: int | None = None
    role: str | None = None
    employment: str | None = None
    include_left: bool = False


def _count(value: int | str, field_name: str, label: str, errors: ErrorCollector) -> int:
    return errors.check(check_int, value, field_name, label, 0, MAX_HOUSEHOLDS) or 0  # blank: 0


def clean_grid_worker(session: Session, raw: GridWorkerInput, today: date | None = None) -> tuple[PersonFields, dict]:
    errors = ErrorCollector()
    person = clean_person(raw.person, errors)
    # Residents call their grid worker; leaders are often office staff reached through the office.
    if not person.phone and raw.role == "worker" and not errors.has("phone"):
        errors.add(FieldError("phone", "联系电话", "必填（居民要能找到网格员）"))
    values: dict = {}
    for attr, vocab, label in (("role", GRID_ROLES, "岗位"), ("employment", EMPLOYMENT, "专兼职"),
                               ("status", WORKER_STATUSES, "状态")):
        values[attr] = errors.check(check_code, getattr(raw, attr), vocab, attr, label)
    chosen = raw.grid_ids if isinstance(raw.grid_ids, list | tuple | set) else [raw.grid_ids]
    grid_ids = list(dict.fromkeys(g for g in chosen if is_id(g)))
    live = set(session.scalars(select(Grid.id).where(Grid.id.in_(grid_ids), Grid.deleted_at.is_(None))))
    if len(live) != len(grid_ids) or any(g is not None and not is_id(g) for g in chosen):
        errors.add(FieldError("grid_ids", "负责网格", "所选网格已被删除，请重新选择"))
    if not grid_ids and raw.role in ("leader", "worker"):
        errors.add(FieldError("grid_ids", "负责网格", "请至少选择一个网格"))
    values["grid_ids"] = grid_ids
    values["buildings"] = errors.check(check_free_text, raw.buildings, "buildings", "负责楼栋", max_len=500) or ""
    values["households"] = _count(raw.households, "households", "联系户数", errors)
    values["start_on"] = errors.check(parse_date, raw.start_on, "start_on", "上岗日期", allow_future=False, today=today)
    values["notes"] = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    errors.raise_if_any()
    return person, values


def save_grid_worker(session: Session, raw: GridWorkerInput, worker_id: int | None = None,
                     today: date | None = None) -> GridWorker:
    """Create or update a grid worker (and their Person) in the caller's transaction."""
    person_fields, values = clean_grid_worker(session, raw, today)
    worker = session.get(GridWorker, worker_id) if is_id(worker_id) else None
    if worker_id is not None and worker is None:
        raise ValidationErrors([FieldError("name", "姓名", "该网格员记录已不存在，请刷新后重试")])
    try:
        person = resolve_person(session, person_fields, person_id=worker.person_id if worker else None,
                                role="grid_worker")
    except FieldError as exc:
        raise ValidationErrors([exc]) from exc
    if worker is None:
        worker = GridWorker(person=person)
        session.add(worker)
    grid_ids = values.pop("grid_ids")
    for attr, value in values.items():
        setattr(worker, attr, value)
    worker.grids = list(session.scalars(select(Grid).where(Grid.id.in_(grid_ids)).order_by(Grid.code)))
    session.flush()
    return worker


def load_grid_worker_input(session: Session, worker_id: int) -> GridWorkerInput:
    w = session.get_one(GridWorker, worker_id)
    p = w.person
    return GridWorkerInput(
        person=person_fields_of(p),
        role=w.role, employment=w.employment, grid_ids=[g.id for g in w.grids], buildings=w.buildings,
        households=w.households, start_on=w.start_on, status=w.status, notes=w.notes,
    )


SORT_KEYS = {
    "name": Person.name_sort, "phone": Person.phone, "role": GridWorker.role, "employment": GridWorker.employment,
    "households": GridWorker.households, "start_on": GridWorker.start_on, "status": GridWorker.status,
}


def grid_worker_ids(session: Session, f: GridWorkerFilter, sort: Sort = Sort()) -> list[int]:  # noqa: B008
    stmt = (select(GridWorker.id).join(Person, GridWorker.person_id == Person.id)
            .where(GridWorker.deleted_at.is_(None)))
    if not f.include_left:
        stmt = stmt.where(GridWorker.status == "active")
    if (cond := person_match(f.text)) is not None:
        stmt = stmt.where(cond)
    if f.grid_id is not None:
        stmt = stmt.where(GridWorker.id.in_(
            select(grid_worker_grids.c.grid_worker_id).where(grid_worker_grids.c.grid_id == f.grid_id)))
    if f.role:
        stmt = stmt.where(GridWorker.role == f.role)
    if f.employment:
        stmt = stmt.where(GridWorker.employment == f.employment)
    rank = search_rank(f.text, Person.search_text, Person.name_sort)
    return fetch_ids(session, ordered(stmt, sort, SORT_KEYS, "name", Person.id, rank))


def worker_grids(session: Session, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """Each worker's live grids as (code, name), in code order."""
    grids: dict[int, list[tuple[str, str]]] = {}
    for worker_id, code, name in session.execute(
        select(grid_worker_grids.c.grid_worker_id, Grid.code, Grid.name)
        .join(Grid, Grid.id == grid_worker_grids.c.grid_id)
        .where(grid_worker_grids.c.grid_worker_id.in_(ids), Grid.deleted_at.is_(None)).order_by(Grid.code)
    ):
        grids.setdefault(worker_id, []).append((code, name))
    return grids


def _fetch_rows(session: Session, ids: Sequence[int]) -> dict[int, GridWorkerRow]:
    grids = {w: [f"{code} {name}" for code, name in pairs] for w, pairs in worker_grids(session, ids).items()}
    rows = {}
    for w, p in session.execute(select(GridWorker, Person).join(Person).where(GridWorker.id.in_(ids))):
        rows[w.id] = GridWorkerRow(
            id=w.id, person_id=p.id, name=p.name, gender=p.gender, phone=p.phone, role=w.role,
            employment=w.employment, grids="、".join(grids.get(w.id, [])), buildings=w.buildings,
            households=w.households, start_on=w.start_on, status=w.status,
        )
    return rows


def grid_worker_rows(session: Session, ids: Sequence[int]) -> list[GridWorkerRow]:
    return load_rows(session, ids, _fetch_rows)


# --- grids -----------------------------------------------------------------------------------

@dataclass
class GridInput:
    code: str = ""
    name: str = ""
    buildings: str = ""
    households: int | str = 0
    population: int | str = 0
    notes: str = ""


@dataclass(frozen=True)
class GridRow:
    id: int
    code: str
    name: str
    buildings: str
    households: int
    population: int
    workers: str


def save_grid(session: Session, raw: GridInput, grid_id: int | None = None) -> Grid:
    grid = session.get(Grid, grid_id) if is_id(grid_id) else None
    if grid_id is not None and grid is None:
        raise ValidationErrors([FieldError("code", "网格编号", "该网格已不存在，请刷新后重试")])
    errors = ErrorCollector()
    code = clean_text(errors.check(as_text, raw.code, "code", "网格编号")).upper()
    if errors.has("code"):
        pass
    elif (problem := grid_code_problem(code)) is not None:
        errors.add(FieldError("code", "网格编号", problem))
    else:
        clash = session.scalars(select(Grid).where(Grid.code == code, Grid.id != (grid_id or 0))).first()
        if clash is not None:
            where = "（在回收站中）" if clash.deleted_at else ""
            errors.add(FieldError("code", "网格编号", f"{code} 已存在（{clash.name}）{where}"))
    name = errors.check(check_free_text, raw.name, "name", "网格名称", max_len=60, required=True) or ""
    buildings = errors.check(check_free_text, raw.buildings, "buildings", "楼栋", max_len=500) or ""
    households = _count(raw.households, "households", "户数", errors)
    population = _count(raw.population, "population", "人口", errors)
    notes = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    errors.raise_if_any()
    if grid is None:
        grid = Grid()
        session.add(grid)
    grid.code, grid.name, grid.buildings = code, name, buildings
    grid.households, grid.population, grid.notes = households, population, notes
    session.flush()
    return grid


def load_grid_input(session: Session, grid_id: int) -> GridInput:
    g = session.get_one(Grid, grid_id)
    return GridInput(g.code, g.name, g.buildings, g.households, g.population, g.notes)


def grid_rows(session: Session) -> list[GridRow]:
    """All live grids with their active workers' names (a few dozen rows at most)."""
    workers: dict[int, list[str]] = {}
    for grid_id, name in session.execute(
        select(grid_worker_grids.c.grid_id, Person.name)
        .join(GridWorker, GridWorker.id == grid_worker_grids.c.grid_worker_id)
        .join(Person, Person.id == GridWorker.person_id)
        .where(GridWorker.deleted_at.is_(None), GridWorker.status == "active").order_by(Person.name_sort)
    ):
        workers.setdefault(grid_id, []).append(name)
    grids = session.scalars(select(Grid).where(Grid.deleted_at.is_(None)).order_by(Grid.code))
    return [GridRow(g.id, g.code, g.name, g.buildings, g.households, g.population, "、".join(workers.get(g.id, [])))
            for g in grids]


def grid_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Grid).where(Grid.deleted_at.is_(None))) or 0
