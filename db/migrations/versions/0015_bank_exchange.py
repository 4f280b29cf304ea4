"""the moral bank between office and stations (issue 17, point 1)

- the bank's tables are journaled (0010's trigger helpers): accounts, lines, claims, the
  catalogue, its stock movements and the redemptions travel in the exchange bundles, so a
  station redeems at its counter offline and the office sees it when the bundle comes in;
- exchange_peers.points_allowance: at the office, the points a station may redeem offline
  between two exchanges (None: the default, db.bank.allowance);
- copy_identity.points_allowance: at a station, the allowance the office's last bundle set;
- bank_overdrafts: an account a station's offline redemptions took below zero (the office
  redeemed the same points meanwhile), flagged when the bundle is imported and kept until a
  person has dealt with it: nothing from the station is refused or lost;
- the default earning items 0014 seeded get UUIDs made from their community's UUID and their
  name: a station made before 0014 seeded its own with other UUIDs, and the office would not
  know the items its claims name (db.bank.rules.seeded_rule_uuid makes them so from now on).

Revision ID: 0015_bank_exchange
Revises: 0014_moral_bank
Create Date: 2026-12-05 01:20:00

"""
from importlib import import_module
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0015_bank_exchange'
down_revision: Union[str, Sequence[str], None] = '0014_moral_bank'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TRACKED = ('community_id', 'uuid', 'version', 'created_at', 'updated_at', 'deleted_at')
JOURNALED: dict[str, tuple[str, ...]] = {
    "bank_accounts": ('person_id', 'household_id', 'opened_on', 'notes', *TRACKED),
    "bank_rules": ('name', 'category', 'points', 'cap', 'cap_period', 'active', 'sort_order', *TRACKED),
    "bank_entries": ('uuid', 'account_id', 'kind', 'points', 'on', 'category', 'reason', 'rule_id', 'source',
                     'source_id', 'hours', 'reverses_id', 'entered_by', 'approved_by', 'station', 'at'),
    "bank_claims": ('person_id', 'rule_id', 'deed', 'happened_on', 'points', 'state', 'claimed_by', 'reviewed_by',
                    'posted_on', 'notice_days', 'note', 'entry_id', *TRACKED),
    "partner_shops": ('name', 'contact', 'phone', 'address', 'active', *TRACKED),
    "bank_goods": ('name', 'unit', 'price', 'tracks_stock', 'active', 'sort_order', *TRACKED),
    "redemptions": ('number', 'account_id', 'shop_id', 'station', 'at', 'by', 'points', 'entry_id', *TRACKED),
    "redemption_lines": ('redemption_id', 'goods_id', 'name', 'quantity', 'price'),
    "stock_moves": ('uuid', 'goods_id', 'quantity', 'kind', 'redemption_id', 'note', 'by', 'at'),
}


# 0014's seeded items, by name (frozen here as there).
SEEDED_NAMES = ("垃圾分类正确投放", "助老助残、邻里互助", "参与社区环境整治", "移风易俗（婚事新办、丧事简办）", "拾金不昧",
                "见义勇为", "其他好人好事（经审核）")


def _journal():  # type: ignore[no-untyped-def]
    return import_module("db.migrations.versions.0010_change_journal")


# Plain ADD COLUMN, not a batch rebuild (as 0011): the journal's triggers name copy_identity,
# and SQLite refuses to rename a rebuilt table they point at.
ALLOWANCE_IN = ("exchange_peers", "copy_identity")


def _same_seeded_rules_everywhere() -> None:
    """The seeded items' UUIDs as every copy of the community makes them (before the triggers:
    not a change to send)."""
    import uuid

    connection = op.get_bind()
    communities = connection.execute(sa.text("SELECT id, uuid FROM communities")).all()
    names = set(SEEDED_NAMES)
    for community_id, community_uuid in communities:
        rows = connection.execute(sa.text("SELECT id, name FROM bank_rules WHERE community_id = :c ORDER BY id"),
                                  {"c": community_id}).all()
        done: set[str] = set()
        for rule_id, name in rows:
            if name in names and name not in done:  # (the first of a name: the seeded one)
                done.add(name)
                connection.execute(sa.text("UPDATE bank_rules SET uuid = :u WHERE id = :i"),
                                   {"u": str(uuid.uuid5(uuid.UUID(community_uuid), name)), "i": rule_id})


def upgrade() -> None:
    _same_seeded_rules_everywhere()
    for table in ALLOWANCE_IN:
        op.add_column(table, sa.Column('points_allowance', sa.Integer(), nullable=True))
    op.create_table('bank_overdrafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('station', sa.String(length=60), nullable=False),
    sa.Column('balance', sa.Integer(), nullable=False),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.Column('handled_by', sa.String(length=40), nullable=False),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['bank_accounts.id'], name=op.f('fk_bank_overdrafts_account_id_bank_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_overdrafts'))
    )
    with op.batch_alter_table('bank_overdrafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_overdrafts_account_id'), ['account_id'], unique=False)
    for table, columns in JOURNALED.items():
        _journal().create_table_triggers(table, columns)


def downgrade() -> None:
    for table in JOURNALED:
        _journal().drop_table_triggers(table)
    with op.batch_alter_table('bank_overdrafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_overdrafts_account_id'))
    op.drop_table('bank_overdrafts')
    for table in ALLOWANCE_IN:  # DROP COLUMN: SQLite 3.35 and later, PostgreSQL
        op.execute(f'ALTER TABLE {table} DROP COLUMN "points_allowance"')
