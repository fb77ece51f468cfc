"""What are we missing? Coverage of the 13 themes of improved districts by the plan.

A theme is addressed by the live strategies and programs tagged with it. It reaches a goal
through those strategies: a strategy serves the goals that the coherence analysis says it
reaches (`goals_of`). A theme that no live strategy or program addresses is a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item


@dataclass(frozen=True)
class ThemeRow:
    slug: str
    label: str
    category: str
    prompt: str
    strategies: tuple[str, ...]  # live strategies tagged with the theme, document order
    programs: tuple[str, ...]  # live programs tagged with the theme, document order
    goals: dict[str, int]  # goal id -> how many of those strategies serve it

    @property
    def gap(self) -> bool:
        return not self.strategies and not self.programs


@dataclass(frozen=True)
class ThemeCoverage:
    """The matrix: rows are themes grouped by category, columns are strategies or goals."""

    rows: tuple[ThemeRow, ...]  # in vocab order (category by category)
    strategy_ids: tuple[str, ...]  # live strategies, document order (matrix columns)
    goal_ids: tuple[str, ...]  # live goals, document order (matrix columns)
    names: dict[str, str]  # id -> name, for every column

    def row(self, slug: str) -> ThemeRow:
        return next(r for r in self.rows if r.slug == slug)

    @property
    def gaps(self) -> tuple[ThemeRow, ...]:
        return tuple(r for r in self.rows if r.gap)

    def by_category(self) -> list[tuple[str, tuple[ThemeRow, ...]]]:
        return [
            (category, tuple(r for r in self.rows if r.category == category))
            for category, _ in vocab.THEME_CATEGORIES
        ]

    def untagged_strategies(self) -> tuple[str, ...]:
        """Live strategies tagged with no theme: they cannot show up in the matrix."""
        tagged = {s for r in self.rows for s in r.strategies}
        return tuple(s for s in self.strategy_ids if s not in tagged)


def _live(district: District, kind: str) -> list[Item]:
    return [item for item in district.items_of(kind) if item.live]


def coverage(district: District, analysis: Analysis | None = None) -> ThemeCoverage:
    """The themes × strategies and themes × goals matrices, and the gaps."""
    if analysis is None:
        analysis = analyse(district)
    strategies = _live(district, "strategy")
    programs = _live(district, "program")
    goals = _live(district, "goal")
    rows = []
    for category, themes in vocab.THEME_CATEGORIES:
        for slug, label, prompt in themes:
            tagged = tuple(s.id for s in strategies if slug in getattr(s, "themes", ()))
            served: dict[str, int] = {}
            for sid in tagged:
                for gid in analysis.goals_of.get(sid, ()):
                    served[gid] = served.get(gid, 0) + 1
            rows.append(
                ThemeRow(
                    slug=slug,
                    label=label,
                    category=category,
                    prompt=prompt,
                    strategies=tagged,
                    programs=tuple(p.id for p in programs if slug in getattr(p, "themes", ())),
                    goals=served,
                )
            )
    names = {item.id: item.name for item in (*strategies, *goals)}
    return ThemeCoverage(
        rows=tuple(rows),
        strategy_ids=tuple(s.id for s in strategies),
        goal_ids=tuple(g.id for g in goals),
        names=names,
    )


def theme_matrix_table_data(cov: ThemeCoverage, by: str = "goals") -> list[list[str]]:
    """The matrix as plain rows for a report table.

    The first row is the header ("Theme", then one column per goal or strategy id, then
    "Gap"); then for each category a row with only its name, then one row per theme with
    "●" where the theme serves the column (for goals: the number of strategies when more
    than one), "" elsewhere, and "GAP" in the last column when nothing addresses the theme.
    """
    if by not in ("goals", "strategies"):
        raise ValueError(f"by must be 'goals' or 'strategies'; got {by!r}")
    columns = cov.goal_ids if by == "goals" else cov.strategy_ids
    table = [["Theme", *columns, "Gap"]]
    for category, rows in cov.by_category():
        table.append([category, *("" for _ in columns), ""])
        for row in rows:
            cells = []
            for col in columns:
                if by == "goals":
                    count = row.goals.get(col, 0)
                    cells.append("" if count == 0 else "●" if count == 1 else f"●{count}")
                else:
                    cells.append("●" if col in row.strategies else "")
            table.append([row.label, *cells, "GAP" if row.gap else ""])
    return table


def theme_prompts() -> list[tuple[str, str, str]]:
    """(category, theme label, guiding prompt) for every theme, for the report's note."""
    return [
        (category, label, prompt)
        for category, themes in vocab.THEME_CATEGORIES
        for _, label, prompt in themes
    ]
