"""search keys: a surname keyed by its surname readings only (丁 ding, not zheng)

The schema does not change: the stored search text of every person, party member and mediation
case is computed again with the current db.search_keys, so that typing "zh" no longer lists
every 丁 before the 张s and 郑s in a database made before.

Revision ID: 0004_surname_keys
Revises: 0003_party_life
Create Date: 2026-12-03 09:20:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004_surname_keys'
down_revision: Union[str, Sequence[str], None] = '0003_party_life'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHUNK = 2000


def _in_chunks(bind, statement, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), CHUNK):
        bind.execute(statement, rows[start:start + CHUNK])


def upgrade() -> None:
    from db.mediation import case_search_text
    from db.search_keys import search_text

    bind = op.get_bind()
    persons = sa.table("persons", sa.column("id"), sa.column("name"), sa.column("id_number"), sa.column("phone"),
                       sa.column("search_text"))
    rows = [{"key": pid, "text": search_text(name or "", id_number=id_number or "", phone=phone or "")}
            for pid, name, id_number, phone in bind.execute(
                sa.select(persons.c.id, persons.c.name, persons.c.id_number, persons.c.phone))]
    _in_chunks(bind, sa.update(persons).where(persons.c.id == sa.bindparam("key"))
               .values(search_text=sa.bindparam("text")), rows)
    members = sa.table("party_members", sa.column("person_id"), sa.column("search_text"))
    bind.execute(sa.update(members).values(search_text=sa.select(persons.c.search_text)
                                           .where(persons.c.id == members.c.person_id).scalar_subquery()))
    cases = sa.table("mediation_cases", sa.column("id"), sa.column("number"), sa.column("facts"),
                     sa.column("search_text"))
    parties = sa.table("mediation_parties", sa.column("case_id"), sa.column("sort_order"), sa.column("name"),
                       sa.column("id_number"), sa.column("phone"))
    of_case: dict[int, list[dict]] = {}
    for case_id, name, id_number, phone in bind.execute(
            sa.select(parties.c.case_id, parties.c.name, parties.c.id_number, parties.c.phone)
            .order_by(parties.c.case_id, parties.c.sort_order)):
        of_case.setdefault(case_id, []).append({"name": name, "id_number": id_number, "phone": phone or ""})
    rows = [{"key": cid, "text": case_search_text(number, of_case.get(cid, []), facts or "")}
            for cid, number, facts in bind.execute(sa.select(cases.c.id, cases.c.number, cases.c.facts))]
    _in_chunks(bind, sa.update(cases).where(cases.c.id == sa.bindparam("key"))
               .values(search_text=sa.bindparam("text")), rows)


def downgrade() -> None:
    """Nothing to undo: the keys are only computed again."""
