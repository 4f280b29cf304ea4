"""The moral bank's settings (积分设置), an administrator's: points per volunteer hour, the days a
good-deed claim is posted before it is credited, and expiry (off at 0 months). With expiry on,
"expire now" writes the expire lines due today — off the UI thread, with a progress dialog whose
Cancel writes nothing (the run is one transaction).

db.bank.settings and db.bank.expiry check and write; their reasons show in red here.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.bank.expiry import expire_points
from db.bank.settings import EXPIRY_RANGE, NOTICE_RANGE, bank_settings, save_bank_settings
from db.permissions import allowed
from desktop.bank.parts import bar_button, write_or_say
from desktop.common.context import AppContext
from desktop.common.job import BackgroundJob
from desktop.common.progress_job import start_with_progress
from desktop.common.record_dialog import ERROR_STYLE


class BankSettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: BackgroundJob | None = None
        self.progress: QProgressDialog | None = None
        self.setObjectName("bank_settings_dialog")
        self.setWindowTitle(self.tr("Points settings"))
        with ctx.db.session() as s:
            current = bank_settings(s)
        self.rate_edit = QLineEdit(f"{current.hours_rate:g}", self)
        self.rate_edit.setObjectName("rate_edit")
        self.notice_spin = QSpinBox(self)
        self.notice_spin.setObjectName("notice_spin")
        self.notice_spin.setRange(*NOTICE_RANGE)
        self.notice_spin.setValue(current.notice_days)
        self.notice_spin.setSuffix(self.tr(" days"))
        self.expiry_spin = QSpinBox(self)
        self.expiry_spin.setObjectName("expiry_spin")
        self.expiry_spin.setRange(*EXPIRY_RANGE)
        self.expiry_spin.setValue(current.expiry_months)
        self.expiry_spin.setSuffix(self.tr(" months"))
        self.expiry_spin.setSpecialValueText(self.tr("Points never expire"))
        self.message = QLabel(self)
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Points per volunteer hour"), self.rate_edit)
        form.addRow(self.tr("Days a claim is posted"), self.notice_spin)
        form.addRow(self.tr("Points expire after"), self.expiry_spin)
        bar = QHBoxLayout()
        self.expire_button = bar_button(self, bar, "expire_button", self.tr("Expire due points now"), self.on_expire)
        bar.addStretch(1)
        self.save_button = bar_button(self, bar, "save_settings_button", self.tr("Save"), self.on_save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addLayout(bar)
        box.addWidget(self.message)
        box.addWidget(buttons)
        may_set, may_expire = allowed(ctx.db.actor, "settings"), allowed(ctx.db.actor, "edit")
        for widget in (self.rate_edit, self.notice_spin, self.expiry_spin, self.save_button):
            widget.setEnabled(may_set)
        self.expire_button.setEnabled(may_expire and current.expiry_months > 0)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def on_save(self) -> None:
        rate, days, months = self.rate_edit.text(), self.notice_spin.value(), self.expiry_spin.value()
        if write_or_say(self.ctx, lambda s: save_bank_settings(s, rate, days, months),
                        lambda text: self.say(text, error=True)):
            self.say(self.tr("Saved."))
            self.expire_button.setEnabled(allowed(self.ctx.db.actor, "edit") and months > 0)

    def on_expire(self) -> None:
        db = self.ctx.db

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            with db.session() as s, s.begin():  # all the lines, or none
                return expire_points(s, progress=progress, cancelled=cancelled)

        job, self.progress = start_with_progress(self, "expire_progress", self.tr("Expiring points…"),
                                                 self.tr("Cancel"), work)
        job.finished.connect(lambda points: self.say(self.tr("%1 points expired.").replace("%1", str(points))))
        job.failed.connect(lambda text: self.say(text, error=True))
        job.cancelled.connect(lambda: self.say(self.tr("Cancelled: nothing expired.")))
        self.job = job
