"""The decision log as a filterable table: who decided what, when and why, changed minds
included (each row says what the decision replaced)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.wording import money
from coherence_planner.domain.retreat.decisions import (
    DECISION_LABELS,
    LogEntry,
    decision_log,
    filter_log,
    tally,
    unlogged_decisions,
)
from coherence_planner.ui.item_models import discard_rows
from coherence_planner.ui.lazy_view import LazyView
from coherence_planner.ui.plain_text import tooltip
from coherence_planner.ui.session import DocumentSession

ITEM_ROLE = Qt.ItemDataRole.UserRole + 20
# The log's columns as people read them: the item by its name, never its id (the printed
# and spreadsheet logs keep the id, for matching rows with other files).
# The reason comes right after the decision, where it is read with it, not off the edge.
TABLE_COLUMNS = ("Date", "Name", "Decision", "Why", "Was", "Kind", "Decided by", "Scenario")
WHY = TABLE_COLUMNS.index("Why")
NAME_MAX = 180  # px; a longer name wraps
WHY_MIN = 180  # px; the reason wraps over as many lines as it needs


class DecisionLogModel(QStandardItemModel):
    """One row per log entry, newest first (the table can be sorted by any column)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(TABLE_COLUMNS))

    def set_entries(self, entries: list[LogEntry]) -> None:
        discard_rows(self)
        for e in reversed(entries):
            by_column = {
                "Date": e.on,
                "Name": e.name,
                "Decision": DECISION_LABELS.get(e.decision, e.decision),
                "Why": e.rationale,
                "Was": DECISION_LABELS.get(e.previous, e.previous),
                "Kind": vocab.KIND_LABELS.get(e.kind, e.kind),
                "Decided by": e.who,
                "Scenario": e.scenario,
            }
            values = [by_column[column] for column in TABLE_COLUMNS]
            row = []
            for value in values:
                cell = QStandardItem(value)
                cell.setEditable(False)
                cell.setData(e.item_id, ITEM_ROLE)
                cell.setToolTip(tooltip(value))
                row.append(cell)
            self.appendRow(row)


class DecisionLog(LazyView):
    """Filters (decision, person, words) over the log; clicking a row selects its item."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.decision = QComboBox()
        self.decision.setAccessibleName("Filter by decision")
        self.decision.addItem("Every decision", None)
        for d in vocab.DECISIONS:
            self.decision.addItem(DECISION_LABELS[d], d)
        self.who = QComboBox()
        self.who.setAccessibleName("Filter by person")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names and reasons")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the decision log")
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.decision)
        filters.addWidget(self.who)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)
        self.model = DecisionLogModel(self)
        self.view = QTableView()
        self.view.setAccessibleName("Decision log")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        layout.addWidget(self.view, 1)
        self.tally = QLabel()
        self.tally.setAccessibleName("Decision tally")
        # The tally grows with the decisions made; it wraps rather than widen the view.
        self.tally.setWordWrap(True)
        layout.addWidget(self.tally)
        self.decision.currentIndexChanged.connect(lambda _i: self.refresh())
        self.who.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.view.clicked.connect(lambda index: session.select([str(index.data(ITEM_ROLE))]))
        session.changed.connect(lambda _c: self.request_refresh())
        session.document_changed.connect(self.request_refresh)
        self.request_refresh()

    def _fit_reason(self) -> None:
        """The reason is what a person decides by: it gets the width the columns before it
        leave (at least WHY_MIN), wrapped over as many lines as it needs, never cut."""
        others = sum(self.view.columnWidth(c) for c in range(WHY))  # the columns before it
        room = self.view.viewport().width() - others
        self.view.setColumnWidth(WHY, max(WHY_MIN, room - 80))  # and a glimpse of the next
        self.view.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_reason()

    def refresh(self) -> None:
        if not self.session.is_open:
            self.model.set_entries([])
            self.tally.setText("")
            return
        # Decisions the log cannot explain are listed too (as the oldest), so the rows
        # account for every decision the tally below counts.
        district = self.session.district
        entries = unlogged_decisions(district) + decision_log(district)
        people = sorted({e.who for e in entries if e.who})
        chosen = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem("Everyone", None)
        for person in people:
            self.who.addItem(person, person)
        index = self.who.findData(chosen)
        self.who.setCurrentIndex(max(index, 0))
        self.who.blockSignals(False)
        shown = filter_log(
            entries,
            decision=self.decision.currentData(),
            who=self.who.currentData(),
            text=self.search.text(),
        )
        self.model.set_entries(shown)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(
            TABLE_COLUMNS.index("Name"),
            min(self.view.columnWidth(TABLE_COLUMNS.index("Name")), NAME_MAX),
        )
        self._fit_reason()
        t = tally(district)
        counts = ", ".join(
            f"{DECISION_LABELS[d]} {t.counts[d]}" for d in vocab.DECISIONS if t.counts[d]
        )
        self.tally.setText(
            f"{len(shown)} of {len(entries)} log entries · {counts} · "
            f"sunset or remove frees {money(t.freed_cost)} and {t.freed_fte:g} FTE"
        )
