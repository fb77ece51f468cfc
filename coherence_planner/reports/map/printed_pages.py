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

import contextlib
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import FONT, FONT_BOLD, ellipsize, text_width
from coherence_planner.reports.map.printed import (
    BLOCK_GAP,
    BUS,
    CARD_WIDTHS,
    DIRECT_LABEL,
    GAP,
    GOAL_W,
    LANE_GAP,
    MIN_PT,
    PAD,
    SMALL_PT,
    STRATEGY_W,
    Block,
    LanePlan,
    PrintCard,
    PrintLane,
    PrintMap,
    also_height,
    band_width,
    lane_plan,
    print_map,
    rows_height,
)
from coherence_planner.reports.map.printed_card import draw_card
from coherence_planner.reports.map.printed_compact import draw_small, small_height
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
                out.append(Block(block.head, part, height))
                part, height = [], 0.0
            part.append(row)
            height += row_h + GAP
        # The closing "also serving" line stays with the last rows.
        last = max(height - GAP + also_height(block.also), block.head.h if block.head else 0)
        out.append(Block(block.head, part, last, block.also))
    lane.blocks = out


def pieces_height(pieces: list[Piece]) -> float:
    """How tall one page's lanes draw (map points), as draw_pieces stacks them."""
    return sum(_piece_height(piece) for piece in pieces) + LANE_GAP * max(0, len(pieces) - 1)


def _piece_height(piece: Piece) -> float:
    if piece.lane.form != "full":
        lanes = [piece.lane] if piece.beside is None else [piece.lane, piece.beside]
        room = piece.width if piece.beside is None else (piece.width - LANE_GAP) / 2
        return max(small_height(lane, room) for lane in lanes)
    blocks = piece.lane.blocks[piece.start : piece.end]
    body = sum(b.h for b in blocks) + BLOCK_GAP * max(0, len(blocks) - 1)
    if piece.last:
        body += len(piece.lane.also) * SMALL_PT * 1.25 + (GAP if piece.lane.also else 0)
    goal = piece.lane.goal
    if goal is None:
        return SMALL_PT * 2 + body + 2 * PAD
    return max(goal.h + (SMALL_PT * 1.4 if piece.continued else 0.0), body) + 2 * PAD


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
) -> PrintPlan:
    """The map's pages in `area` (printable width and height): one page at the largest
    readable scale if it fits, else pages at full size (or, with `one_page_only`, the best
    try at one page, for the caller to see that it needs more). `lanes` is lane_plan's
    answer when the caller plans several pages of one map (the report's goals)."""
    aw, ah = area
    live = sum(1 for item in district.items.values() if item.live)
    if live > MAX_PAGES * 40:  # even packed tight, a page holds about 40 cards
        raise ExportError(
            f"the map has {live:,} items: it would take more than {MAX_PAGES} pages of "
            f"{paper}. Print one goal at a time, or the report's overview of the goals."
        )
    lanes = lanes or lane_plan(district, analysis)
    if live <= ONE_PAGE_ITEMS:  # more could never be read on one page
        for scale in SCALES:
            for least in CARD_WIDTHS:
                if aw / scale < GOAL_W + STRATEGY_W + 2 * BUS + 2 * PAD + least:
                    continue  # a goal, a strategy and one card would run off the page
                printed = print_map(district, analysis, aw / scale, goal, least, lanes)
                pages = paginate(printed, ah / scale - title_h, ah / scale - RUNNING_H)
                if len(pages) == 1:
                    return PrintPlan(scale, printed, pages, (aw, ah))
    if one_page_only:
        return PrintPlan(1.0, print_map(district, analysis, aw, goal, plan=lanes), [], (aw, ah))
    printed = print_map(district, analysis, aw, goal, plan=lanes)
    pages = paginate(printed, ah - title_h, ah - RUNNING_H)
    if len(pages) > MAX_PAGES:
        raise ExportError(
            f"the map would take {len(pages)} pages of {paper}; print one goal at a "
            "time or choose larger paper"
        )
    return PrintPlan(1.0, printed, pages, (aw, ah))


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
            draw_piece(canvas, piece, y, width, h)
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


