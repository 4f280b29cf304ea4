"""Sign-in takes the same time whether or not the user name exists: every sign-in verifies exactly
one Argon2 hash of the same cost (an unknown or disabled name against a dummy hash). Shown by
counting the calls of argon2's own PasswordHasher.verify (a spy that calls through to it), not by
timing: a timing test would be flaky on a shared machine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import select

from db.accounts import MAX_FAILURES, LoginFailed, create_user, set_active, sign_in
from db.database import Database
from db.models import User
from db.permissions import Actor

T0 = datetime(2026, 12, 1, 9, 0)


@dataclass
class Verified:
    hash: str
    outcome: str  # "match", or the exception argon2 raised


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Verified]]:
    seen: list[Verified] = []
    real = PasswordHasher.verify

    def spy(self: PasswordHasher, hash: str, password: str) -> bool:  # noqa: A002 (argon2's own name)
        try:
            result = real(self, hash, password)
        except Exception as exc:
            seen.append(Verified(hash, type(exc).__name__))
            raise
        seen.append(Verified(hash, "match"))
        return result

    monkeypatch.setattr(PasswordHasher, "verify", spy)
    yield seen


@pytest.fixture
def accounts(db: Database) -> str:
    """An administrator and a disabled clerk; returns the administrator's stored hash."""
    with db.session() as s, s.begin():
        create_user(s, "admin", "Xingfu#2026", "admin")
    db.actor = sign_in(db, "admin", "Xingfu#2026", at=T0)
    with db.session() as s, s.begin():
        old = create_user(s, "oldclerk", "Luru#20261", "clerk")
        set_active(s, old.id, False)
    db.actor = Actor("系统", "admin")
    with db.session() as s:
        return s.scalars(select(User.password_hash).where(User.username == "admin")).one()


@pytest.mark.parametrize(("username", "password", "outcome"), [
    ("nobody", "Xingfu#2026", VerifyMismatchError.__name__),  # a name that does not exist
    ("oldclerk", "Luru#20261", VerifyMismatchError.__name__),  # a disabled account, right password
    ("admin", "wrong-password", VerifyMismatchError.__name__),  # a real name, wrong password
    ("admin", "Xingfu#2026", "match"),
], ids=["unknown", "disabled", "wrong-password", "right-password"])
def test_every_sign_in_verifies_one_hash_of_the_same_cost(db: Database, accounts: str,
                                                          verifications: list[Verified], username: str,
                                                          password: str, outcome: str) -> None:
    try:
        sign_in(db, username, password, at=T0)
    except LoginFailed as exc:
        assert str(exc) == "用户名或密码不正确。"  # the same words for an unknown name and a wrong password
    assert [v.outcome for v in verifications] == [outcome]
    assert extract_parameters(verifications[0].hash) == extract_parameters(accounts)  # same memory, time, lanes
    if username != "admin":
        assert verifications[0].hash != accounts


def test_a_locked_account_still_verifies_the_password(db: Database, accounts: str,
                                                      verifications: list[Verified]) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginFailed):
            sign_in(db, "admin", "wrong-password", at=T0)
    verifications.clear()
    with pytest.raises(LoginFailed, match="已锁定"):
        sign_in(db, "admin", "Xingfu#2026", at=T0 + timedelta(minutes=1))
    assert [v.outcome for v in verifications] == ["match"]  # verified, and refused all the same while locked
