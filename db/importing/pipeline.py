"""The one import pipeline every register declares itself into.

    read → find layout → rows → identical copies → choices → names → check each row
         → same record twice → write (in the caller's one transaction) → report

A register says only what is its own: its columns (with synonyms and vocabularies), the
organisations or grids it names, how one row becomes a record (`check`), what makes two rows
the same record (`identity`) and how records are written (`write`). Everything else — copies,
unrecognised values, near names, progress and cancel, counting — is done here once, so a row
is only ever refused for its own faults and with its own name in the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from db.importing.layout import Layout
from db.importing.names import Match, NameIndex, org_key
from db.importing.normalize import cell_text
from db.importing.parallel import map_rows
from db.importing.result import ImportResult, NameFinding, UnknownValue
from db.validation import FieldError, ValidationErrors, clean_multiline, mask_numbers_in
from db.vocab import Vocabulary

CREATE = -1  # in a name map: create the organisation or grid the ledger names
_VALUE_SHOWN = 30  # characters of an unrecognised value quoted in a reason


@dataclass(frozen=True)
class Column:
    field: str
    synonyms: tuple[str, ...]  # headers that name it; the first is its label
    choices: Vocabulary | None = None  # a choice column: values must be one of these
    required: bool = False  # the ledger cannot be imported without it
    multiline: bool = False  # numbered terms keep their lines

    @property
    def label(self) -> str:
        return self.synonyms[0]


@dataclass(frozen=True)
class Reference:
    """A column naming registered records (party organisations, grids), matched by name."""

    field: str
    noun: str  # 党组织, 网格
    existing: Callable[[Session], dict[str, int]]  # name → id of the live records
    create: Callable[[Session, str], int] | None = None  # None: the register's writer creates it
    key: Callable[[str], str] = org_key
    # Why a name cannot be a new record (the form's rules for its name), or None when it can:
    # checked before anything is created, so a ledger's junk never becomes a branch or grid.
    check_new: Callable[[str], str | None] = lambda _name: None


class RowRefused(Exception):
    """A row's own faults, each a sentence naming the field."""

    def __init__(self, *reasons: str, duplicate: bool = False) -> None:
        super().__init__("；".join(reasons))
        self.reasons = list(reasons)
        self.duplicate = duplicate  # the record is already registered: not a fault to fix

    @classmethod
    def from_errors(cls, exc: ValidationErrors | FieldError) -> RowRefused:
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        return cls(*[e.message for e in errors])


class Row:
    """One data row of the ledger: its cells by field, as read and as text, and what the
    choice and name stages made of them."""

    # Kept small: a 50,000-row ledger makes 50,000 of them. The cells stay in the row as read
    # (`cell`), the text holds only the filled ones.
    __slots__ = ("number", "raw", "columns", "text", "codes", "refs", "problems", "pre")

    def __init__(self, number: int, raw: list[object], columns: dict[str, int], multiline: frozenset[str],
                 labels: dict[str, str]) -> None:
        self.number = number
        self.raw = raw
        self.columns = columns  # shared by all rows
        self.text: dict[str, str] = {}
        self.codes: dict[str, str | None] = {}
        self.refs: dict[str, int | None] = {}
        self.problems: list[str] = []
        self.pre: Any = None  # what the register's precheck made of the row
        for f, c in columns.items():
            v = raw[c] if c < len(raw) else None
            if v is None:
                continue
            if isinstance(v, bool):  # an Excel TRUE/FALSE: no ledger column holds one
                shown = "TRUE" if v else "FALSE"
                self.problems.append(f"{labels[f]}：单元格是逻辑值（{shown}），不是文字，请检查是否填错列")
            text = clean_multiline(v) if f in multiline else cell_text(v)
            if text:
                self.text[f] = text

    def cell(self, field_name: str) -> object:
        """The cell as read (a date cell as a date, a number as a number); None when blank or absent."""
        column = self.columns.get(field_name)
        return self.raw[column] if column is not None and column < len(self.raw) else None

    def code(self, field_name: str, default: str) -> str:
        """The choice a cell names; the default when it is blank or not recognised (the latter
        is already a problem of the row's)."""
        return self.codes.get(field_name) or default


@dataclass
class ImportOptions:
    update_existing: bool = False
    create_orgs: bool = False  # create organisations and grids the ledger names and nobody has
    value_map: dict[str, dict[str, str]] = field(default_factory=dict)  # field → ledger value → code
    name_map: dict[str, dict[str, int]] = field(default_factory=dict)  # field → ledger name → id, or CREATE
    today: date | None = None
    progress: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None


