"""The report's document: page frames, running footers, the contents, bookmarks, metadata.

Section headings are `Heading` paragraphs; as each is laid out the document records its page
for the contents (contents.py, filled in after the one layout pass) and the PDF outline
(bookmarks), so both always agree with the pages. The builder reports progress as flowables
are placed, and a cancel raised from the progress callback stops the build there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate, Paragraph

from coherence_planner.domain.layout import style as palette
from coherence_planner.reports.book.contents import ContentsBlock, Entry
from coherence_planner.reports.book.styles import pt, styles
from coherence_planner.reports.fonts import FONT, ellipsize, text_width
from coherence_planner.reports.markup import clean, esc
from coherence_planner.reports.pdf_meta import CREATOR
from coherence_planner.reports.progress import Progress, no_progress
from coherence_planner.reports.script_canvas import ScriptCanvas
from coherence_planner.reports.tagging.flowables import TaggedFrame

MARGIN = 50.0
FOOTER_PT = 7.5


class Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A section heading that goes into the contents and the bookmarks at `level`."""

    def __init__(self, text: str, level: int) -> None:
        super().__init__(esc(text), styles()["h1" if level == 0 else "h2"])
        self.plain = clean(text)
        self.level = level
        # known before layout, so the contents can link to it before it is placed
        self.contents_entry = Entry(level, self.plain, f"h{id(self)}")

    def split(self, avail_width: float, avail_height: float) -> list[Paragraph]:
        """A heading too long for the rest of the page splits into plain paragraphs, the
        first carrying the contents entry. (reportlab rebuilds split parts by calling the
        class with Paragraph's own arguments, which crashed on a 3,000-character name.)"""
        parts = Paragraph(self.text, self.style).split(avail_width, avail_height)
        if not parts:
            return []
        first = _HeadingPart(parts[0], self.contents_entry)
        return [first, *parts[1:]]


class _HeadingPart(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """The first piece of a split Heading: laid out as that piece, listed like the heading."""

    def __init__(self, piece: Paragraph, entry: Entry) -> None:
        self.__dict__.update(piece.__dict__)
        self.contents_entry = entry
        self.plain, self.level = entry.text, entry.level


@dataclass(frozen=True)
class PageFill:
    """How much of a page's frame the layout used, and whether a section ended on it (a
    PageBreak: the only good reason for a page to be left mostly empty)."""

    page: int
    used: float  # 0 to 1 of the frame's height
    section_end: bool


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """A report on one paper size and one orientation, with a cover page and numbered pages
    after it. (The map and the money flow once had pages turned sideways in the middle of a
    portrait book: a board member turning the packet, a printer switching trays. They now
    take the book's page and scale to it.)"""

    def __init__(
        self,
        filename: str | BinaryIO,
        *,
        pagesize: tuple[float, float],
        title: str,
        author: str,
        footer: str,
        progress: Progress = no_progress,
    ) -> None:
        super().__init__(
            filename,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=clean(title),
            author=clean(author),
            subject="Coherence report",
            creator=CREATOR,
            keywords=["coherence", "district plan"],
            pageCompression=1,
            initialFontName=FONT,  # no stray Helvetica: every glyph comes from DejaVu Sans
            initialFontSize=FOOTER_PT,
        )
        self.footer = clean(footer)
        self.footer_pt = pt(FOOTER_PT)
        self._fitted: dict[float, str] = {}  # the footer fitted to each room, once
        self.progress = progress
        self._placed = 0
        self._expected = 1
        self._contents: list[ContentsBlock] = []
        self.pages_of: dict[str, int] = {}  # each heading's page, by its key
        self.fills: list[PageFill] = []  # the last pass's, page by page
        self._section_end = False
        # Each flowable placed is tagged for screen readers; the cover band, the footer and
        # the page numbers drawn around them are artifacts (reports/tagging/).
        frame = TaggedFrame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )

    # -- one layout pass; the contents are filled in at its end ------------------------
    def build_story(self, story: list[Flowable], contents: list[ContentsBlock]) -> None:
        self._expected = max(1, len(story))
        self._contents = contents
        # ScriptCanvas: names in any script draw in a font the computer has (script_canvas.py).
        self.build(story, canvasmaker=ScriptCanvas)

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self._placed = 0
        self.fills = []

    def _endBuild(self) -> None:
        self._doSave = 0  # the forms are defined after the last page, then the file saved
        super()._endBuild()
        for block in self._contents:
            block.fill(self.canv, self.pages_of)
        self.canv.save()

    def handle_pageBreak(self, slow: bool | None = None) -> None:
        self._section_end = True
        super().handle_pageBreak(slow)

    def handle_pageEnd(self) -> None:
        frame = self.frame
        top = frame._y1 + frame._height - frame._topPadding
        used = (top - frame._y) / max(1.0, frame._height - frame._topPadding - frame._bottomPadding)
        self.fills.append(PageFill(self.page, min(1.0, used), self._section_end))
        self._section_end = False
        super().handle_pageEnd()

    def afterFlowable(self, flowable: Flowable) -> None:
        self._placed += 1
        if self._placed % 5 == 0:
            fraction = min(0.99, self._placed / self._expected)
            self.progress(fraction, f"Laying out pages (page {self.page})")
        if isinstance(flowable, Heading | _HeadingPart):
            entry = flowable.contents_entry
            self.canv.bookmarkPage(entry.key)
            self.canv.addOutlineEntry(entry.text, entry.key, entry.level, closed=True)
            self.pages_of[entry.key] = self.page

    # -- page decoration ---------------------------------------------------------------
    def _cover_page(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(palette.BLUE))
        canvas.rect(0, self.pagesize[1] - 18, self.pagesize[0], 18, stroke=0, fill=1)
        canvas.restoreState()

    def _footer_for(self, room: float) -> str:
        room = round(room)  # page numbers of one width share one fitting
        if room not in self._fitted:
            self._fitted[room] = ellipsize(self.footer, room, self.footer_pt)
        return self._fitted[room]

    def _body_page(self, canvas: Canvas, doc: Any) -> None:
        width = float(canvas._pagesize[0])  # this page's own width: a wide page is turned
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, MARGIN - 14, width - MARGIN, MARGIN - 14)
        canvas.setFillColor(colors.HexColor(palette.MUTED_TEXT))
        canvas.setFont(FONT, self.footer_pt)
        number = f"Page {doc.page}"
        # The footer is the district's name, which may be 1,000 characters: it gets the line
        # less the page number, never running into it.
        room = width - 2 * MARGIN - text_width(number, self.footer_pt) - 12
        canvas.drawString(MARGIN, MARGIN - 26, self._footer_for(room))
        canvas.drawRightString(width - MARGIN, MARGIN - 26, number)
        canvas.restoreState()
