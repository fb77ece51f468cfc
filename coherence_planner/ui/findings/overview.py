"""The central Overview: key numbers (each a button that filters the browser) and where the
money goes (the report's money-flow picture; clicking a goal shows what serves it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.gaps import percent
from coherence_planner.domain.analysis.gaps_once import current_gaps
from coherence_planner.domain.analysis.money_flow import FLOW_KEY, flow_summary
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.wording import money_short, plural
from coherence_planner.ui.findings.money_flow_view import MoneyFlowView
from coherence_planner.ui.map.room import side_panels_button
from coherence_planner.ui.plain_text import tooltip

# (key, caption): a card per number; the key says which browser filter it applies.
CARDS = (
    ("programs", "Programs in use"),
    ("orphan", "Orphans"),
    ("competing", "Competing"),
    ("unsupported", "Unsupported"),
    ("conflict", "Conflicts"),
    ("total", "Program spend"),
    ("aligned", "Tied to goals"),
    ("orphan-spend", "On orphans"),
    ("removal", "Could be freed"),
    ("fte", "FTE freed"),
)


class Card(QPushButton):
    """A big number with a caption; pressing it filters the browser."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setMinimumSize(QSize(96, 60))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_value("—")

    def set_value(self, value: str, tip: str = "") -> None:
        self.value = value
        self.setText(f"{value}\n{self.caption}")
        self.setAccessibleName(f"{self.caption}: {value}")
        self.setToolTip(tooltip(tip or "Show these items in the browser"))
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10))
        self.setFont(font)


def completeness_line(district: District, analysis: Analysis) -> str:
    """How much of what the findings rely on the plan holds, in one line."""
    plan = current_gaps(district, analysis)
    if not plan.asked:
        # No live program at all (an import that found none): nothing is complete yet.
        return (
            "The plan has no programs yet, so the findings have nothing to check: add "
            "them, or bring them in with File > Import Spreadsheet…"
        )
    if not plan.programs:
        return "The plan is complete: every program has the facts the findings rely on."
    return (
        f"The plan is {percent(plan.completeness)} complete: "
        f"{plural(len(plan.programs), 'program')} "
        f"{'lacks' if len(plan.programs) == 1 else 'lack'} facts the findings rely on "
        "(Findings, Missing facts)."
    )


def programs_in_use(total: int, in_use: int) -> str:
    """The program count, saying how many are in use when some are retired, so that it
    agrees with every sentence that counts only those in use ("63 programs, 60 in use: 3
    retired")."""
    if in_use == total:
        return plural(total, "program")
    return f"{plural(total, 'program')}, {in_use:,} in use: {total - in_use:,} retired"


class Overview(QScrollArea):
    """Emits `filter_requested(key)` when a number is pressed."""

    filter_requested = Signal(str)
    goal_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Plan overview")  # a screen reader's name for the scroll area
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 16, 16, 16)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(side_panels_button(self, "plan-overview"))
        layout.addLayout(heading_row)
        self.subheading = QLabel()
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.subheading)
        self.completeness = QLabel()
        self.completeness.setTextFormat(Qt.TextFormat.PlainText)
        self.completeness.setWordWrap(True)
        self.completeness.setAccessibleName("How complete the plan is")
        layout.addWidget(self.completeness)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.cards: dict[str, Card] = {}
        for number, (key, caption) in enumerate(CARDS):
            card = Card(caption)
            card.clicked.connect(self._pressed(key))
            grid.addWidget(card, number // 5, number % 5)
            self.cards[key] = card
        layout.addLayout(grid)
        title = QLabel("<b>Where the money goes</b>")
        layout.addSpacing(12)
        layout.addWidget(title)
        self.money_words = QLabel()
        self.money_words.setWordWrap(True)
        self.money_words.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.money_words)
        self.money = MoneyFlowView()
        self.money.goal_clicked.connect(self.goal_requested.emit)
        layout.addWidget(self.money, 1)

    def _pressed(self, key: str) -> Callable[[], None]:
        return lambda: self.filter_requested.emit(key)

    def show_district(self, district: District, analysis: Analysis | None) -> None:
        self.heading.setText(district.name or "Untitled district")
        counts = {
            kind: len(district.items_of(kind)) for kind in ("goal", "strategy", "program", "policy")
        }
        in_use = sum(1 for p in district.items_of("program") if p.live)
        self.subheading.setText(
            f"{district.school_year + ' · ' if district.school_year else ''}"
            f"{counts['goal']} goals, {counts['strategy']} strategies, "
            f"{programs_in_use(counts['program'], in_use)}, "
            f"{counts['policy']} policies, {len(district.links)} links"
        )
        # The card counts what the money sentence below counts: the programs in use.
        self.cards["programs"].set_value(
            f"{in_use:,}", f"{programs_in_use(counts['program'], in_use)}: show every program"
        )
        if analysis is None:
            self.completeness.setText("")
            return
        self.completeness.setText(completeness_line(district, analysis))
        res = analysis.resources
        programs = {p.id for p in district.items_of("program") if isinstance(p, Program)}
        values = {
            "orphan": (f"{len(analysis.orphans):,}", "Show the orphans"),
            "competing": (f"{len(analysis.competing):,}", "Show programs in competing groups"),
            "unsupported": (f"{len(analysis.unsupported_goals):,}", "Show unsupported goals"),
            "conflict": (f"{len(analysis.conflicts):,}", "Show items in conflict"),
            "total": (money_short(res.total_cost), "Show every program"),
            "aligned": (money_short(res.aligned_cost), "Show programs tied to a goal"),
            "orphan-spend": (money_short(res.orphan_cost), "Show the orphan programs"),
            "removal": (
                money_short(res.freed_cost),
                f"{sum(1 for c in analysis.removal_candidates if c.id in programs)} programs "
                "among the removal candidates; show them",
            ),
            "fte": (f"{res.freed_fte:,.1f}", "Show the removal candidates"),
        }
        for key, (value, tip) in values.items():
            self.cards[key].set_value(value, tip)
        self.money_words.setText(f"{flow_summary(district, analysis)} {FLOW_KEY}")
        if self.isVisible():
            # The new words laid out first, so the picture is asked for at the height the
            # layout gives it: asked before, it was drawn at the old height for a frame and
            # worked out again when the resize came.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.money.set_plan(district, analysis)
