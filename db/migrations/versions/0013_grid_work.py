"""grid work: visits (走访) and incidents (事件) with their history (issue 16)

- visits: a grid worker's visit to a household or a place in a grid, what was found, whether
  it needs following up;
- incidents: an incident reported in a grid, its category, where it stands (db.incidents
  keeps the states), who it is with, its deadline, 督办, the resident's rating, the original it
  duplicates and the mediation case it became;
- incident_events: each step of an incident's history (who, when, note).

All three are journaled for the station exchange (0010's trigger helpers): visits and reports
are entered at stations and on grid workers' laptops.

Revision ID: 0013_grid_work
Revises: 0012_housing
Create Date: 2026-12-04 19:30:00

"""
from importlib import import_module
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0013_grid_work'
down_revision: Union[str, Sequence[str], None] = '0012_housing'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TRACKED = ('community_id', 'uuid', 'version', 'created_at', 'updated_at', 'deleted_at')
JOURNALED: dict[str, tuple[str, ...]] = {
    "visits": ('visited_on', 'visitor_id', 'household_id', 'grid_id', 'place', 'companions', 'found', 'follow_up',
               *TRACKED),
    "incidents": ('number', 'grid_id', 'building_id', 'household_id', 'place', 'category', 'subject', 'description',
                  'reported_at', 'reporter', 'reporter_phone', 'visit_id', 'state', 'assignee', 'due_on',
                  'supervised', 'rating', 'duplicate_of_id', 'case_id', *TRACKED),
    "incident_events": ('incident_id', 'at', 'action', 'from_state', 'to_state', 'by', 'note'),
}


def _journal():  # type: ignore[no-untyped-def]
    return import_module("db.migrations.versions.0010_change_journal")


def upgrade() -> None:
    op.create_table('visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visitor_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('companions', sa.String(length=100), nullable=False),
    sa.Column('found', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Boolean(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_visits_community_id_communities')),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_visits_grid_id_grids')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_visits_household_id_households')),
    sa.ForeignKeyConstraint(['visitor_id'], ['grid_workers.id'], name=op.f('fk_visits_visitor_id_grid_workers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits')),
    sa.UniqueConstraint('uuid', name=op.f('uq_visits_uuid'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index('ix_visits_household_on', ['household_id', 'visited_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_visited_on'), ['visited_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_visitor_id'), ['visitor_id'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('reporter', sa.String(length=30), nullable=False),
    sa.Column('reporter_phone', sa.String(length=20), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('assignee', sa.String(length=60), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('supervised', sa.Boolean(), nullable=False),
    sa.Column('rating', sa.String(length=16), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_incidents_building_id_buildings')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_incidents_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_incidents_community_id_communities')),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['incidents.id'], name=op.f('fk_incidents_duplicate_of_id_incidents')),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_incidents_grid_id_grids')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_incidents_household_id_households')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_incidents_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('uuid', name=op.f('uq_incidents_uuid'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_reported_at'), ['reported_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_state'), ['state'], unique=False)

    op.create_table('incident_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=False),
    sa.Column('to_state', sa.String(length=16), nullable=False),
    sa.Column('by', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_events_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_events'))
    )
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_events_incident_id'), ['incident_id'], unique=False)

    for table, columns in JOURNALED.items():
        _journal().create_table_triggers(table, columns)


def downgrade() -> None:
    for table in JOURNALED:
        _journal().drop_table_triggers(table)
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_events_incident_id'))

    op.drop_table('incident_events')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_state'))
        batch_op.drop_index(batch_op.f('ix_incidents_reported_at'))
        batch_op.drop_index(batch_op.f('ix_incidents_number'))
        batch_op.drop_index(batch_op.f('ix_incidents_grid_id'))
        batch_op.drop_index(batch_op.f('ix_incidents_due_on'))
        batch_op.drop_index(batch_op.f('ix_incidents_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_incidents_community_id'))
        batch_op.drop_index(batch_op.f('ix_incidents_category'))
        batch_op.drop_index(batch_op.f('ix_incidents_building_id'))

    op.drop_table('incidents')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_visitor_id'))
        batch_op.drop_index(batch_op.f('ix_visits_visited_on'))
        batch_op.drop_index('ix_visits_household_on')
        batch_op.drop_index(batch_op.f('ix_visits_grid_id'))
        batch_op.drop_index(batch_op.f('ix_visits_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_visits_community_id'))

    op.drop_table('visits')
