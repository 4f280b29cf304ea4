"""Printing full numbers is a disclosure: refused without the right, logged (and committed) before the PDF.

The default roster, printed by anyone, carries no full ID number of the test data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from db.database import Database
from db.disclosure import record_unmasked_print
from db.grid_workers import GridWorkerInput, save_grid_worker
from db.members import MemberInput, save_member
from db.models import AuditEntry
from db.people import PersonFields
from db.permissions import Actor, PermissionDenied
from desktop.common.context import AppContext
from desktop.grid_workers.tab import GridWorkersTab
from desktop.members.tab import MembersTab
from desktop.printing.actions import print_grid_roster
from desktop.printing.member_roster import DEFAULT_FIELDS
from tests.db.test_members import make_id
from tests.qt_dialogs import answer_next_message_box

ADMIN = Actor("wang", "admin", 1, "OFFICE-PC\\staff")
CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")
IDS = [make_id("19850312", "131"), make_id("19900101", "222"), make_id("19761231", "015")]
PHONE = "13912345678"


def print_entries(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "print").order_by(AuditEntry.id)))


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def people(ctx: AppContext) -> AppContext:
    with ctx.db.session() as s, s.begin():
        for name, id_number in zip(("张三", "李四", "王五"), IDS, strict=True):
            save_member(s, MemberInput(PersonFields(name, id_number=id_number, phone="13800001111"), org_id=2,
                                       admitted_on="2010-07-01", full_on="2011-07-01"))
        save_grid_worker(s, GridWorkerInput(PersonFields(name="李梅", phone=PHONE), role="leader", grid_ids=[1]))
    return ctx


@pytest.mark.parametrize("actor", [CLERK, VIEWER])
def test_db_refuses_an_unmasked_print_without_the_right(db: Database, actor: Actor) -> None:
    db.actor = actor
    with pytest.raises(PermissionDenied, match="完整身份证号"), db.session() as s, s.begin():
        record_unmasked_print(s, "党员花名册（全体党员）", 3)
    assert print_entries(db) == []


def test_db_logs_an_admins_unmasked_print(db: Database) -> None:
    db.actor = ADMIN
    with db.session() as s, s.begin():
        record_unmasked_print(s, "党员花名册（全体党员）", 3)
    [entry] = print_entries(db)
    assert (entry.username, entry.summary) == ("wang", "党员花名册（全体党员）")
    assert json.loads(entry.details) == {"people": 3}


def run_print(qtbot, start) -> tuple[list[Path], list[str]]:  # type: ignore[no-untyped-def]
    ready: list[Path] = []
    failures: list[str] = []
    job = start(ready.append)
    job.failed.connect(failures.append)
    qtbot.waitUntil(lambda: bool(ready or failures), timeout=30_000)
    return ready, failures


def test_a_clerk_asking_for_a_full_roster_anyway_is_refused_and_nothing_is_logged(qtbot, people: AppContext) -> None:
    people.db.actor = CLERK
    tab = MembersTab(people)
    qtbot.addWidget(tab)
    answer_next_message_box(QMessageBox.StandardButton.Ok)  # 未打印: the refusal, shown to the person
    ready, failures = run_print(qtbot, lambda done: tab.print_roster(DEFAULT_FIELDS, masked=False, on_ready=done))
    assert ready == [] and "无权导出或打印完整身份证号和电话" in failures[0]
    assert print_entries(people.db) == []


def test_an_admins_full_roster_is_logged_before_it_is_built(qtbot, people: AppContext) -> None:
    people.db.actor = ADMIN
    tab = MembersTab(people)
    qtbot.addWidget(tab)
    ready, failures = run_print(qtbot, lambda done: tab.print_roster(DEFAULT_FIELDS, masked=False, on_ready=done))
    assert failures == [] and all(number in pdf_text(ready[0]) for number in IDS)
    [entry] = print_entries(people.db)
    assert entry.username == "wang" and entry.summary == "党员花名册（全体党员）"
    assert json.loads(entry.details) == {"people": 3}


@pytest.mark.parametrize("actor", [ADMIN, CLERK, VIEWER])
def test_the_default_roster_shows_no_full_id_number_and_logs_nothing(qtbot, people: AppContext,
                                                                     actor: Actor) -> None:
    people.db.actor = actor
    tab = MembersTab(people)
    qtbot.addWidget(tab)
    ready, failures = run_print(qtbot, lambda done: tab.print_roster(DEFAULT_FIELDS, masked=True, on_ready=done))
    text = pdf_text(ready[0])
    assert failures == [] and "张三" in text and f"{IDS[0][:6]}********{IDS[0][-4:]}" in text
    assert not any(number in text for number in IDS) and "13800001111" not in text
    assert print_entries(people.db) == []


def test_the_full_grid_roster_is_logged_for_an_admin_and_refused_for_a_clerk(qtbot, people: AppContext) -> None:
    people.db.actor = ADMIN
    tab = GridWorkersTab(people)
    qtbot.addWidget(tab)
    ready, _ = run_print(qtbot, lambda done: print_grid_roster(tab, people.db, done, masked=False))
    assert PHONE in pdf_text(ready[0])
    [entry] = print_entries(people.db)
    assert entry.summary == "网格员花名册（完整电话）" and json.loads(entry.details) == {"people": 1}

    people.db.actor = CLERK
    answer_next_message_box(QMessageBox.StandardButton.Ok)
    ready, failures = run_print(qtbot, lambda done: print_grid_roster(tab, people.db, done, masked=False))
    assert ready == [] and "lixiao" in failures[0]
    ready, failures = run_print(qtbot, lambda done: print_grid_roster(tab, people.db, done))
    assert failures == [] and PHONE not in pdf_text(ready[0]) and "139****5678" in pdf_text(ready[0])
    assert len(print_entries(people.db)) == 1
