"""The report's type and tables: one set of paragraph styles, one table builder.

Tables are built from Paragraph cells so long names wrap inside their column, repeat their
header row on every page they run onto, and split between rows, never inside one.

The type grows with the paper (`paper_type`): the sizes below are Letter's, and a report on
Tabloid sets every style, table and chart 1.29 times as large (body 12.3 pt, tables 10.3 pt),
so the bigger sheet is read from further away instead of printing Letter's layout with wide
margins of nothing.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Collection, Iterator, Sequence
from contextvars import ContextVar
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from coherence_planner.domain.layout import style as palette
from coherence_planner.reports.fonts import FONT, FONT_BOLD, ellipsize, register_fonts, text_width
from coherence_planner.reports.markup import clean, esc, soft_breaks
from coherence_planner.reports.tagging.flowables import TableTags

BODY_PT = 9.5  # on Letter; every size here is multiplied by type_scale(paper)
CELL_PT = 8.0
CELL_PAD = 5.0
ROW_PAD = 3.0  # above and below each row's cells
LETTER_SHORT_SIDE = 612.0
MAX_TYPE_SCALE = 1.6  # past A3 the type stops growing: a poster is not read at arm's length
_scale: ContextVar[float] = ContextVar("report type scale", default=1.0)


def type_scale(pagesize: tuple[float, float]) -> float:
    """How much larger than Letter's the report's type is on this paper (A4: 0.97,
    Tabloid: 1.29, A3: 1.38); the short side decides, whichever way the sheet is turned."""
    return min(MAX_TYPE_SCALE, min(pagesize) / LETTER_SHORT_SIDE)


@contextlib.contextmanager
def paper_type(pagesize: tuple[float, float]) -> Iterator[float]:
    """Every style, table and chart made inside uses the type scale of this paper."""
    token = _scale.set(type_scale(pagesize))
    try:
        yield _scale.get()
    finally:
        _scale.reset(token)


def pt(size: float) -> float:
    """`size` (Letter's points) on the paper being printed."""
    return size * _scale.get()


def cell_pt() -> float:
    return pt(CELL_PT)


def cell_leading() -> float:
    """A plain-text cell's line height."""
    return pt(CELL_PT) * 1.25


_UNBOUNDED = 72000.0  # the height a cell may take when measured (as Table measures it)
_FUZZ = 1e-6
MAX_CELL_CHARS = 1500  # a table row must fit on one page; longer text is shortened
# A row never splits, so it must fit the shortest frame the report has (Letter landscape:
# 512 pt; a larger paper's type and frame both grow) with its header and a heading kept
# with it. A narrow column can make even
# MAX_CELL_CHARS too tall (1,500 characters in 2 inches is about 700 pt), so a cell is
# also cut to this height, with a note that it was.
MAX_CELL_HEIGHT = 380.0
SHORTENED = "… (shortened for print; see the plan)"
KEEP_ROWS = 2  # a table splits leaving at least this many rows on each page


def _cell_text(text: str) -> str:
    if len(text) <= MAX_CELL_CHARS:
        return text
    return text[: MAX_CELL_CHARS - 40].rstrip() + " " + SHORTENED


def _capped(cell: Flowable, width: float) -> tuple[object, float]:
    """A cell no taller than MAX_CELL_HEIGHT (and its height): a taller paragraph keeps the
    lines that fit, followed by a note that the rest was left out."""
    height = float(cell.wrap(width, _UNBOUNDED)[1])
    if height <= pt(MAX_CELL_HEIGHT) or not isinstance(cell, Paragraph):
        return cell, height
    note = Paragraph(esc(SHORTENED), styles()["cell"])
    room = pt(MAX_CELL_HEIGHT) - note.wrap(width, _UNBOUNDED)[1]
    head = cell.split(width, room)[:1]
    parts = [*head, note]
    return parts, sum(float(p.wrap(width, _UNBOUNDED)[1]) for p in parts)


def styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles on the paper being printed (paper_type)."""
    return _styles(_scale.get())


@cache
def _styles(k: float) -> dict[str, ParagraphStyle]:
    register_fonts()
    letter = _letter()
    # Children first: each reads what it inherits from the body before the body is scaled.
    scaled = {name: _scaled(style, k) for name, style in letter.items() if name != "body"}
    return {"body": _scaled(letter["body"], k), **scaled}


def _scaled(style: ParagraphStyle, k: float) -> ParagraphStyle:
    """A Letter style with its sizes and spacing multiplied by `k` (set on the style itself,
    so nothing is left inheriting the Letter body's size)."""
    for attr in ("fontSize", "leading", "spaceBefore", "spaceAfter", "leftIndent"):
        setattr(style, attr, getattr(style, attr) * k)
    return style


def _letter() -> dict[str, ParagraphStyle]:
    """The styles on Letter."""
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_PT, leading=BODY_PT * 1.3)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "muted": ParagraphStyle(
            "muted", parent=body, textColor=colors.HexColor(palette.MUTED_TEXT)
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "cell-indented": ParagraphStyle(
            "cell-indented", parent=body, fontSize=8, leading=10, leftIndent=18
        ),
        "num": ParagraphStyle("num", parent=body, fontSize=8, leading=10, alignment=2),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10),
        "head-right": ParagraphStyle(
            "head-right", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10, alignment=2
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
            textColor=colors.HexColor(palette.BLUE),
        ),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=28, leading=34),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=16, leading=22),
        "warning": ParagraphStyle(
            "warning", parent=body, textColor=colors.HexColor(palette.VERMILLION)
        ),
        "toc0": ParagraphStyle(
            "toc0", parent=body, fontName=FONT_BOLD, leftIndent=0, spaceBefore=4
        ),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=8.5, leading=11, leftIndent=14),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of user text, escaped: it prints literally whatever it contains."""
    return Paragraph(esc(text), styles()[style])


def bullets(texts: Sequence[str], style: str = "body") -> list[Paragraph]:
    """A bulleted list of user texts, a paragraph an item, tagged as one list (L, LI)."""
    key = object()  # the list the items share
    items = [para(f"• {text}", style) for text in texts]
    for item in items:
        item.list_key = key
    return items


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of the report's own markup (callers escape every user part with esc)."""
    return Paragraph(text, styles()[style])


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],  # str (user text, escaped here) or Paragraph
    widths: Sequence[float],
    *,
    wrap: Collection[int] | None = None,
    align_right: Sequence[int] = (),
) -> RowTable:
    """A table with a repeated header. String cells are user text: in the `wrap` columns
    (all, by default) they become wrapping paragraphs when one line is not enough; elsewhere they are drawn as plain
    text, shortened with an ellipsis to the column, which is far quicker for long tables.
    A number cell (`right`) in an `align_right` column is plain text when one line holds it,
    else a right-aligned paragraph, as it is in any other column."""
    head = [
        Paragraph(esc(h), styles()["head-right" if n in align_right else "head"])
        for n, h in enumerate(header)
    ]
    wrapped = set(range(len(widths))) if wrap is None else set(wrap)
    plain_numbers = set(align_right)
    size, leading = cell_pt(), cell_leading()
    body = []
    for row in rows:
        cells: list[object] = []
        for n, c in enumerate(row):
            if not isinstance(c, str):
                cells.append(c)
            elif isinstance(c, Number):
                plain = n in plain_numbers and _fits(c, widths[n] - 2 * CELL_PAD)
                cells.append(str(c) if plain else Paragraph(esc(c), styles()["num"]))
            elif n in wrapped and not _fits(c, widths[n] - 2 * CELL_PAD):
                cells.append(Paragraph(soft_breaks(_cell_text(c)), styles()["cell"]))
            else:
                cells.append(fit_text(clean(c), widths[n] - 2 * CELL_PAD, size))
        body.append(cells)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), FONT, size, leading),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6EEF5")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(palette.BLUE)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), ROW_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PAD),
    ]
    for column in align_right:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    return RowTable(head, body, widths, TableStyle(commands))


