"""The coherence map set for paper: goal lanes as a driver diagram, every name readable.

On screen the map can be zoomed; on paper every word must be readable where it lands, never
below MIN_PT. So the printed map is set at its final size from text sizes chosen for paper,
in the order an improvement-science driver diagram reads: each goal's lane has the goal at
its left (the largest text), then its strategies one under another, each followed, to its
right, by the programs and policies that serve it, packed in as many columns as the paper's
width allows. A strategy that serves a strategy (a secondary driver, drivers.py decides
which, as on screen) stands in a column of its own between its primary driver and the
programs, after the primary's own cards; a page too narrow for that column steps it in under
its primary instead (printed_lane.py draws both). Items that reach the goal without a
strategy sit in a row of their own; items that reach no goal gather in a last band.

Everything is measured in points at the printed size, so pagination (printed_pages.py) can
cut pages between lanes or between a lane's rows, never through a card. An item serving
several goals stands in the first of their lanes; the other lanes name it in a closing line
("Also serving this goal"). `lane_for_goal` builds one goal's whole line of sight, for the
goal-by-goal pages.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.drivers import driver_chains, driver_order
from coherence_planner.domain.layout.geometry import card_cycle_line
from coherence_planner.domain.layout.labels import via_text
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.wording import money_short, plural
from coherence_planner.reports.fonts import text_width

# SMALL_PT is set there, with the lines it measures, and read here by every printed module.
from coherence_planner.reports.map.printed_text import SMALL_PT as SMALL_PT
from coherence_planner.reports.map.printed_text import also_names, wrap
from coherence_planner.reports.markup import clean

MIN_PT = 7.0  # nothing on a printed map is smaller
GOAL_PT = 12.0  # goal statements: the largest text
STRATEGY_PT = 8.5
NAME_PT = 8.0

GOAL_W = 150.0
STRATEGY_W = 130.0
CARD_W = 140.0
CARD_WIDTHS = (140.0, 170.0, 200.0)  # the card widths tried for the fewest pages
PAD = 3.0
GAP = 4.0  # between cards
BUS = 9.0  # room for the connector lines between a card and what it serves
LANE_GAP = 5.0
BLOCK_GAP = 4.0  # between two strategies' blocks in a lane
COLUMN_STEP = STRATEGY_W + BUS  # a secondary driver's column, right of its primary's
STEP = 12.0  # a secondary driver's step under its primary, where no column fits
NAME_LINES = 2
STRATEGY_LINES = 4
GOAL_LINES = 7
CYCLE_LINES = 2  # "Cycle to 10-15: " and the cycle's focus, under a strategy's name
VIA_LINES = 2  # "via Data teams › Coaching cycles", under a folded strategy's name
ORPHAN_LABEL = "Not linked to any goal"
DIRECT_LABEL = "Serving the goal directly or through a strategy in another lane"

Measure = Callable[[str, float, bool], float]


@dataclass
class PrintCard:
    """One item's card at its printed size; x, y are set when its row is placed."""

    id: str
    kind: str
    lines: list[str]  # the name, wrapped
    size: float  # of the name
    bold: bool
    badges: list[str]
    note: str  # money or counts, in SMALL_PT
    w: float
    h: float
    x: float = 0.0
    y: float = 0.0
    inline_note: bool = False  # the note stands at the end of the name's line
    inline_badges: bool = False  # badges (and a note not inline) end the name's last line
    cycle: list[str] = field(default_factory=list)  # a strategy's running cycle, wrapped
    # The strategies a chain deeper than secondary drivers reaches its goal through, wrapped
    # (labels.via_lines): on paper, as on screen, the heads stand one under another.
    via: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A strategy (or "linked directly") and the cards that serve it, in rows."""

    head: PrintCard | None  # None: the direct row, labelled DIRECT_LABEL
    rows: list[list[PrintCard]]
    h: float = 0.0
    also: list[str] = field(default_factory=list)  # items standing elsewhere, wrapped
    # A secondary driver's block: the primary driver it stands under (the blocks before it
    # in the lane: the primary's, then its other secondaries), and how far right of the
    # primary its head stands: a column of its own (COLUMN_STEP), or, on a page too
    # narrow for that column, a step in the strategies' column, under its primary (STEP).
    under: PrintCard | None = None
    step: float = 0.0
    subs: int = 0  # a primary driver's block: how many secondaries stand beside it


@dataclass
class PrintLane:
    """A goal's band: its card and its blocks; `also` names items shown in another lane."""

    goal: PrintCard | None  # None for the orphan band
    label: str
    blocks: list[Block]
    also: list[str] = field(default_factory=list)  # wrapped lines
    # "full"; "compact": no cards of its own, only items standing in other lanes serve it;
    # "unserved": nothing serves it (printed_compact.py sets both small).
    form: str = "full"
    also_items: list[str] = field(default_factory=list)  # the names `also` lists


