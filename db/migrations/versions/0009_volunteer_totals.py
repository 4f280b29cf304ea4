"""volunteer totals: each volunteer's live service lines and hours, kept by the database

The volunteer list shows each volunteer's total hours, summed from their service lines for
every page shown: a page of 80 volunteers with ten years of history behind them read 95,000
lines, and the list's time grew with the history (0.03 s at 10,000 lines, 0.41 s at 1,000,000,
bench/bench_scale.py --history). Sorting by hours summed every line of the register. As
migration 0008 did for activities, the database now keeps them, with triggers, so that every
path that writes service lines keeps them right:

- volunteers.log_count / log_hours: the volunteer's service lines that are live (not in the
  recycle bin) at a live activity, and their hours.

(An index holding each meeting's kept counts by date made `stats` 0.09 s faster on SQLite,
but PostgreSQL then answered 0008's recount of a member's last line by walking that index back
from the newest meeting, every meeting for each line of a bulk insert: a copy to a server
that took seconds took many minutes. It is not made.)

Recounted when one of the volunteer's lines is removed, or changes hours, activity, volunteer or
deleted_at, and for every volunteer of an activity whose deleted_at changes. A line added is
added to its volunteer's totals on SQLite (ADD_LINE, row by row); PostgreSQL recounts once per
statement from its transition tables, in SECURITY DEFINER functions, as in 0008. The triggers
have the same names on both. A later batch rebuild of volunteers, service_logs or service_activities on SQLite
must drop them first and create them again (drop_triggers, create_triggers), as 0008 says.

Revision ID: 0009_volunteer_totals
Revises: 0008_kept_counts
Create Date: 2026-12-04 06:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0009_volunteer_totals'
down_revision: Union[str, Sequence[str], None] = '0008_kept_counts'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def recount_volunteers(where: str) -> str:
    """UPDATE the line count and hours of the volunteers meeting `where`."""
    return ("UPDATE volunteers SET (log_count, log_hours) = "
            "(SELECT count(*), coalesce(sum(l.hours), 0) FROM service_logs l "
            "JOIN service_activities a ON a.id = l.activity_id "
            "WHERE l.volunteer_id = volunteers.id AND l.deleted_at IS NULL AND a.deleted_at IS NULL) "
            f"WHERE {where}")


# SQLite adds a new line to its volunteer's totals instead of recounting them: a recount per
# line read the volunteer's whole history for each line of a bulk import (a station's bundle,
# a ledger), which grows with the square of a volunteer's lines. Every other change recounts.
ADD_LINE = ("UPDATE volunteers SET log_count = log_count + 1, log_hours = log_hours + NEW.hours "
            "WHERE id = NEW.volunteer_id AND NEW.deleted_at IS NULL "
            "AND (SELECT deleted_at FROM service_activities WHERE id = NEW.activity_id) IS NULL")


def _volunteers_of_activity(row: str) -> str:
    return f"id IN (SELECT volunteer_id FROM service_logs WHERE activity_id = {row}.id)"


def _sqlite_triggers() -> list[str]:
    return [
        "CREATE TRIGGER tr_volunteer_log_added AFTER INSERT ON service_logs "
        f"BEGIN {ADD_LINE}; END",
        "CREATE TRIGGER tr_volunteer_log_removed AFTER DELETE ON service_logs "
        f"BEGIN {recount_volunteers('id = OLD.volunteer_id')}; END",
        "CREATE TRIGGER tr_volunteer_log_changed AFTER UPDATE OF hours, activity_id, volunteer_id, deleted_at "
        f"ON service_logs BEGIN {recount_volunteers('id = OLD.volunteer_id')}; "
        f"{recount_volunteers('id = NEW.volunteer_id')}; END",
        "CREATE TRIGGER tr_activity_changed AFTER UPDATE OF deleted_at ON service_activities "
        "WHEN OLD.deleted_at IS NOT NEW.deleted_at "
        f"BEGIN {recount_volunteers(_volunteers_of_activity('NEW'))}; END",
    ]


# (trigger, table, event, transition tables) on PostgreSQL: one trigger per statement.
_STATEMENT_TRIGGERS = (
    ("tr_volunteer_log_added", "service_logs", "INSERT", "NEW TABLE AS new_rows", ("new_rows",)),
    ("tr_volunteer_log_removed", "service_logs", "DELETE", "OLD TABLE AS old_rows", ("old_rows",)),
    ("tr_volunteer_log_changed", "service_logs", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     ("old_rows", "new_rows")),
    ("tr_activity_changed", "service_activities", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", ()),
)


def _postgresql_recounts(table: str, rows: tuple[str, ...]) -> str:
    if table == "service_logs":
        volunteers = " UNION ".join(f"SELECT volunteer_id FROM {r}" for r in rows)
        return f"{recount_volunteers(f'id IN ({volunteers})')};"
    moved = ("SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
             "WHERE o.deleted_at IS DISTINCT FROM n.deleted_at")
    return f"{recount_volunteers(f'id IN (SELECT volunteer_id FROM service_logs WHERE activity_id IN ({moved}))')};"


def _postgresql_triggers() -> list[str]:
    """A function and a statement trigger for each of _STATEMENT_TRIGGERS (see 0008's)."""
    statements = []
    for name, table, event, referencing, rows in _STATEMENT_TRIGGERS:
        function = name.replace("tr_", "cd_", 1)
        statements += [
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
            f"SET search_path FROM CURRENT SET enable_seqscan = off AS $$ BEGIN "
            f"{_postgresql_recounts(table, rows)} RETURN NULL; END $$",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return statements


def create_triggers() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _postgresql_triggers() if postgresql else _sqlite_triggers():
        op.execute(statement)


def drop_triggers() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name, table, *_ in _STATEMENT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS {name.replace('tr_', 'cd_', 1)}()")


def upgrade() -> None:
    op.add_column('volunteers', sa.Column('log_count', sa.Integer(), server_default='0', nullable=False))
    op.add_column('volunteers', sa.Column('log_hours', sa.Double(), server_default='0', nullable=False))
    op.execute(recount_volunteers("id IN (SELECT volunteer_id FROM service_logs)"))
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    with op.batch_alter_table('volunteers') as batch_op:
        batch_op.drop_column('log_hours')
        batch_op.drop_column('log_count')
