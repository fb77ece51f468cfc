"""The printed map on pages: one page when it fits, else pages cut between lanes and rows.

`plan_print` chooses for the user: the largest scale (never shrinking text below MIN_PT)
at which the whole map fits one page; otherwise the map at full size on as many pages as it
needs, each page filled with whole lanes, a lane too tall for the rest of a page continued
on the next between two of its strategies' rows, so no card is ever cut and no page is
blank. `draw_print_pages` draws them; printed.py says what goes in each lane.

Tagged, the map reads in the order it is drawn, which is the lanes' reading order: the title
(H1), each goal (H2), its strategies (H3), each followed by the cards that serve it (P).
Connectors, bands, running titles, a continued goal's card and the footers are artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import FONT, FONT_BOLD, ellipsize, text_width
from coherence_planner.reports.map.printed import (
    CARD_WIDTHS,
    GAP,
    LANE_GAP,
    MIN_PT,
    PAD,
    SMALL_PT,
    Block,
    LanePlan,
    PrintCard,
    PrintLane,
    PrintMap,
    also_height,
    fits,
    lane_plan,
    print_map,
)
from coherence_planner.reports.map.printed_compact import draw_small, small_height
from coherence_planner.reports.map.printed_lane import draw_lane, lane_height
from coherence_planner.reports.markup import clean
from coherence_planner.reports.paper import ExportError, Sheet
from coherence_planner.reports.progress import Progress, no_progress
from coherence_planner.reports.tagging.marks import tagged

MARGIN = 30.0
TITLE_PT = 16.0
HEAD_H = 40.0  # the first page's title, subtitle and key
RUNNING_H = 18.0  # later pages: a running title
FOOTER_PT = 7.5
SCALES = (1.4, 1.25, 1.1, 1.0, 0.95, MIN_PT / SMALL_PT)  # largest first
MAX_PAGES = 400
ONE_PAGE_ITEMS = 300  # a Tabloid page holds about 150 cards at the least readable size  # a poster beyond this is a book nobody will tape together

# The reading key beside the legend, longest first: the first that fits is printed whole
# (cutting it word by word left "...and beside each strategy what").
KEYS = (
    "Read each lane left to right: a goal, its strategies, and beside each strategy what serves it.",
    "Read each lane left to right: a goal, its strategies, and what serves each.",
    "Each lane: a goal, its strategies, and what serves each.",
    "Read each lane left to right.",
)


@dataclass
class Piece:
    """Part of a lane on a page: blocks [start, end) and whether it continues one."""

    lane: PrintLane
    start: int
    end: int
    continued: bool
    last: bool  # the lane's closing notes print with this piece
    beside: PrintLane | None = None  # a second small lane standing to the right of this one
    width: float = 0.0  # the map's width (small lanes are set to it, or half of it beside)


@dataclass
class PrintPlan:
    scale: float
    map: PrintMap
    pages: list[list[Piece]]
    area: tuple[float, float]  # printable width and height, in paper points
    cut: bool = False  # more pages follow `pages` (plan_area's max_pages): not set for paper

    @property
    def smallest_text(self) -> float:
        return SMALL_PT * self.scale


def _area(sheet: Sheet) -> tuple[float, float]:
    width, height = sheet.size
    return width - 2 * MARGIN, height - 2 * MARGIN - FOOTER_PT * 2


def _split_tall_blocks(lane: PrintLane, room: float) -> None:
    """A block taller than a page becomes several, cut between its rows."""
    out: list[Block] = []
    for block in lane.blocks:
        if block.h <= room or len(block.rows) < 2:
            out.append(block)
            continue
        part: list[list[PrintCard]] = []
        height = 0.0
        for row in block.rows:
            row_h = max(c.h for c in row)
            if part and height + row_h > room:
                out.append(replace(block, rows=part, h=height, also=[]))
                part, height = [], 0.0
            part.append(row)
            height += row_h + GAP
        # The closing "also serving" line stays with the last rows.
        last = max(height - GAP + also_height(block.also), block.head.h if block.head else 0)
        out.append(replace(block, rows=part, h=last))
    lane.blocks = out


def pieces_height(pieces: list[Piece]) -> float:
    """How tall one page's lanes draw (map points), as draw_pieces stacks them."""
    return sum(_piece_height(piece) for piece in pieces) + LANE_GAP * max(0, len(pieces) - 1)


def _piece_height(piece: Piece) -> float:
    if piece.lane.form != "full":
        lanes = [piece.lane] if piece.beside is None else [piece.lane, piece.beside]
        room = piece.width if piece.beside is None else (piece.width - LANE_GAP) / 2
        return max(small_height(lane, room) for lane in lanes)
    return lane_height(piece.lane, _part(piece))


def _part(piece: Piece) -> tuple[int, int, bool, bool]:
    return piece.start, piece.end, piece.continued, piece.last


