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


def open_database_or_fail(path: Path | str | None, *, create: bool):  # type: ignore[no-untyped-def]
    from db.database import DatabaseOpenError, open_database
    from db.heap import keep_startup_objects

    keep_startup_objects()  # the command's modules are imported by now (db.heap)
    try:
        return open_database(path, create=create)
    except DatabaseOpenError as exc:
        raise CommandError(str(exc)) from exc


@contextmanager
def database(path: Path | str | None, args: Any = None) -> Iterator[Any]:
    """An existing database, closed however the command ends, in the community --community
    names (in `args`). A failed read or write is one sentence: on a damaged file (a table
    dropped by hand) the check's, naming what is missing."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.health import explain_failure

    db = open_database_or_fail(path, create=False)
    try:
        if getattr(args, "user", None):  # reading as an account: within its community (street staff: all)
            sign_in_for(db, args, "读取数据")
        else:
            apply_community(db, args)
        yield db
    except SQLAlchemyError as exc:
        db.close()  # before the check reads the file
        raise CommandError(explain_failure(exc, db.path)) from exc
    finally:
        db.close()


class Refused(CommandError):
    """Not signed in, a wrong password, or no right to do it: one line, exit status 2."""


PASSWORD_ENV = "CD_PASSWORD"
SIGN_IN_HELP = (f"On a database with accounts, commands that change data sign in: --user U, the password "
                f"asked at the terminal, or taken from the environment variable {PASSWORD_ENV} or from the "
                "first line of standard input with --password-stdin. They act with that account's rights and "
                "are logged under it. A database without accounts needs no sign-in.")


def has_accounts(db: Any) -> bool:
    from db.accounts import has_users

    with db.session() as s:
        return has_users(s)


def _sign_in_password(args: Any, user: str) -> str:
    import getpass
    import os
    import sys

    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline()
        if not line:
            raise Refused("没有从标准输入读到登录密码。")
        return line.rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if sys.stdin.isatty():
        return getpass.getpass(f"“{user}”的密码：")
    raise Refused(f"没有“{user}”的登录密码：在终端运行时会询问；脚本中请设环境变量 {PASSWORD_ENV} "
                  "或加 --password-stdin。")


def sign_in_for(db: Any, args: Any, what: str) -> None:
    """Act as the account --user names, signed in with its password, when the database has
    accounts (a database without accounts is open: anyone could create its first administrator).
    Refused (exit 2) without --user, or with a wrong password."""
    from db.accounts import LoginFailed, sign_in

    user = (getattr(args, "user", None) or "").strip()
    if not user:
        if not has_accounts(db):
            apply_community(db, args)
            return
        raise Refused(f"这个数据库设有账号，{what}须先登录：加 --user 用户名（密码在终端输入，"
                      f"或用环境变量 {PASSWORD_ENV}、--password-stdin 提供）。")
    if db.actor.user_id is not None and db.actor.username.lower() == user.lower():
        return  # signed in already, when the command opened the database
    password = _sign_in_password(args, user)
    try:
        db.actor = sign_in(db, user, password)
    except LoginFailed as exc:
        raise Refused(f"登录失败：{exc}") from exc
    apply_community(db, args)  # within the account's community (street staff: any, to read)


def apply_community(db: Any, args: Any) -> None:
    """--community NAME: which community of a street office's database the command works in."""
    from db.communities import choose_community
    from db.permissions import PermissionDenied
    from db.validation import ValidationErrors

    name = getattr(args, "community", None)
    if not name:
        return
    try:
        choose_community(db, name)
    except ValidationErrors as exc:
        raise CommandError(str(exc)) from exc
    except PermissionDenied as exc:
        raise Refused(str(exc)) from exc
