"""server: setting up a PostgreSQL database for an office (IT staff, once per database and after
each upgrade of the program).

`server init --db URL` runs as the database's owner (or the superuser postgres): it brings the
schema up to date and makes the three roles the program's PCs connect as, with the rights the
server enforces (db.server_roles). `server password --db URL --login NAME` sets a login role's
password; it is read from the terminal (twice) or from standard input, never from the command
line, and is never printed.
"""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import CommandError

INIT_HELP = ("Run as the database's owner (or the superuser postgres), e.g. --db "
             "postgresql+psycopg://street_owner@server/street; the password from the environment variable "
             "PGPASSWORD or the URL. Brings the schema up to date, then creates (or keeps) the group roles "
             "<db>_admin / <db>_clerk / <db>_viewer (管理员 / 录入员 / 只读) and the login roles "
             "<db>_<role>_login, and grants each role its rights: the viewer reads, the clerk changes the "
             "registers, only the administrator changes accounts, and no role may change or delete the "
             "operation log. Safe to run again; run it again after each upgrade of the program.")


def add_server_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    server = sub.add_parser("server", help="set up a PostgreSQL database: roles and rights (IT staff)",
                            description=INIT_HELP)
    from cli.common import OneLineParser

    actions = server.add_subparsers(dest="server_command", parser_class=OneLineParser, required=True)
    init = actions.add_parser("init", parents=[common], help="create the roles and grant their rights",
                              description=INIT_HELP)
    init.add_argument("--login", action="append", default=[], metavar="NAME=ROLE",
                      help="also create this login role for admin, clerk or viewer (e.g. pc3=clerk); repeatable")
    password = actions.add_parser("password", parents=[common], help="set a login role's password",
                                  description="Read the new password from standard input (one line) when it is "
                                              "not a terminal, else ask twice. Run with the owner's URL.")
    password.add_argument("--login", required=True, help="the login role, e.g. street_clerk_login")


def cmd_server(args: argparse.Namespace) -> int:
    from db.location import is_url
    from db.server_roles import ServerRolesError

    if args.db is None or not is_url(str(args.db)):
        raise CommandError("server 命令只用于服务器上的数据库：请用 --db postgresql+psycopg://所有者@服务器/数据库名。")
    try:
        if args.server_command == "init":
            return _init(args)
        return _password(args)
    except ServerRolesError as exc:
        raise CommandError(str(exc)) from exc


def _init(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from db.connections import without_password
    from db.server_roles import ServerRolesError, init
    from db.vocab import ROLES

    logins: dict[str, str] = {}
    for given in args.login:
        name, _, role = given.partition("=")
        if not name.strip() or not role.strip():
            raise ServerRolesError(f"--login “{given}”写法不对：应为 登录名=角色，如 pc3=clerk。")
        logins[name.strip()] = role.strip()
    setup = init(str(args.db), logins)
    url = make_url(str(args.db))
    host = url.host or "服务器"
    print(f"数据库“{setup.database}”已是最新结构；{setup.tables} 张数据表的权限已设好。")
    for kind, group in setup.groups.items():
        names = "、".join(name for name, role in setup.logins.items() if role == kind)
        print(f"  {ROLES.label(kind)}：角色组 {group}，登录名 {names}")
    if setup.created:
        print("新建的角色：" + "、".join(setup.created))
    print("为每个登录名设置密码（输入时不显示；已设的可不再设）：")
    for name in setup.logins:
        print(f"  python main.py server password --db '{without_password(url)}' --login {name}")
    print(f"各电脑连接时用：postgresql+psycopg://登录名@{host}/{setup.database}")
    return 0


def _password(args: argparse.Namespace) -> int:
    from cli.data_commands import _read_password
    from db.server_roles import set_password

    set_password(str(args.db), args.login, _read_password())
    print(f"已设置登录名“{args.login}”的密码。")
    return 0