class RowTable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A table with a repeated header row that runs over as many pages as it needs, laid out
    in time linear in its rows.

    reportlab's Table.split builds a new Table from every remaining row at each page break,
    re-measuring and re-styling them all, so a long table cost time quadratic in its rows
    (a 10,000-item inventory: a third of a 209 s report). Here each row is measured once,
    with the same rules Table uses (the tallest cell plus the padding; a paragraph's wrapped
    height, a string's lines times the leading), and each page gets a Table of just the
    rows that fit, with those heights given, so nothing is measured twice.

    Every piece is tagged as part of one Table element (TableTags): the header cells once,
    the header repeated on a continuation page as an artifact.
    """

    tags_itself = True

    def __init__(
        self,
        head: list[object],
        body: list[list[object]],  # cut in place when measured (see _row_height)
        widths: Sequence[float],
        style: TableStyle,
        *,
        start: int = 0,
        measured: tuple[float, list[float]] | None = None,
        tags: TableTags | None = None,
    ) -> None:
        super().__init__()
        self.hAlign = "LEFT"
        self._head, self._body, self._widths, self._style = head, body, list(widths), style
        self._start = start
        self._leading = cell_leading()  # the paper's, when the table was made
        # (header height, prefix sums of the row heights): shared by every piece of one table
        self._measured = measured
        self._tags = tags or TableTags()

    def _measure(self) -> tuple[float, list[float]]:
        if self._measured is None:
            prefix = [0.0]
            for row in self._body:
                prefix.append(prefix[-1] + self._row_height(row))
            self._measured = (self._row_height(self._head), prefix)
        return self._measured

    def _row_height(self, row: list[object]) -> float:
        """The row's height, once each cell too tall for a page is cut (in place)."""
        tallest = 0.0
        for n, (cell, width) in enumerate(zip(row, self._widths, strict=False)):
            if isinstance(cell, Flowable):
                row[n], height = _capped(cell, width - 2 * CELL_PAD)
            else:
                height = self._leading * (str(cell).count("\n") + 1)
            tallest = max(tallest, height)
        return tallest + 2 * ROW_PAD

    def lead_height(self, rows: int = KEEP_ROWS) -> float:
        """The header and the first `rows` rows: what must fit below a table's heading."""
        return self._rows_height(min(len(self._body), self._start + rows))

    def _rows_height(self, stop: int) -> float:
        head, prefix = self._measure()
        return head + prefix[stop] - prefix[self._start]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self._widths)
        self.height = self._rows_height(len(self._body))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head, prefix = self._measure()
        room = prefix[self._start] + availHeight - head - _FUZZ
        stop = bisect.bisect_right(prefix, room) - 1  # the rows up to `stop` fit
        if stop >= len(self._body):
            return [self._piece(len(self._body))]
        # Never a header with one row at a page's foot, nor one row alone at the next page's
        # top, cut from its heading: a table of a few rows moves whole.
        # (At the top of a page, where moving on would gain nothing, whatever fits goes.)
        left = len(self._body) - self._start
        if not _at_top(self):
            if left < 2 * KEEP_ROWS:
                return []  # the next page, whole
            stop = min(stop, len(self._body) - KEEP_ROWS)
            if stop - self._start < KEEP_ROWS:
                return []
        if stop <= self._start:
            return []
        rest = RowTable(
            self._head,
            self._body,
            self._widths,
            self._style,
            start=stop,
            measured=self._measured,
            tags=self._tags,
        )
        return [self._piece(stop), rest]

    def _piece(self, stop: int) -> Table:
        head, prefix = self._measure()
        heights = [head] + [prefix[n + 1] - prefix[n] for n in range(self._start, stop)]
        piece = Table(
            [self._head, *self._body[self._start : stop]],
            colWidths=self._widths,
            rowHeights=heights,
            repeatRows=1,
            hAlign="LEFT",
            renderCB=self._tags.piece(continued=self._start > 0),
        )
        piece.setStyle(self._style)
        return piece

    def draw(self) -> None:
        piece = self._piece(len(self._body))
        piece.wrapOn(self.canv, self.width, self.height)
        piece.drawOn(self.canv, 0, 0)


