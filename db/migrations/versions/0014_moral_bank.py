"""the moral bank (道德银行) and its charity market (公益集市), issue 17

- bank_accounts: a resident's or a household's points account;
- bank_entries: the ledger, append-only: the database refuses to change or remove a line
  (the triggers below, on both engines), so a balance — the sum of an account's lines — can
  only move by a new line; a correction is a reversing line (reverses_id);
- bank_rules: the earning items with their points, category and cap;
- bank_claims: good-deed claims from 申报 through 公示 to credit;
- bank_goods, stock_moves (append-only too), partner_shops, redemptions, redemption_lines:
  the catalogue, its stock as a sum of movements, and the redemptions at the counter.

Revision ID: 0014_moral_bank
Revises: 0013_grid_work
Create Date: 2026-12-04 21:58:01

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0014_moral_bank'
down_revision: Union[str, Sequence[str], None] = '0013_grid_work'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


APPEND_ONLY = ("bank_entries", "stock_moves")
# As db.bank.rules.DEFAULT_RULES, frozen here: (name, category, points, cap, cap period).
DEFAULT_RULES = (
    ("垃圾分类正确投放", "garbage", 1, 20, "month"),
    ("助老助残、邻里互助", "neighbour", 5, 20, "month"),
    ("参与社区环境整治", "civility", 3, 15, "month"),
    ("移风易俗（婚事新办、丧事简办）", "civility", 10, 20, "year"),
    ("拾金不昧", "good_deed", 10, None, None),
    ("见义勇为", "good_deed", 50, None, None),
    ("其他好人好事（经审核）", "good_deed", 5, 50, "year"),
)


def _seed_rules() -> None:
    """The default earning items for every community there is (a new one gets them from db.communities)."""
    import uuid
    from datetime import datetime

    rules = sa.table("bank_rules", *(sa.column(c, t) for c, t in (
        ("community_id", sa.Integer), ("name", sa.String), ("category", sa.String), ("points", sa.Integer),
        ("cap", sa.Integer), ("cap_period", sa.String), ("active", sa.Boolean), ("sort_order", sa.Integer),
        ("uuid", sa.String), ("version", sa.Integer), ("created_at", sa.DateTime), ("updated_at", sa.DateTime))))
    at = datetime.now().replace(microsecond=0)
    communities = op.get_bind().execute(sa.text("SELECT id FROM communities")).scalars().all()
    rows = [{"community_id": c, "name": name, "category": category, "points": points, "cap": cap,
             "cap_period": period, "active": True, "sort_order": i, "uuid": str(uuid.uuid4()), "version": 1,
             "created_at": at, "updated_at": at}
            for c in communities for i, (name, category, points, cap, period) in enumerate(DEFAULT_RULES)]
    if rows:
        op.bulk_insert(rules, rows)


def _append_only(table: str) -> list[str]:
    """Statements refusing UPDATE and DELETE on `table`: "append-only" as the error's text."""
    if op.get_bind().dialect.name == "postgresql":
        return [f"CREATE FUNCTION cd_{table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"RAISE EXCEPTION '{table} is append-only'; END $$",
                f"CREATE TRIGGER tr_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION cd_{table}_append_only()"]
    return [f"CREATE TRIGGER tr_{table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
            f"CREATE TRIGGER tr_{table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"]


