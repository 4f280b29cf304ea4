"""The fixed headers: as wide and high as Qt's own would be, without asking the model again."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.common.paged_model import Column, PagedTableModel
from desktop.common.table_headers import ROW_HEIGHT, use_fixed_headers


@dataclass(frozen=True)
class Row:
    id: int
    name: str


class CountingModel(PagedTableModel):
    header_calls = 0

    def headerData(self, *args):  # type: ignore[no-untyped-def]  # noqa: N802
        CountingModel.header_calls += 1
        return super().headerData(*args)


def make_table(qtbot) -> tuple[QTableView, CountingModel]:  # type: ignore[no-untyped-def]
    model = CountingModel([Column("name", "Name", lambda r: r.name), Column("n", "Number", lambda r: str(r.id))],
                          lambda ids: [Row(i, f"name{i}") for i in ids])
    table = QTableView()
    qtbot.addWidget(table)
    use_fixed_headers(table)
    table.setModel(model)
    return table, model


def test_row_numbers_fit_and_rows_keep_one_height(qtbot) -> None:  # type: ignore[no-untyped-def]
    table, model = make_table(qtbot)
    for count in (9, 120, 100_000):
        model.set_ids(list(range(1, count + 1)))
        ours = table.verticalHeader().sizeHint()
        qts = QHeaderView.sizeHint(table.verticalHeader())  # what Qt measures from the numbers
        assert ours.width() >= qts.width() - 2, (count, ours, qts)
        assert ours.width() <= qts.width() + 12
    assert table.rowHeight(5) == ROW_HEIGHT


def test_a_new_list_does_not_make_qt_measure_the_headers_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's own row header asks five roles of up to 200 numbers for its size after every new
    list (a keystroke in the search box); ours asks none, and the column header only the titles."""
    table, model = make_table(qtbot)
    model.set_ids(list(range(1, 5000)))
    CountingModel.header_calls = 0
    QHeaderView.sizeHint(table.verticalHeader())
    assert CountingModel.header_calls > 400  # what the test guards against
    for first in range(5):
        model.set_ids(list(range(first, first + 3000)))
        CountingModel.header_calls = 0
        table.verticalHeader().sizeHint()
        table.horizontalHeader().sizeHint()
        assert CountingModel.header_calls == model.columnCount()
    assert table.horizontalHeader().sectionsClickable() and table.verticalHeader().sectionsClickable()
