"""change journal: who this copy is, and every change made to it while it exchanges with others

A station copy (服务站/驿站) and its office exchange their work in bundles (issue 15): each side
sends the changes made since the last bundle the other acknowledged, as rows with their values
before and after. This migration adds what both need:

- copy_identity, one row once the copy takes part in exchanges: its UUID, name, kind (office or
  station), its office's UUID, whether it journals, and while a bundle is applied, the copy
  the bundle came from (applying_from: the journal records that copy as the origin, so the
  changes are not sent back to it).
- change_journal: one entry per row inserted, changed or removed in JOURNALED, numbered by the
  copy's own counter (seq), with the row's own columns before and after as JSON text.
- exchange_peers: the copies this one exchanges with, and how far each way has gone, by each
  side's own counter (sent, acknowledged, received).
- exchange_conflicts: fields both sides changed (待处理冲突), with both values, at the office.
- record_aliases: the UUIDs of records merged into another (one person registered twice).

Triggers write the journal, as 0008 and 0009 keep their counts: every path that writes (the
window, the command line, scripts, imports, the recycle bin, bulk SQL) is recorded alike. They
write only while copy_identity has a row with journaling on: an office that never makes a
station copy pays one lookup per written row. An UPDATE that changes none of a row's own
columns (only the counts the database keeps, or the search keys, or nothing) is not recorded.

The columns are written out below as they are at this revision. A later migration that adds,
drops or renames a column of a journaled table must make that table's journal triggers again
(drop_table_triggers, create_table_triggers with its new column list); a test compares the
triggers with the models and fails until it does. On SQLite a batch rebuild of such a table
drops its triggers too, as 0008 says.

On PostgreSQL one trigger per statement reads the statement's transition tables (as in 0008),
in SECURITY DEFINER functions: a login role needs no right on change_journal. The same
columns, the same JSON (PostgreSQL writes dates and times in ISO form, SQLite as it stores
them: the exchange reads them by each column's type).

Revision ID: 0010_change_journal
Revises: 0009_volunteer_totals
Create Date: 2026-12-04 17:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0010_change_journal'
down_revision: Union[str, Sequence[str], None] = '0009_volunteer_totals'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Each journaled table's own columns at this revision, id apart: without the counts and search
# keys the database keeps itself (0008, 0009, the search keys made from the name).
JOURNALED: dict[str, tuple[str, ...]] = {
    "persons": ('name', 'gender', 'ethnicity', 'birth_date', 'id_number', 'phone', 'address', 'grid_id', 'notes',
                'community_id', 'uuid', 'version', 'created_at', 'updated_at', 'deleted_at'),
    "party_orgs": ('name', 'kind', 'parent_id', 'sort_order', 'community_id', 'uuid', 'version', 'created_at',
                   'updated_at', 'deleted_at'),
    "party_members": ('person_id', 'org_id', 'member_type', 'admitted_on', 'full_on', 'probation_extended_months',
                      'education', 'native_place', 'employer', 'category', 'category_since', 'transferred_in_on',
                      'reported', 'reported_on', 'reported_employer', 'status', 'notes', 'community_id', 'uuid',
                      'version', 'created_at', 'updated_at', 'deleted_at'),
    "member_status_changes": ('member_id', 'status', 'changed_on', 'reason', 'created_at'),
    "meetings": ('kind', 'org_id', 'held_at', 'place', 'topic', 'speaker', 'minutes', 'community_id', 'uuid',
                 'version', 'created_at', 'updated_at', 'deleted_at'),
    "attendance": ('meeting_id', 'member_id', 'status', 'reason'),
    "point_entries": ('member_id', 'year', 'on', 'rule_code', 'points', 'reason', 'meeting_id', 'entered_by',
                      'created_at'),
    "grids": ('code', 'name', 'buildings', 'households', 'population', 'notes', 'community_id', 'uuid', 'version',
              'created_at', 'updated_at', 'deleted_at'),
    "grid_workers": ('person_id', 'role', 'employment', 'buildings', 'households', 'start_on', 'status', 'notes',
                     'community_id', 'uuid', 'version', 'created_at', 'updated_at', 'deleted_at'),
    "mediators": ('person_id', 'tier', 'since', 'status', 'notes', 'community_id', 'uuid', 'version', 'created_at',
                  'updated_at', 'deleted_at'),
    "mediation_cases": ('number', 'year', 'seq', 'received_on', 'source', 'dispute_type', 'facts', 'requests',
                        'tier', 'mediator_id', 'status', 'result', 'closed_on', 'agreement_terms', 'performance',
                        'amount', 'notes', 'community_id', 'uuid', 'version', 'created_at', 'updated_at',
                        'deleted_at'),
    "mediation_parties": ('case_id', 'sort_order', 'role', 'name', 'gender', 'ethnicity', 'birth_date', 'id_number',
                          'occupation', 'phone', 'address', 'person_id'),
    "mediation_follow_ups": ('case_id', 'visited_on', 'visitor', 'performed', 'satisfaction', 'relapse_risk',
                             'action', 'notes', 'community_id', 'uuid', 'version', 'created_at', 'updated_at',
                             'deleted_at'),
    "volunteers": ('person_id', 'number', 'kind', 'skills', 'available_times', 'service_areas', 'organisation',
                   'registered_on', 'status', 'notes', 'community_id', 'uuid', 'version', 'created_at',
                   'updated_at', 'deleted_at'),
    "service_activities": ('project', 'held_on', 'place', 'start_time', 'end_time', 'organiser', 'confirmed_by',
                           'description', 'community_id', 'uuid', 'version', 'created_at', 'updated_at',
                           'deleted_at'),
    "service_logs": ('activity_id', 'volunteer_id', 'hours', 'notes', 'community_id', 'uuid', 'version',
                     'created_at', 'updated_at', 'deleted_at'),
}

EVENTS = (("added", "INSERT"), ("changed", "UPDATE"), ("removed", "DELETE"))


def trigger_name(table: str, event: str) -> str:
    return f"tr_journal_{table}_{event}"


def _values(row: str, columns: tuple[str, ...], postgresql: bool) -> str:
    pairs = ", ".join(f"'{c}', {row}.\"{c}\"" for c in columns)
    return f"json_build_object({pairs})::text" if postgresql else f"json_object({pairs})"


def _changed(columns: tuple[str, ...], postgresql: bool, o: str, n: str) -> str:
    """Whether a row's own columns changed from o (the row before) to n (after)."""
    differs = " IS DISTINCT FROM " if postgresql else " IS NOT "
    return "(" + " OR ".join(f'{o}."{c}"{differs}{n}."{c}"' for c in columns) + ")"


