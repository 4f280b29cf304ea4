"""The ledgers the office can import, described once for the window and the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from db import audit
from db.importing import grid_workers, mediation, members, volunteer_hours
from db.importing.layout import Layout
from db.importing.members import ImportResult
from db.permissions import require_in


@dataclass(frozen=True)
class LedgerKind:
    key: str  # as on the command line
    title: str  # Chinese, for the window
    synonyms: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    run: Callable[..., ImportResult]  # (session, rows, layout, *, update_existing, progress, cancelled)
    can_update: bool = False

    def label(self, field: str) -> str:
        return self.synonyms[field][0]


def _members(session: Session, rows: list[list[object]], layout: Layout, **kw: Any) -> ImportResult:
    return members.import_members(session, rows, layout, update_existing=kw.get("update_existing", False),
                                  progress=kw.get("progress"), cancelled=kw.get("cancelled"))


def _grid_workers(session: Session, rows: list[list[object]], layout: Layout, **kw: Any) -> ImportResult:
    return grid_workers.import_grid_workers(session, rows, layout, progress=kw.get("progress"),
                                            cancelled=kw.get("cancelled"))


def _mediation(session: Session, rows: list[list[object]], layout: Layout, **kw: Any) -> ImportResult:
    return mediation.import_mediation(session, rows, layout, progress=kw.get("progress"), cancelled=kw.get("cancelled"))


def _volunteer_hours(session: Session, rows: list[list[object]], layout: Layout, **kw: Any) -> ImportResult:
    return volunteer_hours.import_volunteer_hours(session, rows, layout, progress=kw.get("progress"),
                                                  cancelled=kw.get("cancelled"))


def import_ledger(session: Session, kind: LedgerKind, rows: list[list[object]], layout: Layout, *, source: str,
                  dry_run: bool = False, **kw: Any) -> ImportResult:
    """Run an import in the caller's transaction, as the session's actor may, and log it as one
    entry (file name and counts) instead of one entry per row."""
    require_in(session, "import")
    session.info["audit_bulk"] = True
    try:
        result = kind.run(session, rows, layout, **kw)
        session.flush()
    finally:
        session.info.pop("audit_bulk", None)
    if not dry_run:
        audit.record(session, "import", kind.key, None, f"{kind.title}：{source}"[:200],
                     {"file": source, **result.summary()})
    return result


LEDGERS: dict[str, LedgerKind] = {
    "members": LedgerKind("members", "党员台账", members.SYNONYMS, members.REQUIRED_COLUMNS, _members, True),
    "grid-workers": LedgerKind("grid-workers", "网格划分台账", grid_workers.SYNONYMS, grid_workers.REQUIRED_COLUMNS,
                               _grid_workers),
    "mediation": LedgerKind("mediation", "人民调解台账", mediation.SYNONYMS, mediation.REQUIRED_COLUMNS, _mediation),
    "volunteer-hours": LedgerKind("volunteer-hours", "志愿服务记录", volunteer_hours.SYNONYMS,
                                  volunteer_hours.REQUIRED_COLUMNS, _volunteer_hours),
}
