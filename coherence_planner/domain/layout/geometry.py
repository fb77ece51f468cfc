"""The coherence map's geometry: the sizes, the result every renderer reads, and card text.

The drawing is made for what a district plan is: nearly a forest of supports links
(program -> strategy -> goal). Each goal gets a lane, a horizontal band read left to right
like an improvement-science driver diagram: the goal at the left (the largest text on the
map), its strategies, then the programs and policies that serve them, and items that serve
those further right. An item serving several goals stands once, at the edge of its home lane
nearest the others, with every link drawn. Competing programs stand side by side under a
bracket when that costs no crossing. Items that reach no goal gather in their own band,
"Not linked to any goal", with their money. Lanes stay whole: they are flowed into side by
side columns of lanes toward a screen's or a page's shape, so a page break can always fall
between lanes.

`pipeline.layout_map` builds a `MapLayout` in three steps, one module each: `layers.py`
(columns, lanes and the order within each column: a Sugiyama pipeline, `ordering.py`, with
longest-path layers, dummy nodes for long links, barycentre and median sweeps with
transposition, confined to lanes and started from a depth-first order from the goals, which
draws a forest with no crossing at all), `coordinates.py` (where each card and lane stands;
vertical positions within a lane come from `placement.place_columns`) and `routes.py` (the
links' polylines and the competing brackets).

Public output, read by the Qt view, the SVG, the PDF and the posters (`MapLayout`):
- `cards`: every placed item's rectangle, its column (`layer`, 0 = goals), its region
  ("map", "orphans", "retired") and its `lane` (the goal id of the band it stands in);
- `lanes`: one `Lane` per live goal, in drawing order: the goal id, the band's rectangle,
  its counts and money. Pages may break between lanes, and a goal's page can crop to one;
- `orphan_band`: the "Not linked to any goal" rectangle (None when there are no orphans),
  with `orphan_money`, the yearly cost of the programs in it;
- `brackets`: competing programs standing together, one bracket per run;
- `edges`: every link as a polyline (supports links from the supporter to the supported);
- `regions`: everything drawn behind the cards (column headings, lane bands, the orphan and
  retired bands), each with its label; `width`, `height`.

Everything is in points (1/72 inch; one Qt scene unit). The result depends only on the
district's content, never on the order items were read in.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Item, Policy, Program, Strategy
from coherence_planner.domain.model.text import visible
from coherence_planner.domain.model.wording import money_short
from coherence_planner.domain.progress.cycles import card_line

# Card geometry on screen, in points. Every renderer draws these sizes (see `Geometry`).
CARD_W = 200.0
CARD_H = 76.0
GOAL_W = 220.0  # goals are wider and taller: their statements are the map's largest text
GOAL_H = 120.0
# A card packed in a row of a crowded lane (`rows.py`): its top line and one line of name.
ROW_CARD_H = 40.0
ROW_LINE_SLOT = 1.0  # a link from a card in a row passing a column
CARD_GAP = 8.0  # vertical space between two cards in a column
LINE_SLOT = 6.0  # vertical space a link passing through a column takes
LINE_GAP = 4.0
COLUMN_GAP = 64.0  # horizontal space between columns, where the links run
MARGIN = 24.0
HEADER_H = 34.0  # the column headings' strip
LANE_HEADER = 26.0  # a lane's label strip (its counts and money)
LANE_PAD = 10.0  # inside a lane, around its cards
LANE_GAP = 12.0  # between two lanes of one column of lanes
FLOW_GAP = 36.0  # between two columns of lanes
REGION_GAP = 40.0
GRID_GAP = 16.0  # between cards packed in a grid (orphans, retired)
BRACKET_GAP = 5.0  # from a card's right side to its competing bracket
SIDE_LINK = 12.0  # from a card's right side to a link to a card of its own column
PROJECTOR = 16 / 9  # the aspect the map is flowed toward by default (width / height)
# The Map tab's own view: a laptop's maximised window with the side panels stepped aside
# leaves the map about 1366 by 550 pixels at 1366x768 (1280 by 520 at 1280x720, 1920 by 860
# at 1920x1080). Flowed toward 16:9 instead, a 300-program plan left a third of that width
# empty at Fit and its names fell under 7 pixels.
MAP_VIEW = 2.4

ORPHAN_LABEL = "Not linked to any goal"
RETIRED_LABEL = "Retired (not analysed)"

Point = tuple[float, float]


@dataclass(frozen=True)
class NameText:
    """How a card's name is set: font size and line height in points, characters a line
    holds at that size on the card, and lines at most."""

    size: float
    leading: float
    chars: int
    lines: int


# Goal statements are long and are what the room reads first: the largest text on the map.
NAME_TEXT = {
    "goal": NameText(15.0, 18.0, 26, 4),
    "strategy": NameText(12.0, 14.0, 28, 3),
    "program": NameText(11.0, 13.0, 30, 3),
    "policy": NameText(11.0, 13.0, 30, 3),
}
NAME_CHARS = NAME_TEXT["program"].chars
NAME_LINES = NAME_TEXT["program"].lines


class LayoutError(ValueError):
    """A layout request that names something the district does not have."""


@dataclass(frozen=True)
class Geometry:
    """Card sizes and spacing; renderers that need smaller cards (a poster) pass their own."""

    card_w: float = CARD_W
    card_h: float = CARD_H
    goal_w: float = GOAL_W
    goal_h: float = GOAL_H
    card_gap: float = CARD_GAP
    column_gap: float = COLUMN_GAP


SCREEN = Geometry()


@dataclass(frozen=True)
class LayoutOptions:
    show_retired: bool = False  # place retired items, greyed, in their own band
    passes: int = 12  # crossing-minimisation sweeps per heuristic
    # Width / height the lanes are flowed toward (whole lanes, in columns of lanes). None
    # keeps one column of lanes.
    aspect: float | None = PROJECTOR
    geometry: Geometry = SCREEN


@dataclass(frozen=True)
class Card:
    """An item's rectangle: top-left corner, size, its column (0 = goals; -1 in a grid),
    its region ("map", "orphans" or "retired"), the goal id of the lane it stands in, and
    whether it stands in a row of a crowded lane (`rows.py`: a top line and one of name)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    layer: int
    region: str
    lane: str | None = None
    row: bool = False
    via: str = ""  # a folded chain's supporting strategies, in words (labels.via_lines)

    @property
    def centre(self) -> Point:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class EdgeGeom:
    """A link drawn as a polyline from its source card to its destination card."""

    src: str
    dst: str
    kind: str
    strength: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Region:
    """A labelled rectangle drawn behind the cards: a column heading ("column:0"), a goal's
    lane ("lane:G1"), the orphan band ("orphans") or the retired band ("retired")."""

    key: str
    label: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Lane:
    """One goal's band: the goal card stands at its left, everything whose home it is inside.

    `items` counts the cards in the lane besides the goal; `money` is the yearly cost the
    resource rule gives the goal (a program serving two goals gives each half)."""

    goal: str
    x: float
    y: float
    w: float
    h: float
    items: int
    money: float


