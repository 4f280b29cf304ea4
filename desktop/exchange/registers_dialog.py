"""文件 → 服务站可录入的登记簿: the office's administrator marks the registers its stations enter
(db.exchange.registers); each station takes the choice with the office's next bundle."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from db.exchange.journal import ExchangeError
from db.permissions import PermissionDenied
from desktop.common.context import AppContext
from desktop.exchange.dialogs import _AskDialog


class StationRegistersDialog(_AskDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from db.exchange.registers import CHOICES, station_registers

        super().__init__(parent, self.tr("Registers entered at stations"))
        self.ctx = ctx
        names = {"volunteers": self.tr("Volunteers and service hours"),
                 "party_life": self.tr("Meetings and attendance"),
                 "mediation": self.tr("Mediation applications (accepted here at the office)"),
                 "members": self.tr("Party members"), "grid_workers": self.tr("Grid workers"),
                 "residents": self.tr("Houses and residents")}
        with ctx.db.session() as s:
            chosen = station_registers(s)
        note = QLabel(self.tr("Stations enter records in the registers ticked here and show the others to read. "
                              "Each station takes the choice with the next bundle it imports from the office."), self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.checks: dict[str, QCheckBox] = {}
        for key, (label, _) in CHOICES.items():
            check = QCheckBox(names.get(key, label), self)
            check.setObjectName(f"register_{key}")
            check.setChecked(key in chosen)
            self.form.addRow(check)
            self.checks[key] = check

    def chosen(self) -> list[str]:
        return [key for key, check in self.checks.items() if check.isChecked()]

    def check(self) -> str:
        """Saves the choice; a refusal (not the office, not an administrator) is said here."""
        from db.exchange.registers import set_station_registers

        try:
            with self.ctx.db.session() as s, s.begin():
                set_station_registers(s, self.chosen())
        except (ExchangeError, PermissionDenied) as exc:
            return str(exc)
        return ""