def paginate(printed: PrintMap, first_room: float, room: float) -> list[list[Piece]]:
    """Fill pages with whole lanes; a lane that does not fit the rest of a page starts a
    new one, and one taller than a page is cut between its blocks."""
    pages: list[list[Piece]] = [[]]
    left = first_room
    lanes = list(printed.lanes)
    while lanes:
        lane = lanes.pop(0)
        _split_tall_blocks(lane, room - 2 * PAD - SMALL_PT * 2)
        whole = Piece(lane, 0, len(lane.blocks), False, True, width=printed.width)
        if lane.form == "compact" and lanes and lanes[0].form == "compact":
            whole.beside = lanes.pop(0)  # two compact lanes side by side
        need = _piece_height(whole)
        if need > left and pages[-1] and (need <= room * 0.5 or left < room * 0.25):
            # A short lane moves whole to the next page; a long one fills this page first.
            pages.append([])
            left = room
        if need <= left:
            pages[-1].append(whole)
            left -= need + LANE_GAP
            continue
        start = 0
        while start < len(lane.blocks):
            end = start + 1
            while end <= len(lane.blocks):
                trial = Piece(lane, start, end, start > 0, end == len(lane.blocks))
                if _piece_height(trial) > left:
                    break
                end += 1
            end -= 1
            if end == start:  # not even one block fits what is left: a fresh page
                if not pages[-1]:
                    end = start + 1  # taller than any page even alone: print it anyway
                else:
                    pages.append([])
                    left = room
                    continue
            piece = Piece(lane, start, end, start > 0, end == len(lane.blocks))
            pages[-1].append(piece)
            left -= _piece_height(piece) + LANE_GAP
            start = end
    return [page for page in pages if page]


def plan_print(
    district: District, analysis: Analysis, sheet: Sheet, goal: str | None = None
) -> PrintPlan:
    """One page at the largest readable scale if the map fits, else full-size pages."""
    return plan_area(district, analysis, _area(sheet), sheet.label, goal)


def plan_area(
    district: District,
    analysis: Analysis,
    area: tuple[float, float],
    paper: str,
    goal: str | None = None,
    title_h: float = HEAD_H,
    one_page_only: bool = False,
    lanes: LanePlan | None = None,
    max_pages: int | None = None,
) -> PrintPlan:
    """The map's pages in `area` (printable width and height): one page at the largest
    readable scale if it fits, else pages at full size (or, with `one_page_only`, the best
    try at one page, for the caller to see that it needs more). `lanes` is lane_plan's
    answer when the caller plans several pages of one map (the report's goals). With
    `max_pages`, only the first max_pages pages are planned, exactly as they would be
    among all of them, and `cut` says whether more would follow."""
    aw, ah = area
    live = (
        lanes.live if lanes is not None else sum(1 for item in district.items.values() if item.live)
    )
    if live > MAX_PAGES * 40:  # even packed tight, a page holds about 40 cards
        raise ExportError(
            f"the map has {live:,} items: it would take more than {MAX_PAGES} pages of "
            f"{paper}. Print one goal at a time, or the report's overview of the goals."
        )
    lanes = lanes or lane_plan(district, analysis)
    if live <= ONE_PAGE_ITEMS:  # more could never be read on one page
        # Secondary drivers in a column of their own at the largest scale that has room for
        # it, before a larger scale that steps them in under their primaries.
        for column in dict.fromkeys((bool(lanes.drivers), False)):
            for scale in SCALES:
                for least in CARD_WIDTHS:
                    if not fits(aw / scale, least, column):
                        continue  # a goal, a strategy and one card would run off the page
                    printed = print_map(district, analysis, aw / scale, goal, least, lanes)
                    pages = paginate(printed, ah / scale - title_h, ah / scale - RUNNING_H)
                    if len(pages) == 1:
                        return PrintPlan(scale, printed, pages, (aw, ah))
    if one_page_only:
        return PrintPlan(1.0, print_map(district, analysis, aw, goal, plan=lanes), [], (aw, ah))
    if max_pages is not None and goal is not None:
        first = _first_pages(district, analysis, (aw, ah), goal, lanes, (title_h, max_pages))
        if first is not None:
            return first
    printed = print_map(district, analysis, aw, goal, plan=lanes)
    pages = paginate(printed, ah - title_h, ah - RUNNING_H)
    if max_pages is not None and len(pages) > max_pages:
        return PrintPlan(1.0, printed, pages[:max_pages], (aw, ah), cut=True)
    if len(pages) > MAX_PAGES:
        raise ExportError(
            f"the map would take {len(pages)} pages of {paper}; print one goal at a "
            "time or choose larger paper"
        )
    return PrintPlan(1.0, printed, pages, (aw, ah))


def _first_pages(
    district: District,
    analysis: Analysis,
    area: tuple[float, float],
    goal: str,
    lanes: LanePlan,
    limits: tuple[float, int],
) -> PrintPlan | None:
    """A goal's first `max_pages` pages at full size from the first blocks of its lane only
    (print_map's budget: a little more than those pages hold), or None when they cannot be
    told apart from the whole lane's. They are the same pages if pagination never reached
    the cut lane's last block while filling them: every block before it is the whole lane's
    (the lane is cut between primary drivers), and a page's lanes are measured from their
    own blocks, the last one's closing lines aside."""
    (aw, ah), (title_h, max_pages) = area, limits
    room = ah - RUNNING_H
    budget = (max_pages + 1) * room
    printed = print_map(district, analysis, aw, goal, plan=lanes, budget=budget)
    pages = paginate(printed, ah - title_h, room)
    blocks = len(printed.lanes[0].blocks)  # one goal, one lane
    ends = [piece.end for page in pages[:max_pages] for piece in page]
    # Filling a page tries one block more than it places: that try must not be the last block.
    if len(pages) <= max_pages or max(ends) + 1 >= blocks:
        return None
    return PrintPlan(1.0, printed, pages[:max_pages], area, cut=True)


