"""Who may do what: the three roles, and the check every write goes through.

The window hides what a role may not do, but the rule lives here: `Database.session()` tags
each session with the signed-in actor, and `db.audit` refuses a flush or a write statement the
actor's role does not allow. So a path around the window (a dialog left open, a new button, a
script using these modules) still meets the same check.
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
    "export": (frozenset({"admin", "clerk"}), "导出 Excel"),
    "export_unmasked": (frozenset({"admin"}), "导出或打印完整身份证号和电话"),
    "reveal": (frozenset({"admin", "clerk"}), "查看完整身份证号和电话"),
    "print": (frozenset({"admin", "clerk", "viewer"}), "打印"),
    "settings": (frozenset({"admin"}), "修改单位信息和设置"),
    "accounts": (frozenset({"admin"}), "管理账号"),
    "backup": (frozenset({"admin", "clerk", "viewer"}), "备份数据"),
    "restore_backup": (frozenset({"admin"}), "从备份恢复数据"),
    "audit": (frozenset({"admin"}), "查看操作日志"),
}


class PermissionDenied(Exception):
    """str() is one Chinese sentence naming the role and what it may not do."""


@dataclass(frozen=True)
class Actor:
    """Who is working: a signed-in account, or the command line / a script (SYSTEM)."""

    username: str
    role: str
    user_id: int | None = None
    computer: str = field(default_factory=lambda: computer_name())

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


# Scripts, the command line and tests act as SYSTEM: whoever can run them can read the file
# anyway (README: what protects the data). The window always signs in as an account.
SYSTEM = Actor("系统", "admin")


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in ACTIONS[action][0]


def require(actor: Actor, action: str) -> None:
    if not allowed(actor, action):
        raise PermissionDenied(f"当前账号“{actor.username}”（{ROLES.label(actor.role)}）无权{ACTIONS[action][1]}。")


def actor_of(session: Session) -> Actor:
    return session.info.get("actor", SYSTEM)


def require_in(session: Session, action: str) -> None:
    """The check for code that has a session (the usual case in db/)."""
    require(actor_of(session), action)
