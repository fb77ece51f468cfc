"""The improvement framework in the report: theme coverage with each theme's guiding prompt,
the improvement cycle each strategy is running, and what changed since the last snapshot.

The content comes from domain/progress/themes.py, domain/progress/cycles.py and
domain/progress/snapshots.py + diff.py, worded by diff_words.py (the same functions the app's
views use), so the packet says what the screen says.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, PageBreak, Spacer

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.codec import InvalidDistrict
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.model.items import Strategy
from coherence_planner.domain.model.wording import plural
from coherence_planner.domain.progress.cycles import current_cycle_rows
from coherence_planner.domain.progress.diff_words import diff_lines, diff_summary_rows
from coherence_planner.domain.progress.snapshots import compare_with_latest
from coherence_planner.domain.progress.themes import (
    ThemeCoverage,
    coverage,
    theme_matrix_table_data,
)
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.styles import markup, para, right, table
from coherence_planner.reports.markup import esc

MAX_MATRIX_GOALS = 10  # more goal columns than this do not fit a portrait page
MAX_CHANGE_LINES = 120  # the full list is in `coherence-planner diff`; the packet samples it
MARKS = {"+": "added", "−": "removed", "~": "changed"}


# -- themes -------------------------------------------------------------------------------
def themes(district: District, analysis: Analysis, width: float) -> list[Flowable]:
    cov = coverage(district, analysis)
    w = width
    gaps = cov.gaps
    parts: list[Flowable] = [
        Heading("Themes", 0),
        para(
            "The thirteen themes of improved districts, in four categories, against the "
            "goals they reach through the strategies tagged with them. A theme no live "
            f"strategy or program addresses is a gap: this plan has {plural(len(gaps), 'gap')}"
            + (f" ({', '.join(r.label for r in gaps)})." if gaps else "."),
            "muted",
        ),
        Spacer(1, 6),
    ]
    if cov.goal_ids and len(cov.goal_ids) <= MAX_MATRIX_GOALS:
        parts.append(_matrix(cov, w))
    else:
        parts.append(_list(cov, w))
    if cov.goal_ids:
        # Columns too narrow for a goal statement say "Goal 1"; the key gives each in full.
        key = "; ".join(
            f"Goal {n}: {district.items[g].label}" for n, g in enumerate(cov.goal_ids, start=1)
        )
        parts += [Spacer(1, 4), para(key + ".", "muted")]
    untagged = [district.items[s].label for s in cov.untagged_strategies()]
    if untagged:
        parts += [
            Spacer(1, 4),
            para(
                f"{plural(len(untagged), 'live strategy', 'live strategies')} carry no theme "
                f"and cannot show here: {', '.join(untagged[:30])}"
                + (" …" if len(untagged) > 30 else "")
                + ".",
                "muted",
            ),
        ]
    parts += [Heading("Guiding prompts", 1), _prompts(cov, w), PageBreak()]
    return parts


def _category_row(name: str, columns: int) -> list[object]:
    return [markup(f"<b>{esc(name)}</b>", "cell"), *("" for _ in range(columns - 1))]


def _matrix(cov: ThemeCoverage, w: float) -> Flowable:
    data = theme_matrix_table_data(cov, "goals")
    body = data[1:]
    header = ["Theme", *(f"Goal {n}" for n in range(1, len(cov.goal_ids) + 1)), "Gap"]
    categories = {c for c, _ in cov.by_category()}
    goals = len(header) - 2
    rows: list[list[object]] = []
    for row in body:
        if row[0] in categories and not any(row[1:]):
            rows.append(_category_row(row[0], len(header)))
        else:
            rows.append([row[0], *row[1:-1], markup("<b>GAP</b>", "warning") if row[-1] else ""])
    first, gap = w * 0.34, w * 0.1
    cell = (w - first - gap) / max(1, goals)
    return table(header, rows, [first, *([cell] * goals), gap], wrap=(0,))


def _list(cov: ThemeCoverage, w: float) -> Flowable:
    number = {g: n for n, g in enumerate(cov.goal_ids, start=1)}
    rows: list[list[object]] = []
    for category, theme_rows in cov.by_category():
        rows.append(_category_row(category, 5))
        for r in theme_rows:
            rows.append(
                [
                    r.label,
                    right(str(len(r.strategies))),
                    right(str(len(r.programs))),
                    ", ".join(f"Goal {number[g]}" for g in r.goals if g in number) or "—",
                    markup("<b>GAP</b>", "warning") if r.gap else "",
                ]
            )
    return table(
        ("Theme", "Strategies", "Programs", "Goals reached", "Gap"),
        rows,
        (w * 0.34, w * 0.1, w * 0.1, w * 0.36, w * 0.1),
        wrap=(0, 3),
        align_right=(1, 2),
    )


def _prompts(cov: ThemeCoverage, w: float) -> Flowable:
    rows: list[list[object]] = []
    for category, theme_rows in cov.by_category():
        rows.append(_category_row(category, 2))
        for r in theme_rows:
            label = f"{r.label} (gap)" if r.gap else r.label
            rows.append([label, r.prompt])
    return table(("Theme", "Ask the cabinet"), rows, (w * 0.34, w * 0.66))


# -- improvement cycles -------------------------------------------------------------------
def cycles(district: District, width: float, today: dt.date | None) -> list[Flowable]:
    on = today or dt.date.today()
    strategies = [s for s in district.items_of("strategy") if isinstance(s, Strategy) and s.live]
    rows = current_cycle_rows(strategies, on)
    w = width
    parts: list[Flowable] = [
        Heading("Improvement cycles", 0),
        para(
            f"The cycle each strategy is running on {on.isoformat()}: "
            f"{plural(len(rows), 'strategy', 'strategies')} of {len(strategies)} "
            "have one.",
            "muted",
        ),
        Spacer(1, 6),
    ]
    if rows:
        parts.append(
            table(
                ("Strategy", "Dates", "Focus", "Evidence", "Next step"),
                [
                    [name, dates, focus or "—", ev or "—", nxt or "—"]
                    for sid, name, dates, focus, ev, nxt in rows
                ],
                (w * 0.2, w * 0.14, w * 0.24, w * 0.21, w * 0.21),
            )
        )
    else:
        parts.append(para("No strategy has an improvement cycle running today.", "muted"))
    parts.append(PageBreak())
    return parts


# -- since the last snapshot --------------------------------------------------------------
def since_snapshot(district: District, width: float) -> list[Flowable]:
    """The plan against its most recent snapshot; nothing when it has no snapshot."""
    try:
        diff = compare_with_latest(district)
    except (DistrictError, InvalidDistrict) as exc:
        return [
            Heading("Since the last snapshot", 0),
            para(f"The latest snapshot could not be read: {exc}", "warning"),
            PageBreak(),
        ]
    if diff is None:
        return []
    w = width
    parts: list[Flowable] = [
        Heading("Since the last snapshot", 0),
        para(f"Comparing {diff.label_a} (before) with {diff.label_b} (after).", "muted"),
        Spacer(1, 6),
        table(
            ("Section", "Measure", "Before", "After"),
            [
                [s, what, right(before), right(after)]
                for s, what, before, after in diff_summary_rows(diff)
            ],
            (w * 0.16, w * 0.48, w * 0.18, w * 0.18),
            wrap=(1,),
            align_right=(2, 3),
        ),
        Heading("What changed", 1),
    ]
    if diff.identical and not diff.decisions:
        parts.append(para("The plan is the same as in the snapshot.", "muted"))
    else:
        parts += _changes(diff_lines(diff))
    parts.append(PageBreak())
    return parts


def _changes(lines: list[tuple[str, str]]) -> list[Flowable]:
    """The item, link and decision changes; findings and spend are in the table above."""
    shown: list[Flowable] = []
    count = 0
    for mark, text in lines[1:]:  # the first line restates the comparison
        if mark == "#" and text.startswith(("Findings", "Spend")):
            break
        count += 1
        if count > MAX_CHANGE_LINES:
            continue
        if mark == "#":
            shown.append(markup(f"<b>{esc(text)}</b>", "body"))
        else:
            word = MARKS.get(mark, "")
            prefix = f"<i>{word}</i> " if word and not text.startswith("    ") else ""
            style = "cell-indented" if text.startswith("    ") else "cell"
            shown.append(markup(prefix + esc(text.strip()), style))
    if count > MAX_CHANGE_LINES:
        more = count - MAX_CHANGE_LINES
        shown.append(
            para(
                f"… and {plural(more, 'more line')}: run `coherence-planner diff` for all.",
                "muted",
            )
        )
    return shown
