"""The GB/T 9704-2012 page grid for notices: 22 lines × 28 characters in a 156 × 225 mm block.

ReportLab's Paragraph sets 3号 characters at their natural 16 pt, so only 27 fit in 156 mm and
the lines float off the grid. Here the text is broken into lines by hand: every character
advances one grid cell (156 mm / 28 = 15.79 pt, a 16 pt face with −0.21 pt letter spacing),
every line sits on one of the 22 rows (225 mm / 22 = 28.99 pt), lines never start with a
closing mark nor end with an opening one (避头尾), and Latin words and numbers stay whole.
A body is a list of `Line`s, so it can be split between any two lines, and the last lines go
with the issuer and date (`Closing`) so those are never left alone on a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT, TOP = 28 * mm, 37 * mm
BLOCK_WIDTH, BLOCK_HEIGHT = 156 * mm, 225 * mm
BOTTOM = PAGE_HEIGHT - TOP - BLOCK_HEIGHT  # 35 mm
LINES, CHARS = 22, 28
PITCH = BLOCK_HEIGHT / LINES  # ≈ 28.99 pt
CELL = BLOCK_WIDTH / CHARS  # ≈ 15.79 pt
BODY_SIZE, TITLE_SIZE, FOLIO_SIZE = 16, 22, 14  # 3号, 2号, 4号
RED = colors.HexColor("#d40000")

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
WORD_CHARS = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_/@*+#&'")
JUSTIFY_LIMIT = 3  # cells of slack a line may spread between its characters; more stays ragged


@dataclass(frozen=True)
class Line:
    """One grid row (or `slots` rows) of text, `x` from the text block's left edge."""

    text: str
    font: str
    size: float = BODY_SIZE
    x: float = 0.0
    char_space: float = 0.0
    slots: int = 1
    color: colors.Color = colors.black
    rule: bool = False  # the letterhead's red rule under the text, as wide as the block

    def draw(self, canv: Canvas, bottom: float) -> None:
        """Draw with the em box centred on its rows; `bottom` is the rows' lower edge."""
        height = self.slots * PITCH
        if self.rule:
            canv.saveState()
            canv.setStrokeColor(RED)
            canv.setLineWidth(1.5)
            canv.line(0, bottom + 1, BLOCK_WIDTH, bottom + 1)
            canv.restoreState()
            baseline = bottom + 4 * mm + 0.12 * self.size  # the rule 4 mm under the letterhead
        else:
            baseline = bottom + (height - self.size) / 2 + 0.12 * self.size
        if not self.text:
            return
        text = canv.beginText(self.x, baseline)
        text.setFont(self.font, self.size)
        text.setCharSpace(self.char_space)
        text.setFillColor(self.color)
        text.textOut(self.text)
        canv.drawText(text)


def blank() -> Line:
    return Line("", "")


def advances(text: str, font: str, size: float, cell: float) -> list[float]:
    """Each character's advance on the grid: a full-width character exactly one cell."""
    space = cell - size
    return [stringWidth(ch, font, size) + space for ch in text]