@dataclass(frozen=True)
class Bracket:
    """Competing programs of one group standing together in one column: a bracket at x
    from y to y + h, beside the cards `ids` (top to bottom). `group` is the 0-based index
    into `Analysis.competing` (cards show it 1-based)."""

    group: int
    ids: tuple[str, ...]
    x: float
    y: float
    h: float


@dataclass(kw_only=True)
class MapLayout:
    cards: dict[str, Card]
    edges: list[EdgeGeom]
    regions: list[Region]
    width: float
    height: float
    highlight: frozenset[str] | None = None  # a goal's line of sight, when focused
    layer_count: int = 0  # columns of the linked map
    dummies: int = 0  # column crossings of links longer than one column (a size measure)
    today: dt.date | None = None  # the date strategy cards show their running cycle for
    lanes: list[Lane] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    orphan_band: Region | None = None
    orphan_money: float = 0.0

    def centre_segments(self, kind: str = "supports") -> list[tuple[Point, Point]]:
        """Straight centre-to-centre segments of the links of one kind (crossing counts)."""
        return [
            (self.cards[e.src].centre, self.cards[e.dst].centre)
            for e in self.edges
            if e.kind == kind
        ]

    def lane_of(self, goal_id: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.goal == goal_id), None)


# ------------------------------------------------------------------------- card text


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts P2 before P10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)
    )


