"""The findings panel's model: every finding of the Analysis with its plain-language reason.

Sections (orphans, competing groups, conflicts, unsupported goals, removal candidates) hold
one row per finding. Each row carries the ids of the items it concerns (IDS_ROLE), so
clicking it selects them, and its full reason (REASON_ROLE) for the detail pane.

A section shows at most ROW_LIMIT findings and then a row "… and N more", which carries the
item browser filter that lists them all (FILTER_ROLE). Ten thousand rows rebuilt after every
edit froze the window for seconds, and nobody reads past the first screenfuls anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.gaps import FACT_BY_FIELD, gap_sentence, percent
from coherence_planner.domain.analysis.gaps_once import current_gaps
from coherence_planner.domain.analysis.group_story import kept_by_law_line
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words, money, plural
from coherence_planner.domain.progress.indicators import goals_needing_attention
from coherence_planner.domain.progress.themes import coverage
from coherence_planner.ui.item_models import discard_rows
from coherence_planner.ui.plain_text import tooltip

IDS_ROLE = Qt.ItemDataRole.UserRole + 10
REASON_ROLE = Qt.ItemDataRole.UserRole + 11
SECTION_ROLE = Qt.ItemDataRole.UserRole + 12
FILTER_ROLE = Qt.ItemDataRole.UserRole + 13  # on a "… and N more" row: the browser filter
FIELD_ROLE = Qt.ItemDataRole.UserRole + 14  # on a missing-facts row: the first field to fill in

ROW_LIMIT = 100

# Where each section's findings are listed in full.
_BROWSER_FILTERS = {
    "orphans": {"flag": "orphan"},
    "competing": {"flag": "competing"},
    "conflicts": {"flag": "conflict"},
    "unsupported": {"flag": "unsupported"},
    "removal": {"flag": "removal"},
    "missing": {"flag": "gaps"},
    "progress": {"kind": "goal"},
}
_ELSEWHERE = {
    "progress": "The Indicators tab lists every goal's progress.",
    "gaps": "The Themes tab lists every theme.",
}

T = TypeVar("T")


def _first(findings: Iterable[T]) -> Iterable[T]:
    return islice(findings, ROW_LIMIT)


SECTIONS = (
    "orphans",
    "competing",
    "conflicts",
    "unsupported",
    "removal",
    "missing",
    "progress",
    "gaps",
)


def _fte(value: float) -> str:
    return f"{value:,.1f} FTE" if value % 1 else f"{value:,.0f} FTE"


class FindingsModel(QStandardItemModel):
    """Rebuilt from each new Analysis; cheap (a few ms for 2,000 programs)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Finding"])

    def clear_findings(self) -> None:
        discard_rows(self)

    def set_analysis(self, district: District, analysis: Analysis) -> None:
        self.clear_findings()

        def name(item_id: str) -> str:
            item = district.items.get(item_id)
            return item.label if item else item_id

        totals: list[int] = []

        def section(key: str, title: str, total: int) -> QStandardItem:
            totals.append(total)
            head = QStandardItem(title)
            head.setData(key, SECTION_ROLE)
            head.setData([], IDS_ROLE)
            head.setEditable(False)
            self.appendRow(head)
            return head

        def row(parent: QStandardItem, text: str, ids: list[str], reason: str) -> QStandardItem:
            child = QStandardItem(text)
            child.setData(ids, IDS_ROLE)
            child.setData(reason, REASON_ROLE)
            child.setToolTip(tooltip(reason))
            child.setEditable(False)
            parent.appendRow(child)
            return child

        orphans = section("orphans", f"Orphans ({len(analysis.orphans):,})", len(analysis.orphans))
        orphans.setData(
            "Items not tied, directly or through others, to any student-learning goal.", REASON_ROLE
        )
        for orphan in _first(analysis.orphans):
            row(orphans, orphan.name, [orphan.id], f"{orphan.name} is {orphan.reason}.")

        competing = section(
            "competing",
            f"Competing groups ({len(analysis.competing):,})",
            len(analysis.competing),
        )
        competing.setData("Programs that chase the same goal for the same students.", REASON_ROLE)
        quoted = Names(district)  # the group's "kept: required by law" line names in quotes
        for group in _first(analysis.competing):
            kept = [name(i) for i in group.kept]
            kept_ids = set(group.kept)  # a group can hold hundreds of programs
            dropped = [i for i in group.members if i not in kept_ids]
            goals = (
                join_words([name(g) for g in group.goals]) or "no shared goal (explicit conflict)"
            )
            text = f"{len(group.members)} programs: keep {join_words(kept)}"
            reason_lines = [
                f"Members, best first: {join_words([name(i) for i in group.members])}.",
                f"Shared goal: {goals}.",
                f"Kept: {join_words(kept)}.",
            ]
            by_law = kept_by_law_line(group, analysis, quoted)
            if by_law:
                reason_lines.append(by_law)
            for item_id in dropped:
                for why in analysis.not_kept_reasons.get(item_id, ()):
                    reason_lines.append(f"{name(item_id)}: {why}")
            row(competing, text, list(group.members), "\n".join(reason_lines))

        conflicts = section(
            "conflicts", f"Conflicts ({len(analysis.conflicts):,})", len(analysis.conflicts)
        )
        conflicts.setData("Pairs the cabinet marked as working against each other.", REASON_ROLE)
        for conflict in _first(analysis.conflicts):
            text = f"{name(conflict.a)} ↔ {name(conflict.b)}"
            why = conflict.rationale or "marked as conflicting, with no rationale given"
            row(conflicts, text, [conflict.a, conflict.b], f"{text}: {why}.")

        unsupported = section(
            "unsupported",
            f"Unsupported goals ({len(analysis.unsupported_goals):,})",
            len(analysis.unsupported_goals),
        )
        unsupported.setData("Goals that nothing in the plan works toward.", REASON_ROLE)
        for goal_id in _first(analysis.unsupported_goals):
            row(
                unsupported,
                name(goal_id),
                [goal_id],
                f"No strategy, program or policy works toward “{name(goal_id)}”.",
            )

        res = analysis.resources
        removal = section(
            "removal",
            f"Removal candidates ({len(analysis.removal_candidates):,}) · frees "
            f"{money(res.freed_cost)}, {_fte(res.freed_fte)}",
            len(analysis.removal_candidates),
        )
        removal.setData(
            "Orphans and programs that lose to a better-ranked competitor; "
            "removing them frees the money and staff shown.",
            REASON_ROLE,
        )
        for cand in _first(analysis.removal_candidates):
            cost = money(cand.annual_cost) if cand.annual_cost is not None else "cost unknown"
            extra = f", {_fte(cand.fte)}" if cand.fte else ""
            row(
                removal,
                f"{cand.name} · {cost}{extra}",
                [cand.id],
                f"{cand.name} ({cost}{extra}):\n" + "\n".join(f"• {r}" for r in cand.reasons),
            )

        plan = current_gaps(district, analysis)
        missing = section(
            "missing",
            f"Missing facts ({plural(len(plan.programs), 'program')}) · the plan is "
            f"{percent(plan.completeness)} complete",
            len(plan.programs),
        )
        missing.setData(
            "Facts the findings rely on that the plan does not hold: an unknown type keeps a "
            "program out of every competing group, an unknown cost counts as $0. Fill them in "
            "before the retreat. Select a program and press Fill in to go to the first "
            "missing field.",
            REASON_ROLE,
        )
        names = Names(district)
        for program_gaps in _first(plan.programs):
            label = names.plain(program_gaps.id)
            facts = join_words([FACT_BY_FIELD[f].short for f in program_gaps.missing])
            child = row(
                missing,
                f"{label} · missing {facts}",
                [program_gaps.id],
                f"{label}\n{gap_sentence(district, program_gaps, names)}",
            )
            child.setData(program_gaps.missing[0], FIELD_ROLE)

        attention = goals_needing_attention(district)
        progress = section(
            "progress", f"Goals not moving as planned ({len(attention):,})", len(attention)
        )
        progress.setData(
            "Goals with no indicators, or with indicators off their path to the target or "
            "missing the data to tell.",
            REASON_ROLE,
        )
        for goal in _first(attention):
            row(
                progress,
                f"{goal.goal_name} · {goal.status}",
                [goal.goal_id],
                f"“{goal.goal_name}” {goal.reason}.",
            )

        theme_gaps = coverage(district, analysis).gaps
        gaps = section("gaps", f"Theme gaps ({len(theme_gaps):,})", len(theme_gaps))
        gaps.setData(
            "Themes of improved districts that no strategy or program in the plan addresses.",
            REASON_ROLE,
        )
        for theme in _first(theme_gaps):
            row(gaps, theme.label, [], f"{theme.category}: {theme.label}. Ask: {theme.prompt}")

        for number in range(self.rowCount()):
            self._add_more_row(self.item(number), totals[number])

    def _add_more_row(self, head: QStandardItem, total: int) -> None:
        """After ROW_LIMIT findings: one row saying how many more, and where they all are."""
        hidden = total - head.rowCount()
        if hidden <= 0:
            return
        key = head.data(SECTION_ROLE)
        more = QStandardItem(f"… and {hidden:,} more")
        more.setData([], IDS_ROLE)
        browse = _BROWSER_FILTERS.get(key)
        if browse is not None:
            more.setData(browse, FILTER_ROLE)
            where = "Open this row to list them all in the item browser."
        else:
            where = _ELSEWHERE.get(key, "")
        reason = f"This list shows the first {ROW_LIMIT:,} of {total:,}. {where}".strip()
        more.setData(reason, REASON_ROLE)
        more.setToolTip(tooltip(reason))
        more.setEditable(False)
        head.appendRow(more)

    def section_index(self, key: str) -> QStandardItem | None:
        for number in range(self.rowCount()):
            head = self.item(number)
            if head.data(SECTION_ROLE) == key:
                return head
        return None


def summary(analysis: Analysis) -> str:
    """One line for the status bar."""
    return ", ".join(
        [
            plural(len(analysis.orphans), "orphan"),
            plural(len(analysis.competing), "competing group"),
            plural(len(analysis.conflicts), "conflict"),
            plural(len(analysis.unsupported_goals), "unsupported goal"),
        ]
    )
