"""待处理冲突: the fields the office and a station both changed, with both values; the office's
stands until someone here keeps it or takes the station's (db.exchange.conflicts)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget

from desktop.common.context import AppContext
from desktop.exchange.choice_table import ChoiceTableDialog, resize_columns


class ConflictsDialog(ChoiceTableDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, title=self.tr("Pending conflicts"), name="conflicts_dialog",
                         headers=[self.tr("Register"), self.tr("Record"), self.tr("Field"),
                                  self.tr("Office's value (kept now)"), self.tr("Changed here by, at"),
                                  self.tr("Station's value"), self.tr("Station"),
                                  self.tr("Changed at the station by, at")],
                         actions=[(self.tr("Keep the office's value"), "keep_button"),
                                  (self.tr("Take the station's value"), "take_button")])
        self.keep_button, self.take_button = self.action_buttons
        resize_columns(self.table, QHeaderView.ResizeMode.ResizeToContents, stretch_last=True)
        self.keep_button.clicked.connect(lambda: self.resolve(take_station=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_station=True))
        self.resize(980, 420)
        self.reload()

    def reload(self) -> None:
        from db.exchange.conflicts import open_conflicts

        with self.ctx.db.session() as s:
            rows = open_conflicts(s)
        self._ids = [r.id for r in rows]
        intro = (self.tr("%1 fields were changed both here and at a station before they exchanged. "
                         "The office's value stands; choose for each whether to keep it or to take "
                         "the station's (it then goes to the stations with the next bundle).")
                 .replace("%1", str(len(rows))) if rows else self.tr("No conflicts are waiting."))
        self.show_rows([(r.register, r.record, r.field, r.office_value, r.office_changed, r.station_value,
                         r.station, r.station_changed) for r in rows], intro)

    def resolve(self, *, take_station: bool) -> None:
        from db.exchange.conflicts import resolve

        chosen = [self._ids[i] for i in self.chosen_rows()]

        def work() -> None:
            with self.ctx.db.session() as s, s.begin():
                for conflict_id in chosen:
                    resolve(s, conflict_id, take_station=take_station)

        self.settle(work)
