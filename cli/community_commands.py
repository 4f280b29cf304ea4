"""`community list` and `community add NAME`: the communities of a street office's database."""

from __future__ import annotations

import argparse
import json
from typing import Any

from cli.common import CommandError, Refused, database, sign_in_for


def add_community_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    community = sub.add_parser("community", parents=[common], help="list or add the communities of a database",
                               description="One database may hold several communities (a street office's "
                                           "server). Each record belongs to one; each account works in one, or "
                                           "as street staff reads all. Adding needs an administrator.")
    actions = community.add_subparsers(dest="community_command", required=True)
    listed = actions.add_parser("list", parents=[common], help="the communities and their number of people")
    listed.add_argument("--json", action="store_true")
    added = actions.add_parser("add", parents=[common], help="add a community (its office names follow its name)")
    added.add_argument("name", help="e.g. 阳光社区")


def cmd_community(args: argparse.Namespace) -> int:
    from db.communities import add_community, community_rows
    from db.permissions import PermissionDenied
    from db.validation import ValidationErrors

    with database(args.db, args) as db:
        if args.community_command == "list":
            with db.session() as s:
                rows = community_rows(s)
            if args.json:
                print(json.dumps([{"name": r.name, "people": r.people} for r in rows], ensure_ascii=False))
            else:
                for r in rows:
                    print(f"{r.name}\t{r.people} 人")
            return 0
        sign_in_for(db, args, "新建社区")
        try:
            with db.session() as s, s.begin():
                add_community(s, args.name)
        except ValidationErrors as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise Refused(str(exc)) from exc
        print(f"已新建社区“{args.name.strip()}”。")
    return 0
