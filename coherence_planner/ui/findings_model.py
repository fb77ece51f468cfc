"""The findings panel's model: every finding of the Analysis with its plain-language reason.

Sections (orphans, competing groups, conflicts, unsupported goals, removal candidates) hold
one row per finding. Each row carries the ids of the items it concerns (IDS_ROLE), so
clicking it selects them, and its full reason (REASON_ROLE) for the detail pane.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.wording import join_words, money, plural

IDS_ROLE = Qt.ItemDataRole.UserRole + 10
REASON_ROLE = Qt.ItemDataRole.UserRole + 11
SECTION_ROLE = Qt.ItemDataRole.UserRole + 12

SECTIONS = ("orphans", "competing", "conflicts", "unsupported", "removal")


def _fte(value: float) -> str:
    return f"{value:,.1f} FTE" if value % 1 else f"{value:,.0f} FTE"


class FindingsModel(QStandardItemModel):
    """Rebuilt from each new Analysis; cheap (a few ms for 2,000 programs)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Finding"])

    def clear_findings(self) -> None:
        self.removeRows(0, self.rowCount())

    def set_analysis(self, district: District, analysis: Analysis) -> None:
        self.clear_findings()

        def name(item_id: str) -> str:
            item = district.items.get(item_id)
            return item.label if item else item_id

        def section(key: str, title: str) -> QStandardItem:
            head = QStandardItem(title)
            head.setData(key, SECTION_ROLE)
            head.setData([], IDS_ROLE)
            head.setEditable(False)
            self.appendRow(head)
            return head

        def row(parent: QStandardItem, text: str, ids: list[str], reason: str) -> None:
            child = QStandardItem(text)
            child.setData(ids, IDS_ROLE)
            child.setData(reason, REASON_ROLE)
            child.setToolTip(reason)
            child.setEditable(False)
            parent.appendRow(child)

        orphans = section("orphans", f"Orphans ({len(analysis.orphans):,})")
        orphans.setData(
            "Items not tied, directly or through others, to any student-learning goal.", REASON_ROLE
        )
        for orphan in analysis.orphans:
            row(orphans, orphan.name, [orphan.id], f"{orphan.name} is {orphan.reason}.")

        competing = section("competing", f"Competing groups ({len(analysis.competing):,})")
        competing.setData("Programs that chase the same goal for the same students.", REASON_ROLE)
        for group in analysis.competing:
            kept = [name(i) for i in group.kept]
            dropped = [i for i in group.members if i not in group.kept]
            goals = (
                join_words([name(g) for g in group.goals]) or "no shared goal (explicit conflict)"
            )
            text = f"{len(group.members)} programs: keep {join_words(kept)}"
            reason_lines = [
                f"Members, best first: {join_words([name(i) for i in group.members])}.",
                f"Shared goal: {goals}.",
                f"Kept: {join_words(kept)}.",
            ]
            for item_id in dropped:
                for why in analysis.not_kept_reasons.get(item_id, ()):
                    reason_lines.append(f"{name(item_id)}: {why}")
            row(competing, text, list(group.members), "\n".join(reason_lines))

        conflicts = section("conflicts", f"Conflicts ({len(analysis.conflicts):,})")
        conflicts.setData("Pairs the cabinet marked as working against each other.", REASON_ROLE)
        for conflict in analysis.conflicts:
            text = f"{name(conflict.a)} ↔ {name(conflict.b)}"
            why = conflict.rationale or "marked as conflicting, with no rationale given"
            row(conflicts, text, [conflict.a, conflict.b], f"{text}: {why}.")

        unsupported = section(
            "unsupported", f"Unsupported goals ({len(analysis.unsupported_goals):,})"
        )
        unsupported.setData("Goals that nothing in the plan works toward.", REASON_ROLE)
        for goal_id in analysis.unsupported_goals:
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
        )
        removal.setData(
            "Orphans and programs that lose to a better-ranked competitor; "
            "removing them frees the money and staff shown.",
            REASON_ROLE,
        )
        for cand in analysis.removal_candidates:
            cost = money(cand.annual_cost) if cand.annual_cost is not None else "cost unknown"
            extra = f", {_fte(cand.fte)}" if cand.fte else ""
            row(
                removal,
                f"{cand.name} · {cost}{extra}",
                [cand.id],
                f"{cand.name} ({cost}{extra}):\n" + "\n".join(f"• {r}" for r in cand.reasons),
            )

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
