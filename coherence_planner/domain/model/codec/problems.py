"""What a reader says about input it refuses: each problem with its place, the error that
lists them all, the size limits of a plan, and the reading of unknown fields (extras), which
every reader shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.codec.sections import SECTIONS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where: a JSON path, with the item id if known."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class InvalidDistrict(ValueError):
    """The input breaks the format; `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = "; ".join(str(p) for p in problems[:3])
        more = f" (and {count - 3} more)" if count > 3 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''}: {head}{more}")


def size_limits() -> str:
    """The limits of a plan's size, as a person reads them."""
    return f"{F.MAX_ITEMS:,} items and {F.MAX_LINKS:,} links"


def refuse_too_many(data: dict[str, Any]) -> None:
    """Refuse a district over the size limits before building any of it."""
    items = sum(len(v) for s, _ in SECTIONS if isinstance(v := data.get(s), list))
    links = data.get("links")
    problems = []
    if items > F.MAX_ITEMS:
        problems.append(Problem("$", f"{items:,} items; a plan holds at most {size_limits()}"))
    if isinstance(links, list) and len(links) > F.MAX_LINKS:
        problems.append(
            Problem("links", f"{len(links):,} links; a plan holds at most {size_limits()}")
        )
    if problems:
        raise InvalidDistrict(problems)


def extras(
    raw: dict[str, Any], known: Any, place: str, problems: list[Problem]
) -> dict[str, Any] | None:
    """The unknown fields of an object, kept as they are; None (and a Problem for each) when
    one breaks the rules every value of a plan follows (fields.free_value_problem)."""
    extra = {k: v for k, v in raw.items() if k not in known}
    ok = True
    for key, value in extra.items():
        problem = F.text_problem(key, F.MAX_LINE) or F.free_value_problem(value)
        if problem:
            problems.append(Problem(f"{place}.{key[:60]}", problem))
            ok = False
    return extra if ok else None
