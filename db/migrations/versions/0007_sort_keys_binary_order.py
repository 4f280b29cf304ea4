"""sort keys in code-point order on PostgreSQL, as on SQLite

The search keys (name_sort, search_text) are lower-case pinyin, initials and numbers joined
by spaces and "|". SQLite compares them byte by byte; a PostgreSQL database compares text by
its collation, and an office server's zh_CN or en_US collation (glibc) ignores the spaces, so
"li si" (李四) sorted after "lian" (连) there and before it on a file. On PostgreSQL the keys
take the "C" collation (their indexes are rebuilt with it, and then also serve LIKE 'z%');
SQLite has nothing to change.

Revision ID: 0007_sort_keys
Revises: 0006_communities
Create Date: 2026-12-06 10:00:00

"""
from typing import Sequence, Union

from alembic import op


revision: str = '0007_sort_keys'
down_revision: Union[str, Sequence[str], None] = '0006_communities'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KEYS = (("persons", "name_sort", 120), ("persons", "search_text", 500), ("party_members", "name_sort", 120),
        ("party_members", "search_text", 500), ("mediation_cases", "search_text", 1000))


def _collate(collation: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in KEYS:
        op.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR({length}) COLLATE {collation}')


def upgrade() -> None:
    _collate('"C"')


def downgrade() -> None:
    _collate('"default"')
