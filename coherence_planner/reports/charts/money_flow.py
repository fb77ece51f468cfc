"""The money-flow diagram's geometry: every box, ribbon and line of text, placed once.

`flow_picture` lays out domain/money_flow's diagram in a given width and height (points on
paper, logical pixels on screen) and returns plain shapes. `paint` draws them through a
`Pen`; the PDF's pen is reportlab (money_flow_pdf.py) and the app's is QPainter
(ui Overview), so the printed picture and the one on screen are the same drawing.

Every label sits inside its own box and every box is at least one line of text tall, so no
two labels can overlap; the diagram asks domain/money_flow for no more boxes per column than
fit, and the rest are gathered into "12 other programs" boxes. Ribbon widths are dollars at
one scale across the picture; a box is taller than its ribbons only where its words need it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.money_flow import (
    GOAL,
    MIDDLE,
    POLICIES,
    SOURCE,
    FlowDiagram,
    FlowLink,
    FlowNode,
    MoneyPath,
    group_flow,
    money_paths,
)
from coherence_planner.domain.layout import style
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import money_short, plural
from coherence_planner.reports.fonts import text_width
from coherence_planner.reports.markup import clean

Measure = Callable[[str, float, bool], float]

PAD = 2.5  # inside a box, around its text
GAP = 3.0  # the least space between two boxes of a column
HEADER_PT = 8.0
MAX_ROWS = (26, 20)  # boxes in the left and middle columns: what a board reads at a glance
FILL = 0.6  # the share of a column's height its boxes' words may take; the rest is money
GOAL_FILL = 0.9  # goals are few and the point of the picture: gathered only when crowded
HAIRLINE = 0.8  # a $0 link (a policy, a program with no cost recorded) is still drawn
COLUMN_SHARES = (0.28, 0.21, 0.25)  # box widths as shares of the picture's width
HEADINGS = ("Programs and policies", "Strategies", "Goals")
RIBBON_ALPHA = 0.32
THIN = 0.6  # a band thinner than this is drawn as a line


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    alpha: float = 1.0


@dataclass(frozen=True)
class Ribbon:
    """A band from (x0, top0..bottom0) to (x1, top1..bottom1), curving between; a band of no
    thickness is drawn as a hairline."""

    x0: float
    top0: float
    bottom0: float
    x1: float
    top1: float
    bottom1: float
    colour: str
    hairline: bool = False  # a $0 link: a thin line rather than a band

    @property
    def thickness(self) -> float:
        return self.bottom0 - self.top0


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    colour: str = style.TEXT
    align: str = "left"  # or "right"


@dataclass
class FlowPicture:
    width: float
    height: float
    diagram: FlowDiagram
    ribbons: list[Ribbon] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)

    @property
    def smallest_text(self) -> float:
        return min((t.size for t in self.texts), default=0.0)

    def node_at(self, x: float, y: float) -> FlowNode | None:
        """The node whose box contains the point (for clicks in the app)."""
        for key, (bx, by, bw, bh) in self.boxes.items():
            if bx <= x <= bx + bw and by <= y <= by + bh:
                return self.diagram.node(key)
        return None


class Pen(Protocol):
    def ribbon(self, ribbon: Ribbon) -> None: ...
    def rect(self, rect: Rect) -> None: ...
    def text(self, text: Text) -> None: ...


def paint(picture: FlowPicture, pen: Pen) -> None:
    """Ribbons under boxes under words."""
    for ribbon in picture.ribbons:
        pen.ribbon(ribbon)
    for rect in picture.rects:
        pen.rect(rect)
    for text in picture.texts:
        pen.text(text)


# ----------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class FlowFonts:
    """Text sizes: on paper in points (never below 7), on screen in logical pixels."""

    text: float = 8.0
    goal: float = 9.5

    @property
    def line(self) -> float:
        return self.text * 1.25

    @property
    def goal_line(self) -> float:
        return self.goal * 1.2


def _label(node: FlowNode) -> str:
    return " ".join(clean(node.label).split())  # a pasted name may hold newlines or tabs


def _min_heights(
    column: list[FlowNode], width: float, fonts: FlowFonts, measure: Measure, roomy: bool
) -> list[float]:
    """How tall each box must be for its words: a goal's statement on up to three lines,
    other names on two when `roomy` (else one, shortened), a removal candidate always with
    its money on a line of its own."""
    room = width - 3.0 - 2 * PAD
    heights = []
    for node in column:
        if node.through:
            heights.append(0.0)
            continue
        if node.column == GOAL:
            lines = len(_wrap(_label(node), room, fonts.goal, True, 3, measure))
            heights.append(max(2, lines) * fonts.goal_line + fonts.line + 2 * PAD)
            continue
        one_line = measure(_label(node), fonts.text, False) + 60 <= room
        name_lines = len(_wrap(_label(node), room, fonts.text, False, 2, measure))
        lines = (
            1 if node.key == POLICIES or (one_line and not node.removal_count) else name_lines + 1
        )
        if not roomy:
            lines = 2 if node.removal_count else 1
        heights.append(lines * fonts.line + 2 * PAD)
    return heights


def _scale(column: list[FlowNode], mins: list[float], room: float) -> float:
    """Points per dollar that fill `room` with this column's boxes (bisection: a box is as
    tall as its money or its words, whichever is more)."""
    total = sum(n.amount for n in column)
    if total <= 0:
        return math.inf
    gaps = GAP * (len(column) - 1)
    if sum(mins) + gaps >= room:
        return 0.0
    low, high = 0.0, room / total
    for _ in range(50):
        mid = (low + high) / 2
        used = sum(max(n.amount * mid, m) for n, m in zip(column, mins, strict=True)) + gaps
        low, high = (mid, high) if used <= room else (low, mid)
    return low


def height_for_goals(goals: int, fonts: FlowFonts) -> float:
    """The height at which every one of `goals` goals (and "No goal") gets its own box."""
    goal_row = 2 * fonts.goal_line + fonts.line + 2 * PAD + GAP
    return HEADER_PT * 2.2 + (goals + 1.5) * goal_row / GOAL_FILL


def flow_picture(
    district: District,
    analysis: Analysis,
    width: float,
    height: float,
    fonts: FlowFonts = FlowFonts(),
    paths: list[MoneyPath] | None = None,
    measure: Measure = text_width,
) -> FlowPicture:
    """The diagram laid out in `width` x `height` (y grows downwards)."""
    header = max(HEADER_PT, fonts.text * 0.9)
    top = header * 2.2
    room = height - top
    row = fonts.line + 2 * PAD + GAP + 1  # a little more: some boxes take two lines
    goal_row = 2 * fonts.goal_line + fonts.line + 2 * PAD + GAP
    rows = (
        max(3, min(MAX_ROWS[0], int(room * FILL / row))),
        max(3, min(MAX_ROWS[1], int(room * FILL / row))),
        max(2, int(room * GOAL_FILL / goal_row)),
    )
    if paths is None:
        paths = money_paths(district, analysis)
    diagram = group_flow(district, analysis, paths, rows)
    picture = FlowPicture(width, height, diagram)

    widths = [width * share for share in COLUMN_SHARES]
    gap = (width - sum(widths)) / 2
    xs = [0.0, widths[0] + gap, widths[0] + gap + widths[1] + gap]
    mins = []
    for c, column in enumerate(diagram.columns):
        roomy = _min_heights(column, widths[c], fonts, measure, True)
        fits = sum(roomy) + GAP * len(column) <= room * 0.8
        mins.append(roomy if fits else _min_heights(column, widths[c], fonts, measure, False))
    scale = min(_scale(col, m, room) for col, m in zip(diagram.columns, mins, strict=True))
    if math.isinf(scale):
        scale = 0.0

    placed: dict[str, tuple[float, float, float]] = {}  # key -> (y, h, band top)
    for c, column in enumerate(diagram.columns):
        picture.texts.append(Text(xs[c], header * 1.2, HEADINGS[c], header, True, style.MUTED_TEXT))
        heights = [max(n.amount * scale, m) for n, m in zip(column, mins[c], strict=True)]
        spare = room - sum(heights) - GAP * (len(column) - 1)
        spread = GAP + (min(spare / (len(column) - 1), 2 * row) if len(column) > 1 else 0.0)
        used = sum(heights) + spread * (len(column) - 1)
        y = top + max(0.0, (room - used) / 2)
        for node, h in zip(column, heights, strict=True):
            band = node.amount * scale
            placed[node.key] = (y, h, y + (h - band) / 2)
            y += h + spread

    _ribbons(picture, diagram, placed, xs, widths, scale)
    for c, column in enumerate(diagram.columns):
        for node in column:
            y, h, _band = placed[node.key]
            if node.through:
                _through(picture, node, xs[c], y, widths[c], h, fonts, measure)
            else:
                _box(picture, node, (xs[c], y, widths[c], h), fonts, measure)
    return picture


def _colour(link: FlowLink) -> str:
    if link.src == POLICIES:
        return style.REDDISH_PURPLE
    if link.orphan:
        return style.GREY
    return style.VERMILLION if link.removal else style.BLUE


def _ribbons(
    picture: FlowPicture,
    diagram: FlowDiagram,
    placed: dict[str, tuple[float, float, float]],
    xs: list[float],
    widths: list[float],
    scale: float,
) -> None:
    order = {n.key: (c, i) for c, col in enumerate(diagram.columns) for i, n in enumerate(col)}
    outgoing: dict[str, list[FlowLink]] = defaultdict(list)
    incoming: dict[str, list[FlowLink]] = defaultdict(list)
    for link in diagram.links:
        outgoing[link.src].append(link)
        incoming[link.dst].append(link)
    start: dict[FlowLink, float] = {}
    end: dict[FlowLink, float] = {}
    for key, links in outgoing.items():
        y = placed[key][2]
        for link in sorted(links, key=lambda k: (order[k.dst], not k.removal)):
            start[link] = y
            y += link.amount * scale
    for key, links in incoming.items():
        y = placed[key][2]
        for link in sorted(links, key=lambda k: (order[k.src], not k.removal)):
            end[link] = y
            y += link.amount * scale
    for link in sorted(diagram.links, key=lambda k: -k.amount):
        c = order[link.src][0]
        thick = link.amount * scale
        y0, y1 = start[link], end[link]  # a $0 link is a hairline where its band would be
        picture.ribbons.append(
            Ribbon(
                xs[c] + widths[c],
                y0,
                y0 + thick,
                xs[c + 1],
                y1,
                y1 + thick,
                _colour(link),
                link.amount == 0,
            )
        )


def _through(
    picture: FlowPicture,
    node: FlowNode,
    x: float,
    y: float,
    w: float,
    h: float,
    fonts: FlowFonts,
    measure: Measure,
) -> None:
    """Money that skips the strategies: the ribbon runs on across the middle column."""
    colour = style.GREY if node.kind == "unlinked" else style.BLUE
    picture.rects.append(Rect(x, y, w, max(h, 0.0), colour, None, RIBBON_ALPHA))
    if h >= fonts.line + 1:
        words = _ellipsis(node.label, w - 2 * PAD, fonts.text, False, measure)
        picture.texts.append(
            Text(x + PAD, y + h / 2 + fonts.text / 3, words, fonts.text, False, style.TEXT)
        )


def _amount_words(node: FlowNode) -> tuple[str, str]:
    """The money line and its colour."""
    if node.key == POLICIES:
        return "", style.MUTED_TEXT
    if node.column == GOAL:
        if node.kind == "no-goal":
            return f"{money_short(node.amount)} linked to no goal", style.MUTED_TEXT
        if node.unsupported:
            return "$0: nothing supports this goal", style.VERMILLION
    money = money_short(node.amount) if node.amount else "no cost recorded"
    if node.column == SOURCE and node.removal_count:
        if node.kind == "group":
            return f"{money} · {plural(node.removal_count, 'removal candidate')}", style.VERMILLION
        return f"{money} · removal candidate", style.VERMILLION
    return money, style.MUTED_TEXT


def _box(
    picture: FlowPicture,
    node: FlowNode,
    box: tuple[float, float, float, float],
    fonts: FlowFonts,
    measure: Measure,
) -> None:
    x, y, w, h = box
    picture.boxes[node.key] = box
    kinds = {SOURCE: "program", MIDDLE: "strategy", GOAL: "goal"}
    kind = style.KIND_STYLES.get(node.kind) or style.KIND_STYLES[kinds[node.column]]
    if node.key == POLICIES:
        kind = style.KIND_STYLES["policy"]
    fill = style.REGION_FILL if node.kind == "no-goal" else kind.fill
    picture.rects.append(Rect(x, y, w, h, fill, style.GREY))
    band = style.VERMILLION if node.column == SOURCE and node.removal_count else kind.band
    if node.kind == "no-goal":
        band = style.GREY
    picture.rects.append(Rect(x, y, 3.0, h, band))

    left, room = x + 3.0 + PAD, w - 3.0 - 2 * PAD
    label = _label(node)
    money, money_colour = _amount_words(node)
    is_goal = node.column == GOAL
    size = fonts.goal if is_goal else fonts.text
    name_line = fonts.goal_line if is_goal else fonts.line
    inner = h - 2 * PAD
    if not is_goal and (not money or inner < 2 * fonts.line):
        # One line: the name, shortened, with the money flush right.
        money_w = measure(money, fonts.text, False) + 4 if money else 0.0
        name = _ellipsis(label, room - money_w, size, False, measure)
        base = y + h / 2 + fonts.text / 3
        picture.texts.append(Text(left, base, name, size, node.kind == "group"))
        if money:
            picture.texts.append(
                Text(x + w - PAD, base, money, fonts.text, False, money_colour, "right")
            )
        return
    lines = max(1, int((inner - fonts.line) / name_line + 1e-6))
    wrapped = _wrap(label, room, size, is_goal, lines, measure)
    block = len(wrapped) * name_line + fonts.line
    base = y + PAD + max(0.0, (inner - block) / 2) + size
    for line in wrapped:
        picture.texts.append(Text(left, base, line, size, is_goal or node.kind == "group"))
        base += name_line
    base += fonts.line - name_line
    money = _ellipsis(money, room, fonts.text, False, measure)
    picture.texts.append(Text(left, base, money, fonts.text, False, money_colour))


def _ellipsis(text: str, room: float, size: float, bold: bool, measure: Measure) -> str:
    if measure(text, size, bold) <= room:
        return text
    while text and measure(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def _wrap(
    text: str, room: float, size: float, bold: bool, lines: int, measure: Measure
) -> list[str]:
    """Greedy word wrap into at most `lines` lines; the last one ends in … when cut."""
    out: list[str] = []
    words = text.split()
    current = ""
    while words:
        word = words[0]
        trial = f"{current} {word}" if current else word
        if measure(trial, size, bold) <= room or not current:
            current = trial
            words.pop(0)
            if not words:
                out.append(current)
            continue
        out.append(current)
        current = ""
        if len(out) == lines:
            break
    if words and out:
        rest = " ".join([out[-1], *words])
        out[-1] = _ellipsis(rest, room, size, bold, measure)
    out = [_ellipsis(line, room, size, bold, measure) for line in out[:lines]]
    return out or [""]