def _card(
    district: District,
    analysis: Analysis,
    item_id: str,
    width: float,
    today: dt.date | None = None,
    via: str = "",
) -> PrintCard:
    item = district.items[item_id]
    flags = style.card_flags(analysis.flags_of(item_id), item.required and item.live)
    badges = style.badges(flags, analysis.group_of.get(item_id))
    if item.kind == "goal":
        size, bold, lines = GOAL_PT, True, GOAL_LINES
    elif item.kind == "strategy":
        size, bold, lines = STRATEGY_PT, True, STRATEGY_LINES
    else:
        size, bold, lines = NAME_PT, False, NAME_LINES
    room = width - 2 * PAD - 3
    note = ""
    if isinstance(item, Program) and item.annual_cost is not None:
        note = money_short(item.annual_cost)
    note_w = text_width(note, SMALL_PT, False) + 6 if note else 0.0
    label = " ".join(clean(item.label).split())
    inline = item.kind != "goal" and text_width(label, size, bold) <= room - note_w
    names = [label] if inline else wrap(label, room, size, bold, lines)
    h = 2 * PAD + len(names) * size * 1.2
    tail = badges_width(badges) + note_w  # the note, if any, ends whichever line they share
    # Badges ride at the end of the name's last line when they fit there (a card's second
    # line is often short); else they take a small line of their own.
    ride = bool(badges) and item.kind != "goal" and text_width(names[-1], size, bold) <= room - tail
    if (badges or (note and not inline)) and not ride:
        h += SMALL_PT * 1.35
    running = card_cycle_line(item, today)
    cycle = wrap(running, room, SMALL_PT, False, CYCLE_LINES) if running else []
    h += len(cycle) * SMALL_PT * 1.2
    vias = wrap(via, room, SMALL_PT, False, VIA_LINES) if via else []
    h += len(vias) * SMALL_PT * 1.2
    return PrintCard(
        item_id, item.kind, names, size, bold, badges, note, width, h, 0, 0, inline, ride, cycle,
        vias,
    )  # fmt: skip


def badges_width(badges: list[str]) -> float:
    """How wide a card's badges print, side by side (as map_print_pages draws them)."""
    return sum(text_width(word, SMALL_PT, True) + 6 for word in badges)


def _first_strategies(
    targets: dict[str, list[str]], kinds: dict[str, str], start: str
) -> list[str]:
    """The strategies an item serves directly or through programs and policies."""
    found: list[str] = []
    seen = {start}
    stack = [start]
    while stack:
        for there in targets.get(stack.pop(), ()):
            if there in seen or there not in kinds:
                continue
            seen.add(there)
            if kinds[there] == "strategy":
                found.append(there)
            elif kinds[there] != "goal":
                stack.append(there)
    return found


@dataclass
class LanePlan:
    """Who stands where: each goal's strategies and each strategy's (or goal's) servers."""

    goals: list[str]
    home: dict[str, str]  # item -> the goal whose lane shows it
    strategies: dict[str, list[str]]  # goal -> its strategies in plan order
    served: dict[tuple[str, str], list[str]]  # (goal, strategy or "") -> items
    orphans: list[str]
    # (goal, strategy) -> items that serve it too but stand under another strategy, which
    # its block names in a closing line: every supports link is on the paper.
    also_under: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    via: dict[str, str] = field(default_factory=dict)  # strategy -> its chain, in words
    # A secondary driver -> its chain of strategies to its primary driver, the primary last
    # (drivers.driver_chains, as on screen).
    drivers: dict[str, list[str]] = field(default_factory=dict)
    # How many items are live: plan_area checks it for every goal's pages, and counting the
    # items each time took 0.37 s over a 10,000-program report's 49 goals.
    live: int = 0
    # goal -> how many items serve it (its card's note, the report's "N more items" line),
    # counted in one pass: counting per goal read every item's goals 49 times at 10,000.
    serving: dict[str, int] = field(default_factory=dict)


