"""copy: move one community between an office's database file and a street office's server.

`copy --from FILE --to URL` puts the file's community into the server as a new community;
`copy --from URL --community NAME --to FILE` writes one community of the server into a new file.
--user signs in on the server (an administrator) when it has accounts. The counts of every table
are printed, source beside target; the copy is one transaction and is undone when any differ.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.common import PASSWORD_ENV, CommandError, open_database_or_fail, sign_in_for

if TYPE_CHECKING:
    from db.copying import CopyResult

COPY_HELP = ("Copy one community between a database file and a PostgreSQL server. Into a server (--to URL) it "
             "becomes a new community there, named by --name (default: the file's community name setting); "
             "refused when that name exists. Out of a server (--from URL --community NAME) it becomes a new "
             "database file holding that community only; refused when the file exists. Every row is copied with "
             "new ids and its UUID kept, accounts with their passwords; the operation log stays where it was and "
             "the target logs the copy. One transaction: a failure, or any table whose count differs between "
             "source and target, leaves nothing written (exit 1). On a server with accounts, sign in as an "
             f"administrator there: --user U, password at the terminal, from {PASSWORD_ENV} or --password-stdin.")


def add_copy_commands(sub: Any) -> None:
    copy = sub.add_parser("copy", help="copy a community between a database file and a server",
                          description=COPY_HELP)
    copy.add_argument("--from", dest="source", required=True, help="database file, or server URL")
    copy.add_argument("--to", dest="target", required=True, help="server URL, or a new database file")
    copy.add_argument("--community", help="which community of the source (needed when it holds several)")
    copy.add_argument("--name", help="the community's name in the target (default: its name in the source)")
    copy.add_argument("--account-prefix", default="",
                      help="put this before every copied account's user name (when the server has the same names)")
    copy.add_argument("--user", help="sign in on the server as this administrator")
    copy.add_argument("--password-stdin", action="store_true",
                      help="read the --user password from the first line of standard input")


def _is_url(text: str) -> bool:
    from db.location import is_url

    return is_url(text)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r已复制 {done}/{total} 条（{done * 100 // total}%）", end="", file=sys.stderr, flush=True)


def cmd_copy(args: argparse.Namespace) -> int:
    from db.copying import CopyError, CountsDiffer, copy_into_server, copy_to_file

    source = open_database_or_fail(args.source if _is_url(args.source) else Path(args.source), create=False)
    try:
        if _is_url(args.target):
            target = open_database_or_fail(args.target, create=False)  # brought to the program's schema here
            try:
                sign_in_for(target, args, "把社区复制到服务器")
                result = copy_into_server(source, target, community=args.community, name=args.name,
                                          account_prefix=args.account_prefix, progress=_progress)
            finally:
                target.close()
        else:
            if args.account_prefix:
                raise CommandError("--account-prefix 只用于复制到服务器。")
            if source.is_server:
                sign_in_for(source, args, "从服务器复制社区")
            result = copy_to_file(source, Path(args.target), community=args.community, name=args.name,
                                  progress=_progress)
    except CountsDiffer as exc:
        _print_result(exc.result)
        raise CommandError(str(exc)) from exc
    except CopyError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        source.close()
    _print_result(result)
    for old, new in result.accounts.items():
        print(f"账号“{old}”在服务器上改名为“{new}”。")
    print(f"已把社区“{result.community}”从 {result.source} 复制到 {result.target}：共 {result.rows} 条记录，"
          f"用时 {result.seconds:.1f} 秒（每秒 {result.rows_per_second:.0f} 条）。")
    return 0


def _padded(text: str, width: int) -> str:
    """`text` filled to `width` terminal columns (a Chinese character takes two)."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - shown, 0)


def _print_result(result: CopyResult) -> None:
    for line in table_lines(result):
        print(line)


def table_lines(result: CopyResult) -> list[str]:
    """The counts as the command prints them: table, source, target (and what a server kept)."""
    lines = [f"{_padded('数据表', 36)}{'源':>7}{'目标':>6}"]
    for t in result.tables:
        note = f"  （服务器原有 {t.kept} 条，保留原样）" if t.kept else ""
        mark = "  ← 不一致" if t.source != t.target else ""
        lines.append(f"{_padded(t.label + ' ' + t.table, 36)}{t.source:>8}{t.target:>8}{note}{mark}")
    lines.append(f"操作日志：源库的 {result.log_entries_left} 条留在原处，目标库记下一条复制记录。")
    return lines
