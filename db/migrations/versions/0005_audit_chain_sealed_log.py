"""audit chain: every operation log entry sealed with a hash chained to the one before

Two columns on audit_log, prev_hash and entry_hash (db.audit_chain). The entries a database
already has are sealed here, in id order, so an older database starts with a whole chain and
the full check can tell from then on whether an entry was changed or deleted by hand.

Revision ID: 0005_audit_chain
Revises: 0004_surname_keys
Create Date: 2026-12-04 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0005_audit_chain'
down_revision: Union[str, Sequence[str], None] = '0004_surname_keys'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHUNK = 2000


def upgrade() -> None:
    from db.audit_chain import COLUMNS, GENESIS, entry_hash

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('entry_hash', sa.String(length=64), nullable=True))

    bind = op.get_bind()
    log = sa.table("audit_log", sa.column("id"), *(sa.column(c) for c in COLUMNS), sa.column("prev_hash"),
                   sa.column("entry_hash"))
    seal = sa.update(log).where(log.c.id == sa.bindparam("key")).values(
        prev_hash=sa.bindparam("prev"), entry_hash=sa.bindparam("sealed"))
    prev, rows, last = GENESIS, [], 0
    while True:  # in pages by id: a large log is never held whole
        page = bind.execute(sa.select(log.c.id, *(log.c[c] for c in COLUMNS)).where(log.c.id > last)
                            .order_by(log.c.id).limit(CHUNK)).all()
        if not page:
            break
        for row in page:
            sealed = entry_hash(dict(zip(COLUMNS, row[1:], strict=True)), prev)
            rows.append({"key": row[0], "prev": prev, "sealed": sealed})
            prev, last = sealed, row[0]
        bind.execute(seal, rows)
        rows = []


def downgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('entry_hash')
        batch_op.drop_column('prev_hash')
