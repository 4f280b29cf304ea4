"""The ids-then-rows table model, tested without a window (as Vorta tests its models)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt

from desktop.common.paged_model import ID_ROLE, Column, PagedTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def make_model(fetched: list[list[int]], page_size: int = 3) -> PagedTableModel:
    def fetch(ids: list[int]) -> list[Row]:
        fetched.append(list(ids))
        return [Row(i, f"name{i}") for i in ids]

    return PagedTableModel([Column("name", "Name", lambda r: r.name, "name")], fetch, page_size=page_size)


def test_rows_are_fetched_a_page_at_a_time_and_cached() -> None:
    fetched: list[list[int]] = []
    model = make_model(fetched)
    model.set_ids([10, 11, 12, 13, 14, 15, 16])
    assert model.rowCount() == 7
    assert model.data(model.index(4, 0)) == "name14"
    assert fetched == [[13, 14, 15]]
    assert model.data(model.index(3, 0)) == "name13"
    assert fetched == [[13, 14, 15]]
    assert model.data(model.index(6, 0), ID_ROLE) == 16
    model.invalidate()
    model.data(model.index(4, 0))
    assert len(fetched) == 2


def test_sorting_is_asked_of_the_owner(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = make_model([])
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["name", True]


def test_a_failing_page_is_empty_not_fatal(qtbot) -> None:  # type: ignore[no-untyped-def]
    def fetch(ids: list[int]) -> list[Row]:
        raise RuntimeError("database went away")

    model = PagedTableModel([Column("name", "Name", lambda r: r.name)], fetch)
    model.set_ids([1, 2])
    assert model.data(model.index(0, 0)) is None


def test_returning_none_to_qt_keeps_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 dropped a reference to None on every None a Python override returned to
    C++; on Python 3.11 the window aborted after a few thousand repaints. This fails on such a
    release (see the pin in pyproject.toml)."""
    model = make_model([])
    model.set_ids(list(range(5)))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    before = sys.getrefcount(None)
    for _ in range(2000):
        proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)  # our data() returns None
    assert sys.getrefcount(None) >= before - 50


def test_a_page_is_worked_out_once_not_at_every_paint() -> None:
    """data() answers from the texts made when the page was loaded: a column's text function
    runs once a row, however often Qt asks (it asks for every visible cell at every paint)."""
    calls: list[int] = []

    def text(r: Row) -> str:
        calls.append(r.id)
        return r.name

    model = PagedTableModel([Column("name", "Name", text, "name", align_right=True)],
                            lambda ids: [Row(i, f"name{i}") for i in ids], page_size=4)
    model.row_style = lambda r: "red" if r.id == 2 else None
    model.set_ids([1, 2, 3])
    for _ in range(50):
        assert model.data(model.index(1, 0)) == "name2"
        assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) == "red"
        assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert sorted(calls) == [1, 2, 3]
    alignment = model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.headerData(2, Qt.Orientation.Vertical) == "3"


def test_a_record_gone_between_listing_and_painting_shows_empty() -> None:
    model = PagedTableModel([Column("name", "Name", lambda r: r.name)],
                            lambda ids: [Row(i, f"name{i}") for i in ids if i != 2])
    model.set_ids([1, 2, 3])
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["name1", None, "name3"]
    assert model.row_at(1) is None and model.row_at(2) == Row(3, "name3")


def test_a_long_result_is_listed_a_block_at_a_time_as_the_view_scrolls() -> None:
    """set_ids(first, more): Qt's fetchMore asks for the next block; a short block ends it."""
    everything = list(range(1, 26))
    asked: list[int] = []

    def more(listed: int) -> list[int]:
        asked.append(listed)
        return everything[listed:listed + 10]

    model = make_model([])
    model.set_ids(everything[:10], more)
    assert model.rowCount() == 10 and model.canFetchMore() and not model.listing_complete
    model.fetchMore()
    model.fetchMore()
    assert model.ids == everything and asked == [10, 20]
    model.fetchMore()  # the short block (5 ids) did not end it; an empty one does
    assert asked == [10, 20, 25] and not model.canFetchMore() and model.listing_complete


def test_a_failing_block_ends_the_listing_without_harm() -> None:
    def more(listed: int) -> list[int]:
        raise RuntimeError("server gone")

    model = make_model([])
    model.set_ids([1, 2], more)
    model.fetchMore()
    assert model.ids == [1, 2] and not model.canFetchMore()


def test_a_cell_paints_with_its_text_alignment_and_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What the view's delegate reads for a cell: the texts, alignment and colour painted are ours."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    model = PagedTableModel([Column("name", "Name", lambda r: r.name), Column("n", "N", lambda r: str(r.id),
                                                                            align_right=True)],
                            lambda ids: [Row(i, f"name{i}") for i in ids])
    model.row_style = lambda r: QColor("red") if r.id == 2 else None
    model.set_ids([1, 2, 3])
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, model.index(1, 1))
    assert option.text == "2" and option.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert option.palette.text().color() == QColor("red")
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, model.index(0, 0))
    assert option.text == "name1" and option.displayAlignment & Qt.AlignmentFlag.AlignLeft
