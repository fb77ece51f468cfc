"""Cut the map picture into pages: fitted to one sheet, or tiled as a poster.

A fitted map is refused when its smallest text would print below MIN_READABLE_PT; the
message names the smallest poster grid that keeps the text readable. Poster pages overlap by
OVERLAP so that they can be trimmed and taped; each carries crop marks, dashed guides where
the neighbour overlaps, and "row r, column c" so that the pages go together in the right
order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.layout import style
from coherence_planner.reports.fonts import FONT, FONT_BOLD, ellipsize, text_width
from coherence_planner.reports.map.draw import SMALL_PT
from coherence_planner.reports.map.poster import MapPoster
from coherence_planner.reports.paper import MAX_TILES, ExportError, Sheet
from coherence_planner.reports.progress import Progress, no_progress

MIN_READABLE_PT = 6.0
PAGE_MARGIN = 30.0  # outside every printer's unprintable edge; crop marks and labels go here
OVERLAP = 18.0  # a quarter inch of each poster page repeats on its neighbour
MAX_SCALE = 1.5  # a tiny district is not blown up to billboard letters
LABEL_PT = 8.0


@dataclass(frozen=True)
class PagePlan:
    """How the picture maps onto paper: its scale and the grid of pages."""

    scale: float
    columns: int
    rows: int
    area: tuple[float, float]  # printable width and height of one page

    @property
    def pages(self) -> int:
        return self.columns * self.rows

    @property
    def smallest_text(self) -> float:
        return SMALL_PT * self.scale


def _area(sheet: Sheet) -> tuple[float, float]:
    width, height = sheet.size
    return width - 2 * PAGE_MARGIN, height - 2 * PAGE_MARGIN


def _covered(pages: int, room: float) -> float:
    return pages * room - (pages - 1) * OVERLAP


def grid_scale(poster: MapPoster, sheet: Sheet, columns: int, rows: int) -> float:
    aw, ah = _area(sheet)
    scale = min(_covered(columns, aw) / poster.width, _covered(rows, ah) / poster.height)
    return min(scale, MAX_SCALE)


def smallest_grid(poster: MapPoster, sheet: Sheet) -> tuple[int, int]:
    """The fewest columns and rows that print the map's smallest text readably."""
    aw, ah = _area(sheet)
    need = MIN_READABLE_PT / SMALL_PT
    columns = max(1, math.ceil((poster.width * need - OVERLAP) / (aw - OVERLAP) - 1e-9))
    rows = max(1, math.ceil((poster.height * need - OVERLAP) / (ah - OVERLAP) - 1e-9))
    return columns, rows


def _too_small(poster: MapPoster, sheet: Sheet, scale: float, asked: str) -> ExportError:
    columns, rows = smallest_grid(poster, sheet)
    text = f"{asked}, the map's smallest text would be {SMALL_PT * scale:.1f} pt, below the readable {MIN_READABLE_PT:g} pt"
    if columns > MAX_TILES or rows > MAX_TILES:
        return ExportError(
            f"{text}; even a {MAX_TILES}x{MAX_TILES} poster of {sheet.label} is too small. "
            "Focus on one goal (--goal) or choose larger paper."
        )
    turned = Sheet(sheet.paper, not sheet.landscape)
    if (
        asked.startswith("Fitted")
        and SMALL_PT * grid_scale(poster, turned, 1, 1) >= MIN_READABLE_PT
    ):
        other = "--landscape" if turned.landscape else "portrait"
        return ExportError(f"{text}. It fits one page {other}; or tile it: --tile {columns}x{rows}")
    return ExportError(f"{text}. Tile it as a poster instead: --tile {columns}x{rows}")


def plan_pages(poster: MapPoster, sheet: Sheet, tile: tuple[int, int] | None) -> PagePlan:
    """Fit or tile, refusing any plan whose text would be unreadably small."""
    columns, rows = tile or (1, 1)
    scale = grid_scale(poster, sheet, columns, rows)
    if SMALL_PT * scale < MIN_READABLE_PT - 1e-9:
        asked = (
            f"On {columns}x{rows} pages of {sheet.label}"
            if tile
            else f"Fitted to one page of {sheet.label}"
        )
        raise _too_small(poster, sheet, scale, asked)
    return PagePlan(scale, columns, rows, _area(sheet))


