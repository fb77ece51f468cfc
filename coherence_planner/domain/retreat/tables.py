"""The retreat as plain tables, for the PDF report and the spreadsheet export.

Both outputs want the same four things: the decision log, the scenario the cabinet chose
(today against it), the ratings, and the initiative load. Each is a `Table` of a title,
column names and rows of plain values (str, int, float, None), so the report draws it with
reportlab and the export writes it as a sheet without knowing any retreat module. Cell
text is the user's own text: the report must escape it, and the export must guard cells
that start with = + - @.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.load import DEFAULT_THRESHOLD, initiative_load
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat.decisions import LOG_COLUMNS, log_rows
from coherence_planner.domain.retreat.scenarios import chosen_scenarios, summary_rows


@dataclass(frozen=True)
class Table:
    key: str  # a stable name: "decision_log", "chosen_scenario", "ratings", "load"
    title: str  # a heading or sheet name (at most 31 characters, as Excel allows)
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""  # one sentence under the heading


def decision_log_table(district: District) -> Table:
    rows = [tuple(row[c] for c in LOG_COLUMNS) for row in log_rows(district)]
    return Table(
        "decision_log",
        "Decision log",
        LOG_COLUMNS,
        rows,
        "Every decision the cabinet took, oldest first; 'Was' is the decision it replaced.",
    )


def chosen_scenario_table(district: District, today: Analysis | None = None) -> Table | None:
    """Today against the scenario most recently applied, or None if none was."""
    chosen = chosen_scenarios(district)
    if not chosen:
        return None
    sc = chosen[-1]
    rows = [(r["Measure"], r["Today"], r["Scenario"]) for r in summary_rows(district, sc, today)]
    removed = ", ".join(district.items[i].label if i in district.items else i for i in sc.remove)
    return Table(
        "chosen_scenario",
        f"Scenario: {sc.name}"[:31],
        ("Measure", "Today", sc.name),
        rows,
        f"Applied on {sc.applied_on} by {sc.applied_by or 'an unnamed member'}; removes "
        f"{removed or 'nothing'}.",
    )


def ratings_table(district: District) -> Table | None:
    """One row per rated program, most disagreement first; None if nothing is rated."""
    rows = R.rating_rows(district)
    if not rows:
        return None
    columns = tuple(rows[0])
    people = ", ".join(m.name for m in R.members(district)) or "no members listed"
    return Table(
        "ratings",
        "Ratings",
        columns,
        [tuple(row[c] for c in columns) for row in rows],
        f"Rated by {people}. Means with the low-high range; disagreement is the widest "
        f"range as a share of its scale. Quadrants: implementation and impact are high at "
        f"{R.IMPLEMENTATION_HIGH} or more of 4.",
    )


def load_table(district: District, threshold: int = DEFAULT_THRESHOLD) -> Table:
    load = initiative_load(district, threshold, district_wide=False)
    rows = [
        (school, *(("" if n is None else n) for n in counts))
        for school, counts in zip(load.schools, load.counts, strict=True)
    ]
    flagged = len(load.flagged())
    return Table(
        "load",
        "Initiative load",
        ("School", *load.bands),
        rows,
        f"Active programs that name each school, per grade band; {flagged} cells are over "
        f"{threshold}. Empty: the school does not serve that band.",
    )


def retreat_tables(district: District, today: Analysis | None = None) -> list[Table]:
    """Every retreat table that has content, in report order."""
    tables: list[Table | None] = [
        decision_log_table(district) if log_rows(district) else None,
        chosen_scenario_table(district, today),
        ratings_table(district),
        load_table(district),
    ]
    return [t for t in tables if t is not None]
