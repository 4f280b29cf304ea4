"""Accounts: the first administrator, signing in, passwords and roles.

Passwords are hashed with Argon2id (argon2-cffi's defaults, rehashed when they change). After
MAX_FAILURES wrong passwords in a row an account is locked for LOCK_MINUTES: enough to stop
someone trying passwords at the shared PC, short enough that staff are not locked out for a day.

Every sign-in verifies one Argon2 hash, whether the name exists or not (a dummy hash with the
same parameters stands in for an unknown or disabled account): a refusal takes the same time
either way, so user names cannot be found by timing the answer.
"""

from __future__ import annotations

import re
import secrets
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import audit, gate
from db.database import Database
from db.models import User, now
from db.permissions import Actor, actor_of, require_in
from db.scope import chosen_community, scope_for_account
from db.validation import FieldError, ValidationErrors, check_free_text, is_id
from db.vocab import ROLES

MIN_PASSWORD_LENGTH = 8
MAX_FAILURES = 5
LOCK_MINUTES = 10
USERNAME = re.compile(r"[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}")
_hasher = PasswordHasher()
# Verified in place of a stored hash for an unknown or disabled account. argon2-cffi's default
# parameters (as the accounts' hashes are made); replaced by a fresh one if those defaults change.
_dummy = "$argon2id$v=19$m=65536,t=3,p=4$Xhx40qYbLpy5Rg91CJJgdQ$SU46mJCKUYVF1zjmCzCI8KMw5/eagCLhlQh21wVG87M"


class LoginFailed(Exception):
    """str() is the sentence to show; never says whether the name or the password was wrong."""


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    last_login_at: datetime | None
    locked_until: datetime | None


def check_password(password: str, username: str = "") -> str:
    if not isinstance(password, str):
        raise FieldError("password", "密码", "应为文字")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise FieldError("password", "密码", f"至少{MIN_PASSWORD_LENGTH}位")
    if len(set(password)) < 3:
        raise FieldError("password", "密码", "太简单（至少要有3个不同的字符）")
    if username and password.lower() == username.lower():
        raise FieldError("password", "密码", "不能与用户名相同")
    return password


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def create_user(session: Session, username: str, password: str, role: str, display_name: str = "", *,
                street: bool = False) -> User:
    """A new account; the first one (made at first start) must be an administrator. It works in
    the session's community, or with `street`, sees every community and changes none (db.scope)."""
    username = username.strip() if isinstance(username, str) else ""
    errors = []
    try:
        display_name = check_free_text(display_name, "display_name", "姓名", max_len=40)
    except FieldError as exc:
        errors.append(exc)
    if not USERNAME.fullmatch(username):
        errors.append(FieldError("username", "用户名", "2到40个字符：汉字、字母、数字、_ . -"))
    elif session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        errors.append(FieldError("username", "用户名", f"“{username}”已被使用"))
    if not isinstance(role, str) or role not in ROLES:
        errors.append(FieldError("role", "角色", "请从列表中选择"))
    first = not has_users(session)
    if first and role != "admin":
        errors.append(FieldError("role", "角色", "第一个账号必须是管理员"))
    try:
        check_password(password, username)
    except FieldError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    if not first:
        require_in(session, "accounts")
    with gate._purpose(session, "setup") if first else nullcontext():
        user = User(username=username, display_name=display_name, role=role,
                    community_id=None if street else chosen_community(session), password_hash=_hasher.hash(password))
        session.add(user)
        session.flush()
    return user


def sign_in(database: Database, username: str, password: str, at: datetime | None = None) -> Actor:
    """The signed-in actor, or LoginFailed. The login or the failure (with the failure count
    and any lock) is committed either way: a refused login must still leave its trace.

    The actor returned carries the gate's proof (db.gate): the only kind that writes to a
    database with accounts. The sign-in's own session writes as the name being signed in."""
    with gate._acting_as(database, Actor(username.strip()[:40] or "?", "viewer"), "login") as session:
        session.begin()
        try:
            actor, community = _authenticate(session, database, username, password, at or now())
        except LoginFailed:
            session.commit()
            raise
        scope = scope_for_account(session.connection(), community)
        session.commit()
    database.scope = scope  # street staff (no community): every community, read-only
    return actor


