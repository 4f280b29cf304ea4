"""Base of every record dialog: fields with inline errors, validate-then-save, keyboard use.

Layout and behaviour follow OpenLP's edit forms and Vorta's repo dialog: `accept()` saves in
one transaction; the rules in db/ raise ValidationErrors, whose messages are put under their
fields (the first one focused, switching page if needed); nothing typed is lost. Enter saves
(Save is the default button), Esc cancels, Tab walks the fields in reading order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.validation import FieldError, ValidationErrors
from desktop.common.context import AppContext

ERROR_STYLE = "color: #c0392b;"


class RecordDialog(QDialog):
    """Subclasses build their fields with add_field() and implement load() and save()."""

    open_record_requested = Signal(str, int)  # another record of the same person: register, id

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.saved_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._pages: dict[str, int] = {}
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

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget, required: bool = False) -> QWidget:
        """Add a labelled field whose validation message (keyed by `name`) shows just below it."""
        widget.setObjectName(name)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
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

    def _open_other_record(self, register: str, record_id: int) -> None:
        self.open_record_requested.emit(register, record_id)
        self.reject()

    # --- behaviour ------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        """Fill the fields from the stored record (only called when editing)."""

    def save(self, session: Session) -> int:
        """Write the record in the given transaction; raise ValidationErrors/FieldError."""
        raise NotImplementedError

    def load_record(self) -> None:
        if self.record_id is not None:
            with self.ctx.db.session() as session:
                self.load(session)

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
        self.clear_errors()
        try:
            with self.ctx.db.session() as session, session.begin():
                self.saved_id = self.save(session)
        except ValidationErrors as exc:
            self.show_errors(list(exc.errors))
            return
        except FieldError as exc:
            self.show_errors([exc])
            return
        except Exception as exc:  # a database failure must not lose what was typed
            QMessageBox.critical(self, self.tr("Not saved"), self.tr("The record could not be saved: %1")
                                 .replace("%1", str(exc)[:300]))
            return
        super().accept()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Enter saves from any single-line field; in a multi-line box it starts a new line."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPlainTextEdit):
            self.accept()
            return
        super().keyPressEvent(event)
