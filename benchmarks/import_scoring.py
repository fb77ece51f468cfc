"""Scoring an imported plan against a corpus file's truth (tests/data/import_corpus/README.md).

Kept apart from the runner (bench_import_accuracy.py) so that the rules of the score are read
in one place: programs match by normalised name (the truth's name or one of its `also`
forms, never a code), one imported program per truth program; goals match by their code
("Goal 1", "1 - Literacy") or their name; a program's goal links count through a strategy
too, since an import may put strategies between programs and goals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item

MONEY_TOLERANCE = 1.0  # dollars, per program
GOAL_MONEY_TOLERANCE = 0.005  # a share of the goal's money

_NUMBERING = re.compile(r"^(?:action|strategy|goal)?\s*#?\d+(?:\.\d+)*\s*[.):-]?\s+")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation folded, '&' as 'and', leading numbering dropped:
    "1.3 Lexia Core5 Reading" and "lexia core5 reading" are one name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()
    text = _NUMBERING.sub("", text).replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def goal_key(goal: dict[str, Any]) -> str:
    """How a truth program's `goals` list names a goal: its code, or its name when it has none."""
    return str(goal["code"]) if goal.get("code") is not None else str(goal["name"])


@dataclass
class Score:
    """One file's figures; `add` sums them for the total."""

    programs: int = 0
    found: int = 0
    missed: int = 0
    extra: int = 0
    links: int = 0
    links_right: int = 0
    links_wrong: int = 0
    links_missing: int = 0
    money_right: int = 0
    goals: int = 0
    goal_money_right: int = 0
    required: int = 0
    required_flagged: int = 0
    required_false: int = 0
    money_truth: float = 0.0
    money_imported: float = 0.0

    def add(self, other: Score) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _goal_matcher(truth_goals: list[dict[str, Any]]) -> Any:
    def match(goal: Item) -> str | None:
        name = normalise(goal.name)
        raw = goal.name.strip().lower()
        for truth in truth_goals:
            code = truth.get("code")
            if code is not None and re.match(
                rf"^(?:goal\s*)?#?\s*{re.escape(str(code).lower())}(?![0-9a-z.])", raw
            ):
                return goal_key(truth)
        for truth in truth_goals:
            wanted = normalise(truth["name"]) if truth.get("name") else ""
            if wanted and (name == wanted or (len(wanted) >= 8 and wanted in name)):
                return goal_key(truth)
        return None

    return match


def _goals_served(district: District, item: Item, goal_of: dict[str, str | None]) -> set[str]:
    """The goals an imported item supports, directly or through a strategy, by truth key
    ("?name" for an imported goal that is none of the truth's)."""
    served: set[str] = set()
    for link in district.links_of(item.id):
        if link.kind != "supports" or link.src != item.id:
            continue
        target = district.items.get(link.dst)
        if target is None:
            continue
        if target.kind == "goal":
            key = goal_of.get(target.id)
            served.add(key if key is not None else f"?{target.name}")
        elif target.kind == "strategy":
            served |= _goals_served(district, target, goal_of)
    return served


def score(district: District, truth: dict[str, Any]) -> tuple[Score, list[str], list[str]]:
    """The figures, the truth programs missed and the imported programs that are extra."""
    result = Score()
    wanted = truth["programs"]
    by_name: dict[str, int] = {}
    for index, program in enumerate(wanted):
        for form in [program["name"], *program.get("also", [])]:
            by_name.setdefault(normalise(form), index)
    matched: dict[int, Item] = {}
    extras: list[Item] = []
    for item in district.items_of("program"):
        found = by_name.get(normalise(item.name))
        if found is None or found in matched:
            extras.append(item)
        else:
            matched[found] = item
    match_goal = _goal_matcher(truth["goals"])
    goal_of = {goal.id: match_goal(goal) for goal in district.items_of("goal")}
    served = {
        item.id: _goals_served(district, item, goal_of) for item in district.items_of("program")
    }

    result.programs, result.found = len(wanted), len(matched)
    result.missed, result.extra = len(wanted) - len(matched), len(extras)
    for index, program in enumerate(wanted):
        links = set(program["goals"])
        result.links += len(links)
        result.money_truth += program["annual_cost"] or 0.0
        result.required += bool(program["required"])
        imported = matched.get(index)
        if imported is None:
            result.links_missing += len(links)
            continue
        got = served[imported.id]
        result.links_right += len(links & got)
        result.links_wrong += len(got - links)
        result.links_missing += len(links - got)
        cost = getattr(imported, "annual_cost", None)
        if program["annual_cost"] is not None and cost is not None:
            result.money_right += abs(cost - program["annual_cost"]) <= MONEY_TOLERANCE
        if program["required"]:
            result.required_flagged += imported.required
        elif imported.required:
            result.required_false += 1
    result.required_false += sum(item.required for item in extras)
    result.money_imported = sum(
        getattr(item, "annual_cost", None) or 0.0 for item in district.items_of("program")
    )
    for goal in truth["goals"]:
        key = goal_key(goal)
        expected = sum(p["annual_cost"] or 0.0 for p in wanted if key in p["goals"])
        got_money = sum(
            getattr(item, "annual_cost", None) or 0.0
            for item in district.items_of("program")
            if key in served[item.id]
        )
        result.goals += 1
        result.goal_money_right += abs(got_money - expected) <= max(
            GOAL_MONEY_TOLERANCE * expected, MONEY_TOLERANCE
        )
    missed = [p["name"] for i, p in enumerate(wanted) if i not in matched]
    return result, missed, [item.name for item in extras]


def refused(truth: dict[str, Any]) -> Score:
    """A file the import refuses: every program missed, every link missing."""
    result = Score(programs=len(truth["programs"]), missed=len(truth["programs"]))
    result.links = result.links_missing = sum(len(p["goals"]) for p in truth["programs"])
    result.required = sum(bool(p["required"]) for p in truth["programs"])
    result.goals = len(truth["goals"])
    result.money_truth = sum(p["annual_cost"] or 0.0 for p in truth["programs"])
    result.goal_money_right = sum(
        1
        for goal in truth["goals"]
        if not any(goal_key(goal) in p["goals"] for p in truth["programs"])
    )
    return result