def draw_pieces(canvas: Canvas, pieces: list[Piece], width: float, top: float = 0.0) -> float:
    """Draw one page's lanes from `top` down (map points, y down); returns the bottom."""
    y = top
    for piece in pieces:
        h = _piece_height(piece)
        if piece.lane.form != "full":
            half = (width - LANE_GAP) / 2
            draw_small(canvas, piece.lane, 0, y, width if piece.beside is None else half)
            if piece.beside is not None:
                draw_small(canvas, piece.beside, half + LANE_GAP, y, half)
        else:
            draw_lane(canvas, piece.lane, _part(piece), (y, width))
        y += h + LANE_GAP
    return y


# ----------------------------------------------------------------------------- drawing


def draw_print_pages(
    canvas: Canvas,
    plan: PrintPlan,
    sheet: Sheet,
    title: str,
    subtitle: str,
    footer: str,
    progress: Progress = no_progress,
) -> None:
    height = sheet.size[1]
    total = len(plan.pages)
    for number, pieces in enumerate(plan.pages, 1):
        progress(number / total, f"Drawing map page {number} of {total}")
        canvas.setPageSize(sheet.size)
        canvas.saveState()
        canvas.translate(MARGIN, height - MARGIN)
        canvas.scale(plan.scale, plan.scale)
        content_w = plan.area[0] / plan.scale
        top = draw_head(canvas, title, subtitle, number, content_w)
        draw_pieces(canvas, pieces, content_w, top)
        canvas.restoreState()
        _footer(canvas, sheet, footer, number, total)
        canvas.showPage()


def _Y(y: float) -> float:
    return -y


def draw_head(canvas: Canvas, title: str, subtitle: str, number: int, width: float) -> float:
    """The first page's title, subtitle and key, or a later page's running title."""
    canvas.setFillColor(style.TEXT)
    if number > 1:
        canvas.setFont(FONT_BOLD, SMALL_PT + 1)
        running = f"{clean(title)} · {clean(subtitle)} (continued)"
        canvas.drawString(0, _Y(SMALL_PT + 1), ellipsize(running, width, SMALL_PT + 1, True))
        return RUNNING_H
    canvas.setFont(FONT_BOLD, TITLE_PT)
    with tagged(canvas, "H1"):
        canvas.drawString(0, _Y(TITLE_PT), ellipsize(clean(title), width, TITLE_PT, True))
    canvas.setFillColor(style.MUTED_TEXT)
    canvas.setFont(FONT, SMALL_PT + 1)
    # Clear of the title's descenders (they touched at TITLE_PT + 10).
    with tagged(canvas, "P"):
        canvas.drawString(0, _Y(TITLE_PT + 11), ellipsize(clean(subtitle), width, SMALL_PT + 1))
    x = 0.0
    baseline = TITLE_PT + 11 + SMALL_PT * 1.25
    for kind in ("goal", "strategy", "program", "policy"):
        look = style.KIND_STYLES[kind]
        canvas.setFillColor(look.fill)
        canvas.setStrokeColor(style.GREY)
        canvas.rect(x, _Y(baseline + 1), 14, SMALL_PT + 1, stroke=1, fill=1)
        canvas.setFillColor(look.band)
        canvas.rect(x, _Y(baseline + 1), 3, SMALL_PT + 1, stroke=0, fill=1)
        canvas.setFillColor(style.TEXT)
        canvas.setFont(FONT, SMALL_PT)
        with tagged(canvas, "P"):
            canvas.drawString(x + 18, _Y(baseline), look.label)
        x += 24 + text_width(look.label, SMALL_PT)
    canvas.setFillColor(style.MUTED_TEXT)
    room = width - x - 8
    key = next((k for k in KEYS if text_width(k, SMALL_PT) <= room), "")
    with tagged(canvas, "P"):
        canvas.drawString(x + 8, _Y(baseline), key)
    return HEAD_H


def _footer(canvas: Canvas, sheet: Sheet, footer: str, number: int, total: int) -> None:
    width, _ = sheet.size
    canvas.saveState()
    canvas.setFillColor(style.MUTED_TEXT)
    canvas.setFont(FONT, FOOTER_PT)
    page = f"page {number} of {total}"
    canvas.drawRightString(width - MARGIN, MARGIN - 12, page)
    room = width - 2 * MARGIN - text_width(page, FOOTER_PT) - 20
    # A binary search, not a character at a time (a 24,000-character name took 77 s).
    canvas.drawString(MARGIN, MARGIN - 12, ellipsize(clean(footer), room, FOOTER_PT))
    canvas.restoreState()
