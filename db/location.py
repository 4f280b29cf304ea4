"""Where a database lives: a SQLite file on this PC, or a PostgreSQL server named by a URL.

Everything that opens a database (the window, every command, a script) passes what the person
gave through `parse()`, so `--db D:\\社区\\数据.sqlite3` and `--db postgresql+psycopg://clerk@srv/street`
mean the same thing everywhere. A URL is shown and logged without its password (`shown()`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

SERVER_SCHEMES = ("postgresql",)  # postgresql, postgresql+psycopg, postgresql+psycopg2 …


class BadLocation(ValueError):
    """Not a file path nor a database URL we can use; str() is one Chinese sentence."""


def is_url(text: str | Path) -> bool:
    return isinstance(text, str) and "://" in text


def parse(text: str | Path) -> Path | URL:
    """A file path, or a server URL (always with the psycopg 3 driver, the one we ship)."""
    if not is_url(text):
        return Path(text)
    try:
        url = make_url(str(text))
    except ArgumentError as exc:
        raise BadLocation(f"数据库地址“{text}”写法不对：应为 postgresql+psycopg://用户名@服务器/数据库名。") from exc
    if url.get_backend_name() not in SERVER_SCHEMES:
        raise BadLocation(f"不支持的数据库地址“{shown(url)}”："
                          "只能是数据库文件的路径，或 postgresql:// 开头的服务器地址。")
    if not url.database:
        raise BadLocation(f"数据库地址“{shown(url)}”没有写数据库名（地址最后一段）。")
    return url.set(drivername="postgresql+psycopg")


def shown(url: URL | str) -> str:
    """The URL without its password: for titles, messages and the log."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def key(location: Path | URL) -> str:
    """One string per database, the same however it was written: what a sign-in is bound to."""
    if isinstance(location, URL):
        return url_key(location)
    import os

    return os.path.normcase(str(location.resolve()))


def url_key(url: URL) -> str:
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    return f"{url.get_backend_name()}://{url.username or ''}@{host}:{url.port or 5432}/{url.database}"


def display_name(location: Path | URL) -> str:
    """What the window's title shows: the file's name, or database@server."""
    if isinstance(location, URL):
        host = url_key(location).split("@", 1)[1].rsplit("/", 1)[0]
        return f"{location.database}@{host.removesuffix(':5432')}"
    return location.name
