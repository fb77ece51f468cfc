"""The printed map as a poster: `--tile CxR` sheets cut between lanes and rows.

The poster is the map set for paper (printed.py), not the screen's map: its lanes flow down
the poster's columns like a newspaper's, column after column, and each sheet holds whole
rows of cards, a lane too long for the rest of a sheet going on at the top of the next
between two of its rows (printed_pages.paginate), so no cut ever goes through a card or a
name. The largest scale at which the map fits the grid is chosen, never printing text below
MIN_PT. Sheets overlap by OVERLAP for trimming and taping: each carries crop marks, a
dashed guide where its left or upper neighbour is glued, and, in its margins, what it is
(the plan, "sheet n of N: row r, column c", a small grid with it filled) and in words how
it goes together with its neighbours, so that the sheets go together in the right order.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import FONT, FONT_BOLD, ellipsize, text_width
from coherence_planner.reports.map.printed import (
    CARD_WIDTHS,
    MIN_PT,
    SMALL_PT,
    LanePlan,
    fits,
    lane_plan,
    print_map,
)
from coherence_planner.reports.map.printed_pages import (
    HEAD_H,
    Piece,
    draw_head,
    draw_pieces,
    paginate,
)
from coherence_planner.reports.paper import MAX_TILES, ExportError, Sheet
from coherence_planner.reports.progress import Progress, no_progress

PAGE_MARGIN = 30.0  # outside every printer's unprintable edge; crop marks and labels go here
OVERLAP = 18.0  # a quarter inch of each sheet is left for its neighbour to be glued over
LABEL_PT = 8.0
# Largest first: a small map is set large enough to fill its grid from across a room.
SCALES = (2.0, 1.75, 1.5, 1.4, 1.25, 1.1, 1.0, 0.95, MIN_PT / SMALL_PT)


@dataclass
class PosterPlan:
    """The map's scale, the grid, and each sheet's lanes in reading order (down each
    column of sheets, then the next column); sheets past the map's end stay blank."""

    scale: float
    columns: int
    rows: int
    sheets: list[list[Piece]]
    area: tuple[float, float]  # printable width and height of one sheet, in paper points

    @property
    def pages(self) -> int:
        return self.columns * self.rows

    @property
    def smallest_text(self) -> float:
        return SMALL_PT * self.scale

    def at(self, row: int, column: int) -> list[Piece]:
        index = column * self.rows + row
        return self.sheets[index] if index < len(self.sheets) else []


def _area(sheet: Sheet) -> tuple[float, float]:
    width, height = sheet.size
    return width - 2 * PAGE_MARGIN, height - 2 * PAGE_MARGIN


def _content(sheet: Sheet) -> tuple[float, float]:
    """The map's room on every sheet: the printable area less the neighbour's glue strip
    (the same on every sheet, so the map's flow does not depend on the grid)."""
    aw, ah = _area(sheet)
    return aw - OVERLAP, ah - OVERLAP


def _flow(
    district: District,
    analysis: Analysis,
    sheet: Sheet,
    scale: float,
    least: float,
    goal: str | None,
    lanes: LanePlan,
    today: dt.date | None,
    fill: float = 1.0,
) -> list[list[Piece]] | None:
    """The map's sheets in reading order; None when a lane's goal, strategy and one card
    of `least` width would not fit across a sheet at `scale` (they would run off its edge)."""
    width, height = _content(sheet)
    if not fits(width / scale, least, False):
        return None
    printed = print_map(district, analysis, width / scale, goal, least, lanes, today)
    room = height * fill / scale
    return paginate(printed, room - HEAD_H, room)


def _fewest(
    district: District,
    analysis: Analysis,
    sheet: Sheet,
    goal: str | None,
    lanes: LanePlan,
    today: dt.date | None,
) -> int:
    """The fewest sheets the map needs, at the smallest readable scale."""
    flows = [
        _flow(district, analysis, sheet, SCALES[-1], least, goal, lanes, today)
        for least in CARD_WIDTHS
    ]
    return min((len(flow) for flow in flows if flow is not None), default=MAX_TILES**2 + 1)


def _about_square(sheets: int) -> tuple[int, int]:
    columns = math.ceil(math.sqrt(sheets))
    return columns, math.ceil(sheets / columns)


def smallest_poster_grid(
    district: District, analysis: Analysis, sheet: Sheet, goal: str | None = None
) -> tuple[int, int]:
    """The fewest sheets (as columns x rows, about square) that print every name at MIN_PT."""
    lanes = lane_plan(district, analysis)
    return _about_square(_fewest(district, analysis, sheet, goal, lanes, dt.date.today()))


