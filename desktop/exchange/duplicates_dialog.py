"""疑似重复人员: people of the same name that nothing proves to be one (no ID number; another
phone or birth date), listed side by side for staff to merge into one (db.exchange.merging)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from desktop.common.context import AppContext
from desktop.exchange.choice_table import ChoiceTableDialog, resize_columns


class DuplicatesDialog(ChoiceTableDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, title=self.tr("Possible duplicate people"), name="duplicates_dialog",
                         headers=[self.tr("Name"), self.tr("First record"), self.tr("Second record")],
                         actions=[(self.tr("Merge, keeping the first"), "keep_first_button"),
                                  (self.tr("Merge, keeping the second"), "keep_second_button")])
        self.keep_first, self.keep_second = self.action_buttons
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        resize_columns(self.table, QHeaderView.ResizeMode.Stretch)
        self.keep_first.clicked.connect(lambda: self.merge(keep_first=True))
        self.keep_second.clicked.connect(lambda: self.merge(keep_first=False))
        self.resize(760, 400)
        self.reload()

    def reload(self) -> None:
        from db.exchange.merging import near_matches

        with self.ctx.db.session() as s:
            self._pairs = near_matches(s)
        intro = (self.tr("People of the same name without an ID number to tell them apart, registered "
                         "here and at a station, or twice. Merge a pair that is one person: the other "
                         "record goes to the recycle bin, its registrations and service hours move over.")
                 if self._pairs else self.tr("No possible duplicates."))
        self.show_rows([(m.name, m.first, m.second) for m in self._pairs], intro)

    def merge(self, *, keep_first: bool) -> None:
        from db.exchange.merging import merge_persons

        rows = self.chosen_rows()
        if not rows:
            return
        pair = self._pairs[rows[0]]
        keep, other = (pair.first_id, pair.second_id) if keep_first else (pair.second_id, pair.first_id)

        def work() -> None:
            with self.ctx.db.session() as s, s.begin():
                merge_persons(s, keep, other)

        self.settle(work)
