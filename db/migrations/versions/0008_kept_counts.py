"""kept counts: each meeting's lines by status, each member's last line of each kind, each
activity's service lines and hours

The party-life figures and flags read attendance, and the register's totals the service log:
at a street office's size a year holds 3 million attendance lines and the log a million, and
counting them (stats, the home page, the monthly summary) took seconds. This adds columns the
database itself keeps up to date, with triggers, so that every path that writes attendance or
service lines (the window, the command line, a script using db/, a copy, an import of a
station's bundle) keeps them right without knowing of them:

- meetings.present_count / leave_count / absent_count: the meeting's attendance lines by status;
- party_members.last_present_at / last_leave_at / last_absent_at: when the member was last
  present / on leave / absent at a live (not deleted) meeting; last_educated_at: last present
  at an education meeting (db.vocab.EDUCATION_KINDS when this was written: lecture, training);
- service_activities.log_count / log_hours: the activity's service lines not in the recycle
  bin, and their hours.

Each trigger recounts from the lines (it does not add or subtract), so a row copied with its
counts, or a count ever wrong, is right again after the next change to its lines. Recounted:
a meeting's counts when one of its lines is added, changed or removed; a member's dates then
too, and for every member of a meeting whose date, kind or deleted_at changes; an activity's
when one of its service lines is added, removed, or changes hours, activity or deleted_at.

SQLite recounts row by row (it has no statement triggers). PostgreSQL recounts once per
statement, from its transition tables, in functions that are SECURITY DEFINER: a login role
that may write attendance but not party_members (db.server_roles) still keeps the dates. The
triggers have the same names on both.

On SQLite, a later migration that rebuilds one of these tables or service_logs with
batch_alter_table must drop the triggers first (drop_triggers below: the rebuild's rename
fails on a trigger naming a dropped table, and a rebuilt table loses its own) and create them
again after (create_triggers). tests/db/party_life/test_kept_counts.py checks that the head
schema has them; db.schema_check reports one missing or changed.

Revision ID: 0008_kept_counts
Revises: 0007_sort_keys
Create Date: 2026-12-07 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0008_kept_counts'
down_revision: Union[str, Sequence[str], None] = '0007_sort_keys'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

EDUCATION_KINDS = "('lecture', 'training')"
STATUS_COUNTS = (("present_count", "present"), ("leave_count", "leave"), ("absent_count", "absent"))
LAST_DATES = (("last_present_at", "a.status = 'present'"), ("last_leave_at", "a.status = 'leave'"),
              ("last_absent_at", "a.status = 'absent'"),
              ("last_educated_at", f"a.status = 'present' AND m.kind IN {EDUCATION_KINDS}"))


def recount_meetings(where: str) -> str:
    """UPDATE the counts of the meetings meeting `where`."""
    counts = ", ".join(f"count(CASE WHEN a.status = '{status}' THEN 1 END)" for _, status in STATUS_COUNTS)
    columns = ", ".join(column for column, _ in STATUS_COUNTS)
    return (f"UPDATE meetings SET ({columns}) = "
            f"(SELECT {counts} FROM attendance a WHERE a.meeting_id = meetings.id) WHERE {where}")


def recount_members(where: str) -> str:
    """UPDATE the last-line dates of the members meeting `where`."""
    dates = ", ".join(
        f"{column} = (SELECT max(m.held_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
        f"WHERE a.member_id = party_members.id AND {condition} AND m.deleted_at IS NULL)"
        for column, condition in LAST_DATES)
    return f"UPDATE party_members SET {dates} WHERE {where}"


def recount_activities(where: str) -> str:
    """UPDATE the service-line count and hours of the activities meeting `where`."""
    return ("UPDATE service_activities SET (log_count, log_hours) = "
            "(SELECT count(*), coalesce(sum(l.hours), 0) FROM service_logs l "
            f"WHERE l.activity_id = service_activities.id AND l.deleted_at IS NULL) WHERE {where}")


def _members_of_meeting(row: str) -> str:
    return f"id IN (SELECT member_id FROM attendance WHERE meeting_id = {row}.id)"


MEETING_CHANGED = ("OLD.deleted_at IS NOT NEW.deleted_at OR OLD.held_at IS NOT NEW.held_at "
                   "OR OLD.kind IS NOT NEW.kind")


def _sqlite_triggers() -> list[str]:
    def on_line(row: str) -> str:
        return (f"{recount_meetings(f'id = {row}.meeting_id')}; "
                f"{recount_members(f'id = {row}.member_id')};")

    return [
        f"CREATE TRIGGER tr_attendance_added AFTER INSERT ON attendance BEGIN {on_line('NEW')} END",
        f"CREATE TRIGGER tr_attendance_removed AFTER DELETE ON attendance BEGIN {on_line('OLD')} END",
        "CREATE TRIGGER tr_attendance_changed AFTER UPDATE OF status, meeting_id, member_id ON attendance "
        f"BEGIN {on_line('OLD')} {on_line('NEW')} END",
        f"CREATE TRIGGER tr_meeting_changed AFTER UPDATE OF deleted_at, held_at, kind ON meetings "
        f"WHEN {MEETING_CHANGED} BEGIN {recount_members(_members_of_meeting('NEW'))}; END",
        f"CREATE TRIGGER tr_service_log_added AFTER INSERT ON service_logs "
        f"BEGIN {recount_activities('id = NEW.activity_id')}; END",
        f"CREATE TRIGGER tr_service_log_removed AFTER DELETE ON service_logs "
        f"BEGIN {recount_activities('id = OLD.activity_id')}; END",
        "CREATE TRIGGER tr_service_log_changed AFTER UPDATE OF hours, activity_id, deleted_at ON service_logs "
        f"BEGIN {recount_activities('id = OLD.activity_id')}; {recount_activities('id = NEW.activity_id')}; END",
    ]


# (trigger, table, event, transition tables, what to recount from them) on PostgreSQL: one
# trigger per statement, not per row, so that a bulk insert (the demo, a copy, a bundle)
# recounts each meeting, member and activity it touched once, not once per line.
_STATEMENT_TRIGGERS = (
    ("tr_attendance_added", "attendance", "INSERT", "NEW TABLE AS new_rows", ("new_rows",)),
    ("tr_attendance_removed", "attendance", "DELETE", "OLD TABLE AS old_rows", ("old_rows",)),
    ("tr_attendance_changed", "attendance", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     ("old_rows", "new_rows")),
    ("tr_service_log_added", "service_logs", "INSERT", "NEW TABLE AS new_rows", ("new_rows",)),
    ("tr_service_log_removed", "service_logs", "DELETE", "OLD TABLE AS old_rows", ("old_rows",)),
    ("tr_service_log_changed", "service_logs", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     ("old_rows", "new_rows")),
    ("tr_meeting_changed", "meetings", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", ()),
)


def _postgresql_recounts(table: str, rows: tuple[str, ...]) -> str:
    if table == "attendance":
        meetings = " UNION ".join(f"SELECT meeting_id FROM {r}" for r in rows)
        members = " UNION ".join(f"SELECT member_id FROM {r}" for r in rows)
        return f"{recount_meetings(f'id IN ({meetings})')}; {recount_members(f'id IN ({members})')};"
    if table == "service_logs":
        activities = " UNION ".join(f"SELECT activity_id FROM {r}" for r in rows)
        return f"{recount_activities(f'id IN ({activities})')};"
    moved = (f"SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE "
             f"{MEETING_CHANGED.replace('OLD.', 'o.').replace('NEW.', 'n.').replace('IS NOT', 'IS DISTINCT FROM')}")
    return f"{recount_members(f'id IN (SELECT member_id FROM attendance WHERE meeting_id IN ({moved}))')};"


def _postgresql_triggers() -> list[str]:
    """A function and a statement trigger for each of _STATEMENT_TRIGGERS. SECURITY DEFINER: see
    the module's note; enable_seqscan off: the recounts are lookups by key, and a table filled
    in the same transaction (the demo, a copy) has no statistics yet to tell the planner so."""
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
    for column, _ in STATUS_COUNTS:
        op.add_column('meetings', sa.Column(column, sa.Integer(), server_default='0', nullable=False))
    for column, _ in LAST_DATES:
        op.add_column('party_members', sa.Column(column, sa.DateTime(), nullable=True))
    op.add_column('service_activities', sa.Column('log_count', sa.Integer(), server_default='0', nullable=False))
    op.add_column('service_activities', sa.Column('log_hours', sa.Double(), server_default='0', nullable=False))
    op.execute(recount_meetings("id IN (SELECT meeting_id FROM attendance)"))
    op.execute(recount_members("id IN (SELECT member_id FROM attendance)"))
    op.execute(recount_activities("id IN (SELECT activity_id FROM service_logs)"))
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    with op.batch_alter_table('service_activities') as batch_op:
        batch_op.drop_column('log_hours')
        batch_op.drop_column('log_count')
    with op.batch_alter_table('party_members') as batch_op:
        for column, _ in reversed(LAST_DATES):
            batch_op.drop_column(column)
    with op.batch_alter_table('meetings') as batch_op:
        for column, _ in reversed(STATUS_COUNTS):
            batch_op.drop_column(column)
