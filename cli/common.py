"""What every command shares: the one-line failure, the argument parser that says so, and
opening the database so that its refusal is that one line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn


class CommandError(Exception):
    """A failure to report as one line (exit code 1)."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: 参数错误 / bad arguments: {message}\n")


def open_database_or_fail(path: Path | None, *, create: bool):  # type: ignore[no-untyped-def]
    from db.database import DatabaseOpenError, open_database

    try:
        return open_database(path, create=create)
    except DatabaseOpenError as exc:
        raise CommandError(str(exc)) from exc


@contextmanager
def database(path: Path | None) -> Iterator[Any]:
    """An existing database, closed however the command ends. A failed read or write is one
    sentence: on a damaged file (a table dropped by hand) the check's, naming what is missing."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.health import explain_failure

    db = open_database_or_fail(path, create=False)
    try:
        yield db
    except SQLAlchemyError as exc:
        db.close()  # before the check reads the file
        raise CommandError(explain_failure(exc, db.path)) from exc
    finally:
        db.close()
