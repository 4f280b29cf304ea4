"""backup, restore, check and user: the data-safety commands for IT staff and scripts.

backup and check only read and need no account. restore and the user commands that change
accounts sign in (--user, cli.common.sign_in_for) when the database has accounts, and act with
that account's rights. Each failure is one line (CommandError, or Refused with exit 2), never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cli.common import SIGN_IN_HELP, CommandError, OneLineParser, database, open_database_or_fail, sign_in_for

AS_SYSTEM = (f"{SIGN_IN_HELP} Accounts guard what the program does; whoever can read the database file can "
             "read it anyway, and whoever can write it can change it with any SQLite tool.")
CHECK_EPILOG = ("Exit status: 0 healthy; 1 with one line saying why not: file missing, not an SQLite database, "
                "another program's database, damaged or truncated, a table, column, index or uniqueness missing or "
                "changed (e.g. 缺少数据表 service_logs), made by a newer version, or locked by another program; with "
                "--full also an operation log edited, cut short or with entries removed since it was written "
                "(操作日志第 N 条之后被改动或删除), checked against the chain head in the backup folders' manifests.")


def add_data_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """backup, restore, check and user: the data-safety commands for IT staff and scripts."""
    backup = sub.add_parser("backup", parents=[common], help="back up the database (works while the window is open)",
                            description="Copy the database with SQLite's online backup API, verify the copy and "
                                        "keep the configured number of copies. Only reads the database. A server "
                                        "database (--db postgresql+psycopg://…, any of its roles) is dumped with "
                                        "pg_dump --format=custom and verified with pg_restore (the PostgreSQL client "
                                        "programs must be installed on this PC).")
    backup.add_argument("--out", type=Path, help="backup folder (default: the folder set in the program)")
    restore = sub.add_parser("restore", parents=[common], help="replace the database with a backup",
                             description="Refused while the window has the database open. The current file is "
                                         "backed up first; the backup must pass the full check. Needs an "
                                         "administrator of the current database (when it has accounts and "
                                         "opens). A server database is restored from a pg_dump file with the "
                                         "owner's URL (as for server init), in one transaction, after a dump of "
                                         "its current state. " + AS_SYSTEM)
    restore.add_argument("--from", dest="backup_file", type=Path, required=True, help="the backup file")
    check = sub.add_parser("check", parents=[common], help="check the database file", epilog=CHECK_EPILOG,
                           description="Check a database file without changing it (quick_check, or integrity_check "
                                       "with --full), and compare its tables, columns and indexes with what this "
                                       "version of the program expects.")
    check.add_argument("--full", action="store_true",
                       help="full integrity check (also indexes and the operation log's hash chain; slower)")
    user = sub.add_parser("user", help="manage accounts", description=AS_SYSTEM)
    actions = user.add_subparsers(dest="user_command", parser_class=OneLineParser, required=True)
    password_help = ("The new password is read from standard input (one line; after the sign-in password's line "
                     "with --password-stdin) when it is not a terminal, else asked twice.")
    add = actions.add_parser("add", parents=[common], help="create an account",
                             description=f"{password_help} {AS_SYSTEM}")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=("admin", "clerk", "viewer"),
                     help="admin 管理员, clerk 录入员, viewer 只读")
    add.add_argument("--name", default="", help="display name, e.g. 王主任")
    add.add_argument("--street", action="store_true",
                     help="street-office staff: sees every community, changes none (otherwise the account works in "
                          "the community --community names, or the database's only one)")
    passwd = actions.add_parser("passwd", parents=[common], help="set an account's password",
                                description=f"{password_help} {AS_SYSTEM}")
    passwd.add_argument("--username", required=True)
    role = actions.add_parser("role", parents=[common], help="change an account's role (administrators)",
                              description=AS_SYSTEM)
    role.add_argument("--username", required=True)
    role.add_argument("--role", required=True, choices=("admin", "clerk", "viewer"),
                      help="admin 管理员, clerk 录入员, viewer 只读")
    listing = actions.add_parser("list", parents=[common], help="list the accounts", description=AS_SYSTEM)
    listing.add_argument("--json", action="store_true", help="one JSON array")


def _db_path(path: Path | None) -> Path:
    from db.database import default_db_path

    return path if path is not None else default_db_path()


def _data_settings(path: Path):  # type: ignore[no-untyped-def]
    """The backup folder and copies kept as set in the database, or the defaults when it cannot be read
    (a damaged database cannot say where its backups go; they then go beside it)."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.data_settings import DataSettings, data_settings
    from db.database import DatabaseOpenError, open_database

    try:
        db = open_database(path, create=False)
    except DatabaseOpenError:
        return DataSettings("")
    try:
        with db.session() as s:
            return data_settings(s)
    except SQLAlchemyError:
        return DataSettings("")
    finally:
        db.close()


