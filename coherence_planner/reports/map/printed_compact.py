"""Lanes with no cards of their own, set small on paper (issue 26).

A goal served only by items that stand in other goals' lanes has nothing to draw in its own
lane but its statement: a full band with a tall goal card and an empty right half wastes a
page's height. Such a lane shrinks to its goal card and one line naming what serves it from
elsewhere, and two of them stand side by side where both fit. A goal nothing serves is one
red line. printed_pages.py pairs and paginates them; this module measures and draws them.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.layout import style
from coherence_planner.reports.fonts import FONT, FONT_BOLD, text_width
from coherence_planner.reports.map.printed import (
    GAP,
    GOAL_LINES,
    GOAL_PT,
    PAD,
    SMALL_PT,
    PrintLane,
)
from coherence_planner.reports.map.printed_text import also_names, wrap
from coherence_planner.reports.tagging.marks import tagged

UNSERVED_PT = 10.0  # a goal nothing serves: its statement, in red, on one line
UNSERVED_NOTE = "nothing serves this goal yet"
SERVED_FROM = "Served from other lanes: "


def small_height(lane: PrintLane, width: float) -> float:
    """The height of a compact or unserved lane set `width` points wide."""
    if lane.form == "unserved":
        return len(_unserved_lines(lane, width)) * UNSERVED_PT * 1.25 + 2 * PAD
    lines = _goal_lines(lane, width)
    badges = SMALL_PT * 1.4 if lane.goal is not None and lane.goal.badges else 0.0
    return 2 * PAD + len(lines) * GOAL_PT * 1.2 + SMALL_PT * 1.6 + badges + _served_h(lane)


def _room(width: float) -> float:
    return width - 2 * PAD - 6


def _goal_lines(lane: PrintLane, width: float) -> list[str]:
    return wrap(lane.label, _room(width), GOAL_PT, True, GOAL_LINES)


def _served(lane: PrintLane, width: float) -> list[str]:
    return also_names(lane.also_items, _room(width), SERVED_FROM, 1)


def _served_h(lane: PrintLane) -> float:
    return SMALL_PT * 1.3 + GAP if lane.also_items else 0.0


def _unserved_lines(lane: PrintLane, width: float) -> list[str]:
    return wrap(f"{lane.label} · {UNSERVED_NOTE}", _room(width), UNSERVED_PT, True, GOAL_LINES)


def draw_small(canvas: Canvas, lane: PrintLane, x: float, top: float, width: float) -> None:
    """A compact or unserved lane at (x, top), y down in map points, `width` wide."""
    canvas.saveState()
    height = small_height(lane, width)
    left = x + PAD + 6
    if lane.form == "unserved":
        canvas.setFillColor(style.VERMILLION)
        canvas.rect(x, -(top + height), 3, height, stroke=0, fill=1)
        canvas.setFont(FONT_BOLD, UNSERVED_PT)
        y = top + PAD
        with tagged(canvas, "H2"):  # the goal and that nothing serves it
            for line in _unserved_lines(lane, width):
                y += UNSERVED_PT * 1.25
                canvas.drawString(left, -(y - UNSERVED_PT * 0.3), line)
        canvas.restoreState()
        return
    goal = lane.goal
    assert goal is not None
    canvas.setFillColor(style.REGION_FILL)
    canvas.rect(x, -(top + height), width, height, stroke=0, fill=1)
    look = style.KIND_STYLES["goal"]
    card_h = height - 2 * PAD - _served_h(lane)
    canvas.setFillColor(look.fill)
    canvas.setStrokeColor(style.GREY)
    canvas.setLineWidth(0.5)
    canvas.rect(x + PAD, -(top + PAD + card_h), width - 2 * PAD, card_h, stroke=1, fill=1)
    canvas.setFillColor(look.band)
    canvas.rect(x + PAD + 0.5, -(top + PAD + card_h - 0.5), 2.5, card_h - 1, stroke=0, fill=1)
    canvas.setFillColor(style.TEXT)
    canvas.setFont(FONT_BOLD, GOAL_PT)
    y = top + PAD
    with tagged(canvas, "H2"):
        for line in _goal_lines(lane, width):
            y += GOAL_PT * 1.2
            canvas.drawString(left, -(y - GOAL_PT * 0.25), line)
    y += SMALL_PT * 1.3
    canvas.setFont(FONT, SMALL_PT)
    canvas.setFillColor(style.MUTED_TEXT)
    with tagged(canvas, "P"):
        canvas.drawString(left, -y, goal.note)
        if goal.badges:
            draw_badges(canvas, goal.badges, left, y + SMALL_PT * 1.4, _room(width))
    y = top + PAD + card_h + GAP
    with tagged(canvas, "P"):  # what serves it, standing in other lanes
        for line in _served(lane, width):
            canvas.setFont(FONT, SMALL_PT)
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.drawString(x + PAD, -(y + SMALL_PT), line)
    canvas.restoreState()


def draw_badges(
    canvas: Canvas, badges: list[str], x: float, baseline: float, room: float = 1e9
) -> None:
    """Badges in priority order while they fit `room`; the rest become "+N"."""
    widths = [text_width(word, SMALL_PT, bold=True) + 6 for word in badges]
    shown = len(badges)
    while shown and sum(widths[:shown]) + (20 if shown < len(badges) else 0) > room:
        shown -= 1
    canvas.setFont(FONT_BOLD, SMALL_PT)
    if shown < len(badges):
        canvas.setFillColor(style.TEXT)
        canvas.drawString(x + sum(widths[:shown]), -baseline, f"+{len(badges) - shown}")
        canvas.setFont(FONT_BOLD, SMALL_PT)
    for word in badges[:shown]:
        flag = next(s for s in style.FLAG_STYLES if word.startswith(s.badge))
        w = text_width(word, SMALL_PT, bold=True) + 4
        canvas.setFillColor(flag.colour)
        canvas.roundRect(x, -(baseline + 2), w, SMALL_PT + 2.5, 1.5, stroke=0, fill=1)
        canvas.setFillColor(style.TEXT if flag.colour == style.YELLOW else style.BACKGROUND)
        canvas.drawString(x + 2, -baseline, word)
        x += w + 2
