"""The map inside the report, on the book's own pages (never turned sideways in the middle
of the packet): the whole map when it reads on one page, else an overview of the goals
(counts and money); then each goal something serves, its line of sight on pages of its own
(a goal nothing serves is named in one sentence, not given a page for one card). Every map
page carries the key to the marks on its cards. Text never prints below map_print.MIN_PT,
and nothing asks the reader to do anything but read.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.style import FLAG_STYLES
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money_short, plural
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.scale import ReportScale
from coherence_planner.reports.book.styles import markup, para, pt, styles, table
from coherence_planner.reports.fonts import ellipsize
from coherence_planner.reports.map.printed import MIN_PT, SMALL_PT, lane_plan
from coherence_planner.reports.map.printed_pages import (
    Piece,
    PrintPlan,
    draw_pieces,
    pieces_height,
    plan_area,
)
from coherence_planner.reports.map.words import map_words
from coherence_planner.reports.markup import esc

HEADING_ROOM = 44.0  # a heading and its space above the drawing
HEADING_LINES = 3  # a goal's map heading wraps over at most this many lines
NOTE_ROOM = 16.0  # one muted line under a goal's heading (on Letter)
KEY_GAP = 4.0
LEAST_SHRINK = 0.7  # a map drawing shrinks at most this far to finish a page
MAX_GOAL_PAGES = 3  # beyond this a goal's items are listed in the appendix, not drawn
# A summarised report (a large plan) draws the first page of each goal's line of sight: with
# fifty goals, three pages each was 150 pages of map.
SUMMARISED_GOAL_PAGES = 1


class MapPage(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One page's lanes of a printed-map plan, at the plan's scale, as tall as they draw (at
    most `height`), so the key to the cards follows right below them."""

    def __init__(
        self, plan: PrintPlan, pieces: list[Piece], height: float, reserve: float = 0.0
    ) -> None:
        super().__init__()
        self.reserve = reserve  # room kept below the drawing for what must follow it
        self.plan = plan
        self.pieces = pieces
        self.full = (plan.area[0], min(height, pieces_height(pieces) * plan.scale + 2))
        self.width, self.height = self.full
        self.factor = 1.0
        # Where the page has a little less room than the drawing, it shrinks to finish the
        # page (a few per cent, never below the map's smallest readable text).
        self.least = max(LEAST_SHRINK, MIN_PT / (SMALL_PT * plan.scale))
        self.alt = map_words(pieces)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        fits = min(1.0, (avail_height - self.reserve) / self.full[1])
        self.factor = fits if fits >= self.least else 1.0
        self.width, self.height = self.full[0] * self.factor, self.full[1] * self.factor
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        scale = self.plan.scale * self.factor
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(scale, scale)
        draw_pieces(canvas, self.pieces, self.plan.area[0] / self.plan.scale)
        canvas.restoreState()


def card_key() -> Paragraph:
    """What each mark on a map card means, printed under every map page: the badges, and the
    "+2" that stands for flags a narrow card had no room for."""
    words = "; ".join(f"<b>{esc(f.badge)}</b> {esc(f.legend.lower())}" for f in FLAG_STYLES)
    return markup(
        f"Key to the cards: {words}; <b>+2</b> two more flags than the card has room for "
        "(the goal's table in the Goals section lists every flag of every item).",
        "small",
    )


def key_room(width: float) -> float:
    return float(card_key().wrap(width, 10_000)[1]) + KEY_GAP


def _pages(plan: PrintPlan, room: float, limit: int | None = None) -> list[Flowable]:
    pages = plan.pages if limit is None else plan.pages[:limit]
    out: list[Flowable] = []
    for n, pieces in enumerate(pages):
        if n:
            out.append(PageBreak())
        key = card_key()
        reserve = key_room(plan.area[0])
        out += [MapPage(plan, pieces, room, reserve), Spacer(1, KEY_GAP), key]
    return out


