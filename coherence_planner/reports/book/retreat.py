"""The retreat in the report: the decision log, the chosen scenario, the ratings and the
initiative load.

The rows come from domain/retreat/tables.py, the same plain tables the spreadsheet export
writes, so the packet and the workbook always agree; this module only lays them out (a
subset of columns where a page is too narrow for all of them) and adds the two charts.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from matplotlib.figure import Figure
from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.analysis.load import initiative_load
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Policy, Program
from coherence_planner.domain.model.wording import money, plural
from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat.scenarios import chosen_scenarios
from coherence_planner.domain.retreat.tables import Table
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.scale import ReportScale
from coherence_planner.reports.book.styles import bullets, para, right, table
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.image import chart
from coherence_planner.reports.charts.load_vector import HEIGHT, WIDTH, load_chart
from coherence_planner.reports.charts.quadrant import quadrant_figure

MAX_CELL_NAMES = 8  # a large plan's overloaded cell names its first programs, then a count
MAX_CELLS = 40  # a large plan lists its most overloaded cells, then how many more there are
MONEY_MEASURES = ("Annual cost", "Money freed")
SHORT_DIMENSIONS = {
    "implementation": "Impl.",
    "impact": "Impact",
    "fit": "Fit",
    "evidence": "Evid.",
    "resources": "Res.",
    "readiness": "Ready",
    "capacity": "Cap.",
    "need": "Need",
}


def show(value: Any) -> str:
    """A table value as text: numbers with separators, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


MAX_CHART_HEIGHT = 430.0  # fits the frame of every paper, A4 landscape included


def figure_chart(
    key: Hashable,
    build: Callable[[], Figure],
    width: float,
    inches: tuple[float, float],
    alt: str,
) -> Flowable:
    """A chart `width` points wide (narrower if it would be taller than any frame), drawn as
    vectors and kept under `key` for the next build; `inches` is its figure's size, `alt`
    what it shows in words."""
    design = (inches[0] * 72, inches[1] * 72)
    aspect = design[1] / design[0]
    return chart(key, build, min(width, MAX_CHART_HEIGHT / aspect), design, alt=alt)


def _quadrant(rated: list[R.ProgramRatings], width: float) -> Flowable:
    return figure_chart(
        ("quadrant", repr(rated)),
        lambda: quadrant_figure(rated),
        width,
        (7, 6),
        alt_text.quadrant(rated),
    )


def _column(t: Table, row: tuple[Any, ...], name: str) -> Any:
    return row[t.columns.index(name)]


# -- the decision log ---------------------------------------------------------------------
def decision_log(district: District, tables: dict[str, Table], width: float) -> list[Flowable]:
    """The one decision log: every decision taken at the retreat when the plan has a log;
    otherwise the decisions that items carry (a plan imported with its decisions)."""
    w = width
    log = tables.get("decision_log")
    if log is not None:
        parts: list[Flowable] = [
            Heading(f"Decision log ({plural(len(log.rows), 'decision')})", 0),
            para(log.note, "muted"),
            Spacer(1, 6),
        ]
        rows = [
            [
                show(_column(log, r, "Date")),
                show(_column(log, r, "Name")),
                show(_column(log, r, "Decision")),
                show(_column(log, r, "Was")),
                show(_column(log, r, "Why")),
                show(_column(log, r, "Decided by")),
                show(_column(log, r, "Scenario")),
            ]
            for r in log.rows
        ]
        parts.append(
            table(
                ("Date", "Item", "Decision", "Was", "Why", "Decided by", "Scenario"),
                rows,
                (w * 0.12, w * 0.2, w * 0.1, w * 0.12, w * 0.2, w * 0.12, w * 0.14),
            )
        )
        parts.append(PageBreak())
        return parts
    decided = [
        item
        for item in district.ordered_items()
        if isinstance(item, Program | Policy) and item.decision != vocab.DEFAULT_DECISION
    ]
    parts = [Heading(f"Decision log ({plural(len(decided), 'decision')})", 0)]
    if not decided:
        parts.append(para("No decisions have been recorded yet.", "muted"))
    else:
        parts += [
            para(
                "The decisions the items carry; none was taken through the retreat's "
                "decision log, so there is no history of earlier decisions.",
                "muted",
            ),
            Spacer(1, 6),
        ]
        rows = []
        for item in decided:
            assert isinstance(item, Program | Policy)
            rows.append(
                [
                    item.label,
                    item.decision.capitalize(),
                    item.decided_by or "—",
                    item.decided_on or "—",
                    item.decision_rationale or "—",
                ]
            )
        parts.append(
            table(
                ("Item", "Decision", "Decided by", "On", "Why"),
                rows,
                (w * 0.28, w * 0.1, w * 0.16, w * 0.12, w * 0.34),
            )
        )
    parts.append(PageBreak())
    return parts