def _entry(table: str, columns: tuple[str, ...], op_name: str, postgresql: bool, o: str, n: str) -> tuple[str, str]:
    """The journal entry's columns and values for one row: o names the row before, n after."""
    uuid = "uuid" in columns
    row = o if op_name == "delete" else n
    old = _values(o, columns, postgresql) if op_name != "insert" else "NULL"
    new = _values(n, columns, postgresql) if op_name != "delete" else "NULL"
    at = ("to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')" if postgresql
          else "strftime('%Y-%m-%d %H:%M:%f', 'now')")
    origin = "(SELECT coalesce(applying_from, uuid) FROM copy_identity)"
    values = (f"{at}, '{table}', {row}.id, {row + '.uuid' if uuid else 'NULL'}, '{op_name}', {old}, {new}, "
              f"{origin}")
    return "at, table_name, row_id, row_uuid, op, old_values, new_values, origin", values


JOURNALING = "(SELECT journaling FROM copy_identity) = true"
_OPS = {"INSERT": "insert", "UPDATE": "update", "DELETE": "delete"}


def _sqlite_trigger(table: str, columns: tuple[str, ...], event: str, sql_event: str) -> str:
    names, values = _entry(table, columns, _OPS[sql_event], False, "OLD", "NEW")
    when = JOURNALING
    if sql_event == "UPDATE":
        when += " AND " + _changed(columns, False, "OLD", "NEW")
    return (f"CREATE TRIGGER {trigger_name(table, event)} AFTER {sql_event} ON {table} WHEN {when} "
            f"BEGIN INSERT INTO change_journal ({names}) VALUES ({values}); END")