def lane_plan(district: District, analysis: Analysis) -> LanePlan:
    """Which lane and which strategy's row each item stands in (shared by every setting)."""
    items = district.items
    live = [i for i in sorted(items, key=district.seq_of) if items[i].live]
    kinds = {i: items[i].kind for i in live}
    goals = [i for i in live if kinds[i] == "goal"]
    rank = {g: n for n, g in enumerate(goals)}
    targets: dict[str, list[str]] = defaultdict(list)
    for link in district.ordered_links():
        if link.kind == "supports" and link.src in kinds and link.dst in kinds:
            targets[link.src].append(link.dst)
    home: dict[str, str] = {}
    strategies: dict[str, list[str]] = defaultdict(list)
    served: dict[tuple[str, str], list[str]] = defaultdict(list)
    also_under: dict[tuple[str, str], list[str]] = defaultdict(list)
    orphans: list[str] = []
    for item_id in live:
        reach = sorted(analysis.goals_of.get(item_id, ()), key=lambda g: rank.get(g, 0))
        if kinds[item_id] == "goal":
            continue
        if not reach:
            orphans.append(item_id)
            continue
        home[item_id] = reach[0]
        if kinds[item_id] == "strategy":
            for goal in reach:
                strategies[goal].append(item_id)
            continue
        # Walked once per item, not once per goal it reaches (10,000 programs: 2 million walks).
        firsts = _first_strategies(targets, kinds, item_id)
        for goal in reach:
            via = [s for s in firsts if goal in analysis.goals_of.get(s, ())]
            served[(goal, via[0] if via else "")].append(item_id)
            for other in via[1:]:
                also_under[(goal, other)].append(item_id)
    # A secondary driver stands under the nearest primary driver of its own lane, with the
    # chain in words when it is folded in through other strategies.
    live_items = {i: items[i] for i in live}
    pairs = [(src, dst) for src, dsts in targets.items() for dst in dsts]
    drivers = driver_chains(live_items, pairs, home)
    chains = {s: via_text(live_items, chain) for s, chain in drivers.items() if len(chain) > 1}
    return LanePlan(
        goals, home, strategies, served, orphans, also_under, chains, drivers, len(live),
        dict(Counter(goal for gs in analysis.goals_of.values() for goal in set(gs))),
    )  # fmt: skip


def _rows(cards: list[PrintCard], columns: int) -> list[list[PrintCard]]:
    return [cards[n : n + columns] for n in range(0, len(cards), columns)]


def _row_height(row: list[PrintCard]) -> float:
    return max(card.h for card in row)


def rows_height(rows: list[list[PrintCard]]) -> float:
    return sum(_row_height(row) for row in rows) + GAP * max(0, len(rows) - 1)


def also_height(also: list[str]) -> float:
    """The height of a closing "Also serving..." line or two, with the gap above it."""
    return len(also) * SMALL_PT * 1.25 + GAP if also else 0.0


def band_width(lane: PrintLane, blocks: list[Block], width: float) -> float:
    """How wide a lane's band (or part of one: `blocks`) needs to be, at most `width`: its
    cards and closing lines, not the whole map's width when its rows are short."""
    rows = [(indent(block), row) for block in blocks for row in block.rows]
    cards = max((x + sum(c.w for c in row) + GAP * (len(row) - 1) for x, row in rows), default=0)
    lines = [(indent(block), line) for block in blocks for line in block.also]
    lines += [(0.0, line) for line in lane.also]
    text = max((x + text_width(line, SMALL_PT, False) for x, line in lines), default=0.0)
    if lane.goal is None:  # the orphan band: its label, then its grid
        label = text_width(lane.label, SMALL_PT + 0.5, True)
        return min(width, 2 * PAD + max(cards, text, label))
    return min(width, 2 * PAD + max(body_width(False) + cards, GOAL_W + BUS + text))


def body_width(deep: bool) -> float:
    """The width of a lane's goal and strategy columns (and of the secondary drivers'
    column, `deep`), up to the cards serving a strategy."""
    return GOAL_W + BUS + (STRATEGY_W + BUS) * (2 if deep else 1)


