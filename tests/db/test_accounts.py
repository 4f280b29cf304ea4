"""Accounts: the first administrator, password rules, signing in, lockout, roles."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from db.accounts import (
    LOCK_MINUTES,
    MAX_FAILURES,
    LoginFailed,
    change_password,
    create_user,
    set_active,
    set_role,
    sign_in,
    user_rows,
)
from db.database import Database
from db.models import AuditEntry, User
from db.permissions import PermissionDenied
from db.validation import ValidationErrors

T0 = datetime(2026, 12, 1, 9, 0)


def make_admin(db: Database) -> int:
    with db.session() as s, s.begin():
        return create_user(s, "admin", "Xingfu#2026", "admin", "王主任").id


def test_the_first_account_must_be_an_administrator_with_a_good_password(db: Database) -> None:
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors) as caught:
            create_user(s, "a", "123", "clerk")
    messages = [e.message for e in caught.value.errors]
    assert any("用户名" in m for m in messages) and any("第一个账号必须是管理员" in m for m in messages)
    assert any("至少8位" in m for m in messages)
    for bad, why in (("11111111", "太简单"), ("adminadmin", "不能与用户名相同")):
        with db.session() as s, s.begin(), pytest.raises(ValidationErrors, match=why):
            create_user(s, "adminadmin", bad, "admin")
    make_admin(db)
    with db.session() as s:
        stored = s.scalars(select(User)).one()
        assert stored.password_hash.startswith("$argon2id$") and "Xingfu" not in stored.password_hash


def test_sign_in_records_success_and_failure(db: Database) -> None:
    make_admin(db)
    actor = sign_in(db, "ADMIN", "Xingfu#2026", at=T0)  # user names are not case-sensitive
    assert actor.role == "admin" and actor.username == "admin"
    with pytest.raises(LoginFailed, match="用户名或密码不正确"):
        sign_in(db, "admin", "wrong-password", at=T0)
    with pytest.raises(LoginFailed, match="用户名或密码不正确"):
        sign_in(db, "nobody", "whatever1", at=T0)
    with db.session() as s:
        actions = [(e.action, e.username) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert {("login", "admin"), ("login_failed", "admin"), ("login_failed", "nobody")} <= set(actions)


def test_repeated_failures_lock_the_account_for_a_while(db: Database) -> None:
    make_admin(db)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed, match="不正确"):
            sign_in(db, "admin", "wrong-password", at=T0)
    with pytest.raises(LoginFailed, match="已锁定"):
        sign_in(db, "admin", "wrong-password", at=T0)
    with pytest.raises(LoginFailed, match="已锁定"):  # even the right password, while locked
        sign_in(db, "admin", "Xingfu#2026", at=T0 + timedelta(minutes=1))
    assert sign_in(db, "admin", "Xingfu#2026", at=T0 + timedelta(minutes=LOCK_MINUTES + 1)).role == "admin"


def test_roles_and_the_last_administrator(db: Database) -> None:
    admin_id = make_admin(db)
    db.actor = sign_in(db, "admin", "Xingfu#2026")
    with db.session() as s, s.begin():
        clerk_id = create_user(s, "lixiao", "Luru#20261", "clerk", "李晓").id
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors, match="至少要保留一个管理员"):
        set_role(s, admin_id, "viewer")
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors, match="至少要保留一个管理员"):
        set_active(s, admin_id, False)
    db.actor = sign_in(db, "lixiao", "Luru#20261")
    for action in (lambda s: create_user(s, "x2", "Another#123", "viewer"), lambda s: set_role(s, clerk_id, "admin"),
                   lambda s: change_password(s, admin_id, "Hijacked#99")):
        with db.session() as s, s.begin(), pytest.raises(PermissionDenied, match="录入员"):
            action(s)
    with db.session() as s, s.begin():  # but their own password, yes
        change_password(s, clerk_id, "Luru#20262")
    with db.session() as s:
        assert [(r.username, r.role) for r in user_rows(s)] == [("admin", "admin"), ("lixiao", "clerk")]
        actions = [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.register == "users"))]
    assert actions.count("create") == 2 and "password" in actions