def break_points(text: str, widths: Sequence[float], first: float, rest: float) -> list[tuple[int, int]]:
    """(start, end) of each line: as many characters as fit, then 避头尾 and whole Latin words."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        room = first if not spans else rest
        end, used = start, 0.0
        while end < n and used + widths[end] <= room + 0.01:
            used += widths[end]
            end += 1
        end = max(end, start + 1)
        if end < n:
            if text[end] in WORD_CHARS and text[end - 1] in WORD_CHARS:
                word_start = end
                while word_start > start and text[word_start - 1] in WORD_CHARS:
                    word_start -= 1
                if word_start > start:
                    end = word_start
            cut = end
            while cut > start + 1 and (text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END):
                cut -= 1
            end = cut
        spans.append((start, end))
        start = end
    return spans


def grid_lines(text: str, font: str, *, indent: int = 2, size: float = BODY_SIZE, width: float = BLOCK_WIDTH,
               x: float = 0.0) -> list[Line]:
    """A paragraph on the grid, first line indented `indent` cells, every line but the last
    justified to the full width (a full line of Chinese is then exactly 28 cells)."""
    widths = advances(text, font, size, CELL)
    first = width - indent * CELL
    spans = break_points(text, widths, first, width)
    lines = []
    for number, (start, end) in enumerate(spans):
        room = first if number == 0 else width
        space = CELL - size
        glyphs = sum(widths[start:end]) - (end - start) * space
        if number < len(spans) - 1 and end - start > 1 and room - sum(widths[start:end]) <= JUSTIFY_LIMIT * CELL:
            space = (room - space - glyphs) / (end - start - 1)  # the last character's cell ends at the margin
        lines.append(Line(text[start:end], font, size, x + (indent * CELL if number == 0 else 0), space))
    return lines


def centred_lines(text: str, font: str, size: float, color: colors.Color = colors.black) -> list[Line]:
    """A title: centred, and when long broken into lines of even length, the longer ones first
    (the 梯形 GB/T 9704 asks for), at the face's natural spacing."""
    widths = advances(text, font, size, size)
    total = sum(widths)
    count = max(1, -(-int(total) // int(BLOCK_WIDTH - size)))  # at most ~19 characters of 2号
    target = total / count
    spans = break_points(text, widths, target + size * 0.99, target + size * 0.99)
    return [Line(text[s:e], font, size, (BLOCK_WIDTH - sum(widths[s:e])) / 2, color=color) for s, e in spans]


def letterhead(issuer: str, font: str) -> Line:
    """The issuer's name in red over a red rule, filling two rows, shrunk to fit the block."""
    size = min(36.0, BLOCK_WIDTH / max(1.0, sum(advances(issuer, font, 1, 1))))
    width = stringWidth(issuer, font, size)
    return Line(issuer, font, size, (BLOCK_WIDTH - width) / 2, slots=2, color=RED, rule=True)


def signature(issuer: str, date_text: str, font: str) -> list[Line]:
    """A blank row, the issuer, the date: the date ends four cells in from the right margin and
    the issuer is centred over it (room for the seal over both), kept two cells in at most."""
    date_widths = advances(date_text, font, BODY_SIZE, CELL)
    date_x = BLOCK_WIDTH - 4 * CELL - sum(date_widths)
    centre = date_x + sum(date_widths) / 2
    rows = [blank()]
    for line in grid_lines(issuer, font, indent=0, width=BLOCK_WIDTH - 2 * CELL) if issuer else []:
        width = sum(advances(line.text, font, BODY_SIZE, CELL))
        x = min(centre - width / 2, BLOCK_WIDTH - 2 * CELL - width)
        rows.append(replace(line, x=max(0.0, x), char_space=CELL - BODY_SIZE))
    rows.append(Line(date_text, font, BODY_SIZE, date_x, CELL - BODY_SIZE))
    return rows


def rows_that_fit(available: float) -> int:
    return int((available + 0.01) // PITCH)


def to_grid(used: float) -> float:
    """The space from `used` (measured from the frame top) down to the next row boundary."""
    rest = used % PITCH
    return 0.0 if rest < 0.01 or PITCH - rest < 0.01 else PITCH - rest


class GridLines(Flowable):
    """Rows of text on the grid; splits between any two rows."""

    def __init__(self, lines: Sequence[Line]) -> None:
        super().__init__()
        self.lines = list(lines)

    def _height(self) -> float:
        return sum(line.slots for line in self.lines) * PITCH

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        return BLOCK_WIDTH, self._height()

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        rows, count = rows_that_fit(aH), 0
        while count < len(self.lines) and self.lines[count].slots <= rows:
            rows -= self.lines[count].slots
            count += 1
        if count == 0:
            return []
        return [GridLines(self.lines[:count]), GridLines(self.lines[count:])]

    def draw(self) -> None:
        top = self._height()
        for line in self.lines:
            top -= line.slots * PITCH
            line.draw(self.canv, top)


@dataclass
class TableTail:
    """The last rows of a notice's table; their header repeats only where they open a page
    (or where they are the whole table)."""

    make: Callable[[bool], Table]  # the tail with (True) or without its header row
    whole: bool


class Closing(Flowable):
    """The body's last rows (or table rows) with the signature, never parted: when they do not
    fit, all of them go to the next page together."""

    def __init__(self, tail: Sequence[Line], sign: Sequence[Line], table: TableTail | None = None) -> None:
        super().__init__()
        self.tail, self.sign, self.table = list(tail), list(sign), table
        self._table: Table | None = None
        self._table_height = self._pad = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803
        at_top = aH >= BLOCK_HEIGHT - 0.5
        self._table_height = self._pad = 0.0
        if self.table is not None:
            self._table = self.table.make(at_top or self.table.whole)
            _, self._table_height = self._table.wrap(aW, aH)
            self._pad = to_grid(BLOCK_HEIGHT - aH + self._table_height)
        self.height = self._table_height + self._pad + (len(self.tail) + len(self.sign)) * PITCH
        return BLOCK_WIDTH, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        return []

    def draw(self) -> None:
        top = self.height
        if self._table is not None:
            top -= self._table_height
            self._table.drawOn(self.canv, 0, top)
            top -= self._pad
        for line in [*self.tail, *self.sign]:
            top -= PITCH
            line.draw(self.canv, top)
