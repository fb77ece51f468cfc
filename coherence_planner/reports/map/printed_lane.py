"""One goal's lane of the printed map (or part of one, on a page), measured and drawn.

A lane reads as a driver diagram: the goal, its strategies (primary drivers), then, where
the lane has any, a column of secondary drivers (strategies serving a strategy), each
beside the primary it serves, then the programs and policies serving each. A primary's own
cards come first, level with it; its secondaries' blocks follow under them, and one bus
from the primary's right edge reaches both. A lane with no secondary driver has no such
column, so it is as wide as it always was. printed.py says what goes in each lane;
printed_pages.py cuts lanes into pages and stacks them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.layout import style
from coherence_planner.reports.fonts import FONT, FONT_BOLD
from coherence_planner.reports.map.printed import (
    BLOCK_GAP,
    BUS,
    COLUMN_STEP,
    GAP,
    GOAL_W,
    PAD,
    SMALL_PT,
    STRATEGY_W,
    Block,
    PrintLane,
    band_width,
    direct_label,
    indent,
    rows_height,
)
from coherence_planner.reports.map.printed_card import draw_card
from coherence_planner.reports.markup import clean
from coherence_planner.reports.tagging.marks import tagged

SECONDARY_ROLE = "H4"  # a secondary driver's name, under its primary's (H3)


def _Y(y: float) -> float:
    return -y


def _same_group(before: Block, block: Block) -> bool:
    """Whether `block` is a secondary driver's standing beside the same primary as `before`."""
    return block.under is not None and block.under in (before.head, before.under)


def block_tops(blocks: Sequence[Block]) -> tuple[list[float], float]:
    """Where each of a piece's blocks starts, down from the piece's top, and where the last
    thing drawn ends. A primary driver's head stands beside its own rows and its secondary
    drivers' blocks, so the next primary starts below whichever ends lower; a piece that
    starts with a secondary driver repeats its primary beside it."""
    tops: list[float] = []
    y = bottom = 0.0
    for n, block in enumerate(blocks):
        if n and not _same_group(blocks[n - 1], block):
            y = bottom + BLOCK_GAP
        if n == 0 and block.under is not None:  # its primary, repeated at the top
            bottom = block.under.h
            if block.step != COLUMN_STEP:  # a step under it, not a column beside it
                y = bottom + BLOCK_GAP
        tops.append(y)
        bottom = max(bottom, y + block.h, y + (block.head.h if block.head else 0.0))
        y += block.h + (BLOCK_GAP if block.h else 0.0)
    return tops, bottom


def lane_height(lane: PrintLane, part: tuple[int, int, bool, bool]) -> float:
    """How tall a full lane's blocks [start, end) draw (`part`: start, end, whether it
    continues the lane from a page before, whether the lane's closing lines end it)."""
    start, end, continued, last = part
    body = block_tops(lane.blocks[start:end])[1]
    if last:
        body += len(lane.also) * SMALL_PT * 1.25 + (GAP if lane.also else 0)
    if lane.goal is None:  # the orphan band: its label, then its grid
        return SMALL_PT * 2 + body + 2 * PAD
    return max(lane.goal.h + (SMALL_PT * 1.4 if continued else 0.0), body) + 2 * PAD


def draw_lane(
    canvas: Canvas, lane: PrintLane, part: tuple[int, int, bool, bool], at: tuple[float, float]
) -> None:
    """Blocks [start, end) of a lane (`part`: start, end, continued, last) at `at`: the
    top (y down, in map points) and the width of the map."""
    start, end, continued, last = part
    top, width = at
    blocks = lane.blocks[start:end]
    goal = lane.goal
    height = lane_height(lane, part)
    canvas.saveState()
    canvas.setFillColor(style.ORPHAN_REGION_FILL if goal is None else style.REGION_FILL)
    band = band_width(lane, blocks, width)
    canvas.rect(0, _Y(top + height), band, height, stroke=0, fill=1)
    y = top + PAD
    x = PAD
    if goal is None:
        canvas.setFillColor(style.TEXT)
        canvas.setFont(FONT_BOLD, SMALL_PT + 0.5)
        label = lane.label + (" (continued)" if continued else "")
        with tagged(canvas, "H2") if not continued else contextlib.nullcontext():
            canvas.drawString(x, _Y(y + SMALL_PT), clean(label))
        y += SMALL_PT * 2
        for block in blocks:
            _rows(canvas, block, x, y)
            y += block.h + BLOCK_GAP
        canvas.restoreState()
        return
    goal.x, goal.y = x, y
    draw_card(canvas, goal, h=max(goal.h, height - 2 * PAD), continued=continued)
    body_x = x + GOAL_W + BUS
    mids = _draw_blocks(canvas, lane, blocks, body_x, y)
    if mids:  # goal <- strategies: a bus from the goal's right edge
        bus_goal = x + GOAL_W + BUS / 2
        _pen(canvas)
        canvas.line(x + GOAL_W, _Y(mids[0]), bus_goal, _Y(mids[0]))
        canvas.line(bus_goal, _Y(mids[0]), bus_goal, _Y(mids[-1]))
        for mid in mids:
            canvas.line(bus_goal, _Y(mid), body_x, _Y(mid))
    if last and lane.also:
        canvas.setFillColor(style.MUTED_TEXT)
        canvas.setFont(FONT, SMALL_PT)
        line_y = y + block_tops(blocks)[1] + GAP
        with tagged(canvas, "P"):
            for line in lane.also:
                canvas.drawString(body_x, _Y(line_y + SMALL_PT), line)
                line_y += SMALL_PT * 1.25
    canvas.restoreState()


