"""conflict authors: who changed a conflicting field on each side, and when at the office;
whether a station was given masked numbers; which registers stations enter

A conflict waiting at the office (待处理冲突) showed the station and its time; the office needs
who made each change to ask them: the station's account (carried in the bundle with each
change, from the station's operation log) and the office's account and time (from the office's
operation log when the conflict is found). Texts, empty where the log does not say (a record
changed by a ledger import or bulk SQL has no entry of its own).

exchange_peers.numbers_masked: the station was made with phone numbers masked and ID numbers
left out; what the office sends it later is masked the same way (db.exchange.scope).

copy_identity.station_registers: the registers the office marks as entered at its stations
(db.exchange.registers), at a station as its office last sent them; NULL: the usual ones.

Revision ID: 0011_conflict_authors
Revises: 0010_change_journal
Create Date: 2026-12-04 19:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0011_conflict_authors'
down_revision: Union[str, Sequence[str], None] = '0010_change_journal'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Plain ADD COLUMN, not a batch rebuild: the journal's triggers name copy_identity, and SQLite
# refuses to rename a rebuilt table they point at.
def _columns() -> list[tuple[str, sa.Column]]:
    return [
        ("exchange_conflicts", sa.Column("station_by", sa.String(80), nullable=False, server_default="")),
        ("exchange_conflicts", sa.Column("office_by", sa.String(80), nullable=False, server_default="")),
        ("exchange_conflicts", sa.Column("office_changed_at", sa.String(32), nullable=False, server_default="")),
        ("exchange_peers", sa.Column("numbers_masked", sa.Boolean(), nullable=False, server_default=sa.false())),
        ("copy_identity", sa.Column("station_registers", sa.String(200), nullable=True)),
    ]


def upgrade() -> None:
    for table, column in _columns():
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(_columns()):  # DROP COLUMN: SQLite 3.35 and later, PostgreSQL
        op.execute(f'ALTER TABLE {table} DROP COLUMN "{column.name}"')