def plan_poster(
    district: District,
    analysis: Analysis,
    sheet: Sheet,
    tile: tuple[int, int],
    goal: str | None = None,
    today: dt.date | None = None,
) -> PosterPlan:
    """The largest readable scale at which the map fills no more than the grid's sheets;
    refused, naming a grid that fits, when even the smallest readable text needs more.
    Strategies show the cycle running `today` (by default the day it prints)."""
    columns, rows = tile
    today = today or dt.date.today()
    lanes = lane_plan(district, analysis)
    # Refused first, at the smallest scale: a big plan is not set at every larger one.
    fewest = _fewest(district, analysis, sheet, goal, lanes, today)
    if fewest > columns * rows:
        raise _too_small(sheet, tile, _about_square(fewest))
    # Secondary drivers in a column of their own at the largest scale that has room for it,
    # before a larger scale that steps them in under their primaries.
    for column in dict.fromkeys((bool(lanes.drivers), False)):
        for scale in SCALES:
            for least in CARD_WIDTHS:
                if not fits(_content(sheet)[0] / scale, least, column):
                    continue
                sheets = _flow(district, analysis, sheet, scale, least, goal, lanes, today)
                if sheets is not None and len(sheets) <= columns * rows:
                    flow = (district, analysis, sheet, scale, least, goal, lanes, today)
                    sheets = _spread(flow, columns * rows, sheets)
                    return PosterPlan(scale, columns, rows, sheets, _area(sheet))
    raise _too_small(sheet, tile, _about_square(fewest))  # not reached: the last scale fits


def _too_small(sheet: Sheet, tile: tuple[int, int], fits: tuple[int, int]) -> ExportError:
    columns, rows = tile
    asked = f"On {columns}x{rows} pages of {sheet.label}, the map's names would print below {MIN_PT:g} pt"
    if max(fits) > MAX_TILES:
        return ExportError(
            f"{asked}; even a {MAX_TILES}x{MAX_TILES} poster of {sheet.label} is too small. "
            "Focus on one goal (--goal) or choose larger paper."
        )
    return ExportError(f"{asked}. Tile it as a larger poster: --tile {fits[0]}x{fits[1]}")


def _spread(
    flow: tuple[District, Analysis, Sheet, float, float, str | None, LanePlan, dt.date | None],
    count: int,
    sheets: list[list[Piece]],
) -> list[list[Piece]]:
    """A map that fills fewer sheets than the grid has, spread over as many as it can:
    each sheet filled to less of its height (found by halving), rather than the first few
    full and the rest of the poster blank."""
    low, high = 0.3, 1.0  # the share of each sheet's height the lanes may fill
    for _ in range(7):
        if len(sheets) == count:
            break
        middle = (low + high) / 2
        tried = _flow(*flow, fill=middle)
        if tried is not None and len(tried) <= count:
            sheets, high = tried, middle
        else:
            low = middle
    return sheets


def draw_poster(
    canvas: Canvas,
    plan: PosterPlan,
    sheet: Sheet,
    heading: tuple[str, str],
    footer: str,
    progress: Progress = no_progress,
) -> None:
    """Every sheet, row by row (the order they are laid out to tape), each shown."""
    title, subtitle = heading
    aw, ah = plan.area
    width = aw - OVERLAP
    number = 0
    for row in range(plan.rows):
        for column in range(plan.columns):
            number += 1
            progress(number / plan.pages, f"Drawing map page {number} of {plan.pages}")
            canvas.setPageSize(sheet.size)
            # The glue strip is at the left of every sheet but the first column's and at
            # the top of every sheet but the first row's; the map fills the rest.
            left = PAGE_MARGIN + (OVERLAP if column else 0.0)
            top = PAGE_MARGIN + ah - (OVERLAP if row else 0.0)
            canvas.saveState()
            canvas.translate(left, top)
            canvas.scale(plan.scale, plan.scale)
            first = 0.0
            if row == 0 and column == 0:
                first = draw_head(canvas, title, subtitle, 1, width / plan.scale)
            draw_pieces(canvas, plan.at(row, column), width / plan.scale, first)
            canvas.restoreState()
            _poster_marks(canvas, plan, row, column)
            _sheet_heading(canvas, plan, sheet, title, (row, column), number)
            _labels(canvas, sheet, footer, _guide(plan, row, column))
            canvas.showPage()


