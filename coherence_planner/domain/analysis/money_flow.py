"""Where the money goes: program dollars flowing through strategies to the goals.

The board's question is "what do we spend on each goal, and through what?". This module
answers it in plain numbers, at two levels:

- `money_paths` follows every live program's `annual_cost` to the goals it reaches, split as
  the resource rule splits it (coherence-rules.md §6: annual_cost / |goals(p)| per goal), so
  the dollars arriving at each goal equal `Resources.by_goal` exactly. Within one goal the
  share passes through the program's *first* strategies that reach that goal (the ones it
  serves directly or through programs and policies), split evenly between them; a program
  that reaches the goal without any such strategy flows "directly" to it. An orphan's money
  flows to "no goal". Policies have no cost of their own: they appear as paths of $0, so
  the picture can still show what they serve.
- `group_flow` turns the paths into a diagram of at most a given number of rows per column:
  the largest items are shown by name, the rest gathered per goal into "12 other programs"
  nodes, so that no label ever has to squeeze in beside another.

Plain numbers only: reports/ turns a `FlowDiagram` into boxes and ribbons, and both the PDF
and the app's Overview draw those.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.text import visible
from coherence_planner.domain.model.wording import money_short, plural

SOURCE, MIDDLE, GOAL = 0, 1, 2  # the diagram's three columns, left to right

NO_GOAL = "no-goal"  # the right-hand node for money that reaches no goal
UNLINKED = "unlinked"  # the middle pass-through on the way to NO_GOAL
DIRECT = "direct:"  # + goal id: the middle pass-through of money linked straight to a goal
POLICIES = "policies"  # every policy, gathered into one $0 node
OTHER_GOALS = "other-goals"


@dataclass(frozen=True)
class MoneyPath:
    """One program's (or policy's) dollars on one way to one goal."""

    source: str  # program or policy id
    middle: str  # strategy id, DIRECT + goal id, or UNLINKED
    goal: str  # goal id or NO_GOAL
    amount: float
    removal: bool  # the source is a removal candidate: this money could be freed


def _first_strategies(district: District, targets: dict[str, list[str]], start: str) -> list[str]:
    """Strategies reached from `start` by supports links, stopping at each strategy found:
    the ones the item serves directly or through programs and policies."""
    found: list[str] = []
    seen = {start}
    stack = [start]
    while stack:
        for there in targets.get(stack.pop(), ()):
            if there in seen:
                continue
            seen.add(there)
            kind = district.items[there].kind
            if kind == "strategy":
                found.append(there)
            elif kind != "goal":
                stack.append(there)
    return found


def money_paths(district: District, analysis: Analysis) -> list[MoneyPath]:
    """Every live program's and policy's way to the goals (see the module docstring)."""
    live = {i for i, item in district.items.items() if item.live}
    candidates = {c.id for c in analysis.removal_candidates}
    targets: dict[str, list[str]] = defaultdict(list)  # live supports links, built once
    for link in district.ordered_links():
        if link.kind == "supports" and link.src in live and link.dst in live:
            targets[link.src].append(link.dst)
    serves: dict[str, frozenset[str]] = {}  # a strategy's goals, as a set for quick tests
    paths: list[MoneyPath] = []
    for item_id in sorted(live, key=district.seq_of):
        item = district.items[item_id]
        if item.kind not in ("program", "policy"):
            continue
        cost = float(item.annual_cost or 0) if isinstance(item, Program) else 0.0
        removal = item_id in candidates
        goals = analysis.goals_of.get(item_id, ())
        if not goals:
            paths.append(MoneyPath(item_id, UNLINKED, NO_GOAL, cost, removal))
            continue
        firsts = _first_strategies(district, targets, item_id)
        for strategy in firsts:
            if strategy not in serves:
                serves[strategy] = frozenset(analysis.goals_of.get(strategy, ()))
        share = cost / len(goals)
        for goal in goals:
            via = [s for s in firsts if goal in serves[s]]
            if not via:
                paths.append(MoneyPath(item_id, DIRECT + goal, goal, share, removal))
                continue
            for strategy in via:
                paths.append(MoneyPath(item_id, strategy, goal, share / len(via), removal))
    return paths


# --------------------------------------------------------------------------- the diagram


@dataclass
class FlowNode:
    """A box in the diagram: one item, or a group of items shown as one."""

    key: str
    column: int
    kind: str  # program, policy, strategy, goal, group, direct, unlinked, no-goal
    label: str
    members: list[str] = field(default_factory=list)
    amount: float = 0.0  # dollars through the node
    removal_amount: float = 0.0  # of which removal candidates' dollars
    removal_count: int = 0  # removal candidates among the members
    unsupported: bool = False  # a goal nothing reaches

    @property
    def through(self) -> bool:
        """A pass-through: the ribbon continues across the middle column without a box."""
        return self.kind in ("direct", "unlinked")


@dataclass(frozen=True)
class FlowLink:
    """A ribbon between two nodes of neighbouring columns."""

    src: str
    dst: str
    amount: float
    removal: bool
    orphan: bool  # money that reaches no goal


@dataclass
class FlowDiagram:
    columns: tuple[list[FlowNode], list[FlowNode], list[FlowNode]]
    links: list[FlowLink]

    def node(self, key: str) -> FlowNode:
        for column in self.columns:
            for node in column:
                if node.key == key:
                    return node
        raise KeyError(key)


@dataclass(frozen=True)
class _Entity:
    key: str
    amount: float
    group: str  # which "other ..." group it joins when not shown by name
    order: int
    first: bool = False  # shown by name before any larger one (a goal nothing funds)


def _pick(entities: list[_Entity], rows: int) -> tuple[set[str], dict[str, list[str]]]:
    """Which entities are shown by name and which groups gather the rest, in `rows` rows.

    The largest are named; the rest gather by their group key; a group of one is shown by
    name instead (it costs the same row). When there are more group keys than rows (a plan
    with dozens of goals), a third of the rows name the largest items, and the groups with
    the most money fill the rest but one, which gathers everything else."""
    ranked = sorted(entities, key=lambda e: (not e.first, -e.amount, e.order))
    rows = max(1, rows)
    # groups_after[n]: how many group keys the entities from n on would need.
    groups_after = [0] * (len(ranked) + 1)
    keys: set[str] = set()
    for n in range(len(ranked) - 1, -1, -1):
        keys.add(ranked[n].group)
        groups_after[n] = len(keys)
    shown = next(
        (n for n in range(min(len(ranked), rows), -1, -1) if n + groups_after[n] <= rows),
        None,
    )
    capped = shown is None
    if shown is None:
        shown = rows // 3
    named = {e.key for e in ranked[:shown]}
    groups: dict[str, list[str]] = defaultdict(list)
    money: dict[str, float] = defaultdict(float)
    for e in ranked[shown:]:
        groups[e.group].append(e.key)
        money[e.group] += e.amount
    if capped:
        by_money = sorted(groups, key=lambda k: -money[k])
        rest = [m for key in by_money[rows - shown - 1 :] for m in groups.pop(key)]
        groups["all"] = rest
    for key, members in list(groups.items()):
        if len(members) == 1:
            named.add(members[0])
            del groups[key]
    return named, dict(groups)


def group_flow(
    district: District,
    analysis: Analysis,
    paths: list[MoneyPath],
    rows: tuple[int, int, int],
) -> FlowDiagram:
    """The diagram with at most `rows[c]` named-or-grouped boxes in column c (pass-throughs
    take no row: they carry no label of their own)."""
    items = district.items
    goal_ids = [g.id for g in district.items_of("goal") if g.live]
    resources = analysis.resources

    # Right column: goals in the plan's order, the smallest gathered when they overflow.
    goal_entities = [
        _Entity(g, resources.by_goal.get(g, 0.0), OTHER_GOALS, n, g in analysis.unsupported_goals)
        for n, g in enumerate(goal_ids)
    ]
    named_goals, _ = _pick(goal_entities, rows[GOAL] - 1)
    goal_node: dict[str, str] = {g: g if g in named_goals else OTHER_GOALS for g in goal_ids}
    goal_node[NO_GOAL] = NO_GOAL
    goal_rank = {g: n for n, g in enumerate(goal_ids)}
    goal_rank[NO_GOAL] = len(goal_ids) + 1

    # Middle column: strategies by the money through them, grouped by their main goal.
    through: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for path in paths:
        through[path.middle][path.goal] += path.amount
    strategies = [m for m in through if not m.startswith(DIRECT) and m != UNLINKED]

    def main_goal(amounts: dict[str, float]) -> str:
        return min(amounts, key=lambda g: (-amounts[g], goal_rank.get(g, 0)))

    strategy_entities = [
        _Entity(s, sum(through[s].values()), main_goal(through[s]), district.seq_of(s))
        for s in strategies
    ]
    named_strategies, strategy_groups = _pick(strategy_entities, rows[MIDDLE])
    middle_node: dict[str, str] = {s: s for s in named_strategies}
    for key, members in strategy_groups.items():
        for s in members:
            middle_node[s] = f"other-strategies:{key}"
    for m in through:  # pass-throughs: one per goal box
        middle_node.setdefault(
            m, DIRECT + goal_node[m[len(DIRECT) :]] if m.startswith(DIRECT) else m
        )

    # Left column: programs by cost, grouped by their main goal; policies always together.
    reach: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for path in paths:
        reach[path.source][path.goal] += path.amount
    programs = [s for s in reach if items[s].kind == "program"]
    program_entities = [
        _Entity(p, sum(reach[p].values()), main_goal(reach[p]), district.seq_of(p))
        for p in programs
    ]
    has_policies = any(items[s].kind == "policy" for s in reach)
    named_programs, program_groups = _pick(program_entities, rows[SOURCE] - int(has_policies))
    source_node: dict[str, str] = {p: p for p in named_programs}
    for key, members in program_groups.items():
        for p in members:
            source_node[p] = f"other-programs:{key}"
    for s in reach:
        if items[s].kind == "policy":
            source_node[s] = POLICIES

    nodes: dict[str, FlowNode] = {}

    def node(key: str, column: int) -> FlowNode:
        if key not in nodes:
            nodes[key] = _new_node(district, analysis, key, column)
        return nodes[key]

    left: dict[tuple[str, str, bool, bool], float] = defaultdict(float)
    right: dict[tuple[str, str, bool, bool], float] = defaultdict(float)
    seen: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        src = node(source_node[path.source], SOURCE)
        mid = node(middle_node[path.middle], MIDDLE)
        dst = node(goal_node[path.goal], GOAL)
        for n, member in ((src, path.source), (mid, path.middle), (dst, path.goal)):
            n.amount += path.amount
            if path.removal:
                n.removal_amount += path.amount
            if member not in seen[n.key]:
                seen[n.key].add(member)
                n.members.append(member)
        orphan = path.goal == NO_GOAL
        left[(src.key, mid.key, path.removal, orphan)] += path.amount
        # Removal candidates' money is marked from the program to the strategy; past the
        # strategies it joins the rest, or every goal would fan out in two colours.
        right[(mid.key, dst.key, False, orphan)] += path.amount
    for g in goal_ids:  # a goal nothing reaches still stands in the picture, at $0
        node(goal_node[g], GOAL)
        if g not in nodes[goal_node[g]].members:
            nodes[goal_node[g]].members.append(g)
    candidates = {c.id for c in analysis.removal_candidates}
    for n in nodes.values():
        if n.column == SOURCE:
            n.removal_count = sum(1 for m in n.members if m in candidates)
        if n.kind == "group":
            n.label = _group_label(n)

    # A $0 link is drawn only from a box that has no money at all (a policy, a program with
    # no cost recorded), to show what it serves; beside money it would be noise.
    links = [
        FlowLink(s, d, a, r, o)
        for (s, d, r, o), a in {**left, **right}.items()
        if a > 0 or nodes[s].amount == 0
    ]
    columns = _order(nodes, links, goal_rank, goal_node)
    return FlowDiagram(columns, links)


def _new_node(district: District, analysis: Analysis, key: str, column: int) -> FlowNode:
    items = district.items
    if key in items:
        item = items[key]
        unsupported = key in analysis.unsupported_goals
        return FlowNode(key, column, item.kind, visible(item.label), unsupported=unsupported)
    if key == NO_GOAL:
        return FlowNode(key, column, "no-goal", "No goal")
    if key == UNLINKED:
        return FlowNode(key, column, "unlinked", "not linked to any goal")
    if key.startswith(DIRECT):
        return FlowNode(key, column, "direct", "linked to the goal directly")
    return FlowNode(key, column, "group", "")


def _group_label(node: FlowNode) -> str:
    count = len(node.members)
    if node.key == POLICIES:
        return f"{plural(count, 'policy', 'policies')} (no cost of their own)"
    if node.key == OTHER_GOALS:
        return plural(count, "other goal")
    if node.column == MIDDLE:
        words = plural(count, "other strategy", "other strategies")
    else:
        words = plural(count, "other program")
    if node.key.endswith(":" + NO_GOAL):
        words += " not linked to a goal"
    return words


def _order(
    nodes: dict[str, FlowNode],
    links: list[FlowLink],
    goal_rank: dict[str, int],
    goal_node: dict[str, str],
) -> tuple[list[FlowNode], list[FlowNode], list[FlowNode]]:
    """Goals in the plan's order (others, then "No goal", last); each middle and left node
    at the money-weighted mean position of where its money goes, so ribbons run nearly
    parallel instead of crossing (the barycentre heuristic, one sweep from the right)."""
    right = sorted(
        (n for n in nodes.values() if n.column == GOAL),
        key=lambda n: goal_rank.get(n.key, len(goal_rank) - 1 if n.key == OTHER_GOALS else 0),
    )
    position = {n.key: float(i) for i, n in enumerate(right)}
    outgoing: dict[str, list[FlowLink]] = defaultdict(list)
    for link in links:
        outgoing[link.src].append(link)

    def centre(key: str) -> float:
        out = outgoing.get(key, [])
        weight = sum(link.amount for link in out)
        if weight > 0:
            return sum(position[link.dst] * link.amount for link in out) / weight
        return sum(position[link.dst] for link in out) / len(out) if out else 0.0

    middle = sorted(
        (n for n in nodes.values() if n.column == MIDDLE),
        key=lambda n: (centre(n.key), n.through, -n.amount, n.key),
    )
    position.update({n.key: float(i) for i, n in enumerate(middle)})
    left = sorted(
        (n for n in nodes.values() if n.column == SOURCE),
        key=lambda n: (centre(n.key), n.key == POLICIES, -n.amount, n.key),
    )
    return left, middle, right


FLOW_KEY = (
    "Each band is dollars a year, from the programs (left) through the strategies they serve "
    "to the goals (right); a program serving several goals is split evenly between them. "
    "Grey: money reaching no goal. Vermillion: removal candidates. Policies cost nothing of "
    "their own; thin lines show what they serve."
)


def flow_summary(district: District, analysis: Analysis) -> str:
    """One sentence a superintendent can read aloud beside the picture."""
    res = analysis.resources
    programs = [p for p in district.items_of("program") if p.live]
    costless = sum(1 for p in programs if isinstance(p, Program) and p.annual_cost is None)
    total = res.total_cost
    if total <= 0:
        return "No program in the plan has an annual cost recorded yet."
    # "in use" when retired programs are left out, so the count does not contradict the
    # plan's program count beside it (63 programs, 60 of them in use, in the sample).
    in_use = " in use" if len(programs) < len(district.items_of("program")) else ""
    words = [
        f"{money_short(total)} a year across {plural(len(programs), 'program')}{in_use}: "
        f"{money_short(res.aligned_cost)} ({res.aligned_cost / total:.0%}) reaches the goals"
    ]
    if res.orphan_cost > 0:
        words.append(f"{money_short(res.orphan_cost)} goes to programs linked to no goal")
    if res.freed_cost > 0:
        words.append(f"removal candidates could free {money_short(res.freed_cost)}")
    sentence = "; ".join(words) + "."
    if costless:
        verb = "has" if costless == 1 else "have"
        sentence += f" {plural(costless, 'program')} {verb} no annual cost recorded."
    return sentence
