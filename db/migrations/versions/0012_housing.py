"""housing: what is in a grid, the 一标三实 way (issue 16)

- buildings (楼栋) in a grid, rooms (门牌: unit, floor, number) in a building, households (户) in
  a room with their head (户主), residents (实有人口: a person, their household and relation to
  its head, 常住/流动, 户籍地, 政治面貌);
- care_tags: the office's editable list of 关爱对象 (独居老人, 低保户 …), each sensitive or not and
  with how often its households are due a visit; seeded for every community with DEFAULT_TAGS;
- resident_tags: a tag on a resident, a row each.

All six are journaled for the station exchange as 0010's registers are (its trigger helpers,
this migration's column lists in JOURNALED): their changes travel between office and stations.

Revision ID: 0012_housing
Revises: 0011_conflict_authors
Create Date: 2026-12-04 19:10:00

"""
from importlib import import_module
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0012_housing'
down_revision: Union[str, Sequence[str], None] = '0011_conflict_authors'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TRACKED = ('community_id', 'uuid', 'version', 'created_at', 'updated_at', 'deleted_at')
# The records' own columns, frozen here as 0010 froze its own (the search keys left out).
JOURNALED: dict[str, tuple[str, ...]] = {
    "care_tags": ('name', 'sensitive', 'visit_months', 'sort_order', 'active', *TRACKED),
    "buildings": ('grid_id', 'name', 'kind', 'units', 'floors', 'address', 'notes', *TRACKED),
    "rooms": ('building_id', 'unit', 'floor', 'number', 'purpose', 'notes', *TRACKED),
    "households": ('room_id', 'head_id', 'registration', 'phone', 'notes', *TRACKED),
    "residents": ('person_id', 'household_id', 'relation', 'residence', 'hukou_place', 'political_status', 'notes',
                  *TRACKED),
    "resident_tags": ('resident_id', 'tag_id'),
}
# 关爱对象 as DOMAIN.md §7 names them: (name, sensitive, months between visits; 0: no rule).
DEFAULT_TAGS = (
    ("独居老人", False, 1), ("空巢老人", False, 3), ("留守儿童", False, 3), ("残疾人", True, 3),
    ("低保户", True, 3), ("退役军人", False, 0), ("重点人员", True, 1),
)


def _journal():  # type: ignore[no-untyped-def]
    return import_module("db.migrations.versions.0010_change_journal")


def _seed_tags() -> None:
    """The default list for every community there is (a new one gets it from db.communities)."""
    conn = op.get_bind()
    tags = sa.table("care_tags", sa.column("community_id", sa.Integer), sa.column("name", sa.String),
                    sa.column("sensitive", sa.Boolean), sa.column("visit_months", sa.Integer),
                    sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean),
                    sa.column("uuid", sa.String), sa.column("version", sa.Integer),
                    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))
    import uuid
    from datetime import datetime

    at = datetime.now().replace(microsecond=0)
    communities = conn.execute(sa.text("SELECT id FROM communities")).scalars().all()
    rows = [{"community_id": c, "name": name, "sensitive": sensitive, "visit_months": months, "sort_order": i,
             "active": True, "uuid": str(uuid.uuid4()), "version": 1, "created_at": at, "updated_at": at}
            for c in communities for i, (name, sensitive, months) in enumerate(DEFAULT_TAGS)]
    if rows:
        op.bulk_insert(tags, rows)


def upgrade() -> None:
    op.create_table('care_tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('visit_months', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_care_tags_community_id_communities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_care_tags')),
    sa.UniqueConstraint('name', 'community_id', name=op.f('uq_care_tags_name')),
    sa.UniqueConstraint('uuid', name=op.f('uq_care_tags_uuid'))
    )
    with op.batch_alter_table('care_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_tags_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_care_tags_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('buildings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('floors', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_buildings_community_id_communities')),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_buildings_grid_id_grids')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buildings')),
    sa.UniqueConstraint('grid_id', 'name', name=op.f('uq_buildings_grid_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_buildings_uuid'))
    )
    with op.batch_alter_table('buildings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_buildings_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_buildings_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_buildings_grid_id'), ['grid_id'], unique=False)

    op.create_table('rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.Integer(), nullable=False),
    sa.Column('floor', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_rooms_building_id_buildings')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_rooms_community_id_communities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rooms')),
    sa.UniqueConstraint('building_id', 'unit', 'number', name=op.f('uq_rooms_building_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_rooms_uuid'))
    )
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rooms_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rooms_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rooms_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('households',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('head_id', sa.Integer(), nullable=True),
    sa.Column('registration', sa.String(length=16), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_households_community_id_communities')),
    sa.ForeignKeyConstraint(['head_id'], ['persons.id'], name=op.f('fk_households_head_id_persons')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_households_room_id_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households')),
    sa.UniqueConstraint('uuid', name=op.f('uq_households_uuid'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_head_id'), ['head_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_room_id'), ['room_id'], unique=False)

    op.create_table('residents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('residence', sa.String(length=16), nullable=False),
    sa.Column('hukou_place', sa.String(length=100), nullable=False),
    sa.Column('political_status', sa.String(length=16), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('name_sort', sa.String(length=120).with_variant(sa.String(length=120, collation='C'), 'postgresql'), nullable=False),
    sa.Column('search_text', sa.String(length=500).with_variant(sa.String(length=500, collation='C'), 'postgresql'), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_residents_community_id_communities')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_residents_household_id_households')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_residents_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_residents')),
    sa.UniqueConstraint('person_id', name=op.f('uq_residents_person_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_residents_uuid'))
    )
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_residents_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_residents_list', ['deleted_at', 'name_sort', 'search_text'], unique=False)

    op.create_table('resident_tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_resident_tags_resident_id_residents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['care_tags.id'], name=op.f('fk_resident_tags_tag_id_care_tags')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resident_tags')),
    sa.UniqueConstraint('resident_id', 'tag_id', name=op.f('uq_resident_tags_resident_id'))
    )
    with op.batch_alter_table('resident_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resident_tags_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resident_tags_tag_id'), ['tag_id'], unique=False)

    _seed_tags()
    for table, columns in JOURNALED.items():
        _journal().create_table_triggers(table, columns)


def downgrade() -> None:
    for table in JOURNALED:
        _journal().drop_table_triggers(table)
    with op.batch_alter_table('resident_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resident_tags_tag_id'))
        batch_op.drop_index(batch_op.f('ix_resident_tags_resident_id'))

    op.drop_table('resident_tags')
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.drop_index('ix_residents_list')
        batch_op.drop_index(batch_op.f('ix_residents_household_id'))
        batch_op.drop_index(batch_op.f('ix_residents_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_residents_community_id'))

    op.drop_table('residents')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_room_id'))
        batch_op.drop_index(batch_op.f('ix_households_head_id'))
        batch_op.drop_index(batch_op.f('ix_households_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_households_community_id'))

    op.drop_table('households')
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rooms_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_rooms_community_id'))
        batch_op.drop_index(batch_op.f('ix_rooms_building_id'))

    op.drop_table('rooms')
    with op.batch_alter_table('buildings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_buildings_grid_id'))
        batch_op.drop_index(batch_op.f('ix_buildings_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_buildings_community_id'))

    op.drop_table('buildings')
    with op.batch_alter_table('care_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_care_tags_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_care_tags_community_id'))

    op.drop_table('care_tags')
