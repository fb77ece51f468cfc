"""The coherence map as its own PDF: set for paper, or a tiled poster of the same map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.reports.fonts import FONT, expect, plan_texts, register_fonts
from coherence_planner.reports.map.printed_pages import draw_print_pages, plan_print
from coherence_planner.reports.map.printed_poster import draw_poster, plan_poster
from coherence_planner.reports.paper import Sheet
from coherence_planner.reports.pdf_meta import district_title, pdf_target, printed_on, set_info
from coherence_planner.reports.progress import Progress, no_progress, scaled
from coherence_planner.reports.script_canvas import ScriptCanvas


def map_subtitle(district: District, goal: str | None, today: dt.date | None) -> str:
    """The line under the map's title, the same on the page set for paper and the poster.
    A focused map names its goal as the report's map section does ("Line of sight: …"),
    by name only: ids mean nothing to the cabinet reading the paper."""
    words = ["Coherence map"]
    if goal is not None:
        words.append(f"line of sight: {district.items[goal].label}")
    if district.school_year:
        words.append(district.school_year)
    words.append(f"printed {printed_on(today)}")
    return " · ".join(words)


def _map_canvas(path: Path | BinaryIO, district: District, sheet: Sheet) -> Canvas:
    """The canvas every map PDF draws on: the checked target (pdf_target refuses anything but
    a path or a binary stream, so a stream's repr never becomes a file name), the paper, the
    map's font and the document's title and subject."""
    # ScriptCanvas: names in any script draw in a font the computer has (script_canvas.py).
    canvas = ScriptCanvas(
        pdf_target(path), pagesize=sheet.size, pageCompression=1, initialFontName=FONT
    )
    set_info(canvas, f"{district_title(district)} — coherence map", "Coherence map", district)
    return canvas


def _map_footer(district: District, today: dt.date | None) -> str:
    return f"{district_title(district)} · coherence map · printed {printed_on(today)}"


def plan_map(
    district: District,
    analysis: Analysis,
    sheet: Sheet,
    tile: tuple[int, int] | None,
    goal: str | None = None,
) -> tuple[int, float]:
    """Check a map export before writing anything: (pages, smallest text in points);
    raises ExportError when it cannot print readably."""
    if tile is None:
        plan = plan_print(district, analysis, sheet, goal)
        return len(plan.pages), plan.smallest_text
    poster = plan_poster(district, analysis, sheet, tile, goal)
    return poster.pages, poster.smallest_text


def write_map_pdf(
    district: District,
    analysis: Analysis,
    path: Path | BinaryIO,
    *,
    sheet: Sheet,
    tile: tuple[int, int] | None = None,
    goal: str | None = None,
    progress: Progress = no_progress,
    today: dt.date | None = None,
) -> int:
    """Write the map to `path`; returns the number of pages. Without `tile`, the map is set
    for paper (printed_pages.py): one page when it fits readably, else pages that break
    between lanes. With `tile`, that same map is cut into the grid as a poster, between
    lanes and rows (printed_poster.py); strategies show the cycle running `today`."""
    register_fonts()
    expect(plan_texts(district))
    progress(0.0, "Laying out the map")
    if tile is None:
        return _write_print_pages(district, analysis, path, sheet, goal, progress, today)
    plan = plan_poster(district, analysis, sheet, tile, goal, today)
    canvas = _map_canvas(path, district, sheet)
    heading = district_title(district), map_subtitle(district, goal, today)
    # Every sheet names the plan above its map: the date alone under it.
    footer = f"printed {printed_on(today)}"
    draw_poster(canvas, plan, sheet, heading, footer, scaled(progress, 0.1, 0.95))
    canvas.save()
    progress(1.0, "Map written")
    return plan.pages


def _write_print_pages(
    district: District,
    analysis: Analysis,
    path: Path | BinaryIO,
    sheet: Sheet,
    goal: str | None,
    progress: Progress,
    today: dt.date | None,
) -> int:
    plan = plan_print(district, analysis, sheet, goal)
    canvas = _map_canvas(path, district, sheet)
    draw_print_pages(
        canvas,
        plan,
        sheet,
        district_title(district),
        map_subtitle(district, goal, today),
        _map_footer(district, today),
        scaled(progress, 0.1, 0.95),
    )
    canvas.save()
    progress(1.0, "Map written")
    return len(plan.pages)