# -- the chosen scenario ------------------------------------------------------------------
def chosen_scenario(district: District, tables: dict[str, Table], width: float) -> list[Flowable]:
    t = tables.get("chosen_scenario")
    if t is None:
        return []
    sc = chosen_scenarios(district)[-1]
    w = width
    removed = [
        district.items[i].label if i in district.items else f"{i} (no longer in the plan)"
        for i in sc.remove
    ]
    parts: list[Flowable] = [
        Heading(f"Chosen scenario: {sc.name}", 0),
        para(t.note, "muted"),
        Spacer(1, 4),
        para(f"It removes {plural(len(removed), 'item')}:"),
    ]
    parts += bullets(removed, "cell")
    if sc.notes:
        parts += [Spacer(1, 4), para(f"Notes: {sc.notes}")]
    parts.append(Spacer(1, 8))
    rows = []
    for measure, today, after in t.rows:
        if measure in MONEY_MEASURES:
            rows.append([measure, right(money(today)), right(money(after))])
        elif measure == "Goals left unsupported by it":
            rows.append([measure, "", show(after)])  # names: wrapped, not right-aligned
        else:
            rows.append([measure, right(show(today)), right(show(after))])
    parts.append(
        table(
            ("Measure", "Today", "With the scenario"),
            rows,
            (w * 0.34, w * 0.2, w * 0.46),
            align_right=(1,),
        )
    )
    parts.append(PageBreak())
    return parts


# -- the ratings --------------------------------------------------------------------------
def ratings(district: District, tables: dict[str, Table], width: float) -> list[Flowable]:
    t = tables.get("ratings")
    if t is None:
        return []
    w = width
    parts: list[Flowable] = [
        Heading("Ratings", 0),
        para(t.note, "muted"),
        Spacer(1, 6),
    ]
    others = [R.DIMENSION_LABELS[d] for d in R.DIMENSIONS[2:]]
    rows = []
    for r in t.rows:

        def mean(label: str, row: tuple[Any, ...] = r) -> str:
            value = _column(t, row, label)
            spread = _column(t, row, f"{label} range")
            return "—" if value is None else f"{show(value)} ({spread})"

        rest = "; ".join(
            f"{label} {show(_column(t, r, label))}"
            for label in others
            if _column(t, r, label) is not None
        )
        rows.append(
            [
                show(_column(t, r, "Name")),
                right(show(_column(t, r, "Raters"))),
                show(_column(t, r, "Quadrant")),
                right(f"{_column(t, r, 'Disagreement'):.0%}"),
                mean("Implementation"),
                mean("Impact"),
                rest or "—",
            ]
        )
    parts.append(
        table(
            (
                "Program",
                "Raters",
                "Quadrant",
                "Disagree",
                "Implementation",
                "Impact",
                "Other means",
            ),
            rows,
            (w * 0.19, w * 0.085, w * 0.11, w * 0.105, w * 0.165, w * 0.1, w * 0.245),
            wrap=(0, 6),
            align_right=(1, 3),
        )
    )
    parts += [
        Spacer(1, 10),
        _quadrant(R.rated_programs(district), w * 0.8),
    ]
    parts += _scores_by_member(district, t, w)
    parts.append(PageBreak())
    return parts


