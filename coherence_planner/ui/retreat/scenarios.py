"""What-if scenarios: build named sets of items to remove, see today and one or two
scenarios side by side, and apply the chosen one as decisions in one undoable step.

A scenario that would leave a goal with no support gets a loud banner: nothing in the
district would then serve that goal, which a cabinet must never do by accident.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words, money_short, plural
from coherence_planner.domain.retreat import scenarios as S
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.lazy_view import LazyView
from coherence_planner.ui.plain_text import tooltip
from coherence_planner.ui.retreat.state import RetreatState
from coherence_planner.ui.session import DocumentSession

ID_ROLE = Qt.ItemDataRole.UserRole + 30

# (label, how to read the number off a result; None = today's value of the same measure)
MEASURES = (
    "Money freed",
    "FTE freed",
    "Students no longer served",
    "Annual program cost",
    "Competing groups",
    "Competing groups resolved",
    "Goals with no support",
    "Orphans",
    "Conflicts",
    "Removal candidates left",
)

WARNING_STYLE = (
    "QLabel { background: #B00020; color: white; font-weight: bold; font-size: 16px;"
    " padding: 10px; border-radius: 4px; }"
)


def _today_column(b: S.Findings) -> list[str]:
    return [
        money_short(0),
        "0",
        "0",
        money_short(b.total_cost),
        str(b.competing_groups),
        "—",
        str(b.unsupported_goals),
        str(b.orphans),
        str(b.conflicts),
        str(b.removal_candidates),
    ]


def _scenario_column(result: S.ScenarioResult) -> list[str]:
    a = result.after
    return [
        money_short(result.freed_cost),
        f"{result.freed_fte:g}",
        f"{result.students_no_longer_served:,}",
        money_short(a.total_cost),
        str(a.competing_groups),
        str(len(result.resolved_groups)),
        str(a.unsupported_goals),
        str(a.orphans),
        str(a.conflicts),
        str(a.removal_candidates),
    ]


NO_SECOND = "No second scenario"


class ScenarioView(LazyView):
    def __init__(
        self, session: DocumentSession, state: RetreatState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.state = state
        self.results: dict[str, S.ScenarioResult] = {}
        # Lists and buttons across the top, the comparison below at full width; the whole
        # view scrolls rather than squeezing the comparison on a small screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setAccessibleName("Scenarios and their comparison")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        rv = QVBoxLayout(body)

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(QLabel("<b>Scenarios</b>"))
        self.list = QListWidget()
        self.list.setAccessibleName("Scenarios")
        names.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton("New…")
        self.delete_button = QPushButton("Delete")
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        names.addLayout(row)
        top.addLayout(names, 2)
        removed = QVBoxLayout()
        removed.addWidget(QLabel("<b>Items removed in this scenario</b>"))
        self.items = QListWidget()
        self.items.setAccessibleName("Items removed in this scenario")
        self.items.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        removed.addWidget(self.items, 1)
        top.addLayout(removed, 3)
        buttons = QVBoxLayout()
        buttons.addSpacing(self.fontMetrics().height() + 6)
        self.add_candidates_button = QPushButton("Add all removal candidates")
        self.add_selected_button = QPushButton("Add the selected items")
        self.take_out_button = QPushButton("Take out of the scenario")
        for button in (self.add_candidates_button, self.add_selected_button, self.take_out_button):
            buttons.addWidget(button)
        buttons.addStretch()
        top.addLayout(buttons)
        top_box = QWidget()
        top_box.setLayout(top)
        top_box.setMaximumHeight(200)
        rv.addWidget(top_box)

        compare = QHBoxLayout()
        # Today and the chosen scenario always show; this adds a second scenario beside them.
        compare.addWidget(QLabel("Also show"))
        self.compare = QComboBox()
        self.compare.setAccessibleName("Compare with a second scenario")
        compare.addWidget(self.compare, 1)
        rv.addLayout(compare)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setAccessibleName("Warning")
        self.warning.hide()
        rv.addWidget(self.warning)
        self.table = QTableWidget(len(MEASURES), 2)
        self.table.setAccessibleName("Scenario measures")
        self.table.setVerticalHeaderLabels(list(MEASURES))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(row_height * (len(MEASURES) + 1) + 6)
        rv.addWidget(self.table, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        rv.addWidget(self.details)
        self.apply_button = QPushButton("Apply as decisions…")
        self.apply_button.setToolTip(
            "Decide 'remove' on every program and policy of this scenario, in one undoable step"
        )
        rv.addWidget(self.apply_button)

        self.new_button.clicked.connect(lambda: self.ask_new())
        self.delete_button.clicked.connect(self.delete_current)
        self.add_candidates_button.clicked.connect(self.add_candidates)
        self.add_selected_button.clicked.connect(self.add_selected)
        self.take_out_button.clicked.connect(self.take_out)
        self.apply_button.clicked.connect(lambda: self.apply_current())
        self.list.currentRowChanged.connect(lambda _r: self._show())
        self.compare.currentIndexChanged.connect(lambda _i: self._show())
        session.changed.connect(lambda _c: self.request_refresh())
        session.document_changed.connect(self.request_refresh)
        self.request_refresh()

    # -- state ---------------------------------------------------------------------------
    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.text())

    def current(self) -> S.Scenario | None:
        name = self.current_name()
        if name is None or not self.session.is_open:
            return None
        return S.scenario(self.session.district, name)

    def select_scenario(self, name: str) -> None:
        matches = self.list.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.list.setCurrentItem(matches[0])

    def refresh(self) -> None:
        keep, other = self.current_name(), self.compare.currentData()
        self.list.blockSignals(True)
        self.compare.blockSignals(True)
        self.list.clear()
        self.compare.clear()
        self.compare.addItem(NO_SECOND, None)
        names = [s.name for s in S.scenarios(self.session.district)] if self.session.is_open else []
        for name in names:
            self.list.addItem(name)
            self.compare.addItem(name, name)
        if names:
            self.list.setCurrentRow(names.index(keep) if keep in names else 0)
        index = self.compare.findData(other)
        self.compare.setCurrentIndex(max(index, 0))
        self.list.blockSignals(False)
        self.compare.blockSignals(False)
        self._show()

    def _show(self) -> None:
        sc = self.current()
        has = sc is not None
        for widget in (
            self.delete_button,
            self.add_candidates_button,
            self.add_selected_button,
            self.take_out_button,
            self.apply_button,
        ):
            widget.setEnabled(has)
        self.new_button.setEnabled(self.session.is_open)
        self.items.clear()
        self.results = {}
        if sc is None:
            # Today's numbers stand alone until there is a scenario to set beside them: a
            # table of measures with no column read as broken (issue 27).
            today_only = []
            if self.session.is_open:
                now = self.session.analysis or analyse(self.session.district)
                today_only = [("Today", _today_column(S.Findings.of(now)))]
            self._fill_table(today_only)
            self.warning.hide()
            self.details.setText(
                "Make a scenario to see what stopping some programs would free."
                if self.session.is_open
                else ""
            )
            return
        district = self.session.district
        names = Names(district)
        for item_id in sc.remove:
            item = district.items.get(item_id)
            entry = QListWidgetItem(
                names.plain(item_id) if item else "An item no longer in the plan"
            )
            entry.setData(ID_ROLE, item_id)
            self.items.addItem(entry)
        today = analyse(district)
        shown = [sc]
        other_name = self.compare.currentData()
        if other_name and other_name != sc.name:
            shown.append(S.scenario(district, other_name))
        for s in shown:
            self.results[s.name] = S.evaluate(district, s, today)
        first = self.results[sc.name]
        columns = [("Today", _today_column(first.before))]
        columns += [(s.name, _scenario_column(self.results[s.name])) for s in shown]
        self._fill_table(columns)
        warnings = []
        for s in shown:
            result = self.results[s.name]
            if result.warns:
                goals = [names(g) for g in result.newly_unsupported]
                warnings.append(
                    f"⚠ {s.name} would leave {plural(len(goals), 'goal')} with no support "
                    f"at all: {join_words(goals)}."
                )
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        notes = []
        if first.newly_orphaned:
            lost = first.newly_orphaned
            more = f" and {len(lost) - 8} more" if len(lost) > 8 else ""
            lost_names = join_words([names(i) for i in lost[:8]])
            notes.append(f"Would lose their tie to any goal: {lost_names}{more}.")
        if sc.applied_on:
            notes.append(f"Applied as decisions on {sc.applied_on} by {sc.applied_by or '—'}.")
        skipped = S.undecidable(district, sc)
        if skipped:
            notes.append(
                "Applying decides on programs and policies only; retire "
                + join_words([names(i) for i in skipped])
                + " in the inspector."
            )
        self.details.setText("\n".join(notes))

    # -- editing -------------------------------------------------------------------------
    def _fill_table(self, columns: list[tuple[str, list[str]]]) -> None:
        """One column of the measures for each (title, values)."""
        self.table.setColumnCount(len(columns))
        for c, (title, _values) in enumerate(columns):
            head = QTableWidgetItem(title if len(title) <= 14 else title[:13] + "…")
            head.setToolTip(tooltip(title))
            self.table.setHorizontalHeaderItem(c, head)
        for c, (_title, values) in enumerate(columns):
            for r, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(tooltip(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, cell)

    def _push_scenario(self, sc: S.Scenario) -> bool:
        try:
            self.session.push(S.save_scenario(self.session.district, sc))
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Scenario", explain(exc))
            return False
        self.select_scenario(sc.name)
        return True

    def ask_new(self) -> None:
        name, ok = QInputDialog.getText(self, "New scenario", "Name of the scenario")
        if ok:
            self.new_scenario(name.strip())

    def new_scenario(self, name: str) -> bool:
        if not self.session.is_open:
            return False
        if self.session.district.record(S.COLLECTION, name) is not None:
            QMessageBox.warning(self, "Scenario", f"There is already a scenario named {name}.")
            return False
        return self._push_scenario(S.Scenario(name))

    def delete_current(self) -> None:
        name = self.current_name()
        if name is not None:
            self.session.push(S.delete_scenario(self.session.district, name))

    def add_candidates(self) -> None:
        sc = self.current()
        if sc is not None:
            self._push_scenario(S.with_removal_candidates(sc, analyse(self.session.district)))

    def add_selected(self) -> None:
        sc = self.current()
        if sc is not None and self.session.selection:
            self._push_scenario(sc.with_items(self.session.selection))

    def take_out(self) -> None:
        sc = self.current()
        ids = [str(item.data(ID_ROLE)) for item in self.items.selectedItems()]
        if sc is not None and ids:
            self._push_scenario(sc.without_items(ids))

    def apply_current(self, confirm: bool = True) -> bool:
        """Apply the scenario as decisions (one undo step), after asking when `confirm`."""
        sc = self.current()
        if sc is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                "Apply scenario",
                f"Record 'remove' for every program and policy in {sc.name}, decided by "
                f"{self.state.who or 'nobody named'} on {self.state.on}? Undo takes it back.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.session.push(
                S.apply_as_decisions(self.session.district, sc, self.state.who, self.state.on)
            )
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Apply scenario", explain(exc))
            return False
        return True
