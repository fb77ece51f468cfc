"""The map inside the report: full-size pages when it fits in a few, else an overview.

Text on the map never prints below the readable minimum. When the readable map would take
more than MAX_MAP_PAGES of the report, the report shows the map's shape without text
(coloured cards, flagged borders, links) and says how to print the full map as a poster.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.layout import MapLayout, layout_map
from coherence_planner.reports.map_draw import SMALL_PT
from coherence_planner.reports.map_pages import MIN_READABLE_PT, draw_window, smallest_grid
from coherence_planner.reports.map_poster import MapPoster
from coherence_planner.reports.paper import MAX_TILES, Sheet
from coherence_planner.reports.pdf_meta import district_title
from coherence_planner.reports.report_doc import Heading
from coherence_planner.reports.report_styles import para

MAX_MAP_PAGES = 4
MAX_DRAWN_CARDS = 600
MIN_OVERVIEW_SHARE = 0.15  # an overview thinner than this says nothing; leave it out
CAPTION_H = 40.0


class MapWindow(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One window of the map picture, drawn at `scale`, filling the frame's width."""

    def __init__(
        self, poster: MapPoster, scale: float, start: tuple[float, float], size: tuple[float, float]
    ) -> None:
        super().__init__()
        self.poster = poster
        self.scale = scale
        self.start = start
        self.width, self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        draw_window(canvas, self.poster, self.scale, self.start, (0, 0, self.width, self.height))
        canvas.saveState()
        canvas.setStrokeColor("#BBBBBB")
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()


def map_section(
    district: District, analysis: Analysis, width: float, height: float
) -> list[Flowable]:
    parts: list[Flowable] = [Heading("The coherence map", 0)]
    live = sum(1 for item in district.items.values() if item.live)
    if live > MAX_DRAWN_CARDS:
        # Laying out thousands of cards takes seconds and the result could not be read at
        # any size the report offers; say how to print it instead.
        return [*parts, para(_too_many(live), "muted"), PageBreak()]
    layout = layout_map(district, analysis)
    title = district_title(district)
    poster = MapPoster(district, analysis, layout, title=title, subtitle="Coherence map")
    room_h = height - CAPTION_H - 40
    scale = MIN_READABLE_PT / SMALL_PT
    columns = max(1, -(-poster.width * scale // width))
    rows = max(1, -(-poster.height * scale // room_h))
    if columns * rows <= MAX_MAP_PAGES:
        scale = min(width * columns / poster.width, room_h * rows / poster.height, 1.0)
        total = int(columns * rows)
        for n in range(total):
            row, column = divmod(n, int(columns))
            if total > 1:
                parts.append(
                    para(
                        f"Map part {n + 1} of {total}: row {row + 1}, column {column + 1}", "muted"
                    )
                )
            window_h = min(room_h, poster.height * scale - row * room_h)
            parts += [
                MapWindow(poster, scale, (column * width, row * room_h), (width, window_h)),
                PageBreak(),
            ]
        return parts
    return parts + _overview(district, analysis, layout, width, room_h)


def _overview(
    district: District, analysis: Analysis, layout: MapLayout, width: float, room_h: float
) -> list[Flowable]:
    shape = MapPoster(district, analysis, layout, title="", subtitle="", text=False)
    # The heading and the caption above take about 110 points of the first page.
    scale = min(width / shape.width, (room_h - 70) / shape.height)
    tabloid = Sheet("tabloid", False)
    poster = MapPoster(district, analysis, layout, title=" ", subtitle=" ")
    columns, rows = smallest_grid(poster, tabloid)
    if columns <= MAX_TILES and rows <= MAX_TILES:
        how = (
            f"Print the full map as a poster of {columns} × {rows} Tabloid pages: "
            f"coherence-planner export PLAN map.pdf --map --paper tabloid --tile {columns}x{rows}"
        )
    else:
        how = "Print the map focused on one goal at a time: coherence-planner export PLAN map.pdf --map --goal G1"
    text = (
        f"The map has {len(layout.cards)} cards: too many to print readably in the report "
        f"(it would need more than {MAX_MAP_PAGES} pages). This overview shows its shape: "
        "goals on the right, what supports them to the left, items linked to no goal in the "
        f"shaded band below; flagged cards have coloured borders. {how}."
    )
    w, h = shape.width * scale, shape.height * scale
    parts: list[Flowable] = [para(text, "muted"), Spacer(1, 8)]
    if w >= width * MIN_OVERVIEW_SHARE:
        parts.append(MapWindow(shape, scale, (0.0, 0.0), (w, h)))
    return [*parts, PageBreak()]


def _too_many(cards: int) -> str:
    return (
        f"The map has {cards:,} cards: far too many to print readably in this report. "
        "Print it focused on one goal at a time, as a poster: coherence-planner export PLAN "
        "map.pdf --map --goal G1 --paper tabloid --tile 3x3 (the command says which grid "
        "keeps the text readable)."
    )
