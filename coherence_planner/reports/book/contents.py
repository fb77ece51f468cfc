"""The report's contents in one layout pass.

reportlab's TableOfContents learns the page numbers by laying the whole report out twice
(multiBuild), which was half of a report's time. Here the contents' size is known before any
page is laid out: the headings are in the story, and their entries wrap the same whatever the
page numbers (the numbers have a column of their own). So the contents pages take their
exact room, each drawing a PDF form that is filled in when the pass has placed every heading
(a PDF may use a form before it defines it), and each entry links to its heading through a
named destination, also resolved when the file is saved.

Tagged, the contents are a TOC of TOCI entries, each a Link holding its words and page
number (marked inside the form) and its link annotation; the dotted leaders are artifacts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from coherence_planner.reports.book.styles import pt, styles
from coherence_planner.reports.fonts import FONT, text_width
from coherence_planner.reports.markup import esc, shortened
from coherence_planner.reports.tagging.tree import Node

CONTENTS_CHARS = 200  # about two lines of the contents
NUMBER_W = 40.0  # the page numbers' column, on Letter
_UNBOUNDED = 72000.0


@dataclass(frozen=True)
class Entry:
    """A heading as the contents list it: `key` names its bookmark and destination."""

    level: int
    text: str
    key: str


@dataclass(frozen=True)
class _Placed:
    entry: Entry
    para: Paragraph
    y: float  # the paragraph's bottom, from the block's bottom
    height: float


def headings(story: Iterable[Flowable]) -> Iterator[Entry]:
    """The contents entries of every heading in `story`, in order (also inside the groups
    that keep flowables together)."""
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            yield from headings(flowable._content)
        elif isinstance(flowable, list | tuple):
            yield from headings(flowable)
        elif hasattr(flowable, "contents_entry"):
            yield flowable.contents_entry


def contents_pages(
    entries: list[Entry], width: float, first_room: float, room: float
) -> list[Flowable]:
    """Flowables for the contents: a block per page (the first has `first_room` points under
    the "Contents" heading, the rest `room`), with page breaks between."""
    number_w = pt(NUMBER_W)
    blocks: list[list[tuple[Entry, Paragraph, float, float]]] = [[]]
    used, limit = 0.0, first_room
    for entry in entries:
        style = styles()["toc0" if entry.level == 0 else "toc1"]
        para = Paragraph(esc(shortened(entry.text, CONTENTS_CHARS)), style)
        height = float(para.wrap(width - number_w, _UNBOUNDED)[1])
        space = style.spaceBefore if blocks[-1] else 0.0
        if blocks[-1] and used + space + height > limit:
            blocks.append([])
            used, limit, space = 0.0, room, 0.0
        blocks[-1].append((entry, para, used + space, height))
        used += space + height
    out: list[Flowable] = []
    for n, block in enumerate(blocks):
        if n:
            out.append(PageBreak())
        out.append(ContentsBlock(f"contents{n}", block, width, number_w))
    return out


class ContentsBlock(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One page's share of the contents: draws its form and links each entry to its heading;
    `fill` draws the form once the page numbers are known."""

    tags_itself = True

    def __init__(
        self,
        name: str,
        rows: list[tuple[Entry, Paragraph, float, float]],
        width: float,
        number_w: float,
    ) -> None:
        super().__init__()
        self.name = name
        self.width = width
        self.number_w = number_w
        self.height = max((top + h for _, _, top, h in rows), default=0.0)
        # rows are given from the top; drawing wants them from the bottom
        self.placed = [_Placed(e, p, self.height - top - h, h) for e, p, top, h in rows]
        self.links: list[Node] = []  # each entry's Link element, made when drawn

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        tags = canvas.tags
        with tags.bare():  # the form's entries are tagged inside it
            canvas.doForm(self.name)
        toc = tags.shared("TOC")  # one for all the contents' pages
        self.links = []
        for row in self.placed:
            link = Node("Link")
            tags.group("TOCI", toc).add(link)
            self.links.append(link)
            rect = (0, row.y, self.width, row.y + row.height)
            with tags.linking(link):
                canvas.linkRect(row.entry.text, row.entry.key, rect, relative=1, thickness=0)

    def fill(self, canvas: Canvas, pages: dict[str, int]) -> None:
        """Define the form: each entry, a dotted leader and its page number."""
        canvas.beginForm(self.name, -10, -10, self.width + 10, self.height + 10)
        for row, link in zip(self.placed, self.links, strict=False):
            number = str(pages.get(row.entry.key, ""))
            style = row.para.style
            size = style.fontSize
            lines = row.para.getActualLineWidths0() or [0.0]
            baseline = row.y + row.height - style.leading * (len(lines) - 1) - size
            with canvas.tags.content(link):
                row.para.drawOn(canvas, 0, row.y)
                canvas.setFont(style.fontName, size)
                canvas.drawRightString(self.width, baseline, number)
            start = lines[-1] + 4  # (the widths include the indent)
            end = self.width - text_width(number, size) - 4
            if end > start:
                canvas.saveState()
                canvas.setFont(FONT, size)
                canvas.setDash(0.6, 2.4)
                canvas.setLineWidth(0.6)
                canvas.line(start, baseline, end, baseline)
                canvas.restoreState()
        canvas.endForm()
