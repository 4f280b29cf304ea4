"""The few SQL shapes that SQLite and PostgreSQL spell differently, chosen per engine here.

Queries use these as ordinary column expressions (`month_of(PartyMember.admitted_on) == 5`); each
is compiled for the engine the statement runs on, so no query asks which engine it is on.

- Dates: SQLite stores a DATE as 'YYYY-MM-DD' text and a DATETIME as 'YYYY-MM-DD HH:MM:SS…', so
  the year, month and day are characters 1–4, 6–7 and 9–10 (cheaper than strftime's parse);
  PostgreSQL has real dates and EXTRACT.
- Months are added as in `db.members.probation_due`: the same day N months on, or the last day
  of that month when it is shorter (31 August + 6 months = 28/29 February). PostgreSQL's
  interval arithmetic does this; SQLite's date(…, '+N months') would run on into March.
- `greatest(a, b, …)`: the largest of its arguments (SQLite's max() with several arguments,
  PostgreSQL's GREATEST). Give it no NULLs: SQLite then returns NULL, PostgreSQL ignores them.
- `like_any_case(column, pattern)`: LIKE … ESCAPE '\\' with the case of letters ignored, as
  SQLite's LIKE does for ASCII (V0001 found by "v00"); PostgreSQL's LIKE minds case, its ILIKE
  does not. For text as people typed it (a project, a topic, a volunteer number); the search
  keys (search_text, name_sort) are lower case already and keep plain LIKE.
- Text order: SQLite compares text by its code points (BINARY); PostgreSQL by the database's
  collation, which on an office server may be zh_CN or en_US (glibc's ignore spaces: "li si"
  after "lian"). The search keys (name_sort, search_text) are therefore stored with the "C"
  collation on PostgreSQL (`sort_key_type`, migration 0007: their indexes serve ORDER BY and
  LIKE 'z%' too), and other text a list is sorted by goes through `binary(column)`. Names sort
  by their pinyin key, never by the characters.
- `no_index(column)`: SQLite's documented `+column`, which keeps its planner off an index for
  one term; PostgreSQL has no such hint (and no unary + on text or dates), so the column as is.
- `driving_join(left, right, on)`: a JOIN whose left side SQLite must read first (its documented
  CROSS JOIN): a list of a million service lines in date order then walks the activities' date
  index and stops at its first page, where SQLite's own choice sorted every line. PostgreSQL's
  planner weighs LIMIT itself: a plain JOIN there.
- `exists_in_order(query)`: whether an ordered LIMIT 1 scalar query finds a row, read in its
  ORDER BY. SQLite ignores the ORDER BY of an EXISTS (it walks the index forwards), so there
  it is `(query) IS NOT NULL`, which reads newest first when asked to; PostgreSQL drops the
  ORDER BY and LIMIT of an EXISTS and may run it as a hash semi/anti join, where the scalar
  form would force a probe per row: EXISTS (query) there. The query's column is never NULL.
"""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler, _de_clone
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Join
from sqlalchemy.types import TypeEngine

__all__ = ["add_months", "binary", "day_of", "driving_join", "exists_in_order", "greatest", "like_any_case",
           "month_of", "no_index", "sort_key_type", "year_of"]


class add_months(FunctionElement[Any]):  # noqa: N801 (used like func.x)
    """`add_months(date_column, months)`: a DATE, months an int or an integer expression."""

    type = Date()
    name = "add_months"
    inherit_cache = True


class _part(FunctionElement[int]):
    type = Integer()
    inherit_cache = True
    start = 0
    length = 0
    field = ""


class year_of(_part):  # noqa: N801
    """The year of a date or datetime column, as an integer."""

    name = "year_of"
    inherit_cache = True
    start, length, field = 1, 4, "YEAR"


class month_of(_part):  # noqa: N801
    """The month (1–12) of a date or datetime column, as an integer."""

    name = "month_of"
    inherit_cache = True
    start, length, field = 6, 2, "MONTH"


class day_of(_part):  # noqa: N801
    """The day of the month of a date or datetime column, as an integer."""

    name = "day_of"
    inherit_cache = True
    start, length, field = 9, 2, "DAY"


class greatest(FunctionElement[Any]):  # noqa: N801
    """The largest of its arguments, typed as the first."""

    name = "greatest"
    inherit_cache = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.type = getattr(args[0], "type", None) or self.type


class like_any_case(FunctionElement[bool]):  # noqa: N801
    """`column LIKE pattern ESCAPE '\\'`, letters matched in either case on both engines."""

    type = Boolean()
    name = "like_any_case"
    inherit_cache = True