def _is_server(where: object) -> bool:
    from db.location import is_url

    return isinstance(where, str) and is_url(where)


def cmd_backup(args: argparse.Namespace) -> int:
    """Reads only: SQLite's online backup is consistent while the window writes, so no lock is taken."""
    from db.backup import BackupError, backup_database
    from db.health import check_file, record_counts

    if _is_server(args.db):
        return _backup_server(args)
    path = _db_path(args.db)
    health = check_file(path)
    if not health.ok:
        raise CommandError(f"不能备份：{health.message}")
    settings = _data_settings(path)
    folder = args.out if args.out is not None else settings.folder_for(path)
    try:
        info = backup_database(path, folder, keep=settings.backup_keep)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(info.path)
    print(json.dumps({"path": str(info.path), "size": info.size, "counts": record_counts(info.path)},
                     ensure_ascii=False))
    return 0


def _backup_server(args: argparse.Namespace) -> int:
    """pg_dump of one consistent moment; any role may back up (the server lets it read everything)."""
    from db.backup import BackupError
    from db.server_backup import backup_server, server_url, settings_of

    url = server_url(args.db)
    settings = settings_of(url)
    try:
        info = backup_server(url, args.out if args.out is not None else settings.folder, keep=settings.keep)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(info.path)
    print(json.dumps({"path": str(info.path), "size": info.size, "counts": info.counts}, ensure_ascii=False))
    return 0