@dataclass
class Context:
    """What a register's hooks share during one import."""

    session: Session
    options: ImportOptions
    result: ImportResult
    cache: dict[str, Any] = field(default_factory=dict)  # the register's own look-ups

    @property
    def today(self) -> date:
        return self.options.today or date.today()


@dataclass(slots=True)  # one per row of a large ledger
class Checked:
    row: Row
    item: Any  # what the register's check made of the row


@dataclass(frozen=True)
class Identity:
    key: Hashable
    what: str  # how the rows are the same, for the reason: 同一人（身份证号相同）


@dataclass(frozen=True)
class Register:
    key: str  # as on the command line
    title: str  # Chinese, for the window
    columns: tuple[Column, ...]
    check: Callable[[Context, Row], Any]  # a row → the record to write; raises RowRefused
    write: Callable[[Context, list[Checked]], None]  # counts imported/updated/unchanged itself
    references: tuple[Reference, ...] = ()
    identity: Callable[[Any], Identity | None] | None = None
    # When two rows are the same record: None keeps the first (the later is a duplicate);
    # otherwise it returns why they disagree, and then both are refused.
    disagreement: Callable[[Any, Any], str | None] | None = None
    prepare: Callable[[Context, list[Row]], None] | None = None  # look-ups, merged cells
    # The pure part of a row's check, run on every core for a large ledger (db.importing.parallel):
    # it may read the context's cache and options but never its session; `check` finds its
    # result in row.pre.
    precheck: Callable[[Context, Row], Any] | None = None
    can_update: bool = False

    @property
    def synonyms(self) -> dict[str, tuple[str, ...]]:
        return {c.field: c.synonyms for c in self.columns}

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns if c.required)

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    def label(self, field_name: str) -> str:
        return self.column(field_name).label


def _tick(options: ImportOptions, done: int, total: int, *, report: bool = True) -> None:
    if done % 500:
        return
    if options.cancelled is not None and options.cancelled():
        raise InterruptedError("已取消")
    if report and options.progress is not None:
        options.progress(done, total)


def _shown(value: str) -> str:
    """A ledger's value as quoted in a reason: short, and never a full ID or phone number."""
    return mask_numbers_in(value if len(value) <= _VALUE_SHOWN else value[:_VALUE_SHOWN] + "…")


def run_import(session: Session, register: Register, rows: list[list[object]], layout: Layout,
               options: ImportOptions | None = None) -> ImportResult:
    """Check every data row and write the valid ones in the caller's transaction."""
    options = options or ImportOptions()
    result = ImportResult(rows=len(layout.data_rows))
    ctx = Context(session, options, result)
    multiline = frozenset(c.field for c in register.columns if c.multiline)
    labels = {c.field: c.label for c in register.columns}
    data = _without_copies([Row(i + 1, rows[i], layout.columns, multiline, labels) for i in layout.data_rows],
                           layout, result)
    if register.prepare is not None:
        register.prepare(ctx, data)
    _map_choices(register, data, options, result)
    for reference in register.references:
        _match_names(ctx, reference, register.label(reference.field), data)
    if register.precheck is not None:
        found = map_rows(partial(register.precheck, ctx), data, progress=options.progress,
                         cancelled=options.cancelled)
        for row, pre in zip(data, found, strict=True):
            row.pre = pre
    checked: list[Checked] = []
    for n, row in enumerate(data):
        _tick(options, n, len(data), report=register.precheck is None)  # else the precheck moved the bar
        try:
            item = register.check(ctx, row)
        except RowRefused as exc:
            result.refuse(row.number, *row.problems, *exc.reasons, duplicate=exc.duplicate and not row.problems)
            continue
        except (ValidationErrors, FieldError) as exc:
            result.refuse(row.number, *row.problems, *RowRefused.from_errors(exc).reasons)
            continue
        if row.problems:
            result.refuse(row.number, *row.problems)
            continue
        checked.append(Checked(row, item))
    checked = _same_records(register, checked, result)
    register.write(ctx, checked)
    result.problems.sort(key=lambda p: p.row_number)
    return result.count_problems()


def _without_copies(data: list[Row], layout: Layout, result: ImportResult) -> list[Row]:
    """Rows identical in every cell are one row typed (or pasted) twice: the first is kept.

    The 序号 column does not count (a pasted row is often numbered anew), and the cells are
    compared as read, which is what "identical" means to the person who sees them.
    """
    numbering = {i for i, header in enumerate(layout.headers) if header in ("序号", "编号") and
                 i not in layout.columns.values()}
    first: dict[tuple[object, ...], int] = {}
    kept = []
    for row in data:
        key = tuple(v for i, v in enumerate(row.raw) if i not in numbering) if numbering else tuple(row.raw)
        while key and key[-1] in (None, ""):
            key = key[:-1]
        if key in first:
            result.refuse(row.number, f"与第{first[key]}行完全相同（重复录入），只导入第{first[key]}行", duplicate=True)
            continue
        first[key] = row.number
        kept.append(row)
    return kept


