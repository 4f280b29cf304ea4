"""Importing a grid ledger (网格划分): grids with their leader and workers.

Offices merge the grid's cells (number, name, leader, counts) over the rows of its workers;
those blanks are filled from the row above. A grid is found by its number (near forms too:
WG-01 for WG01) and brought up to date; a number nobody has is a new grid only when staff say
so. The leader and each worker are saved with the grid-worker form's rules and put on the grid.

The app's own export has one row per worker and grid with the worker's 岗位, 性别, 联系户数,
上岗日期 and 状态, and writes 未分配 for a worker without a grid (a blank would read as a
merged cell), so an export imports back to the same register.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.grid_workers import (
    GridInput,
    GridWorkerInput,
    grid_code_problem,
    load_grid_input,
    load_grid_worker_input,
    save_grid,
    save_grid_worker,
)
from db.importing.names import grid_key
from db.importing.pipeline import CREATE, Checked, Column, Context, Identity, Reference, Register, Row, RowRefused
from db.models import Grid, GridWorker, Person
from db.people import PersonFields
from db.validation import FieldError, ValidationErrors, check_person_name, clean_text
from db.vocab import EMPLOYMENT, GENDERS, GRID_ROLES, WORKER_STATUSES

COLUMNS = (
    Column("code", ("网格编号", "网格号", "编号"), required=True),
    Column("grid_name", ("网格名称", "网格名")),
    Column("leader", ("网格长", "网格长姓名")),
    Column("name", ("网格员", "网格员姓名", "姓名"), required=True),
    Column("employment", ("专兼职", "专职兼职", "岗位性质"), EMPLOYMENT),
    Column("phone", ("联系电话", "手机号", "电话")),
    Column("buildings", ("负责楼栋", "楼栋", "包含楼栋")),
    Column("households", ("户数", "住户数")),
    Column("population", ("人口数", "人口")),
    Column("role", ("岗位", "职务"), GRID_ROLES),
    Column("gender", ("性别",), GENDERS),
    Column("worker_households", ("联系户数", "包联户数")),
    Column("start_on", ("上岗日期", "上岗时间")),
    Column("status", ("状态", "在岗状态"), WORKER_STATUSES),
)
MERGED = ("code", "grid_name", "leader", "households", "population")
NO_GRID = ("未分配", "无")


def _live_grids(session: Session) -> dict[str, int]:
    return {code: gid for code, gid in session.execute(select(Grid.code, Grid.id).where(Grid.deleted_at.is_(None)))}


def _new_code_problem(code: str) -> str | None:
    return grid_code_problem(clean_text(code).upper())


# New grids are made by the writer, with their name and counts.
GRIDS = Reference("code", "网格", _live_grids, key=grid_key, check_new=_new_code_problem)


@dataclass(slots=True)
class GridLine:
    code: str
    grid: GridInput | None
    leader: GridWorkerInput | None
    worker: GridWorkerInput | None


def _fill_merged(_ctx: Context, data: list[Row]) -> None:
    """A blank grid number is a merged cell: the row belongs to the grid above it."""
    above: dict[str, str] = {}
    for row in data:
        text = row.text
        if text.get("code") in NO_GRID:
            text["code"] = ""
            above = {}
        elif text.get("code"):
            above = {f: text.get(f, "") for f in MERGED}
        elif above:
            text.update(above)
            row.problems += [] if text.get("name") else ["网格员姓名：必填（该行只有合并的网格信息）"]


def _worker(session: Session, new: GridWorkerInput, made: set[int]) -> str:
    """Put the named person on the grid: an existing grid worker of that name gains the grid
    (and any blank of theirs the row fills); anyone else becomes a grid worker. Says what it
    did: "created", "updated" or "unchanged" (a worker this import made counts as created)."""
    existing = session.scalar(select(GridWorker.id).join(Person).where(
        Person.name == new.person.name, GridWorker.deleted_at.is_(None)).limit(1))
    if existing is None:
        made.add(save_grid_worker(session, new).id)
        return "created"
    before = load_grid_worker_input(session, existing)
    data = deepcopy(before)  # filled in below; `before` says whether anything changed
    data.grid_ids += [g for g in new.grid_ids if g not in data.grid_ids]
    data.person.phone = data.person.phone or new.person.phone
    data.person.gender = data.person.gender or new.person.gender
    data.buildings = data.buildings or new.buildings
    data.households = data.households or new.households
    data.start_on = data.start_on or new.start_on
    save_grid_worker(session, data, existing)
    if load_grid_worker_input(session, existing) == before:
        return "unchanged"
    return "created" if existing in made else "updated"


def _joined(known: str, more: str) -> str:
    """The grid's buildings with a row's added, each once."""
    parts = [b.strip() for b in known.replace("，", ",").split(",") if b.strip()]
    return ", ".join(parts + [more] if more and more not in parts else parts)


def _check(ctx: Context, row: Row) -> GridLine:
    text = row.text
    if not text.get("code") and not text.get("name"):
        raise RowRefused("网格员姓名：必填")
    grid = None
    if text.get("code"):
        grid = GridInput(code=text["code"], name=text.get("grid_name") or text["code"],
                         households=text.get("households", ""), population=text.get("population", ""),
                         buildings=text.get("buildings", ""))
    problems = []
    for field, label in (("leader", "网格长"), ("name", "网格员姓名")):
        if text.get(field):
            try:
                check_person_name(text[field], field, label)
            except FieldError as exc:
                problems.append(exc.message)
    if problems:
        raise RowRefused(*problems)
    leader = GridWorkerInput(PersonFields(name=text["leader"]), role="leader") if text.get("leader") else None
    worker = None
    if text.get("name"):
        worker = GridWorkerInput(
            PersonFields(name=text["name"], gender=row.codes.get("gender"), phone=text.get("phone", "")),
            role=row.code("role", "worker"), employment=row.code("employment", "full_time"),
            buildings=text.get("buildings", ""), households=text.get("worker_households", ""),
            start_on=text.get("start_on") or None, status=row.code("status", "active"))
    return GridLine(text.get("code", ""), grid, leader, worker)


def _identity(line: GridLine) -> Identity | None:
    if line.worker is None:
        return Identity(("grid", line.code), "同一网格")
    return Identity((line.code, line.worker.person.name), "同一网格的同一网格员")


def _grid_id(ctx: Context, row: Row, grid: GridInput) -> tuple[int, str]:
    """The grid of the row, made or brought up to date (households and buildings added to),
    and what was done to it: "created", "updated" or "unchanged"."""
    made: dict[str, int] = ctx.cache.setdefault("made", {})
    ref = row.refs.get("code")
    existing = made.get(grid.code.upper()) if ref == CREATE else ref
    stored = ctx.session.get(Grid, existing) if existing else None
    before = load_grid_input(ctx.session, stored.id) if stored is not None else None
    if stored is not None:
        grid.households = grid.households or stored.households
        grid.population = grid.population or stored.population
        grid.buildings = _joined(stored.buildings, str(grid.buildings))
        grid.code = stored.code  # a near number (WG-01 for WG01) keeps the registered one
    saved = save_grid(ctx.session, grid, stored.id if stored else None)
    if ref == CREATE:
        made[grid.code.upper()] = saved.id
    if before is None:
        return saved.id, "created"
    if load_grid_input(ctx.session, saved.id) == before:
        return saved.id, "unchanged"
    return saved.id, "created" if saved.id in made.values() else "updated"


def _write(ctx: Context, checked: list[Checked]) -> None:
    for entry in checked:
        line: GridLine = entry.item
        try:
            with ctx.session.begin_nested():  # a refused row leaves nothing behind
                done = []
                grid_ids = []
                if line.grid is not None:
                    grid_id, what = _grid_id(ctx, entry.row, line.grid)
                    grid_ids, done = [grid_id], [what]
                for person in (line.leader, line.worker):
                    if person is not None:
                        person.grid_ids = grid_ids
                        done.append(_worker(ctx.session, person, ctx.cache.setdefault("made_workers", set())))
            _count(ctx, done)
        except ValidationErrors as exc:
            ctx.result.refuse(entry.row.number, *[e.message for e in exc.errors])


def _count(ctx: Context, done: list[str]) -> None:
    """A row that made a grid or a worker is imported; one that only changed them, updated."""
    if "created" in done:
        ctx.result.imported += 1
    elif "updated" in done:
        ctx.result.updated += 1
    else:
        ctx.result.unchanged += 1


REGISTER = Register("grid-workers", "网格划分台账", COLUMNS, _check, _write, references=(GRIDS,),
                    identity=_identity, prepare=_fill_merged)