def draw_piece(canvas: Canvas, piece: Piece, top: float, width: float, height: float) -> None:
    """A lane (or part of one) at `top` (y down, in map points) across `width`."""
    lane = piece.lane
    orphan = lane.goal is None
    canvas.saveState()
    canvas.setFillColor(style.ORPHAN_REGION_FILL if orphan else style.REGION_FILL)
    band = band_width(lane, lane.blocks[piece.start : piece.end], width)
    canvas.rect(0, _Y(top + height), band, height, stroke=0, fill=1)
    y = top + PAD
    x = PAD
    if orphan:
        canvas.setFillColor(style.TEXT)
        canvas.setFont(FONT_BOLD, SMALL_PT + 0.5)
        label = lane.label + (" (continued)" if piece.continued else "")
        with tagged(canvas, "H2") if not piece.continued else contextlib.nullcontext():
            canvas.drawString(x, _Y(y + SMALL_PT), clean(label))
        y += SMALL_PT * 2
        for block in lane.blocks[piece.start : piece.end]:
            _rows(canvas, block, x, y)
            y += block.h + BLOCK_GAP
        canvas.restoreState()
        return
    goal = lane.goal
    assert goal is not None
    goal_h = max(goal.h, height - 2 * PAD)
    goal.x, goal.y = x, y
    draw_card(canvas, goal, h=goal_h, continued=piece.continued)
    bus_goal = x + GOAL_W + BUS / 2
    body_x = x + GOAL_W + BUS
    mids: list[float] = []
    for block in lane.blocks[piece.start : piece.end]:
        if block.head is not None:
            block.head.x, block.head.y = body_x, y
            draw_card(canvas, block.head)
            mid = y + block.head.h / 2
            cards_x = body_x + STRATEGY_W + BUS
            if block.rows:
                _connect(canvas, body_x + STRATEGY_W, mid, cards_x, block, y)
        else:
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.setFont(FONT, SMALL_PT)
            with tagged(canvas, "H3"):
                for n, line in enumerate(_wrap_label(DIRECT_LABEL)):
                    canvas.drawString(body_x, _Y(y + SMALL_PT * (1 + 1.2 * n)), line)
            mid = y + SMALL_PT * 0.6
            cards_x = body_x + STRATEGY_W + BUS
        mids.append(mid)
        _rows(canvas, block, cards_x, y)
        if block.also:
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.setFont(FONT, SMALL_PT)
            line_y = y + rows_height(block.rows) + GAP
            with tagged(canvas, "P"):
                for line in block.also:
                    canvas.drawString(cards_x, _Y(line_y + SMALL_PT), line)
                    line_y += SMALL_PT * 1.25
        y += block.h + BLOCK_GAP
    if mids:  # goal <- strategies: a bus from the goal's right edge
        canvas.setStrokeColor(style.SUPPORTS_STYLES["moderate"].colour)
        canvas.setLineWidth(0.8)
        canvas.line(x + GOAL_W, _Y(mids[0]), bus_goal, _Y(mids[0]))
        canvas.line(bus_goal, _Y(mids[0]), bus_goal, _Y(mids[-1]))
        for mid in mids:
            canvas.line(bus_goal, _Y(mid), body_x, _Y(mid))
    if piece.last and lane.also:
        canvas.setFillColor(style.MUTED_TEXT)
        canvas.setFont(FONT, SMALL_PT)
        with tagged(canvas, "P"):
            for line in lane.also:
                canvas.drawString(body_x, _Y(y + SMALL_PT), line)
                y += SMALL_PT * 1.25
    canvas.restoreState()


def _wrap_label(text: str) -> list[str]:
    from coherence_planner.reports.map.printed import wrap

    return wrap(text, STRATEGY_W, SMALL_PT, False, 4)


def _connect(
    canvas: Canvas, left: float, mid: float, cards_x: float, block: Block, top: float
) -> None:
    """Strategy <- its cards: a bus down the rows, a tick into each row's first card."""
    bus = left + BUS / 2
    canvas.setStrokeColor(style.SUPPORTS_STYLES["moderate"].colour)
    canvas.setLineWidth(0.8)
    y = top
    ends = []
    for row in block.rows:
        row_h = max(c.h for c in row)
        ends.append(y + min(row_h, row[0].h) / 2)
        y += row_h + GAP
    canvas.line(left, _Y(mid), bus, _Y(mid))
    canvas.line(bus, _Y(min(mid, ends[0])), bus, _Y(max(mid, ends[-1])))
    for end in ends:
        canvas.line(bus, _Y(end), cards_x, _Y(end))


def _rows(canvas: Canvas, block: Block, x: float, top: float) -> None:
    y = top
    for row in block.rows:
        cx = x
        for card in row:
            card.x, card.y = cx, y
            draw_card(canvas, card)
            cx += card.w + GAP
        y += max(c.h for c in row) + GAP
