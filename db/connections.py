"""Connecting to a database server from the window: the URL built from a form, why a connection
failed (in one Chinese sentence), and the password kept in the operating system's credential
store (Windows Credential Manager, macOS Keychain, the Secret Service) through `keyring`.

A remembered connection is its URL *without* the password (`without_password`); that text is
also the key under which the password is stored. Where no usable credential store exists
(`keyring_usable()` is False) nothing is stored and the password is asked at each start.
The password is never written anywhere else: not in settings, messages, titles or the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.engine import URL

from db import location
from db.database import Database, DatabaseOpenError, open_database

KEYRING_SERVICE = "CommunityDesk"
DEFAULT_PORT = 5432


def server_url(host: str, port: int, database: str, username: str, password: str | None = None) -> URL:
    """The URL of a database on a server. A host starting with "/" is a Unix socket folder."""
    host = host.strip()
    query: dict[str, str] = {}
    tcp_host: str | None = host or None
    if host.startswith("/"):
        query["host"], tcp_host = host, None
    return URL.create("postgresql+psycopg", username=username.strip() or None, password=password or None,
                      host=tcp_host, port=port if port and port != DEFAULT_PORT else None,
                      database=database.strip(), query=query)


def without_password(url: URL) -> str:
    """What is remembered on this PC, and the credential store's key for its password."""
    bare = url._replace(password=None).difference_update_query(["password"])  # (URL.set ignores None)
    return bare.render_as_string(hide_password=False)


@dataclass(frozen=True)
class ServerForm:
    """The connect dialog's fields for a URL (to fill the dialog again from a remembered one)."""

    host: str
    port: int
    database: str
    username: str


def form_of(url: URL) -> ServerForm:
    socket = url.query.get("host")
    if isinstance(socket, tuple):
        socket = socket[0]
    return ServerForm(url.host or socket or "", url.port or DEFAULT_PORT, url.database or "", url.username or "")


# --- the credential store -------------------------------------------------------------------

def keyring_usable() -> bool:
    """Whether this PC has a credential store keyring can write to (not its fail/null backends)."""
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        store = keyring.get_keyring()
    except Exception:  # noqa: BLE001  (a broken keyring install is a PC without one)
        return False
    if isinstance(store, fail.Keyring | null.Keyring):
        return False
    return not (isinstance(store, chainer.ChainerBackend) and not store.backends)


def stored_password(url: URL) -> str | None:
    if not keyring_usable():
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, without_password(url))
    except Exception:  # noqa: BLE001  (a locked or failing store: ask instead)
        return None


def store_password(url: URL, password: str) -> bool:
    """Keep the password in the credential store; False where there is none (then it is asked at each start)."""
    if not keyring_usable() or not password:
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, without_password(url), password)
    except Exception:  # noqa: BLE001
        return False
    return True


def forget_password(url: URL) -> None:
    if not keyring_usable():
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, without_password(url))
    except PasswordDeleteError:
        pass
    except Exception:  # noqa: BLE001
        pass


# --- connecting ------------------------------------------------------------------------------

class ConnectionFailed(Exception):
    """str() is one Chinese sentence. kind: "password" (ask for it again), "unreachable",
    "no_database" or "other"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


_PASSWORD = re.compile(r"password authentication failed|no password supplied|authentication failed|认证失败|"
                       r"role \".*\" does not exist|角色 \".*\" 不存在")
_NO_DATABASE = re.compile(r"database \".*\" does not exist|数据库 \".*\" 不存在")
_UNREACHABLE = re.compile(r"Connection refused|No such file or directory|failed to resolve host|"
                          r"could not translate host name|timeout expired|Network is unreachable|No route to host|"
                          r"Is the server running", re.IGNORECASE)


def _driver_error(exc: BaseException) -> BaseException | None:
    seen = exc
    while seen is not None:
        orig = getattr(seen, "orig", None)
        if orig is not None:
            return orig  # type: ignore[no-any-return]
        if type(seen).__module__.startswith("psycopg"):
            return seen
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    return None


def explain_failure(exc: BaseException, url: URL) -> ConnectionFailed:
    """Why connecting failed, as what the person can do about it."""
    form = form_of(url)
    server = form.host or "localhost"
    driver = _driver_error(exc)
    if driver is None:
        return ConnectionFailed("other", str(exc))
    text = str(driver)
    pgconn = getattr(driver, "pgconn", None)
    if getattr(pgconn, "needs_password", False):
        return ConnectionFailed("password", f"服务器要求输入用户“{form.username}”的密码。")
    if _PASSWORD.search(text):
        return ConnectionFailed("password", f"服务器不接受用户“{form.username}”和这个密码：请检查用户名和密码。")
    if _NO_DATABASE.search(text):
        return ConnectionFailed("no_database",
                                f"服务器“{server}”上没有名为“{form.database}”的数据库：请先让管理员建好它。")
    if _UNREACHABLE.search(text):
        return ConnectionFailed("unreachable", f"无法连接服务器“{server}”（端口 {form.port}）：请检查服务器地址和端口、"
                                               "网络是否连通、服务器是否已开启。")
    first = text.replace("connection failed: ", "").splitlines()[0][:200] if text else type(driver).__name__
    return ConnectionFailed("other", f"无法连接服务器“{server}”：{first}")


def open_server(url: URL) -> Database:
    """Open (and bring up to date) the database at `url`, or raise ConnectionFailed."""
    try:
        return open_database(url)
    except DatabaseOpenError as exc:
        raise explain_failure(exc, url) from exc


def try_open_server(url: URL) -> Database | ConnectionFailed:
    """open_server for a background job: the failure is returned, with its kind, not raised."""
    try:
        return open_server(url)
    except ConnectionFailed as failure:
        return failure
    except Exception as exc:  # noqa: BLE001
        return explain_failure(exc, url)


def parse_server(text: str) -> URL | None:
    """A remembered or given text as a server URL, or None when it is a file path."""
    if not location.is_url(text):
        return None
    place = location.parse(text)
    return place if isinstance(place, URL) else None
