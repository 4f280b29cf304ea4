"""Small dialogs that ask what a document needs: a period, a month, a notice's text."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget
from sqlalchemy.orm import Session

from db.office import get_setting
from db.validation import ErrorCollector, FieldError, check_free_text, parse_date
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit, notes_edit
from desktop.common.record_dialog import RecordDialog
from desktop.printing.notice import Notice, mask_numbers


class PeriodDialog(RecordDialog):
    """The period a certificate counts (defaults: this year up to today)."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(title)
        page = self.add_page(self.tr("Period"))
        today = date.today()
        self.from_edit = self.add_field(page, "date_from", self.tr("From"), DateEdit())
        self.from_edit.set_value(date(today.year, 1, 1))
        self.to_edit = self.add_field(page, "date_to", self.tr("To"), DateEdit())
        self.to_edit.set_value(today)
        self.period: tuple[date | None, date | None] = (None, None)
        self.resize(360, 180)

    def save(self, session: Session) -> int:
        errors = ErrorCollector()
        first = errors.check(parse_date, self.from_edit.value(), "date_from", "起始日期")
        last = errors.check(parse_date, self.to_edit.value(), "date_to", "截止日期")
        if first and last and last < first:
            errors.add(FieldError("date_to", "截止日期", "不能早于起始日期"))
        errors.raise_if_any()
        self.period = (first, last)
        return 0


class MonthDialog(RecordDialog):
    """Which month to summarise (default: last month)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(self.tr("Monthly summary"))
        page = self.add_page(self.tr("Month"))
        today = date.today()
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.month_spin = QSpinBox()
        self.month_spin.setRange(1, 12)
        self.month_spin.setValue(month)
        self.add_field(page, "year", self.tr("Year"), self.year_spin)
        self.add_field(page, "month", self.tr("Month"), self.month_spin)
        self.resize(300, 160)

    def save(self, session: Session) -> int:
        return 0


class NoticeDialog(RecordDialog):
    """Writing a notice or public notice; numbers typed into its table print masked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(self.tr("Notice / public notice"))
        with ctx.db.session() as s:
            issuer = get_setting(s, "residents_committee")
        page = self.add_page(self.tr("Notice"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Notice (通知)"), "notice")
        self.kind_combo.addItem(self.tr("Public notice (公示)"), "public")
        self.add_field(page, "kind", self.tr("Kind"), self.kind_combo)
        self.issuer_edit = self.add_field(page, "issuer", self.tr("Issuer"), QLineEdit(issuer), required=True)
        self.title_edit = self.add_field(page, "title", self.tr("Title"), QLineEdit(), required=True)
        self.addressee_edit = self.add_field(page, "addressee", self.tr("To"), QLineEdit())
        self.date_edit = self.add_field(page, "issued_on", self.tr("Date"), DateEdit())
        self.date_edit.set_value(date.today())
        self.body_edit = self.add_field(page, "body", self.tr("Text (一、 （一） 1. start headings)"),
                                        notes_edit(height=220), required=True)
        table_label = self.tr("Table (optional; one row per line, columns separated by commas)")
        self.table_edit = self.add_field(page, "table", table_label, notes_edit(height=90))
        self.notice: Notice | None = None
        self.resize(640, 680)
        self.title_edit.setFocus()

    def save(self, session: Session) -> int:
        errors = ErrorCollector()
        issuer = errors.check(check_free_text, self.issuer_edit.text(), "issuer", "发文单位", max_len=60,
                              required=True)
        title = errors.check(check_free_text, self.title_edit.text(), "title", "标题", max_len=80, required=True)
        addressee = errors.check(check_free_text, self.addressee_edit.text(), "addressee", "主送", max_len=100)
        issued_on = errors.check(parse_date, self.date_edit.value(), "issued_on", "日期")
        body = errors.check(check_free_text, self.body_edit.toPlainText(), "body", "正文", max_len=20000,
                            multiline=True, required=True)
        table = errors.check(check_free_text, self.table_edit.toPlainText(), "table", "表格", max_len=20000,
                             multiline=True) or ""
        errors.raise_if_any()
        rows = [[mask_numbers(c.strip()) for c in line.replace("，", ",").split(",")]
                for line in table.splitlines() if line.strip()]
        self.notice = Notice(self.kind_combo.currentData(), issuer or "", title or "", addressee or "", body or "",
                             issued_on or date.today(), rows[0] if rows else [], rows[1:])
        return 0