def _postgresql_trigger(table: str, columns: tuple[str, ...], event: str, sql_event: str) -> list[str]:
    names, values = _entry(table, columns, _OPS[sql_event], True, "o", "n")
    if sql_event == "INSERT":
        rows, referencing = "new_rows n", "NEW TABLE AS new_rows"
    elif sql_event == "DELETE":
        rows, referencing = "old_rows o", "OLD TABLE AS old_rows"
    else:
        rows = f"old_rows o JOIN new_rows n ON n.id = o.id WHERE {_changed(columns, True, 'o', 'n')}"
        referencing = "OLD TABLE AS old_rows NEW TABLE AS new_rows"
    name = trigger_name(table, event)
    function = name.replace("tr_", "cd_", 1)
    return [
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path FROM CURRENT AS $$ BEGIN IF {JOURNALING} THEN "
        f"INSERT INTO change_journal ({names}) SELECT {values} FROM {rows}; END IF; RETURN NULL; END $$",
        f"CREATE TRIGGER {name} AFTER {sql_event} ON {table} REFERENCING {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def create_table_triggers(table: str, columns: tuple[str, ...]) -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for event, sql_event in EVENTS:
        statements = (_postgresql_trigger(table, columns, event, sql_event) if postgresql
                      else [_sqlite_trigger(table, columns, event, sql_event)])
        for statement in statements:
            op.execute(statement)


def drop_table_triggers(table: str) -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for event, _ in EVENTS:
        name = trigger_name(table, event)
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS {name.replace('tr_', 'cd_', 1)}()")


def upgrade() -> None:
    op.create_table(
        'copy_identity',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('office_uuid', sa.String(length=36), nullable=False),
        sa.Column('journaling', sa.Boolean(), nullable=False),
        sa.Column('applying_from', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_copy_identity')),
        sa.UniqueConstraint('uuid', name=op.f('uq_copy_identity_uuid')),
    )
    op.create_table(
        'change_journal',
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.Integer(), nullable=False),
        sa.Column('row_uuid', sa.String(length=36), nullable=True),
        sa.Column('op', sa.String(length=6), nullable=False),
        sa.Column('old_values', sa.Text(), nullable=True),
        sa.Column('new_values', sa.Text(), nullable=True),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_change_journal')),
    )
    op.create_index('ix_change_journal_table_row', 'change_journal', ['table_name', 'row_id'], unique=False)
    op.create_table(
        'exchange_peers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('peer_uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('sent_up_to', sa.Integer(), nullable=False),
        sa.Column('acked_up_to', sa.Integer(), nullable=False),
        sa.Column('received_up_to', sa.Integer(), nullable=False),
        sa.Column('peer_clock', sa.String(length=32), nullable=True),
        sa.Column('received_tip', sa.String(length=80), nullable=True),
        sa.Column('asks_resend', sa.Boolean(), nullable=False),
        sa.Column('resend_all', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_peers')),
        sa.UniqueConstraint('peer_uuid', name=op.f('uq_exchange_peers_peer_uuid')),
    )
    op.create_table(
        'exchange_conflicts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_uuid', sa.String(length=36), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('office_value', sa.Text(), nullable=True),
        sa.Column('station_value', sa.Text(), nullable=True),
        sa.Column('station_uuid', sa.String(length=36), nullable=False),
        sa.Column('station_name', sa.String(length=60), nullable=False),
        sa.Column('station_changed_at', sa.String(length=32), nullable=False),
        sa.Column('found_at', sa.DateTime(), nullable=False),
        sa.Column('resolved_at', sa.DateTime(), nullable=True),
        sa.Column('resolution', sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_conflicts')),
    )
    op.create_index(op.f('ix_exchange_conflicts_row_uuid'), 'exchange_conflicts', ['row_uuid'], unique=False)
    op.create_table(
        'record_aliases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('alias_uuid', sa.String(length=36), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_record_aliases')),
        sa.UniqueConstraint('alias_uuid', name=op.f('uq_record_aliases_alias_uuid')),
    )
    for table, columns in JOURNALED.items():
        create_table_triggers(table, columns)


def downgrade() -> None:
    for table in JOURNALED:
        drop_table_triggers(table)
    op.drop_table('record_aliases')
    op.drop_index(op.f('ix_exchange_conflicts_row_uuid'), table_name='exchange_conflicts')
    op.drop_table('exchange_conflicts')
    op.drop_table('exchange_peers')
    op.drop_index('ix_change_journal_table_row', table_name='change_journal')
    op.drop_table('change_journal')
    op.drop_table('copy_identity')
