"""Base of every record dialog: fields with inline errors, validate-then-save, keyboard use.

Layout and behaviour follow OpenLP's edit forms and Vorta's repo dialog: `accept()` saves in
one transaction; the rules in db/ raise ValidationErrors, whose messages are put under their
fields (the first one focused, switching page if needed); nothing typed is lost. Enter saves
(Save is the default button), Esc cancels, Tab walks the fields in reading order.

Two guards sit here once for every record dialog. A role without the right to edit sees the
record read-only (no Save, Cancel reads Close). And what was loaded is remembered, so Cancel,
Esc or the title-bar close ask before typing is thrown away; the main window asks the same of
every open dialog before quitting (open_dialogs_with_changes()).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.permissions import allowed
from db.storage_errors import explain
from db.validation import FieldError, ValidationErrors
from db.versions import EditConflict, check_unchanged, loaded_version
from desktop.common.context import AppContext
from desktop.common.fields import MaskedNumberEdit

ERROR_STYLE = "color: #c0392b;"


def _direct_children(widget: QWidget) -> list[QWidget]:
    return widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)


def widget_value(widget: QWidget) -> Any:
    """What a person entered in a field, comparable between two moments (for unsaved changes).

    A container (a holder of a line edit and a button) is the values of its children; tables
    are left to the dialog's extra_state(), which knows what their rows mean.
    """
    if isinstance(widget, MaskedNumberEdit):
        return widget.value()  # the stored number while masked: revealing it is not a change
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData(), widget.currentText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QListWidget):
        items = (widget.item(i) for i in range(widget.count()))
        return tuple((item.text(), item.checkState().value) for item in items)
    if isinstance(widget, QAbstractItemView):
        return None
    return tuple(widget_value(child) for child in _direct_children(widget))


def lock_widget(widget: QWidget) -> None:
    """Make one input unchangeable but still readable: text stays selectable, lists scroll."""
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        widget.setReadOnly(True)
    elif isinstance(widget, (QComboBox, QAbstractButton, QAbstractSpinBox)):
        widget.setEnabled(False)
    elif isinstance(widget, QListWidget):
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for i in range(widget.count()):
            item = widget.item(i)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable & ~Qt.ItemFlag.ItemIsEditable)
    elif isinstance(widget, QAbstractItemView):
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for child in _direct_children(widget.viewport()):  # cell widgets, e.g. an hours spin box
            lock_widget(child)
    else:
        for child in _direct_children(widget):
            lock_widget(child)


def open_dialogs_with_changes() -> list[RecordDialog]:
    """Visible record dialogs holding typing that is not saved (asked about before quitting)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, RecordDialog) and w.isVisible() and w.has_unsaved_changes()]