def map_section(
    district: District, analysis: Analysis, width: float, height: float, scale: ReportScale
) -> list[Flowable]:
    """The section for a wide page of `width` x `height` points (the report's frame)."""
    room = height - pt(HEADING_ROOM) - key_room(width)
    area = (width, room)
    parts: list[Flowable] = [Heading("The coherence map", 0)]
    lanes = lane_plan(district, analysis)  # one plan of who stands where, for every page
    whole = plan_area(
        district, analysis, area, "the report's paper", title_h=0.0, one_page_only=True, lanes=lanes
    )
    if len(whole.pages) == 1:
        parts += [*_pages(whole, room), PageBreak()]
    else:
        # The overview is a section of its own (a page of a table), and the goals' pages
        # another, so the contents say where each begins.
        parts += [*_overview(district, analysis, width), PageBreak()]
        parts.append(Heading("Line of sight, goal by goal", 0))
        room -= pt(HEADING_ROOM)  # that heading sits above the first goal's heading
    served = {goal for goals in analysis.goals_of.values() for goal in goals}
    goals = [g for g in district.items_of("goal") if g.live and g.id in served]
    limit = SUMMARISED_GOAL_PAGES if scale.summarised else MAX_GOAL_PAGES
    listed = "in the appendix" if scale.appendix else "in the plan's Excel workbook"
    # A goal's pages leave a line under the heading for the note on what is not drawn, so
    # the note never spills onto a page of its own.
    goal_room = room - pt(NOTE_ROOM)
    one_line = _height(Heading("Line of sight", 1), width)
    for goal in goals:
        heading = _goal_heading(goal.label, width)
        # A name longer than a line wraps: its map gets that much less room, so the heading
        # and the drawing still share the page.
        extra = max(0.0, _height(heading, width) - one_line)
        plan = plan_area(
            district,
            analysis,
            (width, goal_room - extra),
            "the report's paper",
            goal.id,
            title_h=0.0,
            lanes=lanes,
            max_pages=limit,  # the pages not drawn are never built (47,500 cards at 10,000)
        )
        heading.keepWithNext = 0  # kept with its drawing by the CondPageBreak below instead
        intro: list[Flowable] = [heading]
        if plan.cut:
            drawn = sum(
                len(row) + int(block.head is not None)
                for pieces in plan.pages[:limit]
                for piece in pieces
                for block in piece.lane.blocks[piece.start : piece.end]
                for row in block.rows
            )
            serving = lanes.serving.get(goal.id, 0)
            intro.append(
                para(
                    f"{plural(serving - drawn, 'more item')} serve this goal than "
                    f"{'this page shows' if limit == 1 else f'these {limit} pages show'}; "
                    f"every item is listed {listed}.",
                    "muted",
                )
            )
        # Goals follow one another down the page: a short line of sight leaves room for the
        # next. A drawing moves on whole if it does not fit even shrunk a little, and its
        # heading goes with it. (reportlab's keep-with-next measures the drawing with
        # unlimited room, so it would never shrink.)
        drawings = _pages(plan, goal_room - extra, limit)
        first = drawings[0]
        need = sum(float(f.wrap(width, height)[1]) for f in intro) + key_room(width)
        if isinstance(first, MapPage):
            need += first.full[1] * first.least
        parts += [CondPageBreak(need), *intro, *drawings, Spacer(1, 12)]
    return [*parts, PageBreak()]


def _height(flowable: Flowable, width: float) -> float:
    return float(flowable.wrap(width, 10_000)[1])


def _goal_heading(label: str, width: float) -> Heading:
    """ "Line of sight: <the goal's name>", the name whole (a board member reads the name, and
    a cut one can leave two goals alike), wrapping over lines; only a name longer than
    HEADING_LINES lines is shortened, so the map keeps most of its page."""
    title = f"Line of sight: {label}"
    style = styles()["h2"]
    if _height(Heading(title, 1), width) > HEADING_LINES * style.leading:
        # (a hair short of the frame per line: the paragraph breaks lines a little before it)
        title = ellipsize(title, width * 0.9 * HEADING_LINES, style.fontSize, True)
    return Heading(title, 1)


def _overview(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    """Each goal with what serves it and its money, when the whole map needs more than a
    page: the goal pages that follow draw each one."""
    counts: dict[str, dict[str, int]] = {}
    for item_id, reached in analysis.goals_of.items():
        kind = district.items[item_id].kind
        for goal_id in reached:
            counts.setdefault(goal_id, {}).setdefault(kind, 0)
            counts[goal_id][kind] += 1
    served = {goal for goals in analysis.goals_of.values() for goal in goals}
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
    share = width - 4 * pt(70)
    alone = [g.label for g in district.items_of("goal") if g.live and g.id not in served]
    lonely = (
        [
            Spacer(1, 6),
            para(
                f"Nothing in the plan serves {_names(alone)}: "
                f"{'it has' if len(alone) == 1 else 'they have'} no line of sight to draw.",
                "warning",
            ),
        ]
        if alone
        else []
    )
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
            (share, *[pt(70)] * 4),
            align_right=(1, 2, 3, 4),
        ),
        *lonely,
    ]


def _names(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
