"""The theme matrix: the 13 themes of improved districts, by category, against the plan's
goals or strategies. Gaps (themes nothing addresses) are marked in words and colour; each
theme's guiding prompt is its tooltip and shows in the side note when the row is picked."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model.wording import join_words, plural, quoted
from coherence_planner.domain.progress.themes import ThemeCoverage, ThemeRow, coverage
from coherence_planner.ui.map.room import side_panels_button
from coherence_planner.ui.plain_text import html, tooltip
from coherence_planner.ui.session import DocumentSession

# Okabe–Ito sky blue (covered) and a light orange wash (gap); the text says it as well.
COVERED = QColor("#CDE7F7")
GAP = QColor("#FBE3C8")
CATEGORY = QColor("#EEEEEE")
SLUG_ROLE = Qt.ItemDataRole.UserRole + 20
HEADER_CHARS = 16  # a column header's name wraps at this width...
HEADER_LINES = 3  # ...over at most this many lines; the tooltip holds the whole name


def header_name(name: str) -> str:
    """A goal's or strategy's name short enough for a column header: its words wrapped over
    a few lines, the last shortened when the name runs on. Never the id."""
    lines = textwrap.wrap(" ".join(name.split()), HEADER_CHARS, break_on_hyphens=False)
    if len(lines) > HEADER_LINES:
        lines = lines[:HEADER_LINES]
        lines[-1] = lines[-1][: HEADER_CHARS - 1].rstrip() + "…"
    return "\n".join(lines)


class ThemeMatrix(QWidget):
    """A central view; rebuilt when the analysis (which says which goals a strategy serves)
    is ready."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.coverage: ThemeCoverage | None = None
        self.by = "goals"
        self._stale = True

        self.by_goals = QRadioButton("Themes × &goals")
        self.by_strategies = QRadioButton("Themes × &strategies")
        self.by_goals.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_goals)
        group.addButton(self.by_strategies)
        self.by_goals.toggled.connect(self._by_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.by_goals)
        top.addWidget(self.by_strategies)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(side_panels_button(self, "themes"))

        self.table = QTableWidget()
        self.table.setAccessibleName("Theme matrix")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._show_note)
        self.table.cellDoubleClicked.connect(self._select_items)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setMinimumWidth(220)
        self.note.setAccessibleName("Theme note")
        self.note.setMargin(8)

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.note)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        # The columns' whole names: a header has room for a few words at 1280x720.
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setAccessibleName("Columns")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.key)

        session.analysis_ready.connect(lambda _a: self.refresh())
        session.document_changed.connect(self.refresh)
        self.refresh()

    def _by_changed(self) -> None:
        self.by = "goals" if self.by_goals.isChecked() else "strategies"
        self._fill()

    def refresh(self) -> None:
        """Rebuild now if the view shows, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self._rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._rebuild()

    def _rebuild(self) -> None:
        self._stale = False
        if not self.session.is_open or self.session.analysis is None:
            self.coverage = None
        else:
            self.coverage = coverage(self.session.district, self.session.analysis)
        self._fill()

    # -- drawing ---------------------------------------------------------------------------
    def _fill(self) -> None:
        self.table.clear()
        cov = self.coverage
        if cov is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.summary.setText("")
            self.note.setText("")
            self.key.setText("")
            return
        columns = cov.goal_ids if self.by == "goals" else cov.strategy_ids
        self.table.setColumnCount(len(columns) + 2)
        headers = ["Theme", *(header_name(cov.names[col]) for col in columns), "Addressed by"]
        self.table.setHorizontalHeaderLabels(headers)
        shortened = [cov.names[c] for c in columns if header_name(cov.names[c]).endswith("…")]
        self.key.setText("In full: " + " · ".join(shortened) if shortened else "")
        self.key.setVisible(bool(shortened))
        for n, col in enumerate(columns, start=1):
            head_item = self.table.horizontalHeaderItem(n)
            if head_item is not None:
                head_item.setToolTip(tooltip(cov.names[col]))
        rows = cov.by_category()
        self.table.setRowCount(sum(1 + len(themes) for _, themes in rows))
        bold = QFont()
        bold.setBold(True)
        r = 0
        for category, themes in rows:
            head = QTableWidgetItem(category)
            head.setFont(bold)
            head.setBackground(QBrush(CATEGORY))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 0, head)
            self.table.setSpan(r, 0, 1, len(columns) + 2)
            r += 1
            for theme in themes:
                self._fill_row(r, theme, columns)
                r += 1
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for n in range(1, len(columns) + 1):
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(columns) + 1, QHeaderView.ResizeMode.Stretch)
        gaps = cov.gaps
        untagged = cov.untagged_strategies()
        text = (
            f"<b>{len(gaps)} of 13 themes are gaps</b>: nothing in the plan addresses them."
            if gaps
            else "Every theme is addressed by at least one strategy or program."
        )
        if untagged:
            names = join_words([quoted(cov.names[s]) for s in untagged])
            text += f" {plural(len(untagged), 'strategy', 'strategies')} carry no theme: {names}."
        self.summary.setText(text)
        self._show_note()

    def _fill_row(self, r: int, theme: ThemeRow, columns: tuple[str, ...]) -> None:
        cov = self.coverage
        assert cov is not None
        label = QTableWidgetItem(("⚠ " if theme.gap else "") + theme.label)
        label.setToolTip(theme.prompt)
        label.setData(SLUG_ROLE, theme.slug)
        if theme.gap:
            label.setBackground(QBrush(GAP))
        self.table.setItem(r, 0, label)
        for n, col in enumerate(columns, start=1):
            if self.by == "goals":
                count = theme.goals.get(col, 0)
                text = "" if count == 0 else "●" if count == 1 else f"● {count}"
                goal = quoted(cov.names[col])
                tip = (
                    f"{plural(count, 'strategy', 'strategies')} with this theme "
                    f"{'serves' if count == 1 else 'serve'} {goal}"
                    if count
                    else f"No strategy with this theme serves {goal}"
                )
            else:
                count = int(col in theme.strategies)
                text = "●" if count else ""
                tip = quoted(cov.names[col]) + (
                    " addresses this theme" if count else " does not address this theme"
                )
            cell = QTableWidgetItem(text)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.setToolTip(tooltip(tip))
            cell.setData(SLUG_ROLE, theme.slug)
            if count:
                cell.setBackground(QBrush(COVERED))
            elif theme.gap:
                cell.setBackground(QBrush(GAP))
            self.table.setItem(r, n, cell)
        if theme.gap:
            by_text = "GAP: none"
        else:
            parts = []
            if theme.strategies:
                parts.append(
                    f"{len(theme.strategies)} strateg{'y' if len(theme.strategies) == 1 else 'ies'}"
                )
            if theme.programs:
                parts.append(
                    f"{len(theme.programs)} program{'' if len(theme.programs) == 1 else 's'}"
                )
            by_text = ", ".join(parts)
        last = QTableWidgetItem(by_text)
        last.setData(SLUG_ROLE, theme.slug)
        last.setToolTip(theme.prompt)
        if theme.gap:
            font = QFont()
            font.setBold(True)
            last.setFont(font)
            last.setBackground(QBrush(GAP))
        self.table.setItem(r, len(columns) + 1, last)

    # -- the side note -----------------------------------------------------------------
    def current_theme(self) -> ThemeRow | None:
        if self.coverage is None:
            return None
        items = self.table.selectedItems()
        slug = items[0].data(SLUG_ROLE) if items else None
        return self.coverage.row(slug) if slug else None

    def _show_note(self) -> None:
        theme = self.current_theme()
        if theme is None:
            self.note.setText(
                "<b>What are we missing?</b><br>Pick a theme to see its guiding question "
                "and what in the plan addresses it. Double-click a row to select those "
                "items."
            )
            return
        cov = self.coverage
        assert cov is not None
        district = self.session.district
        names = [district.items[i].label for i in (*theme.strategies, *theme.programs)]
        listing = (
            "<br>".join(_escape(n) for n in names)
            if names
            else "<b>Nothing in the plan addresses this theme (a gap).</b>"
        )
        self.note.setText(
            f"<p><small>{_escape(theme.category)}</small><br><b>{_escape(theme.label)}</b></p>"
            f"<p><i>{_escape(theme.prompt)}</i></p><p>{listing}</p>"
        )

    def _select_items(self, row: int, _column: int) -> None:
        theme = self.current_theme()
        if theme is not None:
            self.session.select([*theme.strategies, *theme.programs])


_escape = html