class RecordDialog(QDialog):
    """Subclasses build their fields with add_field() and implement load() and save().

    They call load_record() at the end of __init__, also for a new record: that is where the
    role's read-only view is applied and the values are remembered to detect unsaved changes.
    """

    open_record_requested = Signal(str, int)  # another record of the same person: register, id
    edit_action = "edit"  # the right (db.permissions.ACTIONS) needed to change what the dialog shows
    record_table: str | None = None  # the register row edited: a save based on an older version is refused

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.saved_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._pages: dict[str, int] = {}
        self._extra_inputs: list[QWidget] = []
        self._edit_controls: list[QWidget] = []
        self._snapshot: Any = None
        self._loaded_version: int | None = None
        self.read_only = False
        self.setObjectName(type(self).__name__.lower())

        layout = QVBoxLayout(self)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("buttons")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_button")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- building ------------------------------------------------------------------------
    def add_page(self, title: str) -> QFormLayout:
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tabs.addTab(page, title)
        return form

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget, required: bool = False,
                  beside: QWidget | None = None) -> QWidget:
        """Add a labelled field whose validation message (keyed by `name`) shows just below it;
        `beside` (a short note) sits to the right of the input."""
        widget.setObjectName(name)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        if beside is None:
            box.addWidget(widget)
        else:
            line = QHBoxLayout()
            line.addWidget(widget)
            line.addWidget(beside)
            line.addStretch(1)
            box.addLayout(line)
        error = QLabel(holder)
        error.setObjectName(f"{name}_error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        if widget.minimumHeight() == widget.maximumHeight():  # fixed-height boxes take no spare room
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        else:
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, widget.sizePolicy().verticalPolicy())
        text = f"{label} *" if required else label
        form.addRow(text, holder)
        self.fields[name] = widget
        self._errors[name] = error
        self._pages[name] = self.tabs.count() - 1
        return widget

    def add_person_roles(self, person_id: int | None, role: str) -> None:
        """Links, above the pages, to the person's records in other registers."""
        from desktop.common.person_roles import PersonRolesBar

        self.roles_bar = PersonRolesBar(self.ctx, person_id, role, self)
        self.roles_bar.open_record_requested.connect(self._open_other_record)
        self.layout().insertWidget(1, self.roles_bar)

    def register_input(self, *widgets: QWidget) -> None:
        """Inputs placed outside add_field(): locked for viewers and watched for changes too."""
        self._extra_inputs.extend(widgets)

    def register_edit_controls(self, *widgets: QWidget) -> None:
        """Buttons that change the record (add a party, remove an attendee): hidden when read-only."""
        self._edit_controls.extend(widgets)

    def _open_other_record(self, register: str, record_id: int) -> None:
        if not self.confirm_discard():
            return
        self.open_record_requested.emit(register, record_id)
        self.discard_and_close()

    # --- behaviour ------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        """Fill the fields from the stored record (only called when editing)."""

    def save(self, session: Session) -> int:
        """Write the record in the given transaction; raise ValidationErrors/FieldError."""
        raise NotImplementedError

    def load_record(self) -> None:
        """Load the stored record (if any), then apply the role and remember what is shown."""
        if self.record_id is not None:
            with self.ctx.db.session() as session:
                self.load(session)
                if self.record_table is not None:
                    self._loaded_version = loaded_version(session, self.record_table, self.record_id)
        if not allowed(self.ctx.db.actor, self.edit_action) or self._office_only_here():
            self.set_read_only(True)
        self.mark_clean()

    def _office_only_here(self) -> bool:
        """At a station copy, a register the station does not enter is shown to read (db.exchange.registers)."""
        from db.exchange.registers import tables_of

        return (self.ctx.station_registers is not None and self.record_table is not None
                and self.record_table not in tables_of(self.ctx.station_registers))

    # --- read-only view -------------------------------------------------------------------
    def set_read_only(self, read_only: bool = True) -> None:
        """Show the record without a way to change it: inputs locked, no Save, Close for Cancel.

        One way only: a dialog once locked is closed and opened again to edit (after signing in
        with another account), so there is no state to restore.
        """
        if not read_only:
            if self.read_only:
                raise ValueError("a read-only record dialog is not unlocked; open it again")
            return
        if self.read_only:
            return
        self.read_only = True
        for widget in [*self.fields.values(), *self._extra_inputs]:
            lock_widget(widget)
        for widget in self._edit_controls:
            widget.hide()
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.setWindowTitle(self.tr("%1 (read-only)").replace("%1", self.windowTitle()))

    # --- unsaved changes ------------------------------------------------------------------
    def extra_state(self) -> Any:
        """State kept outside the fields (a case's parties, an activity's attendees)."""
        return None

    def snapshot(self) -> Any:
        fields = {name: widget_value(widget) for name, widget in self.fields.items()}
        return fields, [widget_value(w) for w in self._extra_inputs], self.extra_state()

    def mark_clean(self) -> None:
        """Remember the values shown now as the saved ones."""
        self._snapshot = self.snapshot()

    def has_unsaved_changes(self) -> bool:
        if self._snapshot is None or self.read_only:
            return False
        return bool(self.snapshot() != self._snapshot)

    def confirm_discard(self) -> bool:
        """True when the dialog may close: nothing changed, or the person chose Discard."""
        if not self.has_unsaved_changes():
            return True
        return ask_discard(self, self.tr("Unsaved changes"), self.tr("Discard the changes to this record?"))

    def reject(self) -> None:
        """Cancel, Esc and the title-bar close all come here: ask first if something was typed."""
        if self.confirm_discard():
            super().reject()

    def discard_and_close(self) -> None:
        """Close without asking (the main window has asked about all dialogs at once)."""
        QDialog.reject(self)

    def clear_errors(self) -> None:
        self.general_error.hide()
        for label in self._errors.values():
            label.clear()
            label.hide()

    def error_text(self, name: str) -> str:
        label = self._errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_errors(self, errors: list[FieldError]) -> None:
        self.clear_errors()
        general: list[str] = []
        first: QWidget | None = None
        for err in errors:
            label = self._errors.get(err.field)
            if label is None:
                general.append(err.message)
                continue
            label.setText(err.message if not label.text() else f"{label.text()}\n{err.message}")
            label.show()
            if first is None:
                first = self.fields[err.field]
                self.tabs.setCurrentIndex(self._pages[err.field])
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self.read_only:
            return
        self.clear_errors()
        try:
            with self.ctx.db.session() as session, session.begin():
                if self.record_table is not None and self.record_id is not None:
                    check_unchanged(session, self.record_table, self.record_id, self._loaded_version)
                self.saved_id = self.save(session)
        except EditConflict as exc:
            self._offer_reload(str(exc))
            return
        except ValidationErrors as exc:
            self.show_errors(list(exc.errors))
            return
        except FieldError as exc:
            self.show_errors([exc])
            return
        except Exception as exc:  # a database failure must not lose what was typed
            QMessageBox.critical(self, self.tr("Not saved"), self.tr("The record could not be saved: %1")
                                 .replace("%1", explain(exc, None if self.ctx.db.is_server else self.ctx.db.path)))
            return
        super().accept()

    def _offer_reload(self, reason: str) -> None:
        """Another PC saved the record meanwhile: say who and when, and offer to load what they
        saved (this dialog's changes are then lost) or to go on looking at them (to copy them)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed by someone else"), reason, parent=self)
        reload = box.addButton(self.tr("Reload the record"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep my changes on screen"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.exec()
        if box.clickedButton() is reload:
            self.load_record()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Enter saves from any single-line field; in a multi-line box it starts a new line."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPlainTextEdit):
            self.accept()
            return
        super().keyPressEvent(event)


def ask_discard(parent: QWidget, title: str, question: str) -> bool:
    """The one "throw away what was typed?" question: Discard / Keep editing, Keep editing the
    default, the Esc answer and the focus, so a stray Enter never loses work."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("discard_question")
    box.button(QMessageBox.StandardButton.Discard).setText(QCoreApplication.translate("RecordDialog", "Discard"))
    keep = box.button(QMessageBox.StandardButton.Cancel)
    keep.setText(QCoreApplication.translate("RecordDialog", "Keep editing"))
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    keep.setFocus()
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.StandardButton.Discard)
