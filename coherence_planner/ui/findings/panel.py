"""The findings panel: always in view, always current; clicking a finding selects its items."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.gaps import FACT_BY_FIELD
from coherence_planner.ui.findings.model import (
    FIELD_ROLE,
    FILTER_ROLE,
    IDS_ROLE,
    REASON_ROLE,
    FindingsModel,
)
from coherence_planner.ui.session import DocumentSession
from coherence_planner.ui.wrapping_rows import wrap_rows

INTRO = (
    "Select a finding to read why, and to select its items.\n\n"
    "Orphans serve no student-learning goal. Competing programs chase the same goal for the "
    "same students; the best-ranked is kept. Conflicts work against each other. Unsupported "
    "goals have nothing working toward them. Removal candidates would free the money and "
    "staff shown. Missing facts are what the plan does not yet know about a program: fill "
    "them in before the retreat."
)


class FindingsPanel(QWidget):
    browse_requested = Signal(dict)  # a "… and N more" row was opened: the browser filter
    fill_requested = Signal(str, str)  # item id, the field to fill in ("goal": its links)

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = FindingsModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.status = QLabel()
        self.status.setAccessibleName("Analysis status")
        layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setAccessibleName("Findings")
        # A finding names its items ("A ↔ B", "keep A and B"): it wraps to the lines it
        # needs, since cutting either end hides a name the cabinet decides by (issue 27).
        wrap_rows(self.view)
        split.addWidget(self.view)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setAccessibleName("Why")
        self.reason.setMargin(4)
        self.reason.setMinimumWidth(220)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.reason)
        self.fill_button = QPushButton("Fill in")
        self.fill_button.setAccessibleName("Fill in the first missing fact")
        self.fill_button.hide()
        side_layout.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addStretch(1)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.fill_button.clicked.connect(self.fill_in)
        session.analysis_ready.connect(self._analysis_ready)
        session.changed.connect(lambda _c: self.status.setText("Updating findings…"))
        session.document_changed.connect(self._document_changed)
        self._document_changed()
        if session.is_open and session.analysis is not None:  # made when first shown
            self._analysis_ready(session.analysis)

    def _document_changed(self) -> None:
        self.model.clear_findings()
        self.fill_button.hide()
        self.reason.setText(INTRO if self.session.is_open else "")
        self.status.setText("Analysing…" if self.session.is_open else "No plan open")

    def _analysis_ready(self, analysis: Analysis) -> None:
        expanded = {
            self.model.item(row).data(REASON_ROLE)
            for row in range(self.model.rowCount())
            if self.view.isExpanded(self.model.index(row, 0))
        }
        first_time = self.model.rowCount() == 0
        self.model.set_analysis(self.session.district, analysis)
        self.fill_button.hide()  # the rows are new; none is current
        for row in range(self.model.rowCount()):
            head = self.model.item(row)
            small = head.rowCount() <= 12
            if head.data(REASON_ROLE) in expanded or (first_time and small):
                self.view.expand(self.model.index(row, 0))
        self.status.setText("Findings are up to date")

    def _activated(self, index: QModelIndex) -> None:
        self._current_changed(index)
        browse = index.data(FILTER_ROLE) if index.isValid() else None
        if browse:
            self.browse_requested.emit(dict(browse))
        elif index.isValid() and index.data(FIELD_ROLE):
            self.fill_in()

    def fill_in(self) -> None:
        """Go to the current missing-facts row's program and its first missing field."""
        index = self.view.currentIndex()
        field = index.data(FIELD_ROLE) if index.isValid() else None
        ids = index.data(IDS_ROLE) if index.isValid() else None
        if field and ids:
            self.fill_requested.emit(str(ids[0]), str(field))

    def _current_changed(self, index: QModelIndex, *_args: object) -> None:
        if not index.isValid():
            return
        self.reason.setText(index.data(REASON_ROLE) or "")
        field = index.data(FIELD_ROLE)
        if field:
            self.fill_button.setText(f"Fill in: {FACT_BY_FIELD[field].short}")
        self.fill_button.setVisible(bool(field))
        ids = index.data(IDS_ROLE) or []
        if ids:
            self.session.select(list(ids))
