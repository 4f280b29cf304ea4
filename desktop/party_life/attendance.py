"""The attendance screen of a meeting: every expected member on one line, marked with one key.

Roll call is done from the signed paper sheet (签到表), listed in the same order (by branch,
then pinyin: db.party_life.sign_in), so the list is driven from the keyboard. Letters find a
person: typing a name's pinyin initials or its characters moves the cursor to the next person
who matches (desktop.party_life.type_ahead). Marks are keys that are not letters, so the two
never clash: 1 present, 2 on leave (then the reason is typed and Enter goes on), 3 absent,
Space cycles, Up/Down move; after a mark the cursor goes to the next person, the way a finger
goes down the sheet. A click on one of the three mark columns sets that mark too.
The model keeps plain rows; the dialog turns them into db.party_life.meetings.AttendanceInput.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QInputMethodEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from db.vocab import ATTENDANCE, MEMBER_TYPES
from desktop.party_life.type_ahead import TypeAhead, is_search_text

PRESENT, LEAVE, ABSENT = "present", "leave", "absent"
STATUSES = (PRESENT, LEAVE, ABSENT)
COL_NAME, COL_ORG, COL_TYPE, COL_PRESENT, COL_LEAVE, COL_ABSENT, COL_REASON = range(7)
MARK_COLUMNS = {COL_PRESENT: PRESENT, COL_LEAVE: LEAVE, COL_ABSENT: ABSENT}
# Marks are digits (the keypad's too): letters belong to finding a person.
KEYS = {Qt.Key.Key_1: PRESENT, Qt.Key.Key_2: LEAVE, Qt.Key.Key_3: ABSENT}
COLOURS = {PRESENT: QColor("#1e8449"), LEAVE: QColor("#b9770e"), ABSENT: QColor("#b03a2e")}
HEADERS = (QT_TRANSLATE_NOOP("AttendanceModel", "Name"), QT_TRANSLATE_NOOP("AttendanceModel", "Branch"),
           QT_TRANSLATE_NOOP("AttendanceModel", "Type"), QT_TRANSLATE_NOOP("AttendanceModel", "Present (1)"),
           QT_TRANSLATE_NOOP("AttendanceModel", "On leave (2)"), QT_TRANSLATE_NOOP("AttendanceModel", "Absent (3)"),
           QT_TRANSLATE_NOOP("AttendanceModel", "Reason for leave"))
HEADER_TIPS = {
    COL_NAME: QT_TRANSLATE_NOOP("AttendanceModel", "Type a name's pinyin initials (zs for 张三) or its characters "
                                                   "to go to that person"),
    COL_PRESENT: QT_TRANSLATE_NOOP("AttendanceModel", "Key 1, or click the cell"),
    COL_LEAVE: QT_TRANSLATE_NOOP("AttendanceModel", "Key 2, or click the cell; then type the reason and press Enter"),
    COL_ABSENT: QT_TRANSLATE_NOOP("AttendanceModel", "Key 3, or click the cell"),
}
NAME_MAX_WIDTH, ORG_MAX_WIDTH, TYPE_MAX_WIDTH = 130, 190, 150  # wider texts are elided in the middle

Index = QModelIndex | QPersistentModelIndex


@dataclass
class AttendeeLine:
    """One person on the screen; `added` when brought in from another organisation by hand.

    org_name is the short name shown (第一党小组), org_path the whole path for the tooltip."""

    member_id: int
    name: str
    org_name: str
    member_type: str
    status: str = PRESENT
    reason: str = ""
    added: bool = False
    org_path: str = ""


class AttendanceModel(QAbstractTableModel):
    """Rows of AttendeeLine. Marks are set with set_status(); the reason cell is editable on leave."""

    counts_changed = Signal()

    def __init__(self, chinese: bool = True, parent: Any = None) -> None:
        super().__init__(parent)
        self.chinese = chinese
        self.lines: list[AttendeeLine] = []
        self.editable = True
        self.modelReset.connect(self.counts_changed)

    # --- content -------------------------------------------------------------------------
    def set_lines(self, lines: list[AttendeeLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def add_line(self, line: AttendeeLine) -> int:
        """Append a person (if not listed yet); returns their row."""
        row = self.row_of(line.member_id)
        if row is not None:
            return row
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(line)
        self.endInsertRows()
        self.counts_changed.emit()
        return row

    def row_of(self, member_id: int) -> int | None:
        for row, line in enumerate(self.lines):
            if line.member_id == member_id:
                return row
        return None

    def set_status(self, row: int, status: str) -> None:
        if not self.editable or not 0 <= row < len(self.lines) or status not in STATUSES:
            return
        line = self.lines[row]
        if line.status == status:
            return
        line.status = status
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_REASON))
        self.counts_changed.emit()

    def set_all(self, status: str) -> None:
        if not self.editable:
            return
        for line in self.lines:
            line.status = status
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, COL_REASON))
        self.counts_changed.emit()

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for line in self.lines:
            out[line.status] += 1
        return out

    def state(self) -> tuple[tuple[int, str, str], ...]:
        """What was marked, comparable between two moments (unsaved changes)."""
        return tuple((line.member_id, line.status, line.reason) for line in self.lines)

    # --- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AttendanceModel", HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section in HEADER_TIPS:
            return QCoreApplication.translate("AttendanceModel", HEADER_TIPS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NAME:
                return line.name
            if col == COL_ORG:
                return line.org_name
            if col == COL_TYPE:
                return MEMBER_TYPES.label(line.member_type, "zh" if self.chinese else "en")
            if col in MARK_COLUMNS:
                if role == Qt.ItemDataRole.EditRole:
                    return None
                marked = MARK_COLUMNS[col] == line.status
                return f"● {ATTENDANCE.label(MARK_COLUMNS[col], 'zh' if self.chinese else 'en')}" if marked else "○"
            if col == COL_REASON:
                return line.reason if line.status == LEAVE else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_ORG:
                return line.org_path or line.org_name
            if col == COL_NAME:
                return line.name
            if col == COL_REASON:
                return line.reason if line.status == LEAVE else None
        if role == Qt.ItemDataRole.ForegroundRole and col in MARK_COLUMNS and MARK_COLUMNS[col] == line.status:
            return QBrush(COLOURS[line.status])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in MARK_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return line.member_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COL_REASON and self.editable \
                and self.lines[index.row()].status == LEAVE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != COL_REASON or role != Qt.ItemDataRole.EditRole:
            return False
        self.lines[index.row()].reason = str(value or "").strip()
        self.dataChanged.emit(index, index)
        return True


class ReasonEdit(QLineEdit):
    """The reason editor: Enter commits (through the delegate) and goes no further, so it
    does not also save the whole dialog; the view then moves to the next person."""

    finished = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.finished.emit()


class ReasonDelegate(QStyledItemDelegate):
    reason_done = Signal()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = ReasonEdit(parent)
        editor.setObjectName("reason_editor")
        editor.setMaxLength(100)
        editor.setPlaceholderText(self.tr("Reason, then Enter"))
        editor.finished.connect(self.reason_done)
        return editor


class AttendanceTable(QTableView):
    """The list itself, with the roll-call keys and the type-ahead (`finder`). Tab leaves the
    list (no cell-by-cell tabbing)."""

    def __init__(self, model: AttendanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance_table")
        self.setModel(model)
        self.attendance = model
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # 第三网格…第一党小组 keeps both ends
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # Chinese names through an input method
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in ((COL_NAME, 72), (COL_ORG, 130), (COL_TYPE, 76), (COL_PRESENT, 64), (COL_LEAVE, 64),
                           (COL_ABSENT, 64)):
            self.setColumnWidth(col, width)
        self.finder = TypeAhead(self.names, self.current_row, self.go_to, self)
        self.delegate = ReasonDelegate(self)
        self.setItemDelegateForColumn(COL_REASON, self.delegate)
        self.delegate.reason_done.connect(self._after_reason)
        self.clicked.connect(self.on_clicked)
        model.modelReset.connect(self._ensure_current)
        model.rowsInserted.connect(self._ensure_current)
        model.modelReset.connect(self.fit_columns)
        model.rowsInserted.connect(self.fit_columns)
        model.modelReset.connect(self.finder.clear)

    def names(self) -> list[str]:
        return [line.name for line in self.attendance.lines]

    def fit_columns(self) -> None:
        """Name, branch and type columns as wide as their longest text (up to a limit), never
        narrower than their header."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        lines = self.attendance.lines
        types = {self.attendance.index(row, COL_TYPE).data() for row in range(len(lines))}
        for col, limit, texts in ((COL_NAME, NAME_MAX_WIDTH, {line.name for line in lines}),
                                  (COL_ORG, ORG_MAX_WIDTH, {line.org_name for line in lines}),
                                  (COL_TYPE, TYPE_MAX_WIDTH, types)):
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 16
            self.setColumnWidth(col, max(header.sectionSizeFromContents(col).width(), min(limit, widest)))
        for col in MARK_COLUMNS:  # Present (1) / 出席(1): the key stays readable in the header
            self.setColumnWidth(col, max(64, header.sectionSizeFromContents(col).width()))

    def _ensure_current(self) -> None:
        if self.attendance.rowCount() and not self.currentIndex().isValid():
            self.go_to(0)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def go_to(self, row: int) -> None:
        if 0 <= row < self.attendance.rowCount():
            index = self.attendance.index(row, COL_NAME)
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def mark(self, row: int, status: str) -> None:
        """Set one person's mark; on leave, open the reason for typing, else go to the next person."""
        self.finder.clear()
        if not self.attendance.editable or row < 0:
            return
        self.attendance.set_status(row, status)
        if status == LEAVE:
            index = self.attendance.index(row, COL_REASON)
            self.setCurrentIndex(index)
            self.edit(index)
        else:
            self.go_to(row + 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        key = event.key()
        if plain and is_search_text(event.text()):
            self.finder.add(event.text())
            event.accept()
            return
        if self.finder.active and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Escape, Qt.Key.Key_Return,
                                          Qt.Key.Key_Enter):
            # While finding, these act on the query: Enter ends it (and does not save the meeting).
            if key == Qt.Key.Key_Backspace:
                self.finder.backspace()
            else:
                self.finder.clear()
            event.accept()
            return
        row = self.current_row()
        if mods == Qt.KeyboardModifier.NoModifier and row >= 0:
            status = KEYS.get(Qt.Key(key))
            if status is not None:
                self.mark(row, status)
                event.accept()
                return
            if key == Qt.Key.Key_Space:
                self.finder.clear()
                current = self.attendance.lines[row].status
                self.attendance.set_status(row, STATUSES[(STATUSES.index(current) + 1) % len(STATUSES)])
                event.accept()
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # Enter saves the dialog, as in every other field
            return
        if key not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            self.finder.clear()  # an arrow, Page Down …: the cursor is moved by hand now
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        """Qt's own type-ahead (text keys not handled above) goes through the finder too."""
        if is_search_text(search):
            self.finder.add(search)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        """Chinese typed through an input method: its composition and its committed words find too."""
        if event.commitString():
            self.finder.commit(event.commitString())
        self.finder.compose(event.preeditString())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.finder.clear()
        super().mousePressEvent(event)

    def on_clicked(self, index: QModelIndex) -> None:
        status = MARK_COLUMNS.get(index.column())
        if status is not None and self.attendance.editable:
            self.attendance.set_status(index.row(), status)
            if status == LEAVE:
                reason = self.attendance.index(index.row(), COL_REASON)
                self.setCurrentIndex(reason)
                self.edit(reason)

    def finish_editing(self) -> None:
        """Keep a reason still being typed (Ctrl+S, or the organisation changed, mid-word)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _after_reason(self) -> None:
        # The delegate commits on a queued call; move on after it has run.
        QTimer.singleShot(0, self, self._next_after_reason)

    def _next_after_reason(self) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            return
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.go_to(self.current_row() + 1)