def _restore_server(args: argparse.Namespace) -> int:
    """As the database's owner: an administrator's account signs in when the database has
    accounts; the current state is dumped first; the restore is one transaction on the server."""
    from db.backup import BackupError, backup_counts
    from db.gate import record_restore
    from db.permissions import require
    from db.server_backup import restore_server, server_url, settings_of

    url, backup = server_url(args.db), args.backup_file
    if not backup.is_file():
        raise CommandError(f"找不到备份文件“{backup}”。")
    current = open_database_or_fail(args.db, create=False)
    try:
        sign_in_for(current, args, "从备份恢复")
        actor = current.actor
        require(actor, "restore_backup")
    finally:
        current.close()
    try:
        safety = restore_server(url, backup, settings_of(url).folder)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    restored = open_database_or_fail(args.db, create=False)  # a dump of an older version is upgraded here
    try:
        record_restore(restored, actor, f"从备份恢复：{backup.name}",
                       {"backup": str(backup.resolve()), "safety_backup": str(safety.path)})
    finally:
        restored.close()
    print(f"恢复前的数据已备份到：{safety.path}")
    print(f"已从“{backup}”恢复服务器上的数据库“{restored.shown}”。")
    counts = backup_counts(backup)
    if counts:
        print("恢复的数据：" + " · ".join(f"{label} {n}" for label, n in counts.items()))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from db.backup import BackupError, restore_database
    from db.gate import record_restore
    from db.lock import DatabaseLock, DatabaseLocked
    from db.permissions import require

    if _is_server(args.db):
        return _restore_server(args)
    path, backup = _db_path(args.db), args.backup_file
    if not backup.is_file():
        raise CommandError(f"找不到备份文件“{backup}”。")
    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseLocked as exc:
        raise CommandError(f"不能恢复：{exc}") from exc
    try:
        actor = _restoring_actor(path, args)
        require(actor, "restore_backup")
        folder = _data_settings(path).folder_for(path)
        try:
            safety = restore_database(path, backup, folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        with database(path) as db:
            record_restore(db, actor, f"从备份恢复：{backup.name}",
                           {"backup": str(backup.resolve()), "safety_backup": str(safety.path) if safety else ""})
    finally:
        lock.release()
    if safety is not None:
        print(f"恢复前的数据已备份到：{safety.path}")
    print(f"已从“{backup}”恢复数据库“{path}”。")
    _print_restored(backup)
    return 0


def _print_restored(backup: Path) -> None:
    """What came back, per register (from the backup folder's manifest, else counted in the file)."""
    from db.backup import backup_counts

    counts = backup_counts(backup)
    if counts:
        print("恢复的数据：" + " · ".join(f"{label} {n}" for label, n in counts.items()))


def _restoring_actor(path: Path, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Who restores: an administrator signed in on the current database when it has accounts.
    A file that does not open (damaged, missing — the usual reason to restore) has no accounts
    to ask: whoever can run the command could overwrite it anyway; the log then names 系统."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.database import DatabaseOpenError, open_database
    from db.permissions import SYSTEM

    try:
        current = open_database(path, create=False)
    except DatabaseOpenError:
        return SYSTEM
    try:
        try:
            sign_in_for(current, args, "从备份恢复")
        except SQLAlchemyError:
            return SYSTEM
        return current.actor
    finally:
        current.close()


def cmd_check(args: argparse.Namespace) -> int:
    from db.health import check_file

    health = check_file(_db_path(args.db), full=args.full)
    if not health.ok:
        raise CommandError(health.message)
    print(health.message)
    return 0


def _read_password() -> str:
    """One line from standard input when it is not a terminal (scripts, tests); else asked twice."""
    import getpass

    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CommandError("没有从标准输入读到密码。")
        return line.rstrip("\r\n")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再输一次：") != first:
        raise CommandError("两次输入的密码不一致。")
    return first


def _account_id(session: Any, username: str) -> int:
    from db.accounts import user_id_by_name

    user_id = user_id_by_name(session, username)
    if user_id is None:
        raise CommandError(f"没有用户名为“{username.strip()}”的账号。")
    return user_id


def cmd_user(args: argparse.Namespace) -> int:
    from db.accounts import change_password, create_user, set_role, user_rows
    from db.validation import ValidationErrors
    from db.vocab import ROLES

    with database(args.db, args) as db:
        if args.user_command == "list":
            with db.session() as s:
                rows = user_rows(s)
            listed = [{"username": r.username, "display_name": r.display_name, "role": ROLES.label(r.role),
                       "active": r.active, "last_login": f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else ""}
                      for r in rows]
            if args.json:
                print(json.dumps(listed, ensure_ascii=False))
            else:
                for r in listed:
                    print(f"{r['username']}\t{r['role']}\t{'启用' if r['active'] else '停用'}\t"
                          f"{r['last_login'] or '从未登录'}")
            return 0
        sign_in_for(db, args, {"add": "新建账号", "passwd": "修改密码", "role": "更改账号角色"}[args.user_command])
        password = _read_password() if args.user_command != "role" else ""
        try:
            with db.session() as s, s.begin():
                if args.user_command == "role":
                    set_role(s, _account_id(s, args.username), args.role)
                elif args.user_command == "add":
                    create_user(s, args.username, password, args.role, args.name, street=args.street)
                else:
                    change_password(s, _account_id(s, args.username), password)
        except ValidationErrors as exc:
            raise CommandError(str(exc)) from exc
    name = args.username.strip()
    print({"add": f"已新建账号“{name}”。", "passwd": f"已修改账号“{name}”的密码。",
           "role": f"已将账号“{name}”的角色改为{ROLES.label(getattr(args, 'role', ''))}。"}[args.user_command])
    return 0
