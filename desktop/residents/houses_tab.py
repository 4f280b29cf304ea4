"""The 房屋 tab: the grids' buildings and rooms as a tree, with households and residents counted
at each level (db.housing.housing_tree); beside it, the households of the chosen room with their
residents, and below them the chosen household's visits (desktop.residents.visits_panel).
Buildings, rooms, households, residents and visits are added and changed from here; a
deletion goes to the recycle bin (文件 → 回收站 brings it back)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import recycle
from db.housing import TreeNode, housing_tree, room_households
from db.permissions import allowed
from db.vocab import HOUSEHOLD_REGISTRATIONS
from desktop.common.context import AppContext
from desktop.common.formatting import label
from desktop.residents.visits_panel import VisitsPanel

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
REGISTER = "residents"  # the station register it belongs to (db.exchange.registers)


class HousesTab(QWidget):
    data_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("houses_tab")
        self.ctx = ctx
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("houses_tree")
        self.tree.setHeaderLabels([self.tr("Grid, building, room"), self.tr("Households"), self.tr("Residents")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(lambda *_: self.on_selection_changed())
        self.tree.itemDoubleClicked.connect(lambda *_: self.on_edit_clicked())
        self.households = QTableWidget(0, 4, self)
        self.households.setObjectName("households_table")
        self.households.setHorizontalHeaderLabels([self.tr("Head of household"), self.tr("Registration"),
                                                   self.tr("Phone"), self.tr("People living here")])
        self.households.horizontalHeader().setStretchLastSection(True)
        self.households.verticalHeader().setVisible(False)
        self.households.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.households.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.households.itemSelectionChanged.connect(self.on_household_changed)
        self.households.doubleClicked.connect(lambda _: self.on_edit_household_clicked())
        self.room_label = QLabel(self.tr("Choose a room to see its households."), self)
        self.room_label.setObjectName("room_label")

        def button(name: str, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.clicked.connect(slot)
            return b

        self.new_building_button = button("new_building_button", self.tr("New building"), self.on_new_building_clicked)
        self.new_room_button = button("new_room_button", self.tr("New room"), self.on_new_room_clicked)
        self.edit_button = button("edit_button", self.tr("Edit"), self.on_edit_clicked)
        self.delete_button = button("delete_button", self.tr("Delete"), self.on_delete_clicked)
        self.round_button = button("round_button", self.tr("Record a round of visits"), self.on_round_clicked)
        self.new_household_button = button("new_household_button", self.tr("New household"),
                                           self.on_new_household_clicked)
        self.edit_household_button = button("edit_household_button", self.tr("Edit household"),
                                            self.on_edit_household_clicked)
        self.new_resident_button = button("new_resident_button", self.tr("Add a resident"),
                                          self.on_new_resident_clicked)
        left, right = QWidget(self), QWidget(self)
        left_box, right_box = QVBoxLayout(left), QVBoxLayout(right)
        tools = QHBoxLayout()
        for b in (self.new_building_button, self.new_room_button, self.edit_button, self.delete_button,
                  self.round_button):
            tools.addWidget(b)
        tools.addStretch(1)
        left_box.addLayout(tools)
        left_box.addWidget(self.tree)
        right_box.addWidget(self.room_label)
        right_box.addWidget(self.households)
        room_tools = QHBoxLayout()
        for b in (self.new_household_button, self.edit_household_button, self.new_resident_button):
            room_tools.addWidget(b)
        room_tools.addStretch(1)
        right_box.addLayout(room_tools)
        self.visits = VisitsPanel(ctx, right)
        self.visits.data_changed.connect(self.data_changed)
        right_box.addWidget(self.visits, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 480])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)
        self._household_ids: list[int] = []
        self._enable()

    # --- what is chosen ----------------------------------------------------------------------
    def chosen(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return (item.data(0, KIND_ROLE), item.data(0, ID_ROLE)) if item is not None else None

    def _chosen_of(self, kind: str) -> int | None:
        """The chosen grid, building or room, or the one above the chosen item."""
        item = self.tree.currentItem()
        while item is not None and item.data(0, KIND_ROLE) != kind:
            item = item.parent()
        return item.data(0, ID_ROLE) if item is not None else None

    def chosen_household(self) -> int | None:
        row = self.households.currentRow()
        return self._household_ids[row] if 0 <= row < len(self._household_ids) else None

    def may(self, action: str) -> bool:
        from db.exchange.registers import ENTERING

        stations = self.ctx.station_registers
        if stations is not None and action in ENTERING and REGISTER not in stations:
            return False
        return allowed(self.ctx.db.actor, action)

    def _enable(self) -> None:
        edit = self.may("edit")
        kind = (self.chosen() or ("", 0))[0]
        self.new_building_button.setEnabled(edit and self._chosen_of("grid") is not None)
        self.new_room_button.setEnabled(edit and self._chosen_of("building") is not None)
        self.edit_button.setEnabled(kind in ("building", "room"))
        self.delete_button.setEnabled(self.may("delete") and kind in ("building", "room"))
        self.round_button.setEnabled(edit and self._chosen_of("building") is not None)
        room = kind == "room"
        self.new_household_button.setEnabled(edit and room)
        self.edit_household_button.setEnabled(self.chosen_household() is not None)
        self.new_resident_button.setEnabled(edit and self.chosen_household() is not None)

    # --- reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the tree again, keeping the chosen item when it is still there."""
        chosen = self.chosen()
        with self.ctx.db.session() as s:
            tree = housing_tree(s)
        self.tree.clear()
        found = None
        for node in tree:
            found = self._add(None, node, chosen) or found
        if found is not None:
            self.tree.setCurrentItem(found)
            parent = found.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
        elif self.tree.topLevelItemCount() == 1:
            self.tree.topLevelItem(0).setExpanded(True)
        self.on_selection_changed()

    def _add(self, parent: QTreeWidgetItem | None, node: TreeNode,
             chosen: tuple[str, int] | None) -> QTreeWidgetItem | None:
        item = QTreeWidgetItem([node.title, str(node.households), str(node.residents)])
        item.setData(0, KIND_ROLE, node.kind)
        item.setData(0, ID_ROLE, node.id)
        for column in (1, 2):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        found = item if chosen == (node.kind, node.id) else None
        for child in node.children:
            found = self._add(item, child, chosen) or found
        return found

    def on_selection_changed(self) -> None:
        chosen = self.chosen()
        self.households.setRowCount(0)
        self._household_ids = []
        if chosen is not None and chosen[0] == "room":
            with self.ctx.db.session() as s:
                rows = room_households(s, chosen[1])
            self.room_label.setText(self.tr("Households of %1").replace("%1", self.tree.currentItem().text(0)))
            zh = self.ctx.is_chinese
            for row in rows:
                line = self.households.rowCount()
                self.households.insertRow(line)
                for column, text in enumerate((row.head, label(HOUSEHOLD_REGISTRATIONS, row.registration, zh),
                                               row.phone, "、".join(row.residents))):
                    self.households.setItem(line, column, QTableWidgetItem(text))
                self._household_ids.append(row.id)
        else:
            self.room_label.setText(self.tr("Choose a room to see its households."))
        self.on_household_changed()

    def on_household_changed(self) -> None:
        household = self.chosen_household()
        title = ""
        if household is not None and (item := self.tree.currentItem()) is not None:
            head = self.households.item(self.households.currentRow(), 0)
            building = item.parent().text(0) if item.parent() is not None else ""
            title = " ".join(p for p in (building, item.text(0), head.text() if head else "") if p)
        self.visits.may_edit = self.may("edit")
        self.visits.show_for(household, self._chosen_of("grid"), title)
        self._enable()

    # --- changing ----------------------------------------------------------------------------
    def _after(self, dialog) -> None:  # type: ignore[no-untyped-def]
        if dialog.exec() and dialog.saved_id is not None:
            self.refresh()
            self.data_changed.emit()

    def on_new_building_clicked(self) -> None:
        from desktop.residents.housing_dialogs import BuildingDialog

        self._after(BuildingDialog(self.ctx, None, self, grid_id=self._chosen_of("grid")))

    def on_new_room_clicked(self) -> None:
        from desktop.residents.housing_dialogs import RoomDialog

        self._after(RoomDialog(self.ctx, None, self, building_id=self._chosen_of("building")))

    def on_edit_clicked(self) -> None:
        from desktop.residents.housing_dialogs import BuildingDialog, RoomDialog

        chosen = self.chosen()
        if chosen is None or chosen[0] not in ("building", "room"):
            return
        dialog = BuildingDialog(self.ctx, chosen[1], self) if chosen[0] == "building" else \
            RoomDialog(self.ctx, chosen[1], self)
        self._after(dialog)

    def on_delete_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is None or chosen[0] not in ("building", "room"):
            return
        name = self.tree.currentItem().text(0)
        question = self.tr("Move %1 to the recycle bin? It can be restored from there.").replace("%1", name)
        answer = QMessageBox.question(self, self.tr("Delete"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.db.session() as s, s.begin():
            recycle.delete(s, "buildings" if chosen[0] == "building" else "rooms", [chosen[1]])
        self.tree.setCurrentItem(self.tree.currentItem().parent())
        self.refresh()
        self.data_changed.emit()

    def on_round_clicked(self) -> None:
        from desktop.residents.round_dialog import RoundDialog

        building = self._chosen_of("building")
        item = self.tree.currentItem()
        while item is not None and item.data(0, KIND_ROLE) != "building":
            item = item.parent()
        if building is None or item is None:
            return
        if RoundDialog(self.ctx, building, item.text(0), self).exec():
            self.data_changed.emit()

    def on_new_household_clicked(self) -> None:
        from desktop.residents.housing_dialogs import HouseholdDialog

        self._after(HouseholdDialog(self.ctx, None, self, room_id=self._chosen_of("room")))

    def on_edit_household_clicked(self) -> None:
        from desktop.residents.housing_dialogs import HouseholdDialog

        if (household := self.chosen_household()) is not None:
            self._after(HouseholdDialog(self.ctx, household, self))

    def on_new_resident_clicked(self) -> None:
        from desktop.residents.dialog import ResidentDialog

        if (household := self.chosen_household()) is not None:
            self._after(ResidentDialog(self.ctx, None, self, household_id=household))