def card_facts(item: Item) -> str:
    """The key facts line of a card, e.g. "$120K · Tier 2 · K-3"."""
    parts: list[str] = []
    if isinstance(item, Program):
        if item.annual_cost is not None:
            parts.append(money_short(item.annual_cost))
        if item.tier is not None:
            parts.append(f"Tier {item.tier}")
        parts.append(vocab.grades_label(item.grades))
    elif isinstance(item, Policy):
        if item.code:
            parts.append(item.code)
        if item.adopted_year is not None:
            parts.append(f"adopted {item.adopted_year}")
    elif isinstance(item, Strategy):
        if item.themes:
            parts.append(vocab.THEME_LABELS.get(item.themes[0], item.themes[0]))
        if len(item.themes) > 1:
            parts.append(f"+{len(item.themes) - 1}")
    elif isinstance(item, Goal) and item.indicators:
        ind = item.indicators[0]
        if ind.current is not None and ind.target is not None:
            parts.append(f"{ind.current:g} now, {ind.target:g} target")
        elif ind.name:
            parts.append(ind.name)
    if item.status != vocab.DEFAULT_STATUS:
        parts.append(item.status)
    return " · ".join(parts)


def card_cycle_line(item: Item, today: dt.date | None) -> str:
    """A strategy's running cycle for its card ("Cycle to 12-18: …"); empty for other
    kinds, when no cycle runs, or when the layout was made without a date."""
    if today is None or not isinstance(item, Strategy):
        return ""
    return card_line(item, today, NAME_TEXT["strategy"].chars + 10)


def card_text(
    item: Item, today: dt.date | None, row: bool = False, via: str = ""
) -> tuple[list[str], str]:
    """A card's name lines and cycle line: a running cycle takes the third name line, and
    a folded chain's "via" line (`Card.via`) the last name line left. A card in a row has
    room for one line of name and no cycle line."""
    text = NAME_TEXT[item.kind]
    if row:
        return card_name_lines(visible(item.label), width=text.chars, lines=1), ""
    cycle = card_cycle_line(item, today)
    lines = text.lines - (1 if cycle else 0) - (1 if via else 0)
    # Drawn without bidi controls (domain/model/text.py): a name never reverses the card.
    names = card_name_lines(visible(item.label), width=text.chars, lines=max(lines, 1))
    if via:
        names += card_name_lines(via, width=text.chars, lines=1)
    return names, cycle


def card_name_lines(name: str, width: int = NAME_CHARS, lines: int = NAME_LINES) -> list[str]:
    """The item's name wrapped for a card; a name too long ends in an ellipsis."""
    name = name.strip()
    if len(name) <= width and name.isprintable():
        # A name that fits one line, with no tab or line break for textwrap to turn into
        # a space, is its own line: most names, which textwrap took a fifth of the SVG
        # export's drawing to wrap into themselves.
        return [name]
    wrapped = textwrap.wrap(name, width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


# ------------------------------------------------------------------------- focus


def line_of_sight(district: District, analysis: Analysis, goal_id: str) -> set[str]:
    """The goal and every live item with a chain of supports links to it."""
    goal = district.items.get(goal_id)
    if goal is None or goal.kind != "goal" or not goal.live:
        raise LayoutError(f"{goal_id!r} is not a live goal of this district")
    return {goal_id} | {i for i, goals in analysis.goals_of.items() if goal_id in goals}


def card_size(item: Item, geometry: Geometry = SCREEN) -> tuple[float, float]:
    """A card's width and height: goals are larger, so their statements can be."""
    if item.kind == "goal":
        return geometry.goal_w, geometry.goal_h
    return geometry.card_w, geometry.card_h
