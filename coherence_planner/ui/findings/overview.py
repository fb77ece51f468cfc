"""The central Overview: key numbers (each a button that filters the browser) and spend by
goal as simple bars, until the coherence map takes the stage in its own tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.items import Program
from coherence_planner.domain.wording import money_short

# (key, caption): a card per number; the key says which browser filter it applies.
CARDS = (
    ("programs", "Programs"),
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
        self.setToolTip(tip or "Show these items in the browser")
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10))
        self.setFont(font)


class SpendBars(QWidget):
    """Horizontal bars: each goal's share of program spend (rule 6, by_goal).

    Clicking a bar emits `goal_clicked(goal_id)`; so does Enter on the focused bar.
    """

    goal_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.ids: list[str] = []
        self.current = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click a goal to see what serves it")
        self.setAccessibleName("Spend by goal")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_rows(self, rows: list[tuple[str, float]], ids: list[str] | None = None) -> None:
        self.rows = rows
        self.ids = ids or []
        self.current = min(self.current, max(0, len(rows) - 1))
        self.setAccessibleDescription("; ".join(f"{name}: {money_short(v)}" for name, v in rows))
        self.setMinimumHeight(self._row_height() * max(1, len(rows)) + 8)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 12

    def sizeHint(self) -> QSize:
        return QSize(400, self._row_height() * max(1, len(self.rows)) + 8)

    def row_at(self, y: float) -> int | None:
        row = int((y - 4) // self._row_height())
        return row if 0 <= row < len(self.rows) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        if row is not None and row < len(self.ids):
            self.current = row
            self.update()
            self.goal_clicked.emit(self.ids[row])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.rows:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current = max(0, min(len(self.rows) - 1, self.current + step))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current < len(
            self.ids
        ):
            self.goal_clicked.emit(self.ids[self.current])
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar = palette.color(QPalette.ColorRole.Highlight)
        track = QColor(text)
        track.setAlphaF(0.08)
        if not self.rows:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No goals yet")
            return
        height = self._row_height()
        label_width = min(int(self.width() * 0.45), 340)
        value_width = self.fontMetrics().horizontalAdvance("$000.0M") + 8
        bar_width = max(10, self.width() - label_width - value_width - 12)
        top = max(value for _, value in self.rows) or 1.0
        for number, (name, value) in enumerate(self.rows):
            y = 4 + number * height
            if self.hasFocus() and number == self.current:
                painter.setPen(bar)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(1, y + 1, self.width() - 2, height - 2), 3, 3)
            painter.setPen(text)
            elided = self.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideRight, label_width - 8
            )
            painter.drawText(
                QRectF(0, y, label_width - 8, height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                elided,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(label_width, y + 3, bar_width, height - 6), 3, 3)
            painter.setBrush(bar)
            painter.drawRoundedRect(
                QRectF(label_width, y + 3, bar_width * value / top, height - 6), 3, 3
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(label_width + bar_width + 6, y, value_width, height),
                Qt.AlignmentFlag.AlignVCenter,
                money_short(value),
            )


class Overview(QScrollArea):
    """Emits `filter_requested(key)` when a number is pressed."""

    filter_requested = Signal(str)
    goal_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout.addWidget(self.heading)
        self.subheading = QLabel()
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.subheading)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.cards: dict[str, Card] = {}
        for number, (key, caption) in enumerate(CARDS):
            card = Card(caption)
            card.clicked.connect(self._pressed(key))
            grid.addWidget(card, number // 5, number % 5)
            self.cards[key] = card
        layout.addLayout(grid)
        title = QLabel(
            "<b>Program spend by goal</b> (a program serving several goals is shared equally)"
        )
        title.setWordWrap(True)
        layout.addSpacing(12)
        layout.addWidget(title)
        self.bars = SpendBars()
        self.bars.goal_clicked.connect(self.goal_requested.emit)
        layout.addWidget(self.bars)
        layout.addStretch()

    def _pressed(self, key: str) -> Callable[[], None]:
        return lambda: self.filter_requested.emit(key)

    def show_district(self, district: District, analysis: Analysis | None) -> None:
        self.heading.setText(district.name or "Untitled district")
        counts = {
            kind: len(district.items_of(kind)) for kind in ("goal", "strategy", "program", "policy")
        }
        self.subheading.setText(
            f"{district.school_year + ' · ' if district.school_year else ''}"
            f"{counts['goal']} goals, {counts['strategy']} strategies, {counts['program']} programs, "
            f"{counts['policy']} policies, {len(district.links)} links"
        )
        self.cards["programs"].set_value(f"{counts['program']:,}", "Show every program")
        if analysis is None:
            return
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
        goals = [g for g in res.by_goal if g in district.items]
        self.bars.set_rows([(district.items[g].label, res.by_goal[g]) for g in goals], goals)