def _map_choices(register: Register, data: list[Row], options: ImportOptions, result: ImportResult) -> None:
    """Each choice cell to its code, through the staff's own map first; the values that match
    nothing are collected (with their rows) instead of guessed."""
    for column in register.columns:
        vocab = column.choices
        if vocab is None:
            continue
        chosen = options.value_map.get(column.field, {})
        known: dict[str, str | None] = {}
        unknown: dict[str, UnknownValue] = {}
        for row in data:
            value = row.text.get(column.field, "")
            if not value:
                continue
            if value not in known:
                mapped = chosen.get(value)
                known[value] = mapped if mapped in vocab else vocab.code_for(value)
            code = known[value]
            if code is None:
                unknown.setdefault(value, UnknownValue(column.field, column.label, value, [])).rows.append(row.number)
                row.problems.append(f"{column.label}：无法识别“{_shown(value)}”，不在可选范围内")
            row.codes[column.field] = code
        result.unknown_values += unknown.values()


def _match_names(ctx: Context, reference: Reference, label: str, data: list[Row]) -> None:
    """Each organisation or grid named to a registered one (exactly, or nearly and then shown);
    a missing one is created only when staff said so (create_orgs, or CREATE in the name map)."""
    session, options = ctx.session, ctx.options
    index = NameIndex(reference.existing(session), reference.key)
    chosen = options.name_map.get(reference.field, {})
    resolved: dict[str, int | None] = {}
    findings: dict[str, NameFinding] = {}
    for row in data:
        name = row.text.get(reference.field, "")
        if not name:
            continue
        if name not in resolved:
            resolved[name] = _resolve(ctx, reference, label, index, name, chosen.get(name), findings)
        if name in findings:
            findings[name].rows.append(row.number)
        record_id = resolved[name]
        if record_id is None and name in findings and findings[name].reason:
            row.problems.append(f"{label}：没有“{_shown(name)}”这个{reference.noun}，也不能新建（{findings[name].reason}）")
        elif record_id is None:
            row.problems.append(f"{label}：没有“{_shown(name)}”这个{reference.noun}（未自动新建，请确认后再导入）")
        row.refs[reference.field] = record_id
    ctx.result.names += findings.values()


def _resolve(ctx: Context, reference: Reference, label: str, index: NameIndex, name: str, chosen: int | None,
             findings: dict[str, NameFinding]) -> int | None:
    if chosen is not None and chosen != CREATE and chosen in index.by_name.values():
        return chosen
    match: Match | None = None if chosen == CREATE else index.find(name)
    if match is not None:
        if match.near:
            findings[name] = NameFinding(reference.field, label, name, [], "near", match.name)
        return match.id
    if chosen == CREATE or ctx.options.create_orgs:
        refused = reference.check_new(name)
        if refused is not None:
            findings[name] = NameFinding(reference.field, label, name, [], "missing", reason=refused)
            return None
        findings[name] = NameFinding(reference.field, label, name, [], "created")
        if reference.create is None:
            return CREATE
        record_id = reference.create(ctx.session, name)
        index.add(name, record_id)
        return record_id
    findings[name] = NameFinding(reference.field, label, name, [], "missing")
    return None


def _same_records(register: Register, checked: list[Checked], result: ImportResult) -> list[Checked]:
    """Two rows of the same record: the later is a duplicate of the first, or — when the
    register says they disagree — none of that record's rows is imported and each says why."""
    if register.identity is None:
        return checked
    first: dict[Hashable, Checked] = {}
    disputed: set[Hashable] = set()
    kept = []
    for entry in checked:
        identity = register.identity(entry.item)
        if identity is None:
            kept.append(entry)
            continue
        earlier = first.setdefault(identity.key, entry)
        if earlier is entry:
            kept.append(entry)
            continue
        n = earlier.row.number
        why = register.disagreement(earlier.item, entry.item) if register.disagreement else None
        if identity.key in disputed:
            result.refuse(entry.row.number, f"与第{n}行是{identity.what}，而这几行互相矛盾；均未导入，请核对")
        elif why is None:
            result.refuse(entry.row.number, f"与第{n}行是{identity.what}，只导入第{n}行", duplicate=True)
        else:
            disputed.add(identity.key)
            result.refuse(entry.row.number, f"与第{n}行是{identity.what}，但{why}；两行均未导入，请核对")
            result.refuse(n, f"与第{entry.row.number}行是{identity.what}，但{why}；两行均未导入，请核对")
    refused = {first[k].row.number for k in disputed}
    return [e for e in kept if e.row.number not in refused]
