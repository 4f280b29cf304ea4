"""Importing a grid ledger (网格划分): grids with their leader and workers.

Offices merge the grid's cells (number, name, leader, counts) over the rows of its workers;
those blanks are filled from the row above. Grids are created or updated by number, the
leader and each worker are saved with the grid-worker form's rules and put on the grid.

The app's own export has one row per worker and grid with the worker's 岗位, 性别, 联系户数,
上岗日期 and 状态, and writes 未分配 for a worker without a grid (a blank would read as a
merged cell), so an export imports back to the same register.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.grid_workers import GridInput, GridWorkerInput, load_grid_worker_input, save_grid, save_grid_worker
from db.importing.layout import Layout
from db.importing.members import ImportResult, RowProblem
from db.importing.normalize import cell_text
from db.models import Grid, GridWorker, Person
from db.people import PersonFields
from db.validation import ValidationErrors
from db.vocab import EMPLOYMENT, GENDERS, GRID_ROLES, WORKER_STATUSES

SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("网格编号", "网格号", "编号"),
    "grid_name": ("网格名称", "网格名"),
    "leader": ("网格长", "网格长姓名"),
    "name": ("网格员", "网格员姓名", "姓名"),
    "employment": ("专兼职", "专职兼职", "岗位性质"),
    "phone": ("联系电话", "手机号", "电话"),
    "buildings": ("负责楼栋", "楼栋", "包含楼栋"),
    "households": ("户数", "住户数"),
    "population": ("人口数", "人口"),
    "role": ("岗位", "职务"),
    "gender": ("性别",),
    "worker_households": ("联系户数", "包联户数"),
    "start_on": ("上岗日期", "上岗时间"),
    "status": ("状态", "在岗状态"),
}
REQUIRED_COLUMNS = ("code", "name")
MERGED = ("code", "grid_name", "leader", "households", "population")
NO_GRID = ("未分配", "无")


def _choice(text: dict[str, str], field: str, label: str, vocabulary, default: str) -> str:  # type: ignore[no-untyped-def]
    """The code for a coded cell; a blank cell gives the default, an unknown one a message."""
    if not text.get(field):
        return default
    code = vocabulary.code_for(text[field])
    if code is None:
        raise ValueError(f"{label}：无法识别“{text[field]}”")
    return str(code)


def _worker(session: Session, new: GridWorkerInput) -> None:
    """Put the named person on the grid: an existing grid worker of that name gains the grid
    (and any blank of theirs the row fills); anyone else becomes a grid worker."""
    existing = session.scalar(select(GridWorker.id).join(Person).where(
        Person.name == new.person.name, GridWorker.deleted_at.is_(None)).limit(1))
    if existing is None:
        save_grid_worker(session, new)
        return
    data = load_grid_worker_input(session, existing)
    data.grid_ids += [g for g in new.grid_ids if g not in data.grid_ids]
    data.person.phone = data.person.phone or new.person.phone
    data.person.gender = data.person.gender or new.person.gender
    data.buildings = data.buildings or new.buildings
    data.households = data.households or new.households
    data.start_on = data.start_on or new.start_on
    save_grid_worker(session, data, existing)


def _joined(known: str, more: str) -> str:
    """The grid's buildings with a row's added, each once."""
    parts = [b.strip() for b in known.replace("，", ",").split(",") if b.strip()]
    return ", ".join(parts + [more] if more and more not in parts else parts)


def import_grid_workers(session: Session, rows: list[list[object]], layout: Layout,
                        progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> ImportResult:
    result = ImportResult(rows=len(layout.data_rows))
    above: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for n, index in enumerate(layout.data_rows):
        if cancelled is not None and n % 200 == 0 and cancelled():
            raise InterruptedError("已取消")
        if progress is not None and n % 200 == 0:
            progress(n, len(layout.data_rows))
        raw = rows[index]
        text = {f: cell_text(raw[c]) if c < len(raw) else "" for f, c in layout.columns.items()}
        if text.get("code") in NO_GRID:
            text["code"] = ""
            above = {}
        elif text.get("code"):
            above = {f: text.get(f, "") for f in MERGED}
        else:  # a merged cell: the grid of the row above
            text.update({f: above.get(f, "") for f in MERGED})
        key = (text.get("code", ""), text.get("name", ""))
        if key in seen:
            same = f"与第{seen[key]}行重复（同一网格的同一网格员）"
            result.problems.append(RowProblem(index + 1, [same], duplicate=True))
            continue
        seen[key] = index + 1
        try:
            employment = _choice(text, "employment", "专兼职", EMPLOYMENT, "full_time")
            role = _choice(text, "role", "岗位", GRID_ROLES, "worker")
            gender = _choice(text, "gender", "性别", GENDERS, "") or None
            status = _choice(text, "status", "状态", WORKER_STATUSES, "active")
        except ValueError as exc:
            result.problems.append(RowProblem(index + 1, [str(exc)]))
            continue
        try:
            with session.begin_nested():
                grid_ids = []
                buildings = text.get("buildings", "")
                if text.get("code"):
                    grid = session.scalars(select(Grid).where(Grid.code == text["code"].upper())).first()
                    data = GridInput(code=text["code"], name=text.get("grid_name") or text["code"],
                                     households=text.get("households") or (grid.households if grid else 0),
                                     population=text.get("population") or (grid.population if grid else 0),
                                     buildings=_joined(grid.buildings if grid else "", buildings))
                    grid_ids = [save_grid(session, data, grid.id if grid else None).id]
                if text.get("leader"):
                    _worker(session, GridWorkerInput(PersonFields(name=text["leader"]), role="leader",
                                                     grid_ids=grid_ids))
                if text.get("name"):
                    _worker(session, GridWorkerInput(
                        PersonFields(name=text["name"], gender=gender, phone=text.get("phone", "")), role=role,
                        employment=employment, grid_ids=grid_ids, buildings=buildings,
                        households=text.get("worker_households", ""), start_on=text.get("start_on") or None,
                        status=status))
            result.imported += 1
        except ValidationErrors as exc:
            result.problems.append(RowProblem(index + 1, [e.message for e in exc.errors]))
    return result.count_problems()
