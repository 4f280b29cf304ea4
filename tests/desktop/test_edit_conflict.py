"""Two clerks on one record: the second save is refused, naming who changed it and when, and the
dialog offers to reload (db.versions). The other clerk is a second Database on the same file or
server, as a second PC is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import open_database
from db.members import load_member_input, save_member
from db.models import PartyMember
from desktop.common.context import AppContext
from desktop.members.dialog import MemberDialog
from tests.db.test_members import member_input, save


def test_the_second_save_is_refused_with_who_and_when_and_reload_shows_theirs(
        qtbot, ctx: AppContext, db_target: Path | str) -> None:  # type: ignore[no-untyped-def]
    member = save(ctx.db, member_input(ctx.db, "张三"))
    dialog = MemberDialog(ctx, member)
    qtbot.addWidget(dialog)
    dialog.show()

    other_pc = open_database(db_target, create=False)
    try:
        with other_pc.session() as s, s.begin():
            theirs = load_member_input(s, member)
            theirs.native_place = "河南洛阳"
            save_member(s, theirs, member)
    finally:
        other_pc.close()

    dialog.native_place_edit.setText("山东济南")
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            qtbot.wait(20)
            return answer()
        seen.append(box.text())
        next(b for b in box.buttons() if "重新载入" in b.text() or "Reload" in b.text()).click()

    from PySide6.QtCore import QTimer
    QTimer.singleShot(20, answer)
    dialog.save_button.click()

    assert seen and "修改过" in seen[0] and "您的修改没有保存" in seen[0]
    assert dialog.isVisible()  # nothing typed is lost without the clerk choosing
    assert dialog.native_place_edit.text() == "河南洛阳"  # reloaded: theirs
    with ctx.db.session() as s:
        assert s.get_one(PartyMember, member).native_place == "河南洛阳"

    dialog.native_place_edit.setText("山东济南")  # a save after the reload goes through
    dialog.save_button.click()
    with ctx.db.session() as s:
        assert s.get_one(PartyMember, member).native_place == "山东济南"
