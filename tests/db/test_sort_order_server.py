"""Lists sort alike on SQLite and on a PostgreSQL server whose collation is not byte order.

SQLite compares text by code points. An office's server may have been created with a Chinese
collation, which puts 李 (li) before 张 (zhang) where code points put 张 (U+5F20) first. The
search keys are stored with the "C" collation there (migration 0007) and other text a list is
sorted by goes through db.dialect.binary, so the server lists as the file does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from db.database import Database, open_database
from db.listing import Sort
from db.people import PersonFields
from db.service_logs import (
    ActivityInput,
    AttendeeInput,
    ServiceLogFilter,
    save_activity,
    service_log_ids,
    service_log_rows,
)
from db.volunteers import VolunteerInput, save_volunteer
from tests import engines
from tests.seed import seed_basics

pytestmark = pytest.mark.server_only

TODAY = date(2026, 11, 25)


@pytest.fixture
def chinese_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A database created with ICU's Chinese collation (pinyin order), migrated and seeded."""
    if engines.engine_of(request.config) == "sqlite":
        pytest.skip("needs --engine postgresql")
    name = f"cd_test_zh_{os.getpid()}"
    engines._admin([f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                    f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh' "
                    "LOCALE 'C.UTF-8'"])
    url = engines.admin_url().set(database=name).render_as_string(hide_password=False)
    database = open_database(url)
    with database.session() as s, s.begin():
        seed_basics(s)
    yield database
    database.close()
    engines.drop_database(url)


def test_text_and_names_sort_in_code_point_order_under_a_chinese_collation(chinese_db: Database) -> None:
    with chinese_db.session() as s, s.begin():
        zhang = save_volunteer(s, VolunteerInput(PersonFields(name="张三")), today=TODAY).id
        li = save_volunteer(s, VolunteerInput(PersonFields(name="李四")), today=TODAY).id
        for project in ("张家口慰问", "李村清扫"):
            save_activity(s, ActivityInput(project=project, held_on="2026-03-05", start_time="08:30",
                                           end_time="10:30", attendees=[AttendeeInput(zhang, 2), AttendeeInput(li, 2)]),
                          today=TODAY)
    with chinese_db.session() as s:
        # The server's own order is pinyin: what the file would not do.
        assert s.execute(text("SELECT x FROM (VALUES ('张'), ('李')) v(x) ORDER BY x")).scalars().all() == ["李", "张"]
        ids = service_log_ids(s, ServiceLogFilter(), Sort("project"))
        assert [r.project for r in service_log_rows(s, ids)][::2] == ["张家口慰问", "李村清扫"]  # 张 U+5F20 < 李 U+674E
        ids = service_log_ids(s, ServiceLogFilter(), Sort("name"))
        assert [r.name for r in service_log_rows(s, ids)][::2] == ["李四", "张三"]  # by the pinyin key
        collations = s.execute(text(
            "SELECT table_name || '.' || column_name, collation_name FROM information_schema.columns "
            "WHERE column_name IN ('name_sort', 'search_text') AND table_schema = current_schema()")).all()
        assert sorted(collations) == [("mediation_cases.search_text", "C"), ("party_members.name_sort", "C"),
                                      ("party_members.search_text", "C"), ("persons.name_sort", "C"),
                                      ("persons.search_text", "C"), ("residents.name_sort", "C"),
                                      ("residents.search_text", "C")]