def draw_pages(
    canvas: Canvas,
    poster: MapPoster,
    sheet: Sheet,
    plan: PagePlan,
    footer: str,
    progress: Progress = no_progress,
) -> None:
    """Draw every page of the plan, row by row, and show each one."""
    tiled = plan.pages > 1
    aw, ah = plan.area
    total_w = poster.width * plan.scale
    total_h = poster.height * plan.scale
    # A fitted page centres the picture; a poster starts at the top-left corner.
    offset_x = 0.0 if tiled else (aw - total_w) / 2
    offset_y = 0.0 if tiled else (ah - total_h) / 2
    number = 0
    for row in range(plan.rows):
        for column in range(plan.columns):
            number += 1
            progress(number / plan.pages, f"Drawing map page {number} of {plan.pages}")
            canvas.setPageSize(sheet.size)
            left_x = column * (aw - OVERLAP)
            top_y = row * (ah - OVERLAP)
            _draw_tile(canvas, poster, plan, sheet, left_x - offset_x, top_y - offset_y)
            if tiled:
                _poster_marks(canvas, sheet, plan, row, column)
            where = (
                f"row {row + 1}, column {column + 1} of {plan.rows} × {plan.columns}"
                if tiled
                else ""
            )
            _labels(canvas, sheet, footer, where, number, plan.pages)
            canvas.showPage()


def _draw_tile(
    canvas: Canvas, poster: MapPoster, plan: PagePlan, sheet: Sheet, left: float, top: float
) -> None:
    aw, ah = plan.area
    draw_window(canvas, poster, plan.scale, (left, top), (PAGE_MARGIN, PAGE_MARGIN, aw, ah))


def draw_window(
    canvas: Canvas,
    poster: MapPoster,
    scale: float,
    start: tuple[float, float],
    window: tuple[float, float, float, float],
) -> None:
    """Draw the part of the picture whose top-left is `start` (scaled units) into `window`
    (x, y, w, h on the canvas, y up), clipped to it."""
    left, top = start
    x, y, w, h = window
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x, y, w, h)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.translate(x - left, y + h + top)
    canvas.scale(scale, scale)
    poster.paint(canvas, (left / scale, top / scale, w / scale, h / scale))
    canvas.restoreState()


def _poster_marks(canvas: Canvas, sheet: Sheet, plan: PagePlan, row: int, column: int) -> None:
    aw, ah = plan.area
    x0, y0, x1, y1 = PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN + aw, PAGE_MARGIN + ah
    canvas.saveState()
    canvas.setStrokeColor(style.BLACK)
    canvas.setLineWidth(0.5)
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        canvas.line(x + dx * 4, y, x + dx * 20, y)  # crop marks outside the printed area
        canvas.line(x, y + dy * 4, x, y + dy * 20)
    # Where a neighbour's page overlaps this one: glue the neighbour up to the dashed line.
    canvas.setStrokeColor(style.GREY)
    canvas.setDash([3, 3])
    if column > 0:
        canvas.line(x0 + OVERLAP, y0, x0 + OVERLAP, y1)
    if row > 0:
        canvas.line(x0, y1 - OVERLAP, x1, y1 - OVERLAP)
    canvas.restoreState()


def _labels(canvas: Canvas, sheet: Sheet, footer: str, where: str, number: int, pages: int) -> None:
    width, _height = sheet.size
    baseline = PAGE_MARGIN - 20
    canvas.saveState()
    canvas.setFillColor(style.MUTED_TEXT)
    page = f"page {number} of {pages}"
    canvas.setFont(FONT, LABEL_PT)
    canvas.drawRightString(width - PAGE_MARGIN, baseline, page)
    room = width - 2 * PAGE_MARGIN - text_width(page, LABEL_PT) - 24
    text = footer
    if where:
        canvas.setFont(FONT_BOLD, LABEL_PT)
        canvas.drawString(PAGE_MARGIN + 24, baseline, where)
        room -= text_width(where, LABEL_PT, bold=True) + 36
        x = PAGE_MARGIN + 24 + text_width(where, LABEL_PT, bold=True) + 12
    else:
        x = PAGE_MARGIN
    canvas.setFont(FONT, LABEL_PT)
    canvas.drawString(x, baseline, ellipsize(text, room, LABEL_PT))
    canvas.restoreState()
