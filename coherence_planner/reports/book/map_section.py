"""The map inside the report, on pages turned sideways: the whole map when it reads on one
page, else an overview of the goals (counts and money); then each goal's line of sight on
pages of its own. Text never prints below map_print.MIN_PT, and nothing asks the reader to
do anything but read.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money_short, plural
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.scale import ReportScale
from coherence_planner.reports.book.styles import para, styles, table
from coherence_planner.reports.fonts import ellipsize
from coherence_planner.reports.map.printed import lane_plan
from coherence_planner.reports.map.printed_pages import Piece, PrintPlan, draw_pieces, plan_area

HEADING_ROOM = 44.0  # a heading and its space above the drawing
NOTE_ROOM = 16.0  # one muted line under a goal's heading
MAX_GOAL_PAGES = 3  # beyond this a goal's items are listed in the appendix, not drawn
# A summarised report (a large plan) draws the first page of each goal's line of sight: with
# fifty goals, three pages each was 150 pages of map.
SUMMARISED_GOAL_PAGES = 1


class MapPage(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One page's lanes of a printed-map plan, at the plan's scale."""

    def __init__(self, plan: PrintPlan, pieces: list[Piece], height: float) -> None:
        super().__init__()
        self.plan = plan
        self.pieces = pieces
        self.width = plan.area[0]
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(self.plan.scale, self.plan.scale)
        draw_pieces(canvas, self.pieces, self.plan.area[0] / self.plan.scale)
        canvas.restoreState()


def _pages(plan: PrintPlan, room: float, limit: int | None = None) -> list[Flowable]:
    pages = plan.pages if limit is None else plan.pages[:limit]
    out: list[Flowable] = []
    for n, pieces in enumerate(pages):
        if n:
            out.append(PageBreak())
        out.append(MapPage(plan, pieces, room))
    return out


def map_section(
    district: District, analysis: Analysis, width: float, height: float, scale: ReportScale
) -> list[Flowable]:
    """The section for a wide page of `width` x `height` points (the report's frame)."""
    room = height - HEADING_ROOM
    area = (width, room)
    parts: list[Flowable] = [Heading("The coherence map", 0)]
    lanes = lane_plan(district, analysis)  # one plan of who stands where, for every page
    whole = plan_area(
        district, analysis, area, "the report's paper", title_h=0.0, one_page_only=True, lanes=lanes
    )
    if len(whole.pages) == 1:
        parts += [*_pages(whole, room), PageBreak()]
    else:
        parts += [*_overview(district, analysis, width), PageBreak()]
    goals = [g for g in district.items_of("goal") if g.live]
    limit = SUMMARISED_GOAL_PAGES if scale.summarised else MAX_GOAL_PAGES
    listed = "in the appendix" if scale.appendix else "in the plan's Excel workbook"
    # A goal's pages leave a line under the heading for the note on what is not drawn, so
    # the note never spills onto a page of its own.
    goal_room = room - NOTE_ROOM
    for goal in goals:
        plan = plan_area(
            district,
            analysis,
            (width, goal_room),
            "the report's paper",
            goal.id,
            title_h=0.0,
            lanes=lanes,
        )
        # HEADING_ROOM holds one line: a longer goal name is cut here (it prints whole in
        # its goal's section), or the heading would push its map onto a page of its own.
        title = ellipsize(f"Line of sight: {goal.label}", width, styles()["h2"].fontSize, True)
        parts.append(Heading(title, 1))
        if len(plan.pages) > limit:
            drawn = sum(
                len(row) + int(block.head is not None)
                for pieces in plan.pages[:limit]
                for piece in pieces
                for block in piece.lane.blocks[piece.start : piece.end]
                for row in block.rows
            )
            serving = sum(1 for gs in analysis.goals_of.values() if goal.id in gs)
            parts.append(
                para(
                    f"{plural(serving - drawn, 'more item')} serve this goal than "
                    f"{'this page shows' if limit == 1 else f'these {limit} pages show'}; "
                    f"every item is listed {listed}.",
                    "muted",
                )
            )
        parts += _pages(plan, goal_room, limit)
        parts.append(PageBreak())
    return parts


def _overview(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    """Each goal with what serves it and its money, when the whole map needs more than a
    page: the goal pages that follow draw each one."""
    counts: dict[str, dict[str, int]] = {}
    for item_id, reached in analysis.goals_of.items():
        kind = district.items[item_id].kind
        for goal_id in reached:
            counts.setdefault(goal_id, {}).setdefault(kind, 0)
            counts[goal_id][kind] += 1
    rows = []
    for goal in (g for g in district.items_of("goal") if g.live):
        have = counts.get(goal.id, {})
        rows.append(
            [
                goal.label,
                f"{have.get('strategy', 0):,}",
                f"{have.get('program', 0):,}",
                f"{have.get('policy', 0):,}",
                money_short(analysis.resources.by_goal.get(goal.id, 0.0)),
            ]
        )
    orphans = len(analysis.orphans)
    rows.append(
        [
            "Not linked to any goal",
            "",
            f"{orphans:,} items",
            "",
            money_short(analysis.resources.orphan_cost),
        ]
    )
    share = width - 4 * 80
    return [
        para(
            f"The whole map has {plural(len([i for i in district.items.values() if i.live]), 'item')}: "
            "more than one page can show readably. Each goal's line of sight follows on pages "
            "of its own; here is what serves each goal and the program money the resource "
            "rule gives it (a program serving several goals is split evenly).",
            "muted",
        ),
        Spacer(1, 8),
        table(
            ("Goal", "Strategies", "Programs", "Policies", "Money a year"),
            rows,
            (share, 80, 80, 80, 80),
            align_right=(1, 2, 3, 4),
        ),
    ]
