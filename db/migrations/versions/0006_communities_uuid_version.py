"""communities: every register row belongs to a community, carries a UUID and a version

A database may hold several communities (a street office's server). This adds:
- `communities`, with the database's own community as its first row (named from the office
  settings), and `counters` for gap-free numbers per community and year (mediation cases,
  seeded from the cases already numbered);
- on every register table: community_id (the first community for the rows already there),
  uuid (a new one per row, never changed after) and version (1; the ORM's optimistic lock);
- numbers and ID numbers unique within a community instead of across the database;
- users.community_id (the existing accounts work in the first community) and office settings
  per community.

Revision ID: 0006_communities
Revises: 0005_audit_chain
Create Date: 2026-12-05 10:00:00

"""
import uuid
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0006_communities'
down_revision: Union[str, Sequence[str], None] = '0005_audit_chain'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TRACKED = ("persons", "party_orgs", "party_members", "meetings", "grids", "grid_workers", "mediators",
           "mediation_cases", "mediation_follow_ups", "volunteers", "service_activities", "service_logs")
# (table, constraint name, columns before, columns after): the names stay, the community joins.
UNIQUES = (("persons", "uq_persons_id_number", ["id_number"], ["id_number", "community_id"]),
           ("grids", "uq_grids_code", ["code"], ["code", "community_id"]),
           ("volunteers", "uq_volunteers_number", ["number"], ["number", "community_id"]),
           ("mediation_cases", "uq_mediation_cases_number", ["number"], ["number", "community_id"]),
           ("mediation_cases", "uq_mediation_cases_year", ["year", "seq"], ["year", "seq", "community_id"]))
CHUNK = 5000


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        'communities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_communities')),
        sa.UniqueConstraint('name', name=op.f('uq_communities_name')),
        sa.UniqueConstraint('uuid', name=op.f('uq_communities_uuid')),
    )
    op.create_table(
        'counters',
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=30), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_counters_community_id_communities')),
        sa.PrimaryKeyConstraint('community_id', 'name', 'year', name=op.f('pk_counters')),
    )
    settings = sa.table('office_settings', sa.column('key', sa.String), sa.column('value', sa.Text))
    name = bind.execute(sa.select(settings.c.value).where(settings.c.key == 'community_name')).scalar()
    communities = sa.table('communities', sa.column('id', sa.Integer), sa.column('uuid', sa.String),
                           sa.column('name', sa.String), sa.column('sort_order', sa.Integer),
                           sa.column('created_at', sa.DateTime))
    from datetime import datetime
    bind.execute(sa.insert(communities).values(uuid=str(uuid.uuid4()), name=(name or '').strip() or '幸福社区',
                                               sort_order=1, created_at=datetime.now().replace(microsecond=0)))
    first = bind.execute(sa.select(sa.func.min(communities.c.id))).scalar_one()

    for table in TRACKED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('community_id', sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        _backfill(bind, table, first)
        uniques = [u for u in UNIQUES if u[0] == table]
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column('community_id', existing_type=sa.Integer(), nullable=False)
            batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
            batch_op.create_foreign_key(op.f(f'fk_{table}_community_id_communities'), 'communities',
                                        ['community_id'], ['id'])
            batch_op.create_unique_constraint(op.f(f'uq_{table}_uuid'), ['uuid'])
            batch_op.create_index(op.f(f'ix_{table}_community_id'), ['community_id'], unique=False)
            for _table, constraint, _before, after in uniques:
                batch_op.drop_constraint(constraint, type_='unique')
                batch_op.create_unique_constraint(constraint, after)

    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('community_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f('fk_users_community_id_communities'), 'communities', ['community_id'], ['id'])
    op.execute(sa.text('UPDATE users SET community_id = :c').bindparams(c=first))

    with op.batch_alter_table('office_settings') as batch_op:
        batch_op.add_column(sa.Column('community_id', sa.Integer(), nullable=True))
    op.execute(sa.text('UPDATE office_settings SET community_id = :c').bindparams(c=first))
    with op.batch_alter_table('office_settings', recreate='always') as batch_op:
        batch_op.alter_column('community_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint('pk_office_settings', type_='primary')
        batch_op.create_primary_key('pk_office_settings', ['community_id', 'key'])
        batch_op.create_foreign_key(op.f('fk_office_settings_community_id_communities'), 'communities',
                                    ['community_id'], ['id'])

    # The numbers already given, so the counter goes on from the last one of each year.
    op.execute(sa.text("INSERT INTO counters (community_id, name, year, value) "
                       "SELECT community_id, 'mediation_case', year, MAX(seq) FROM mediation_cases "
                       "GROUP BY community_id, year"))


def _backfill(bind: sa.Connection, table: str, community: int) -> None:
    rows = sa.table(table, sa.column('id', sa.Integer), sa.column('community_id', sa.Integer),
                    sa.column('uuid', sa.String))
    stamp = sa.update(rows).where(rows.c.id == sa.bindparam('key')).values(
        community_id=community, uuid=sa.bindparam('new_uuid'))
    last = 0
    while True:  # in pages by id: a large register is never held whole
        ids = bind.execute(sa.select(rows.c.id).where(rows.c.id > last).order_by(rows.c.id).limit(CHUNK)).scalars().all()
        if not ids:
            break
        bind.execute(stamp, [{'key': i, 'new_uuid': str(uuid.uuid4())} for i in ids])
        last = ids[-1]


def downgrade() -> None:
    with op.batch_alter_table('office_settings', recreate='always') as batch_op:
        batch_op.drop_constraint('fk_office_settings_community_id_communities', type_='foreignkey')
        batch_op.drop_constraint('pk_office_settings', type_='primary')
        batch_op.drop_column('community_id')
        batch_op.create_primary_key('pk_office_settings', ['key'])
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_constraint('fk_users_community_id_communities', type_='foreignkey')
        batch_op.drop_column('community_id')
    for table in reversed(TRACKED):
        with op.batch_alter_table(table) as batch_op:
            for _table, constraint, before, _after in [u for u in UNIQUES if u[0] == table]:
                batch_op.drop_constraint(constraint, type_='unique')
                batch_op.create_unique_constraint(constraint, before)
            batch_op.drop_index(op.f(f'ix_{table}_community_id'))
            batch_op.drop_constraint(op.f(f'uq_{table}_uuid'), type_='unique')
            batch_op.drop_constraint(op.f(f'fk_{table}_community_id_communities'), type_='foreignkey')
            batch_op.drop_column('version')
            batch_op.drop_column('uuid')
            batch_op.drop_column('community_id')
    op.drop_table('counters')
    op.drop_table('communities')
