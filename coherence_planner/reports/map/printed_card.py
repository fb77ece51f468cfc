"""A card of the printed map, drawn: its box and kind band, its name, a folded strategy's
"via" chain, the strategy's running cycle, the money note and the badges (printed.py
measured it, printed_pages.py placed it).

Tagged, a goal's name is a heading (H2), a strategy's a subheading (H3), each followed by
the rest of its card as a paragraph; a program's or policy's card is one paragraph. A goal's
card repeated at the top of a continued lane is an artifact.
"""

from __future__ import annotations

import contextlib

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.layout import style
from coherence_planner.reports.fonts import FONT, FONT_BOLD, text_width
from coherence_planner.reports.map.printed import PAD, SMALL_PT, PrintCard, badges_width
from coherence_planner.reports.map.printed_compact import draw_badges
from coherence_planner.reports.tagging.marks import tagged

CARD_ROLES = {"goal": "H2", "strategy": "H3"}  # the element of a card's name; else P


def _Y(y: float) -> float:
    return -y


def draw_card(
    canvas: Canvas,
    card: PrintCard,
    h: float | None = None,
    continued: bool = False,
    role: str = "",
) -> None:
    """A card at its (x, y), y down in map points; a goal's card `h` tall (its lane's);
    its name tagged as `role` when given (a secondary driver's is a level below a
    primary's)."""
    height = card.h if h is None else h
    look = style.KIND_STYLES[card.kind]
    flags = [f for f in style.FLAG_STYLES if any(b.startswith(f.badge) for b in card.badges)]
    border = flags[0] if flags else None
    canvas.saveState()
    canvas.setFillColor(look.fill)
    canvas.setStrokeColor(border.colour if border else style.GREY)
    canvas.setLineWidth(1.4 if border else 0.5)
    canvas.setDash(list(border.dash) if border and border.dash else [])
    canvas.rect(card.x, _Y(card.y + height), card.w, height, stroke=1, fill=1)
    canvas.setDash([])
    canvas.setFillColor(look.band)
    canvas.rect(card.x + 0.5, _Y(card.y + height - 0.5), 2.5, height - 1, stroke=0, fill=1)
    left = card.x + PAD + 3
    y = card.y + PAD
    canvas.setFillColor(style.TEXT)
    canvas.setFont(FONT_BOLD if card.bold else FONT, card.size)
    # A goal's name is a heading, a strategy's a subheading, then the rest of the card (a
    # program's whole card) a paragraph; a continued goal's card repeats: an artifact.
    whole = card.kind not in CARD_ROLES  # a program's or policy's card is one paragraph
    with _tagged(canvas, "P", whole):
        with _tagged(canvas, role or CARD_ROLES.get(card.kind, "P"), not continued):
            for line in card.lines:
                y += card.size * 1.2
                canvas.drawString(left, _Y(y - card.size * 0.25), line)
        with _tagged(canvas, "P", not continued):
            _card_rest(canvas, card, left, y, continued)
    canvas.restoreState()


def _tagged(canvas: Canvas, role: str, on: bool) -> contextlib.AbstractContextManager[object]:
    return tagged(canvas, role) if on else contextlib.nullcontext()


def _card_rest(canvas: Canvas, card: PrintCard, left: float, y: float, continued: bool) -> None:
    """Below a card's name: the chain it is folded from, the cycle, the money note and the
    badges."""
    canvas.setFont(FONT, SMALL_PT)
    canvas.setFillColor(style.MUTED_TEXT)
    for line in card.via:
        y += SMALL_PT * 1.2
        canvas.drawString(left, _Y(y - SMALL_PT * 0.25), line)
    canvas.setFillColor(style.TEXT)
    for line in card.cycle:
        y += SMALL_PT * 1.2
        canvas.drawString(left, _Y(y - SMALL_PT * 0.25), line)
    if card.inline_note and card.note:
        canvas.setFont(FONT, SMALL_PT)
        canvas.setFillColor(style.MUTED_TEXT)
        first = card.y + PAD + card.size * 0.95
        canvas.drawRightString(card.x + card.w - PAD, _Y(first), card.note)
    note = "" if card.inline_note else card.note
    small_line = card.kind != "goal" and (card.badges or note)
    if card.inline_badges:  # at the end of the name's last line: note, then badges before it
        small_line = False
        right = card.x + card.w - PAD
        last = card.y + PAD + len(card.lines) * card.size * 1.2 - card.size * 0.25
        if card.note:  # drawn above already when it stands inline
            if note:
                canvas.setFont(FONT, SMALL_PT)
                canvas.setFillColor(style.MUTED_TEXT)
                canvas.drawRightString(right, _Y(last), note)
            right -= text_width(card.note, SMALL_PT) + 6
        draw_badges(canvas, card.badges, right - badges_width(card.badges) + 2, last)
    if card.kind == "goal":
        canvas.setFont(FONT, SMALL_PT)
        canvas.setFillColor(style.MUTED_TEXT)
        y += SMALL_PT * 1.5
        canvas.drawString(left, _Y(y), card.note)
        if continued:  # a line of its own: after the note it ran past the card's edge
            y += SMALL_PT * 1.4
            canvas.drawString(left, _Y(y), "(continued)")
        if card.badges:
            y += SMALL_PT * 1.4
            draw_badges(canvas, card.badges, left, y)
    elif small_line:
        y += SMALL_PT * 1.35
        room = card.x + card.w - PAD - left
        if note:
            canvas.setFont(FONT, SMALL_PT)
            canvas.setFillColor(style.MUTED_TEXT)
            canvas.drawRightString(card.x + card.w - PAD, _Y(y - 1), note)
            room -= text_width(note, SMALL_PT) + 4
        draw_badges(canvas, card.badges, left, y - 1, room)
