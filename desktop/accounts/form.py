"""The base of the small account forms: one page, checks first, one transaction, inline refusals.

Unlike a record dialog, a refusal here is usually PermissionDenied or a rule about the last
administrator: a whole sentence from db/, shown above the fields rather than in a message box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from db.permissions import PermissionDenied
from db.validation import FieldError, ValidationErrors
from desktop.common.context import AppContext
from desktop.common.record_dialog import RecordDialog


class AccountForm(RecordDialog):
    """Subclasses build fields on self.form, may override check(), and implement save()."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent=parent)
        self.setWindowTitle(title)
        self.form: QFormLayout = self.add_page(title)
        self.tabs.tabBar().hide()

    def add_note(self, name: str, text: str) -> QLabel:
        """A line of explanation above the fields (whose account this is, what to do with it)."""
        note = QLabel(text, self)
        note.setObjectName(name)
        note.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, note)
        return note

    def check(self) -> None:
        """Checks before the transaction (raise FieldError / ValidationErrors)."""

    def show_general(self, text: str) -> None:
        self.clear_errors()
        self.general_error.setText(text)
        self.general_error.show()

    def general_text(self) -> str:
        return self.general_error.text() if not self.general_error.isHidden() else ""

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.check()
            with self.ctx.db.session() as session, session.begin():
                self.saved_id = self.save(session)
        except ValidationErrors as exc:
            self.show_errors(list(exc.errors))
            return
        except FieldError as exc:
            self.show_errors([exc])
            return
        except PermissionDenied as exc:
            self.show_general(str(exc))
            return
        except Exception as exc:  # a database failure: say so, keep what was typed
            self.show_general(self.tr("Not saved: %1").replace("%1", str(exc)[:300]))
            return
        self.after_save()
        QDialog.accept(self)

    def after_save(self) -> None:
        """Runs once the transaction has committed (e.g. signing in as the new account)."""
