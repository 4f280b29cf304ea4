"""Who may do what: the three roles, and the check every write goes through.

ACTIONS is the one rights table (role × action). The window shows a menu entry or a button only
to roles it lists (desktop/main_window.py, base_tab.guard), db.audit checks every flush and
statement against it, and db.gate derives from it which tables a role's connection may change
at all. So a path around the window (a dialog left open, a new button, a script using these
modules) still meets the same check. Who a session acts as is decided by db.gate: a signed-in
account, proven, or — on a database with no account yet — whoever it claims to be.
"""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.vocab import ROLES

# action → the roles allowed it, with the words the refusal uses
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "edit": (frozenset({"admin", "clerk"}), "新增或修改记录"),
    "delete": (frozenset({"admin", "clerk"}), "删除记录（放入回收站）"),
    "restore": (frozenset({"admin", "clerk"}), "从回收站恢复记录"),
    "purge": (frozenset({"admin"}), "永久删除记录"),
    "import": (frozenset({"admin", "clerk"}), "导入台账"),
    "exchange": (frozenset({"admin", "clerk"}), "导入或导出服务站交换包"),
    "export": (frozenset({"admin", "clerk"}), "导出 Excel"),
    "export_unmasked": (frozenset({"admin"}), "导出或打印完整身份证号和电话"),
    "reveal": (frozenset({"admin", "clerk"}), "查看完整身份证号和电话"),
    "sensitive_tags": (frozenset({"admin", "clerk"}), "查看和登记敏感的关爱对象（如低保户、重点人员）"),
    "points_approve": (frozenset({"admin"}), "审核道德银行积分（申报审核、调整、冲正）"),
    "print": (frozenset({"admin", "clerk", "viewer"}), "打印"),
    "settings": (frozenset({"admin"}), "修改单位信息和设置"),
    "accounts": (frozenset({"admin"}), "管理账号"),
    "backup": (frozenset({"admin", "clerk", "viewer"}), "备份数据"),
    "restore_backup": (frozenset({"admin"}), "从备份恢复数据"),
    "audit": (frozenset({"admin"}), "查看操作日志"),
}


class PermissionDenied(Exception):
    """str() is one Chinese sentence naming the role and what it may not do."""


NOT_SIGNED_IN = "这个数据库设有账号：修改数据须先用账号登录（命令行加 --user 用户名）。"


@dataclass(frozen=True)
class Actor:
    """Who is working: a signed-in account, or the command line / a script (SYSTEM).

    `proof` is set by the sign-in (db.gate): only an actor carrying it writes to a database
    that has accounts. Its role is what the account had at sign-in; the checks read the
    account's current role from the database."""

    username: str
    role: str
    user_id: int | None = None
    computer: str = field(default_factory=lambda: computer_name())
    proof: str = field(default="", repr=False, compare=False)

    @property
    def label(self) -> str:
        return self.username


def computer_name() -> str:
    """This PC and its operating-system user, as the audit trail and the lock file name them."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (a service, some containers)
        user = "?"
    return f"{socket.gethostname()}\\{user}"


# Scripts, the command line and tests act as SYSTEM on a database without accounts (anyone could
# create its first administrator). Where accounts exist, SYSTEM only reads: the window and the
# command line sign in (README: what protects the data).
SYSTEM = Actor("系统", "admin")


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in ACTIONS[action][0]


def require(actor: Actor, action: str) -> None:
    if actor.role not in ROLES:  # an actor the gate could not verify (db.gate.unverified)
        raise PermissionDenied(NOT_SIGNED_IN)
    if not allowed(actor, action):
        raise PermissionDenied(f"当前账号“{actor.username}”（{ROLES.label(actor.role)}）无权{ACTIONS[action][1]}。")


def actor_of(session: Session) -> Actor:
    """Who `session` acts as (db.gate decides; session.info plays no part)."""
    from db.gate import actor_of as gate_actor_of

    return gate_actor_of(session)


def require_in(session: Session, action: str) -> None:
    """The check for code that has a session (the usual case in db/)."""
    require(actor_of(session), action)
