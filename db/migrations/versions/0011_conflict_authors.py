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

COLUMNS = (("station_by", 80), ("office_by", 80), ("office_changed_at", 32))


def upgrade() -> None:
    with op.batch_alter_table("exchange_conflicts") as batch:
        for name, length in COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=""))
    with op.batch_alter_table("exchange_peers") as batch:
        batch.add_column(sa.Column("numbers_masked", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("copy_identity") as batch:
        batch.add_column(sa.Column("station_registers", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("copy_identity") as batch:
        batch.drop_column("station_registers")
    with op.batch_alter_table("exchange_peers") as batch:
        batch.drop_column("numbers_masked")
    with op.batch_alter_table("exchange_conflicts") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