def fits(width: float, least: float, column: bool) -> bool:
    """Whether a map `width` wide holds a goal, a strategy (and, `column`, a secondary
    driver) and one card `least` wide across: narrower, they would run off the page."""
    return width >= body_width(column) + 2 * PAD + least


def indent(block: Block) -> float:
    """How far right of a primary driver's cards a block's cards stand: a secondary
    driver's in a column of its own stand past that column; a primary's own cards stand
    in that column, above its secondaries (so a lane with none keeps its width)."""
    return block.step if block.step == COLUMN_STEP else 0.0


def _block_height(block: Block) -> float:
    rows = rows_height(block.rows) + also_height(block.also)
    if block.subs:  # its head stands beside its secondaries too (printed_lane.block_tops)
        return rows
    label = len(direct_label()) * SMALL_PT * 1.2 + SMALL_PT * 0.4
    return max(block.head.h if block.head else label, rows)


def direct_label() -> list[str]:
    """DIRECT_LABEL, wrapped in the strategies' column (two lines)."""
    return wrap(DIRECT_LABEL, STRATEGY_W, SMALL_PT, False, 4)


@dataclass
class PrintMap:
    """The map at its printed size for one content width: lanes then the orphan band."""

    width: float
    columns: int  # cards per row beside a strategy
    lanes: list[PrintLane]

    @property
    def cards(self) -> int:
        total = 0
        for lane in self.lanes:
            total += int(lane.goal is not None)
            for block in lane.blocks:
                total += int(block.head is not None) + sum(len(r) for r in block.rows)
        return total