def _at_top(flowable: Flowable) -> bool:
    """Whether the flowable is being split at the top of a frame (nothing placed above)."""
    doc = getattr(getattr(flowable, "canv", None), "_doctemplate", None)
    frame = getattr(doc, "frame", None)
    return bool(getattr(frame, "_atTop", False))


def _fits(text: str, room: float) -> bool:
    """One line of plain text is enough (a Paragraph costs ten times as much to lay out)."""
    return "\n" not in text and text_width(clean(text), cell_pt()) <= room


def fit_text(text: str, room: float, size: float) -> str:
    """Plain text shortened with an ellipsis to fit `room` points."""
    return ellipsize(text, room, size)


class Number(str):
    """A number cell's text, marked for `table` (which makes the cell)."""

    __slots__ = ()


def right(text: str) -> Number:
    """A right-aligned number cell. In a right-aligned column that one line holds it is plain
    text, drawn where the "num" paragraph drew it (its baseline a font size below the cell's
    padding, its right edge at the padding, the table's font and leading being the style's):
    a Paragraph per number was 6,737 of the 10,000-program report's 9,975 paragraphs to
    parse, wrap and draw."""
    return Number(text)


def kept_with(intro: list[Flowable], follows: Flowable, width: float) -> list[Flowable]:
    """`intro` (a heading, a sentence) never at a page's foot without the start of what it
    introduces: a table's header and first rows, or the whole of anything else that fits."""
    need = sum(float(f.wrap(width, _UNBOUNDED)[1]) for f in intro)
    if isinstance(follows, RowTable):
        need += follows.lead_height()
    else:
        need += float(follows.wrap(width, _UNBOUNDED)[1])
    return [CondPageBreak(need), *intro, follows]
