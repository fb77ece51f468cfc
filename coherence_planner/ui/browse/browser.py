"""The item browser: goals, strategies, programs and policies grouped, with counts, search
as you type and filters by kind, status, flag, goal, school and grade band."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import Changes
from coherence_planner.ui.browse.filter_combos import filter_combo, set_choices
from coherence_planner.ui.browse.model import (
    FACT_FILTERS,
    ID_ROLE,
    Filters,
    ItemFilter,
    ItemTreeModel,
)
from coherence_planner.ui.flags import FLAG_LABELS, FLAG_ORDER, legend_html
from coherence_planner.ui.icons import icon
from coherence_planner.ui.session import DocumentSession

if TYPE_CHECKING:
    from coherence_planner.storage.document import Document


# From this many items, the list is filled a moment after the rest of the plan shows.
FILL_LATER_ITEMS = 1000


def _combo(name: str, everything: str) -> QComboBox:
    return filter_combo(name, everything, f"Show only items with this {name.lower()}")


class ItemBrowser(QWidget):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ItemTreeModel(self)
        self.proxy = ItemFilter(self.model, self)
        self.model.rows_in_sight = self._rows_in_sight
        self._syncing = False  # applying the session's selection to the list
        self._echoing = False  # telling the session the list's own selection

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search items (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search items")
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        layout.addWidget(self.search)

        grid = QGridLayout()
        grid.setSpacing(4)
        self.kind = _combo("Kind", "All kinds")
        for kind in vocab.ITEM_KINDS:
            self.kind.addItem(vocab.KIND_PLURALS[kind], kind)
        self.status = _combo("Status", "Any status")
        for status in vocab.STATUSES:
            self.status.addItem(status.capitalize(), status)
        self.flag = _combo("Finding", "Any finding")
        for flag in FLAG_ORDER:
            self.flag.addItem(FLAG_LABELS[flag], flag)
        self.flag.insertSeparator(self.flag.count())
        for value, label in FACT_FILTERS:
            self.flag.addItem(label, value)
        self.goal = _combo("Goal", "Any goal")
        self.school = _combo("School", "Any school")
        self.grade_band = _combo("Grade band", "Any grades")
        for label, _tokens in vocab.GRADE_BANDS:
            self.grade_band.addItem(label, label)
        self.combos = (self.kind, self.status, self.flag, self.goal, self.school, self.grade_band)
        for number, combo in enumerate(self.combos):
            grid.addWidget(combo, number // 2, number % 2)
        layout.addLayout(grid)

        row = QHBoxLayout()
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)  # it can name a finding's items
        self.count.setAccessibleName("Items shown")
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setToolTip("Show every item again")
        row.addWidget(self.count, 1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)

        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Items")
        self.view.setUniformRowHeights(True)
        # Names are edited in the Inspector; a double-click or Enter opens the item
        # (`activated`), and the model's empty rows would otherwise take an editor.
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setIndentation(14)
        # A long name keeps its start, read as a sentence is ("Every student reads on gr…"):
        # cut in the middle it read as two fragments ("Every student re…grade level"). The
        # whole name is the tooltip and, on hover or when the row is current, the status bar.
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setMouseTracking(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed, not ResizeToContents: measuring every row on each edit costs ~80 ms at 2,000.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("Annual cost") + 24)
        layout.addWidget(self.view, 1)
        self.legend = QLabel(legend_html())
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Key to the marks beside the items")
        small = self.legend.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.legend.setFont(small)
        layout.addWidget(self.legend)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        for combo in self.combos:
            combo.currentIndexChanged.connect(lambda _row: self.apply_filters())
        self.clear_button.clicked.connect(self.clear_filters)
        self.view.selectionModel().selectionChanged.connect(self._view_selection_changed)
        self.view.selectionModel().currentChanged.connect(lambda index, _old: self._say(index))
        self.proxy.rowsInserted.connect(lambda *_: self._expand())
        self.proxy.modelReset.connect(self._after_reset)

        session.document_changed.connect(self._document_changed)
        session.changed.connect(self._changed)
        session.analysis_ready.connect(self._analysis_ready)
        session.selection_changed.connect(self._session_selection)
        self._document_changed()

    def _say(self, index: QModelIndex) -> None:
        """The current item's whole name in the window's status bar."""
        text = (
            index.siblingAtColumn(0).data(Qt.ItemDataRole.StatusTipRole) if index.isValid() else ""
        )
        QCoreApplication.sendEvent(self.view, QStatusTipEvent(text or ""))

    # -- session events ----------------------------------------------------------------
    def _document_changed(self) -> None:
        document = self.session.document
        if document is not None and len(document.district.items) >= FILL_LATER_ITEMS:
            # The list of a large plan is filled on the next turn of the event loop, once
            # the window has shown the rest of the plan: laying out its rows (Python calls
            # through the filter proxy for each) and the rest together froze the window
            # past 200 ms at 10,000 programs (issue 29).
            self.model.set_district(None)
            self._update_count()
            # A timer, not a zero-timer: a zero-timer is a posted event, which Qt runs in
            # the same turn as the events posted with it, and the window would not answer
            # between the two.
            QTimer.singleShot(1, self, lambda: self._fill(document, lay_out=True))
            return
        self._fill(document)

    def _fill(self, document: Document | None, *, lay_out: bool = False) -> None:
        if document is not self.session.document:
            return  # another plan (or none) since: its own turn fills the list
        self.model.set_district(document.district if document is not None else None)
        if self.session.analysis is not None:  # arrived before the list was filled
            self.model.set_analysis(self.session.analysis)
        self._fill_lists()
        self.clear_filters()
        if lay_out:
            # Lay the rows out now, before the first analysis starts in its worker
            # (analysis_runner.FIRST_RUN_DELAY_MS), rather than at the next paint: with
            # the worker holding the GIL, each row's call into Python waited for it.
            self.view.doItemsLayout()

    def _changed(self, changes: Changes) -> None:
        self.model.apply_changes(changes)
        self._fill_lists()
        if self.proxy.filters.active() and changes.items:
            self.proxy.refilter()  # an edited name or status may now pass or fail the filter
            self._expand()
            self._session_selection(self.session.selection)
        self._update_count()

    def _analysis_ready(self, analysis: Analysis) -> None:
        if self.model.rowCount() and len(self.session.district.items) >= FILL_LATER_ITEMS:
            # A turn of its own: the flags of every row of a large plan, and the Overview
            # taking the same analysis, made one freeze of 0.2-0.4 s (issue 29).
            QTimer.singleShot(1, self, lambda: self._take_analysis(analysis))
            return
        self._take_analysis(analysis)

    def _take_analysis(self, analysis: Analysis) -> None:
        if analysis is not self.session.analysis:
            return  # a newer one (or another plan) came since, with its own turn
        self.model.set_analysis(analysis)
        if self.proxy.filters.flag or self.proxy.filters.goal:
            self.proxy.refilter()
            self._expand()
        self._update_count()

    def _rows_in_sight(self) -> list[QModelIndex]:
        """The model's indexes of the rows the list shows now (a screenful at most)."""
        view, rows = self.view, []
        index = view.indexAt(QPoint(1, 1))
        bottom = view.viewport().height()
        while index.isValid() and view.visualRect(index).top() < bottom:
            rows.append(self.proxy.mapToSource(index))
            index = view.indexBelow(index)
        return rows

    def _after_reset(self) -> None:
        self._expand()
        self._session_selection(self.session.selection)

    def _fill_lists(self) -> None:
        """Goals and schools to filter by, from the district as it is now."""
        district = self.session.district if self.session.is_open else None
        goals = [(g.label, g.id) for g in district.items_of("goal")] if district else []
        schools = district.school_names() if district else []
        set_choices(self.goal, goals)
        set_choices(self.school, [(s, s) for s in schools])

    # -- filtering ---------------------------------------------------------------------
    def filters(self) -> Filters:
        return Filters(
            text=self.search.text().strip(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            flag=self.flag.currentData(),
            goal=self.goal.currentData(),
            school=self.school.currentData(),
            grade_band=self.grade_band.currentData(),
            ids=self.proxy.filters.ids,
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.proxy.set_filters(self.filters())
        self._expand()
        self._update_count()
        self._session_selection(self.session.selection)

    def set_filter(self, **values: str) -> None:
        """Set some filters (used by the overview's clickable numbers): flag='orphan'."""
        combos = {
            "kind": self.kind,
            "status": self.status,
            "flag": self.flag,
            "goal": self.goal,
            "school": self.school,
            "grade_band": self.grade_band,
        }
        for name, value in values.items():
            combo = combos[name]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.apply_filters()

    def show_only(self, ids: list[str], label: str) -> None:
        """Restrict the browser to some items (a finding's members); Clear filters undoes it."""
        self.proxy.filters.ids = frozenset(ids)
        self.apply_filters()
        self.count.setText(f"{label}: {self.proxy.visible_count():,} items")

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for combo in self.combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.proxy.filters.ids = frozenset()
        self.apply_filters()

    def _expand(self) -> None:
        # Items sit one level under their kind, so opening the kinds shows everything;
        # expandAll() asked the model about every item (0.5 s for 10,000 programs).
        for row in range(self.proxy.rowCount()):
            self.view.expand(self.proxy.index(row, 0))

    def _update_count(self) -> None:
        total = len(self.session.district.items) if self.session.is_open else 0
        active = self.proxy.filters.active()
        # Counted only under a filter: counting maps every row through the proxy, which
        # the view does anyway when it shows them (0.3-0.6 s at 10,000 programs; issue 29).
        text = f"Showing {self.proxy.visible_count():,} of {total:,} items" if active else ""
        self.count.setText(text or f"{total:,} items")
        self.clear_button.setEnabled(active)

    # -- selection ---------------------------------------------------------------------
    def _view_selection_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        ids = [index.data(ID_ROLE) for index in self.view.selectionModel().selectedRows()]
        self._echoing = True
        try:
            self.session.select([i for i in ids if i])
        finally:
            self._echoing = False

    def _session_selection(self, ids: list[str]) -> None:
        self._syncing = True
        try:
            selection = QItemSelection()
            for item_id in ids:
                index = self.proxy.mapFromSource(self.model.index_of(item_id))
                if index.isValid():
                    selection.select(index, index.siblingAtColumn(1))
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.selectionModel().select(selection, flags)
            if ids and not self._echoing:
                # Not for the list's own selection told back: the row the person picked
                # stays current. Moved to the first item selected, a second selection
                # made beside the first (Ctrl+click, or setCurrentIndex with Ctrl held)
                # left the first row current, and the status bar naming it.
                first = self.proxy.mapFromSource(self.model.index_of(ids[0]))
                if first.isValid():
                    self.view.selectionModel().setCurrentIndex(
                        first, QItemSelectionModel.SelectionFlag.NoUpdate
                    )
                    self.view.scrollTo(first)
        finally:
            self._syncing = False
