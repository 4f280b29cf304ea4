"""Shared pieces of register queries: text search, sorting, soft-delete, row ids.

A register's table in the window holds only the ids that match the current filter, in
order, and asks for the rows it shows a page at a time (`rows_for_ids`). Filtering, sorting
and counting happen in SQL; the count is simply the number of ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, String, case, false, func, or_, select
from sqlalchemy.orm import Session

from db.dialect import binary
from db.models import Person
from db.scope import scoped
from db.search_keys import SEPARATOR, first_syllable, like_pattern, normalize_query

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Sort:
    """Sort by a named key the register knows (e.g. "name"), ascending unless descending."""

    key: str = ""
    descending: bool = False


def text_condition(query: str, *columns: Any) -> ColumnElement[bool] | None:
    """Substring match of the normalised query against pre-computed search columns."""
    if not normalize_query(query):
        return None
    pattern = like_pattern(query)
    return or_(*(col.like(pattern, escape="\\") for col in columns))


def person_match(query: str) -> ColumnElement[bool] | None:
    """Person.id IN (persons whose search keys contain the query), or None for no query.

    Written as a subquery on purpose: SQLite then scans the covering index on
    persons(search_text, name_sort) once and joins only the matches, instead of walking every
    person in sort order and testing each (measured on 100,000 members: 35 ms vs 170 ms for
    a one-letter query, 10 ms vs 140 ms for a phone tail).
    """
    cond = text_condition(query, Person.search_text)
    if cond is None:
        return None
    return Person.id.in_(select(Person.id).where(cond))


# A name has at most this many syllables for the initials rank (阿依古丽·买买提 has 7).
MAX_SYLLABLES = 10
RANK_EXACT_NAME, RANK_EXACT_KEY, RANK_INITIALS_START, RANK_SURNAME, RANK_OTHER = range(5)


def search_rank(query: str, search_text: Any, name_sort: Any = None) -> ColumnElement[int] | None:
    """How well a row's stored search keys match a search, best first, for ORDER BY before the
    register's own order; None when there is nothing to rank. `zh` lists 曾环 (initials zh),
    then 郑环静 (initials zhj), then the 张, 赵, 郑 and 周 (surname zh…), and only then
    丁志华 (zh inside the name).

    0 the name as written; 1 a whole key (initials zs, full pinyin zhangsan, a name in
    letters); 2 the start of the initials; 3 the surname (the main reading begins with the
    query; for characters typed, the name begins with them); 4 anything else the search found.

    The keys (db.search_keys) are the name, its full readings, its initials and the numbers,
    joined by "|": a key is whole between two separators. Initials are told from full readings
    by their length, one letter a syllable; name_sort (the main reading, syllables apart) says
    how many syllables there are, and whether the surname begins with the query's first
    letter: only such names are tested further, which keeps a one-letter search quick. (An
    exact match on a surname's rarer reading, 曾 as c, is then only "found".) Plain CASE, LIKE,
    length and replace: SQLite and PostgreSQL order alike.

    Digits (a phone or ID tail) are not ranked: the register's order is as good as any, and
    ranking 100,000 matches of "1" would cost more than listing them. Without name_sort (a
    case's text holds several names and its facts) only the exact keys are ranked.
    """
    q = normalize_query(query)
    if not q or q.isdigit():
        return None
    core = like_pattern(query)[1:-1]  # the query, escaped, without its % %
    exact_name = or_(search_text == q, _like(search_text, f"{core}{SEPARATOR}%"))
    exact_key = _like(SEPARATOR + search_text + SEPARATOR, f"%{SEPARATOR}{core}{SEPARATOR}%")
    if name_sort is None:
        return case((exact_name, RANK_EXACT_NAME), (exact_key, RANK_EXACT_KEY), else_=RANK_OTHER)
    if not q.isascii():  # gated as ranked_first_ids reads them: only names sorted under the first character
        ranked = case(*rank_conditions(query, search_text, name_sort), else_=RANK_OTHER)
        start = surname_letter(query, name_sort, "")
        return ranked if start is None else case((start, ranked), else_=RANK_OTHER)
    first_letter = _like(name_sort, f"{core[0]}%") if core[0] != "\\" else false()
    return case((first_letter, case(*rank_conditions(query, search_text, name_sort), else_=RANK_OTHER)),
                else_=RANK_OTHER)


def _like(column: Any, pattern: str) -> ColumnElement[bool]:
    return column.like(pattern, escape="\\")  # type: ignore[no-any-return]


def rank_conditions(query: str, search_text: Any, name_sort: Any) -> list[tuple[ColumnElement[bool], int]]:
    """search_rank's tests for a query in letters, best first: (condition, rank) pairs, each
    meant for the rows the earlier ones did not take."""
    q = normalize_query(query)
    core = like_pattern(query)[1:-1]
    keyed = SEPARATOR + search_text + SEPARATOR
    exact_name = or_(search_text == q, _like(search_text, f"{core}{SEPARATOR}%"))
    if not q.isascii():  # characters typed: the name itself, then names beginning with them
        return [(exact_name, RANK_EXACT_NAME), (_like(search_text, f"{core}%"), RANK_SURNAME)]
    whens: list[tuple[ColumnElement[bool], int]] = [
        (exact_name, RANK_EXACT_NAME), (_like(keyed, f"%{SEPARATOR}{core}{SEPARATOR}%"), RANK_EXACT_KEY)]
    if q.isalpha() and len(q) < MAX_SYLLABLES:
        syllables = func.length(name_sort) - func.length(func.replace(name_sort, " ", "")) + 1
        # An initials key as long as the name has syllables, beginning with the query.
        longer = {n: _like(keyed, f"%{SEPARATOR}{core}{'_' * (n - len(q))}{SEPARATOR}%")
                  for n in range(len(q) + 1, MAX_SYLLABLES + 1)}
        whens.append((case(longer, value=syllables, else_=false()), RANK_INITIALS_START))
    whens.append((_like(name_sort, f"{core}%"), RANK_SURNAME))
    return whens


def surname_letter(query: str, name_sort: Any, dialect: str) -> ColumnElement[bool] | None:
    """Names whose main reading begins as the query does: the only rows search_rank can rank
    better than "found" (RANK_OTHER); None when the query gives no such start (digits).

    For letters, the query's first letter; for characters, the reading names beginning with the
    first one sort under (王: wang). On SQLite the LIKE is doubled by a range on name_sort
    (binary order, lower-case pinyin), which the name index answers directly: one range, so
    only the names under it are read."""
    q = normalize_query(query)
    if not q:
        return None
    start = (q[0] if q[0].isalpha() else None) if q.isascii() else first_syllable(q[0])
    if not start or not start.isascii():
        return None
    condition = name_sort.like(f"{start}%")
    if dialect == "sqlite":
        condition = condition & (name_sort >= start) & (name_sort < start[:-1] + chr(ord(start[-1]) + 1))
    return condition  # type: ignore[no-any-return]


def ranked_first_ids(session: Session, stmt: Select[Any], query: str, search_text: Any, name_sort: Any,
                     surname: ColumnElement[bool], order: Sequence[Any], limit: int) -> list[int]:
    """The first `limit` ids of `stmt` ordered by search_rank, then *order — without ranking
    every match.

    Ranking sorts all the matches before the first row comes out: for a one-letter search of
    100,000 members that is 30 ms a keystroke, which the search-as-you-type budget (50 ms to
    the painted page) cannot spare. Only names whose surname begins with the query's letter can
    rank better than "found"; each rank is read in the register's order straight from its
    index, stopping as soon as the page is full, then the rest the same way. The result is the
    start of the fully ranked list (tests compare the two).
    """
    ids: list[int] = []
    taken: list[ColumnElement[bool]] = []
    for condition, _ in rank_conditions(query, search_text, name_sort):
        if len(ids) == limit:
            return ids
        ranked = stmt.where(surname, condition, *(~t for t in taken)).order_by(*order).limit(limit - len(ids))
        ids += fetch_ids(session, ranked)
        taken.append(condition)
    if len(ids) < limit:
        rest = stmt.where(or_(~surname, ~or_(*taken))).order_by(*order)
        ids += fetch_ids(session, rest.limit(limit - len(ids)))
    return ids


def ordered(stmt: Select[Any], sort: Sort, keys: dict[str, Any], default: str, tiebreak: Any,
            rank: ColumnElement[int] | None = None) -> Select[Any]:
    """ORDER BY the column named by sort.key (or the default), then by id for stable paging.

    A search's rank (search_rank) comes first while the register is in its own order; once the
    person sorts by a column, that column alone decides."""
    column = keys[sort.key] if sort.key in keys else keys[default]
    if isinstance(getattr(column, "type", None), String):  # text in code-point order on both engines
        column = binary(column)
    if rank is not None and not sort.key:
        stmt = stmt.order_by(rank)
    return stmt.order_by(column.desc() if sort.descending else column.asc(), tiebreak)


def fetch_ids(session: Session, stmt: Select[Any]) -> list[int]:
    """All ids of a query, read straight from the driver's cursor: for 100,000 plain
    integers SQLAlchemy's result processing costs as much as the SQL itself."""
    result = session.connection().execute(scoped(session, stmt))
    return [row[0] for row in result.cursor.fetchall()]


def rows_in_order(ids: Sequence[int], rows: dict[int, RowT]) -> list[RowT]:
    """Rows in the order of `ids`, skipping ids whose record disappeared meanwhile."""
    return [rows[i] for i in ids if i in rows]


def load_rows(session: Session, ids: Sequence[int], fetch: Callable[[Session, Sequence[int]], dict[int, RowT]],
              chunk: int = 500) -> list[RowT]:
    """Fetch rows by id in chunks (SQLite limits bound parameters), keeping the ids' order."""
    found: dict[int, RowT] = {}
    for start in range(0, len(ids), chunk):
        found.update(fetch(session, ids[start:start + chunk]))
    return rows_in_order(ids, found)
