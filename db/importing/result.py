"""What an import (or its check) found: per-row problems, counts, and the ledger's words it
could not place — unrecognised choices and organisation/grid names — for staff to map."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.validation import mask_numbers_in


@dataclass
class RowProblem:
    row_number: int  # as Excel shows it (1-based)
    reasons: list[str]
    duplicate: bool = False


@dataclass
class UnknownValue:
    """A value of a choice column that matches none of its choices (not guessed)."""

    field: str
    label: str  # the column's Chinese label
    value: str
    rows: list[int]  # row numbers as Excel shows them

    @property
    def count(self) -> int:
        """How many rows write it (the issue's "each distinct value with its count")."""
        return len(self.rows)


@dataclass
class NameFinding:
    """An organisation or grid the ledger names that is not an existing one by its exact name.

    status: "near" (taken as `matched`, an existing record with almost the same name),
    "missing" (no such record: the rows are refused unless it is created), "created".
    """

    field: str
    label: str
    value: str
    rows: list[int]
    status: str
    matched: str = ""  # the existing record's name, for "near"
    reason: str = ""  # for "missing": why it could not be created, when staff asked for it


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    duplicates: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    unknown_values: list[UnknownValue] = field(default_factory=list)
    names: list[NameFinding] = field(default_factory=list)

    def refuse(self, row_number: int, *reasons: str, duplicate: bool = False) -> None:
        self.problems.append(RowProblem(row_number, list(reasons), duplicate))

    def count_problems(self) -> ImportResult:
        """Set the invalid and duplicate counts from the problems found."""
        self.invalid = sum(1 for p in self.problems if not p.duplicate)
        self.duplicates = sum(1 for p in self.problems if p.duplicate)
        return self

    @property
    def created_names(self) -> list[str]:
        return [n.value for n in self.names if n.status == "created"]

    def summary(self) -> dict[str, int]:
        return {"rows": self.rows, "imported": self.imported, "updated": self.updated, "unchanged": self.unchanged,
                "invalid": self.invalid, "duplicates": self.duplicates}

    def findings(self) -> dict[str, object]:
        """The words staff must look at, for the command line's JSON line: unrecognised values
        by column with their rows, and names matched loosely, missing or created (an ID or phone
        number typed in the wrong column is shown masked)."""
        out: dict[str, object] = {}
        if self.unknown_values:
            unknown: dict[str, dict[str, list[int]]] = {}
            for u in self.unknown_values:
                unknown.setdefault(u.label, {})[mask_numbers_in(u.value)] = u.rows
            out["unrecognised"] = unknown
        for status, key in (("near", "matched_near"), ("missing", "missing"), ("created", "created")):
            found = [n for n in self.names if n.status == status]
            if found:
                out[key] = {mask_numbers_in(n.value): (n.matched if status == "near" else n.rows) for n in found}
        return out