def _draw_blocks(
    canvas: Canvas, lane: PrintLane, blocks: Sequence[Block], body_x: float, top: float
) -> list[float]:
    """The strategies' blocks from `top`; returns the middles of the primary drivers' heads
    (and the direct row's label), where the goal's bus reaches them."""
    cards_at = body_x + STRATEGY_W + BUS  # a primary driver's cards
    mids: list[float] = []
    primary_mid = primary_foot = 0.0
    tops, _ = block_tops(blocks)
    for n, (block, y) in enumerate(zip(blocks, [top + t for t in tops], strict=True)):
        cards_x = cards_at + indent(block)
        if block.under is not None and block.head is not None:  # a secondary driver
            if n == 0:  # continued from the page before: its primary stands there again
                block.under.x, block.under.y = body_x, top
                draw_card(canvas, block.under, continued=True)
                primary_mid = top + block.under.h / 2
                mids.append(primary_mid)
                primary_foot = top + block.under.h
            head_x = body_x + block.step
            block.head.x, block.head.y = head_x, y
            draw_card(canvas, block.head, role=SECONDARY_ROLE)
            mid = y + block.head.h / 2
            if block.step == COLUMN_STEP:  # the primary's bus, right of it
                _to_primary(canvas, (body_x + STRATEGY_W, primary_mid), (head_x, mid))
            else:  # a line down from under the primary, as an outline's
                _to_primary(canvas, (body_x + block.step / 2, primary_foot), (head_x, mid))
            if block.rows:
                _connect(canvas, head_x + block.head.w, mid, cards_x, block, y)
        elif block.head is not None:
            block.head.x, block.head.y = body_x, y
            draw_card(canvas, block.head)
            primary_mid = y + block.head.h / 2
            primary_foot = y + block.head.h
            mids.append(primary_mid)
            if block.rows:
                _connect(canvas, body_x + STRATEGY_W, primary_mid, cards_x, block, y)
        else:
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.setFont(FONT, SMALL_PT)
            with tagged(canvas, "H3"):
                for k, line in enumerate(direct_label()):
                    canvas.drawString(body_x, _Y(y + SMALL_PT * (1 + 1.2 * k)), line)
            mids.append(y + SMALL_PT * 0.6)
        _rows(canvas, block, cards_x, y)
        if block.also:
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.setFont(FONT, SMALL_PT)
            line_y = y + rows_height(block.rows) + GAP
            with tagged(canvas, "P"):
                for line in block.also:
                    canvas.drawString(cards_x, _Y(line_y + SMALL_PT), line)
                    line_y += SMALL_PT * 1.25
    return mids


def _pen(canvas: Canvas) -> None:
    canvas.setStrokeColor(style.SUPPORTS_STYLES["moderate"].colour)
    canvas.setLineWidth(0.8)


def _to_primary(canvas: Canvas, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Primary driver <- a secondary driver: from `start` on the primary's edge (its right
    edge's middle, where a bus turns down half a BUS further; or under its bottom edge),
    down to the secondary's middle and into its left edge, `end`."""
    x, y = start
    right, mid = end
    _pen(canvas)
    if right - x >= BUS:  # from the primary's right edge: out to its bus first
        canvas.line(x, _Y(y), x + BUS / 2, _Y(y))
        x += BUS / 2
    canvas.line(x, _Y(y), x, _Y(mid))
    canvas.line(x, _Y(mid), right, _Y(mid))


def _connect(
    canvas: Canvas, left: float, mid: float, cards_x: float, block: Block, top: float
) -> None:
    """Strategy <- its cards: a bus down the rows, a tick into each row's first card."""
    bus = left + BUS / 2
    _pen(canvas)
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