def upgrade() -> None:
    op.create_table('bank_goods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('unit', sa.String(length=8), nullable=False),
    sa.Column('price', sa.Integer(), nullable=False),
    sa.Column('tracks_stock', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_bank_goods_community_id_communities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_goods')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bank_goods_uuid'))
    )
    with op.batch_alter_table('bank_goods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_goods_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_goods_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('bank_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('cap', sa.Integer(), nullable=True),
    sa.Column('cap_period', sa.String(length=8), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_bank_rules_community_id_communities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_rules')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bank_rules_uuid'))
    )
    with op.batch_alter_table('bank_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_rules_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_rules_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('partner_shops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('contact', sa.String(length=30), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_partner_shops_community_id_communities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_shops')),
    sa.UniqueConstraint('uuid', name=op.f('uq_partner_shops_uuid'))
    )
    with op.batch_alter_table('partner_shops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_shops_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_shops_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('bank_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('(person_id IS NULL) <> (household_id IS NULL)', name=op.f('ck_bank_accounts_one_holder')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_bank_accounts_community_id_communities')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_bank_accounts_household_id_households')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_bank_accounts_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_accounts')),
    sa.UniqueConstraint('household_id', name=op.f('uq_bank_accounts_household_id')),
    sa.UniqueConstraint('person_id', name=op.f('uq_bank_accounts_person_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bank_accounts_uuid'))
    )
    with op.batch_alter_table('bank_accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_accounts_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_accounts_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('bank_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('hours', sa.Double(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('entered_by', sa.String(length=40), nullable=False),
    sa.Column('approved_by', sa.String(length=40), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['bank_accounts.id'], name=op.f('fk_bank_entries_account_id_bank_accounts')),
    sa.ForeignKeyConstraint(['reverses_id'], ['bank_entries.id'], name=op.f('fk_bank_entries_reverses_id_bank_entries')),
    sa.ForeignKeyConstraint(['rule_id'], ['bank_rules.id'], name=op.f('fk_bank_entries_rule_id_bank_rules')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_entries')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_bank_entries_reverses_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bank_entries_uuid'))
    )
    with op.batch_alter_table('bank_entries', schema=None) as batch_op:
        batch_op.create_index('ix_bank_entries_account_on', ['account_id', 'on'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_entries_on'), ['on'], unique=False)
        batch_op.create_index('ix_bank_entries_source', ['source', 'source_id'], unique=False)

    op.create_table('bank_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('deed', sa.Text(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('claimed_by', sa.String(length=40), nullable=False),
    sa.Column('reviewed_by', sa.String(length=40), nullable=False),
    sa.Column('posted_on', sa.Date(), nullable=True),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_bank_claims_community_id_communities')),
    sa.ForeignKeyConstraint(['entry_id'], ['bank_entries.id'], name=op.f('fk_bank_claims_entry_id_bank_entries')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_bank_claims_person_id_persons')),
    sa.ForeignKeyConstraint(['rule_id'], ['bank_rules.id'], name=op.f('fk_bank_claims_rule_id_bank_rules')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_claims')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bank_claims_uuid'))
    )
    with op.batch_alter_table('bank_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_claims_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_claims_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_claims_person_id'), ['person_id'], unique=False)

    op.create_table('redemptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=40), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['bank_accounts.id'], name=op.f('fk_redemptions_account_id_bank_accounts')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_redemptions_community_id_communities')),
    sa.ForeignKeyConstraint(['entry_id'], ['bank_entries.id'], name=op.f('fk_redemptions_entry_id_bank_entries')),
    sa.ForeignKeyConstraint(['shop_id'], ['partner_shops.id'], name=op.f('fk_redemptions_shop_id_partner_shops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redemptions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_redemptions_uuid'))
    )
    with op.batch_alter_table('redemptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_redemptions_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_shop_id'), ['shop_id'], unique=False)

    op.create_table('redemption_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('redemption_id', sa.Integer(), nullable=False),
    sa.Column('goods_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('price', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goods_id'], ['bank_goods.id'], name=op.f('fk_redemption_lines_goods_id_bank_goods')),
    sa.ForeignKeyConstraint(['redemption_id'], ['redemptions.id'], name=op.f('fk_redemption_lines_redemption_id_redemptions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redemption_lines'))
    )
    with op.batch_alter_table('redemption_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_redemption_lines_redemption_id'), ['redemption_id'], unique=False)

    op.create_table('stock_moves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('goods_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('redemption_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('by', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goods_id'], ['bank_goods.id'], name=op.f('fk_stock_moves_goods_id_bank_goods')),
    sa.ForeignKeyConstraint(['redemption_id'], ['redemptions.id'], name=op.f('fk_stock_moves_redemption_id_redemptions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_moves')),
    sa.UniqueConstraint('uuid', name=op.f('uq_stock_moves_uuid'))
    )
    with op.batch_alter_table('stock_moves', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_moves_goods_id'), ['goods_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_moves_redemption_id'), ['redemption_id'], unique=False)

    for table in APPEND_ONLY:
        for statement in _append_only(table):
            op.execute(statement)
    _seed_rules()


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        if postgresql:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS cd_{table}_append_only()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_no_delete")
    with op.batch_alter_table('stock_moves', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_moves_redemption_id'))
        batch_op.drop_index(batch_op.f('ix_stock_moves_goods_id'))

    op.drop_table('stock_moves')
    with op.batch_alter_table('redemption_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_redemption_lines_redemption_id'))

    op.drop_table('redemption_lines')
    with op.batch_alter_table('redemptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_redemptions_shop_id'))
        batch_op.drop_index(batch_op.f('ix_redemptions_number'))
        batch_op.drop_index(batch_op.f('ix_redemptions_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_redemptions_community_id'))
        batch_op.drop_index(batch_op.f('ix_redemptions_account_id'))

    op.drop_table('redemptions')
    with op.batch_alter_table('bank_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_claims_person_id'))
        batch_op.drop_index(batch_op.f('ix_bank_claims_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_bank_claims_community_id'))

    op.drop_table('bank_claims')
    with op.batch_alter_table('bank_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_bank_entries_source')
        batch_op.drop_index(batch_op.f('ix_bank_entries_on'))
        batch_op.drop_index('ix_bank_entries_account_on')

    op.drop_table('bank_entries')
    with op.batch_alter_table('bank_accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_accounts_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_bank_accounts_community_id'))

    op.drop_table('bank_accounts')
    with op.batch_alter_table('partner_shops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_shops_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_partner_shops_community_id'))

    op.drop_table('partner_shops')
    with op.batch_alter_table('bank_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_rules_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_bank_rules_community_id'))

    op.drop_table('bank_rules')
    with op.batch_alter_table('bank_goods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_goods_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_bank_goods_community_id'))

    op.drop_table('bank_goods')
