"""The ledgers the office can import, and the one entry point every path uses (the window,
the command line, scripts): the actor's right to import, and one audit entry for the file."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db import audit
from db.gate import checked_writes, flags
from db.importing import grid_workers, mediation, members, residents, volunteer_hours
from db.importing.bulk import import_cache
from db.importing.layout import Layout
from db.importing.pipeline import ImportOptions, Register, run_import
from db.importing.result import ImportResult

LEDGERS: dict[str, Register] = {r.key: r for r in (members.REGISTER, grid_workers.REGISTER, mediation.REGISTER,
                                                   volunteer_hours.REGISTER, residents.REGISTER)}


def import_ledger(session: Session, register: Register, rows: list[list[object]], layout: Layout, *, source: str,
                  dry_run: bool = False, options: ImportOptions | None = None) -> ImportResult:
    """Run an import in the caller's transaction, as the session's actor may, and log it as one
    entry (file name and counts). Records created are summed up in that entry; a record the
    ledger changes gets its own field-by-field entry, as a dialog edit would."""
    notes = flags(session)
    notes["audit_bulk"] = True
    try:
        # checked_writes: the right to import, and the bulk INSERTs the import issues itself
        with checked_writes(session, "import"), import_cache(session.connection()):
            result = run_import(session, register, rows, layout, options)
            session.flush()
    finally:
        notes.pop("audit_bulk", None)
        notes.pop("audit_bulk_created", None)
    if not dry_run:
        details = {"file": source, **result.summary()}
        if result.created_names:
            details["created"] = result.created_names
        audit.record(session, "import", register.key, None, f"{register.title}：{source}"[:200], details)
    return result
