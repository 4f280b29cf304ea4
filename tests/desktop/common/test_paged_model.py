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