def card_columns(width: float, least: float = CARD_W) -> tuple[int, float]:
    """How many cards stand in a row beside a strategy in a map `width` points wide, and how
    wide each is (at least `least`, stretched to fill the row: wider cards need fewer lines)."""
    room = width - body_width(False) - 2 * PAD
    columns = max(1, int((room + GAP) // (least + GAP)))
    return columns, max(least, (room - GAP * (columns - 1)) / columns)


def deep_columns(width: float, grid: tuple[int, float]) -> tuple[int, float]:
    """How many cards stand in a row beside a secondary driver, and how wide, given the
    map's `grid` (cards a row beside a strategy, and their width): as many as beside a
    strategy while they fit at CARD_W, narrower if need be (never wider), so that the
    secondary drivers' column costs a row of cards its width and not a card a row."""
    columns, card_w = grid
    room = width - body_width(True) - 2 * PAD
    count = max(1, min(columns, int((room + GAP) // (CARD_W + GAP))))
    return count, min(card_w, (room - GAP * (count - 1)) / count)


def print_map(
    district: District,
    analysis: Analysis,
    width: float,
    goal: str | None = None,
    least: float = CARD_W,
    plan: LanePlan | None = None,
    today: dt.date | None = None,
    budget: float | None = None,
) -> PrintMap:
    """The whole map (or, with `goal`, that goal's line of sight) set `width` points wide,
    with cards at least `least` wide (short names pack tighter in narrow cards, long ones
    in wide cards, where they take one line instead of two). With `today`, strategies show
    the cycle running that day (the poster does; the pages set for paper not yet). With
    `budget` (map points), a goal's lane stops after the primary driver whose blocks pass
    that height: the report draws a goal's first pages only, and building the cards of a
    line of sight nobody sees was a fifth of a 10,000-program report's time."""
    plan = plan or lane_plan(district, analysis)
    columns, card_w = card_columns(width, least)
    lanes: list[PrintLane] = []
    for goal_id in plan.goals if goal is None else [goal]:
        lanes.append(
            _lane(
                district,
                analysis,
                plan,
                goal_id,
                (columns, card_w),
                width,
                goal is None,
                today,
                budget,
            )
        )
    if goal is None and plan.orphans:
        per_row = max(1, int((width - 2 * PAD + GAP) // (CARD_W + GAP)))
        orphan_w = (width - 2 * PAD - GAP * (per_row - 1)) / per_row
        cards = [_card(district, analysis, i, orphan_w) for i in plan.orphans]
        money = analysis.resources.orphan_cost
        label = f"{ORPHAN_LABEL} · {plural(len(cards), 'item')} · {money_short(money)} a year"
        lanes.append(PrintLane(None, label, [Block(None, _rows(cards, per_row))]))
    for lane in lanes:
        for block in lane.blocks:
            block.h = _block_height(block)
    return PrintMap(width, columns, lanes)


def _lane(
    district: District,
    analysis: Analysis,
    plan: LanePlan,
    goal_id: str,
    grid: tuple[int, float],
    width: float,
    whole: bool,
    today: dt.date | None = None,
    budget: float | None = None,
) -> PrintLane:
    """A goal's lane; on the whole map only the items whose home it is get cards. With
    `budget`, the blocks end at a primary driver once those before it are that tall (a
    primary always keeps its secondaries: its height depends on them)."""
    columns, card_w = grid
    goal_card = _card(district, analysis, goal_id, GOAL_W)
    money = analysis.resources.by_goal.get(goal_id, 0.0)
    shown: set[str] = set()
    elsewhere_ids: dict[str, None] = {}  # in the order first met (a list was searched each time)

    def mine(item_id: str) -> bool:
        if not whole or plan.home.get(item_id) == goal_id:
            return item_id not in shown
        if item_id not in shown:
            elsewhere_ids.setdefault(item_id)
        return False

    heads: dict[str, list[str]] = {}  # each strategy this lane shows -> what it serves
    loose: list[str] = []  # serving through a strategy another lane shows, or directly
    for head_id in plan.strategies.get(goal_id, []):
        ids = [i for i in plan.served.get((goal_id, head_id), []) if mine(i)]
        shown.update(ids)
        if not mine(head_id):
            loose += ids
            continue
        shown.add(head_id)
        heads[head_id] = ids
    order = driver_order(list(heads), plan.drivers)
    beside = deep_columns(width, grid)  # cards a row beside a secondary driver, and width
    step = COLUMN_STEP if beside[1] >= CARD_W else STEP
    if step == STEP:  # no column for them: secondaries' cards stand where primaries' do
        beside = grid
    blocks: list[Block] = []
    block_of: dict[str, Block] = {}
    tall, measured, cut = 0.0, 0, False  # how tall the complete blocks are, and how many
    for head_id, top in order:
        if budget is not None and not top:  # the blocks before are complete: measure them
            tall += sum(_block_height(block) for block in blocks[measured:])
            measured = len(blocks)
            if tall > budget:
                cut = True  # the pages drawn end before this block: nor is the direct row built
                break
        ids = heads[head_id]
        per_row, w = beside if top else grid
        cards = [_card(district, analysis, i, w) for i in ids]
        head_w = STRATEGY_W - (STEP if top and step == STEP else 0.0)
        head = _card(district, analysis, head_id, head_w, today, plan.via.get(head_id, ""))
        elsewhere = [i for i in plan.also_under.get((goal_id, head_id), []) if i not in ids]
        named = also_names(
            [" ".join(clean(district.items[i].label).split()) for i in elsewhere],
            per_row * (w + GAP) - GAP,
            "Also serving this strategy: ",  # (short: a block may be one card wide)
        )
        block = Block(head, _rows(cards, per_row), also=named)
        if top:  # a secondary driver, after its primary's block and the secondaries before
            block.under, block.step = block_of[top].head, step
            block_of[top].subs += step == COLUMN_STEP
        block_of[head_id] = block
        blocks.append(block)
    direct = [i for i in plan.served.get((goal_id, ""), []) if mine(i)]
    shown.update(direct)
    if (loose or direct) and not cut:
        cards = [_card(district, analysis, i, card_w) for i in [*loose, *direct]]
        blocks.append(Block(None, _rows(cards, columns)))
    count = plan.serving.get(goal_id, 0)
    goal_card.note = f"{money_short(money)} a year · {plural(count, 'item')} serve it"
    goal_card.h = 2 * PAD + (len(goal_card.lines) + 1 + bool(goal_card.badges)) * GOAL_PT * 1.2
    also_lines: list[str] = []
    also = [i for i in elsewhere_ids if i not in shown]
    names = [" ".join(clean(district.items[i].label).split()) for i in also]
    if also:
        also_lines = also_names(
            names,
            width - GOAL_W - BUS - 2 * PAD,
            "Also serving this goal ({} in other goals' lanes): ",
        )
    form = "full" if blocks or not whole else "compact" if count else "unserved"
    label = " ".join(clean(district.items[goal_id].label).split())
    return PrintLane(goal_card, label, blocks, also_lines, form, names)
