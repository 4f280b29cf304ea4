"""Whether anyone changed the database since a list was read: a mark that costs one index lookup.

Every committed change leaves an entry in the operation log (db.audit), so the newest entry's
id moves whenever any PC saves, deletes, restores or imports. A tab remembers the mark it
listed at and, when shown again, reads the list afresh only if the mark has moved: a register
of 500,000 lines is not re-read each time its tab is clicked, and a colleague's change on
another PC is still seen.

On PostgreSQL two transactions may commit out of id order, so a change can be noticed only at
the next one; F5 always reads the list afresh.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEntry


def change_mark(session: Session) -> int:
    """The newest operation-log entry's id (0 for a database nobody has changed yet)."""
    return session.scalar(select(func.max(AuditEntry.id))) or 0