def _scores_by_member(district: District, t: Table, w: float) -> list[Flowable]:
    """Each member's own scores, so the room can see who said what."""
    dims = R.DIMENSIONS
    rows = []
    for r in t.rows:
        program_id = _column(t, r, "Program")
        for member, scores in sorted(R.scores_of(district, program_id).items()):
            cells: list[object] = [show(_column(t, r, "Name")), member]
            for d in dims:
                score = scores.get(d)
                cells.append(right("?" if score == R.DONT_KNOW else show(score)))
            rows.append(cells)
    heads = ["Program", "Member", *(SHORT_DIMENSIONS[d] for d in dims)]
    widths = [w * 0.26, w * 0.18] + [w * 0.56 / len(dims)] * len(dims)
    return [
        Heading("Scores by member", 1),
        para(
            "Each member's scores: implementation (Impl.) and impact 1–4; fit, evidence "
            "(Evid.), resources (Res.), readiness (Ready), capacity (Cap.) and need 1–5. "
            "? is don't know, — not rated.",
            "muted",
        ),
        Spacer(1, 4),
        table(heads, rows, widths, wrap=(0, 1), align_right=tuple(range(2, 2 + len(dims)))),
    ]


# -- the initiative load ------------------------------------------------------------------
def _program_names(district: District, ids: tuple[str, ...], limit: int | None) -> str:
    names = [district.items[i].label for i in ids[:limit]]
    more = len(ids) - len(names)
    return "; ".join(names) + (f"; and {more:,} more" if more else "")


def initiative_load_section(
    district: District, tables: dict[str, Table], width: float, scale: ReportScale
) -> list[Flowable]:
    t = tables.get("load")
    if t is None:
        return []
    w = width
    load = initiative_load(district, district_wide=False)
    parts: list[Flowable] = [Heading("Initiative load", 0), para(t.note, "muted"), Spacer(1, 6)]
    drawn = load.most_loaded()
    if drawn is not load:
        parts.append(
            para(
                f"The heat map draws the {len(drawn.schools)} schools carrying the most "
                f"programs, of {plural(len(load.schools), 'school')}; the table at the end "
                "of this section has every school.",
                "muted",
            )
        )
    parts.append(load_chart(drawn, min(w, MAX_CHART_HEIGHT * WIDTH / HEIGHT), alt_text.load(drawn)))
    flagged = load.flagged()
    parts.append(Heading(f"Overloaded cells ({len(flagged)})", 1))
    if scale.summarised and len(flagged) > MAX_CELLS:
        more = len(flagged) - MAX_CELLS
        flagged = flagged[:MAX_CELLS]  # heaviest first
        parts.append(
            para(
                f"The {MAX_CELLS} most loaded of them; {plural(more, 'more cell')} are over "
                "the threshold too (the table at the end of this section has every count).",
                "muted",
            )
        )
    if flagged:
        rows = [
            [
                school,
                band,
                right(str(n)),
                _program_names(
                    district,
                    load.programs.get((school, band), ()),
                    MAX_CELL_NAMES if scale.summarised else None,
                ),
            ]
            for school, band, n in flagged
        ]
        parts.append(
            table(
                ("School", "Grade band", "Programs", "Which"),
                rows,
                (w * 0.3, w * 0.14, w * 0.12, w * 0.44),
                wrap=(0, 3),
                align_right=(2,),
            )
        )
    else:
        parts.append(para("No school and grade band is over the threshold.", "muted"))
    counts = [[row[0], *(right(show(v)) for v in row[1:])] for row in t.rows]
    bands = len(t.columns) - 1
    parts += [
        Heading("Programs per school and grade band", 1),
        table(
            t.columns,
            counts,
            [w * 0.3] + [w * 0.7 / bands] * bands,
            wrap=(0,),
            align_right=tuple(range(1, bands + 1)),
        ),
    ]
    parts.append(PageBreak())
    return parts
