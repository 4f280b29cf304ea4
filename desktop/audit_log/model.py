"""The audit log's table model: entry ids in order, rows fetched a page at a time, no editing.

A PagedTableModel (the registers' model) with its own columns; headers are translated in this
module's context rather than the shared "columns" one, because "Register" there reads 台账 and
the log names the register (登记簿) an entry belongs to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from db.audit_log import AuditRow
from desktop.common.formatting import format_date
from desktop.common.paged_model import Column, PagedTableModel

CONTEXT = "AuditLogModel"


def columns(chinese: bool = True) -> list[Column]:
    def when(r: AuditRow) -> str:
        return f"{format_date(r.at, chinese)} {r.at:%H:%M:%S}"

    return [
        Column("at", QT_TRANSLATE_NOOP("AuditLogModel", "Time"), when, width=170),
        Column("username", QT_TRANSLATE_NOOP("AuditLogModel", "User"), lambda r: r.username, width=90),
        Column("computer", QT_TRANSLATE_NOOP("AuditLogModel", "Computer"), lambda r: r.computer, width=140),
        Column("action", QT_TRANSLATE_NOOP("AuditLogModel", "Action"), lambda r: r.action, width=80),
        Column("register", QT_TRANSLATE_NOOP("AuditLogModel", "Register"), lambda r: r.register, width=90),
        Column("record_id", QT_TRANSLATE_NOOP("AuditLogModel", "Record"),
               lambda r: "" if r.record_id is None else str(r.record_id), align_right=True, width=60),
        Column("summary", QT_TRANSLATE_NOOP("AuditLogModel", "Summary"), lambda r: r.summary, width=180),
        Column("details", QT_TRANSLATE_NOOP("AuditLogModel", "Details"), lambda r: r.details_text, width=320,
               tooltip=lambda r: "\n".join(r.detail_lines)),
    ]


class AuditLogModel(PagedTableModel):
    """Read-only: no setData, and flags() never includes ItemIsEditable."""

    def __init__(self, fetch_rows: Callable[[Sequence[int]], list[Any]], chinese: bool = True,
                 parent: Any = None) -> None:
        super().__init__(columns(chinese), fetch_rows, parent=parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, self.columns[section].header)
        return super().headerData(section, orientation, role)

    def flags(self, index: Any) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