def sort_key_type(length: int) -> TypeEngine[str]:
    """VARCHAR(length) compared byte by byte on both engines (see the module's note)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class _SameColumn(FunctionElement[Any]):
    """A column spelled differently per engine that keeps the column's type."""

    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = getattr(column, "type", None) or self.type


class binary(_SameColumn):  # noqa: N801
    """A text column in code-point order on both engines, for ORDER BY (see the module's note)."""

    name = "binary"
    inherit_cache = True


class no_index(_SameColumn):  # noqa: N801
    """The column, with SQLite told not to use an index for this term (see the module's note)."""

    name = "no_index"
    inherit_cache = True


class driving_join(Join):  # noqa: N801
    """`left JOIN right ON onclause` with left the outer loop on SQLite (see the module's note)."""

    inherit_cache = True


@compiles(driving_join, "sqlite")
def _driving_join_sqlite(join: driving_join, compiler: SQLCompiler, asfrom: bool = False, from_linter: Any = None,
                         **kw: Any) -> str:
    """SQLCompiler.visit_join's text with CROSS JOIN for JOIN."""
    if from_linter:  # the linter learns the two sides are joined, as visit_join tells it
        from_linter.edges.update(itertools.product(_de_clone(join.left._from_objects),
                                                   _de_clone(join.right._from_objects)))
    left = join.left._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
    right = join.right._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
    on = join.onclause._compiler_dispatch(compiler, from_linter=from_linter, **kw)  # type: ignore[union-attr]
    return f"{left} CROSS JOIN {right} ON {on}"


class exists_in_order(FunctionElement[bool]):  # noqa: N801
    """`exists_in_order(select(…).order_by(…).limit(1).scalar_subquery())` (see the module's note)."""

    type = Boolean()
    name = "exists_in_order"
    inherit_cache = True


def _args(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(arg, **kw) for arg in element.clauses]


@compiles(add_months, "sqlite")
def _add_months_sqlite(element: add_months, compiler: SQLCompiler, **kw: Any) -> str:
    column, months = _args(element, compiler, **kw)
    same_day = (f"date({column}, 'start of month', printf('%+d months', {months}), "
                f"printf('%+d days', CAST(substr({column}, 9, 2) AS INTEGER) - 1))")
    last_day = f"date({column}, 'start of month', printf('%+d months', ({months}) + 1), '-1 day')"
    return f"min({same_day}, {last_day})"


@compiles(add_months, "postgresql")
def _add_months_postgresql(element: add_months, compiler: SQLCompiler, **kw: Any) -> str:
    column, months = _args(element, compiler, **kw)
    return f"CAST({column} + make_interval(months => {months}) AS DATE)"


@compiles(_part, "sqlite")
def _part_sqlite(element: _part, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _args(element, compiler, **kw)
    return f"CAST(substr({column}, {element.start}, {element.length}) AS INTEGER)"


@compiles(_part, "postgresql")
def _part_postgresql(element: _part, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _args(element, compiler, **kw)
    return f"CAST(EXTRACT({element.field} FROM {column}) AS INTEGER)"


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({', '.join(_args(element, compiler, **kw))})"


@compiles(greatest)
def _greatest_other(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"GREATEST({', '.join(_args(element, compiler, **kw))})"


@compiles(like_any_case, "sqlite")
def _like_any_case_sqlite(element: like_any_case, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = element.clauses
    return compiler.process(column.like(pattern, escape="\\"), **kw)


@compiles(like_any_case)
def _like_any_case_other(element: like_any_case, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = element.clauses
    return compiler.process(column.ilike(pattern, escape="\\"), **kw)


@compiles(binary, "postgresql")
def _binary_postgresql(element: binary, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _args(element, compiler, **kw)
    return f'{column} COLLATE "C"'


@compiles(binary)
def _binary_other(element: binary, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _args(element, compiler, **kw)
    return column  # SQLite: BINARY, its default


@compiles(no_index, "sqlite")
def _no_index_sqlite(element: no_index, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _args(element, compiler, **kw)
    return f"+{column}"


@compiles(no_index)
def _no_index_other(element: no_index, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = _args(element, compiler, **kw)
    return column


@compiles(exists_in_order, "sqlite")
def _exists_in_order_sqlite(element: exists_in_order, compiler: SQLCompiler, **kw: Any) -> str:
    (query,) = _args(element, compiler, **kw)
    return f"({query} IS NOT NULL)"


@compiles(exists_in_order)
def _exists_in_order_other(element: exists_in_order, compiler: SQLCompiler, **kw: Any) -> str:
    (query,) = element.clauses
    return compiler.process(query.element.exists(), **kw)  # type: ignore[attr-defined]
