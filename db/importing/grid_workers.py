"""Importing a grid ledger (网格划分): grids with their leader and workers.

Offices merge the grid's cells (number, name, leader, counts) over the rows of its workers;
those blanks are filled from the row above. Grids are created or updated by number, the
leader and each worker are saved with the grid-worker form's rules and put on the grid.
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
from db.vocab import EMPLOYMENT

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
}
REQUIRED_COLUMNS = ("code", "name")
MERGED = ("code", "grid_name", "leader", "households", "population")


def _worker(session: Session, name: str, phone: str, role: str, employment: str, grid_id: int,
            buildings: str) -> None:
    """Put the named person on the grid: an existing grid worker of that name gains the grid."""
    existing = session.scalar(select(GridWorker.id).join(Person).where(
        Person.name == name, GridWorker.deleted_at.is_(None)).limit(1))
    if existing is not None:
        data = load_grid_worker_input(session, existing)
        if grid_id not in data.grid_ids:
            data.grid_ids.append(grid_id)
        data.person.phone = data.person.phone or phone
        save_grid_worker(session, data, existing)
        return
    save_grid_worker(session, GridWorkerInput(PersonFields(name=name, phone=phone), role=role, employment=employment,
                                              grid_ids=[grid_id], buildings=buildings))


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
        if text.get("code"):
            above = {f: text.get(f, "") for f in MERGED}
        else:  # a merged cell: the grid of the row above
            text.update({f: above.get(f, "") for f in MERGED})
        key = (text.get("code", ""), text.get("name", ""))
        if key in seen:
            same = f"与第{seen[key]}行重复（同一网格的同一网格员）"
            result.problems.append(RowProblem(index + 1, [same], duplicate=True))
            continue
        seen[key] = index + 1
        employment = EMPLOYMENT.code_for(text.get("employment", "")) if text.get("employment") else "full_time"
        if employment is None:
            result.problems.append(RowProblem(index + 1, [f"专兼职：无法识别“{text['employment']}”"]))
            continue
        try:
            with session.begin_nested():
                grid = session.scalars(select(Grid).where(Grid.code == text.get("code", "").upper())).first()
                buildings = text.get("buildings", "")
                data = GridInput(code=text.get("code", ""), name=text.get("grid_name") or text.get("code", ""),
                                 households=text.get("households") or 0, population=text.get("population") or 0,
                                 buildings=", ".join(b for b in ((grid.buildings if grid else ""), buildings) if b))
                grid_id = save_grid(session, data, grid.id if grid else None).id
                if text.get("leader"):
                    _worker(session, text["leader"], "", "leader", "full_time", grid_id, "")
                if text.get("name"):
                    _worker(session, text["name"], text.get("phone", ""), "worker", employment, grid_id, buildings)
            result.imported += 1
        except ValidationErrors as exc:
            result.problems.append(RowProblem(index + 1, [e.message for e in exc.errors]))
    return result.count_problems()