def _poster_marks(canvas: Canvas, plan: PosterPlan, row: int, column: int) -> None:
    aw, ah = plan.area
    x0, y0, x1, y1 = PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN + aw, PAGE_MARGIN + ah
    canvas.saveState()
    canvas.setStrokeColor(style.BLACK)
    canvas.setLineWidth(0.5)
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        canvas.line(x + dx * 4, y, x + dx * 20, y)  # crop marks outside the printed area
        canvas.line(x, y + dy * 4, x, y + dy * 20)
    # Where a neighbour's sheet overlaps this one: glue the neighbour up to the dashed line.
    canvas.setStrokeColor(style.GREY)
    canvas.setDash([3, 3])
    if column > 0:
        canvas.line(x0 + OVERLAP, y0, x0 + OVERLAP, y1)
    if row > 0:
        canvas.line(x0, y1 - OVERLAP, x1, y1 - OVERLAP)
    canvas.restoreState()


def _sheet_heading(
    canvas: Canvas, plan: PosterPlan, sheet: Sheet, title: str, at: tuple[int, int], number: int
) -> None:
    """Above the printed area of every sheet, not only the first: what the sheet is (the
    plan, "sheet n of N", its row and column) and a small map of the grid with this
    sheet filled, so that a sheet found alone on a table says where it goes."""
    row, column = at
    width, height = sheet.size
    baseline = height - PAGE_MARGIN + 10  # between the crop marks, which start at the corners
    where = f"  ·  sheet {number} of {plan.pages}: row {row + 1}, column {column + 1}"
    grid_w, grid_h, cell = _grid_size(plan)
    room = width - 2 * PAGE_MARGIN - 48 - grid_w - 12 - text_width(where, LABEL_PT, bold=True)
    name = ellipsize(f"{title} · coherence map", room, LABEL_PT)
    canvas.saveState()
    canvas.setFillColor(style.MUTED_TEXT)
    canvas.setFont(FONT, LABEL_PT)
    canvas.drawString(PAGE_MARGIN + 24, baseline, name)
    canvas.setFont(FONT_BOLD, LABEL_PT)
    canvas.drawString(PAGE_MARGIN + 24 + text_width(name, LABEL_PT), baseline, where)
    # The grid, top row first, this sheet filled.
    left = width - PAGE_MARGIN - 24 - grid_w
    top = height - PAGE_MARGIN + 6 + grid_h
    canvas.setStrokeColor(style.MUTED_TEXT)
    canvas.setLineWidth(0.4)
    for r in range(plan.rows):
        for c in range(plan.columns):
            mine = (r, c) == at
            canvas.setFillColor(style.TEXT if mine else style.BACKGROUND)
            x, y = left + c * cell[0], top - (r + 1) * cell[1]
            canvas.rect(x, y, cell[0], cell[1], stroke=1, fill=1)
    canvas.restoreState()


GUIDE_H = 16.0  # the grid's height at most, in the top margin between the crop marks


def _grid_size(plan: PosterPlan) -> tuple[float, float, tuple[float, float]]:
    """The little grid's width and height and one cell's, cells shaped like a sheet."""
    cell_h = min(5.0, GUIDE_H / plan.rows)
    cell_w = cell_h * 1.3
    return cell_w * plan.columns, cell_h * plan.rows, (cell_w, cell_h)


def _guide(plan: PosterPlan, row: int, column: int) -> str:
    """How this sheet goes together with its neighbours, in words: the sheet to its left
    and the one above are laid over its glue strips, up to the dashed lines."""

    def number(r: int, c: int) -> int:
        return r * plan.columns + c + 1

    over = []
    if column:
        over.append(f"sheet {number(row, column - 1)} goes over the left strip")
    if row:
        over.append(f"sheet {number(row - 1, column)} over the top strip")
    if over:
        return f"Trim at the crop marks; {', '.join(over)}, up to the dashed lines."
    if plan.pages > 1:
        return "Trim at the crop marks; this sheet goes over the strips of the sheets right of and below it."
    return "Trim at the crop marks."


def _labels(canvas: Canvas, sheet: Sheet, footer: str, guide: str) -> None:
    """Under the printed area: how to assemble this sheet, then the plan and the date."""
    width, _height = sheet.size
    baseline = PAGE_MARGIN - 20
    canvas.saveState()
    canvas.setFillColor(style.MUTED_TEXT)
    canvas.setFont(FONT, LABEL_PT)
    # Clear of the crop marks, which run down from the printed area's corners.
    canvas.drawRightString(width - PAGE_MARGIN - 24, baseline, footer)
    room = width - 2 * PAGE_MARGIN - text_width(footer, LABEL_PT) - 48 - 24
    canvas.drawString(PAGE_MARGIN + 24, baseline, ellipsize(guide, room, LABEL_PT))
    canvas.restoreState()