def _dummy_hash() -> str:
    global _dummy
    if _hasher.check_needs_rehash(_dummy):  # same cost as the hash of an account made today
        _dummy = _hasher.hash(secrets.token_urlsafe(16))
    return _dummy


def _password_matches(stored_hash: str, password: str) -> bool:
    """The one place a sign-in verifies a password (always exactly once per sign-in)."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _authenticate(session: Session, database: Database, username: str, password: str,
                  at: datetime) -> tuple[Actor, int | None]:
    found = session.scalars(select(User).where(func.lower(User.username) == username.strip().lower())).first()
    user = found if found is not None and found.active else None
    # Verified before any answer, for an unknown name too: the refusal takes the same time.
    matches = _password_matches(user.password_hash if user is not None else _dummy_hash(), password)
    if user is None:
        _failed(session, None, username)
        raise LoginFailed("用户名或密码不正确。")
    if user.locked_until is not None and user.locked_until > at:
        _failed(session, user, username)
        raise LoginFailed(f"密码连续输错{MAX_FAILURES}次，账号已锁定，请于{user.locked_until:%H:%M}后再试。")
    if not matches:
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_until = at + timedelta(minutes=LOCK_MINUTES)
            user.failed_attempts = 0
        _failed(session, user, username)
        if user.locked_until is not None and user.locked_until > at:
            raise LoginFailed(f"密码连续输错{MAX_FAILURES}次，账号已锁定{LOCK_MINUTES}分钟。")
        raise LoginFailed("用户名或密码不正确。")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_attempts, user.locked_until, user.last_login_at = 0, None, at
    actor = gate._issue(database.key, user.id, user.username, user.role)
    gate._act_as(session, actor)
    audit.record(session, "login", "users", user.id, user.username)
    session.flush()
    return actor, user.community_id


def _failed(session: Session, user: User | None, username: str) -> None:
    gate._act_as(session, Actor(username.strip()[:40] or "?", "viewer"))
    audit.record(session, "login_failed", "users", user.id if user else None, username.strip()[:40])
    session.flush()


def _user(session: Session, user_id: int) -> User:
    """The account to change; ValidationErrors when it is gone (or the id is no id at all)."""
    user = session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        raise ValidationErrors([FieldError("user", "账号", "该账号已不存在，请刷新后重试")])
    return user


def change_password(session: Session, user_id: int, new_password: str) -> None:
    """An administrator resets anyone's password; everyone may change their own."""
    user = _user(session, user_id)
    if actor_of(session).user_id != user_id:
        require_in(session, "accounts")
    try:
        check_password(new_password, user.username)
    except FieldError as exc:
        raise ValidationErrors([exc]) from exc
    user.password_hash = _hasher.hash(new_password)
    user.failed_attempts, user.locked_until = 0, None
    session.flush()


def _admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(User.role == "admin", User.active)) or 0


def set_role(session: Session, user_id: int, role: str) -> None:
    require_in(session, "accounts")
    if not isinstance(role, str) or role not in ROLES:
        raise ValidationErrors([FieldError("role", "角色", "请从列表中选择")])
    user = _user(session, user_id)
    if user.role == "admin" and role != "admin" and user.active and _admins(session) <= 1:
        raise ValidationErrors([FieldError("role", "角色", "至少要保留一个管理员账号")])
    user.role = role
    session.flush()


def set_active(session: Session, user_id: int, active: bool) -> None:
    require_in(session, "accounts")
    if not isinstance(active, bool):
        raise ValidationErrors([FieldError("active", "状态", "请选择启用或停用")])
    user = _user(session, user_id)
    if not active and user.role == "admin" and user.active and _admins(session) <= 1:
        raise ValidationErrors([FieldError("active", "状态", "至少要保留一个管理员账号")])
    if not active and actor_of(session).user_id == user_id:
        raise ValidationErrors([FieldError("active", "状态", "不能停用自己正在使用的账号")])
    user.active = active
    session.flush()


def user_rows(session: Session) -> list[UserRow]:
    return [UserRow(u.id, u.username, u.display_name, u.role, u.active, u.last_login_at, u.locked_until)
            for u in session.scalars(select(User).order_by(User.id))]


def user_id_by_name(session: Session, username: str) -> int | None:
    return session.scalar(select(User.id).where(func.lower(User.username) == username.strip().lower()))
