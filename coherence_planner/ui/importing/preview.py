"""The preview step of the spreadsheet import: what would be created, updated and linked, and
every value that could not be read, before anything is written.

A problem names its sheet, row and column; selecting it shows that whole row from the sheet
with the offending cell marked, so the planner can see what the spreadsheet really says.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets import ImportPlan, Sheet
from coherence_planner.storage.spreadsheets.plan import ImportProblem
from coherence_planner.storage.spreadsheets.values import format_money
from coherence_planner.storage.spreadsheets.writing import cell_value
from coherence_planner.ui.importing.layout_choice import LayoutChooser
from coherence_planner.ui.importing.mapping import sample_text
from coherence_planner.ui.importing.summary import (
    CONFIRMED,
    GUESSED,
    Summary,
    type_label,
    where,
)
from coherence_planner.ui.plain_text import tooltip

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def shown_value(kind: str, name: str, value: Any) -> str:
    """A field value as the preview shows it (as the export would write it)."""
    spec = F.field_spec(kind, name)
    if spec is not None and spec.type == F.MONEY and isinstance(value, int | float):
        return format_money(value)
    if spec is not None:
        value = cell_value(spec, value)
    if value is None or value == "" or value == []:
        return "(blank)"
    return sample_text(value) or "(blank)"


def field_label(kind: str, name: str) -> str:
    spec = F.field_spec(kind, name)
    return spec.label if spec is not None else name.replace("_", " ").capitalize()


def _walk(node: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    out = []
    for index in range(node.childCount()):
        child = node.child(index)
        if child is not None:
            out.append(child)
            out.extend(_walk(child))
    return out


class PreviewPage(QWidget):
    """Step 2: counts, the changes, the problems, and the choice to skip problem rows."""

    skip_changed = Signal(bool)
    # Another money column clicked in the summary: (sheet name, header).
    cost_chosen = Signal(str, str)
    confirm_chosen = Signal(str)  # a guessed field ("type", "required") confirmed in one click

    def __init__(self, sheets: list[Sheet], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheets = {sheet.name: sheet for sheet in sheets}
        self.sheet_of_place = {sheet.place(): sheet.name for sheet in sheets}
        self.counts = QLabel()
        font = self.counts.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.counts.setFont(font)
        self.counts.setAccessibleName("What the import would do")
        self.layout_chooser = LayoutChooser()

        self.changes = QTreeWidget()
        self.changes.setAccessibleName("Items to create and update")
        self.changes.setHeaderLabels(["Item", "Change", "From"])
        self.changes.setAlternatingRowColors(True)
        self.changes.setUniformRowHeights(True)
        head = self.changes.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.problems_label = QLabel()
        self.problems = QTableWidget(0, 4)
        self.problems.setAccessibleName("Problems")
        self.problems.setHorizontalHeaderLabels(["Sheet", "Row", "Column", "Problem"])
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.setWordWrap(False)
        head = self.problems.horizontalHeader()
        for column in range(3):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems.itemSelectionChanged.connect(self._problem_selected)

        self.cell_label = QLabel()
        self.cell_label.setWordWrap(True)
        self.cell_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.row_view = QTableWidget(1, 0)
        self.row_view.setAccessibleName("The row with the problem")
        self.row_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.row_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.row_view.verticalHeader().setVisible(False)
        self.row_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        # What the import understood, in plain words (summary.py), above the changes.
        self.understood = QTextBrowser()
        self.understood.setAccessibleName("What the import read from the spreadsheet")
        self.understood.setOpenLinks(False)
        self.understood.anchorClicked.connect(self._anchor_clicked)
        self.understood.setMinimumHeight(120)

        self.skip = QCheckBox("Skip rows with problems and import the rest")
        self.skip.toggled.connect(self.skip_changed.emit)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why Import is off")

        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems, 1)
        problems_layout.addWidget(self.cell_label)
        problems_layout.addWidget(self.row_view)
        self.problems_box = problems_box

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.understood)
        split.addWidget(self.changes)
        split.addWidget(problems_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.layout_chooser)
        layout.addWidget(split, 1)
        layout.addWidget(self.skip)
        layout.addWidget(self.reason)

    def _anchor_clicked(self, url: QUrl) -> None:
        chosen = self.summary.cost_link(url.toString())
        if chosen is not None:
            self.cost_chosen.emit(*chosen)
        confirmed = self.summary.confirm_link(url.toString())
        if confirmed is not None:
            self.confirm_chosen.emit(confirmed)

    # -- showing a plan ----------------------------------------------------------------
    def show_plan(
        self, plan: ImportPlan, district: District, *, new_plan: bool = False, plan_name: str = ""
    ) -> None:
        """Show `plan`; `plan_name` is the name a new plan will have (`new_plan`)."""
        self.counts.setText(
            f"{plural(len(plan.creates), 'new item')}  ·  {len(plan.updates)} updated  ·  "
            f"{plural(len(plan.links), 'new link')}"
            + (
                f"  ·  {plural(len(plan.link_updates), 'link')} changed"
                if plan.link_updates
                else ""
            )
            + (f"  ·  {plural(len(plan.problems), 'problem')}" if plan.problems else "")
            + (f"  ·  {plural(len(plan.warnings), 'warning')}" if plan.warnings else "")
        )
        self.layout_chooser.show_plan(plan)
        self._fill_changes(plan, district)
        self._fill_problems(plan.problems, plan.warnings)
        self.summary = Summary(plan, district, new_plan, plan_name)
        self.understood.setHtml(self.summary.html())
        self.understood.setAccessibleDescription(self.summary.text())
        rows = len(plan.problem_rows())
        # A sheet that cannot be read is left out by itself; rows with problems are left
        # out only when the planner says so.
        self.skip.setVisible(bool(rows))
        self.skip.setText(f"Skip the {plural(rows, 'row')} with problems and import the rest")

    def _fill_changes(self, plan: ImportPlan, district: District) -> None:
        tree = self.changes
        tree.clear()
        bold = QFont(tree.font())
        bold.setBold(True)

        def group(title: str, count: int) -> QTreeWidgetItem:
            node = QTreeWidgetItem(tree, [f"{title} ({count})"])
            node.setFirstColumnSpanned(True)
            node.setFont(0, bold)
            return node

        if plan.creates:
            node = group("New items", len(plan.creates))
            guessed = dict(plan.guessed_types)
            for new in plan.creates:
                item = new.item
                label = vocab.KIND_LABELS[item.kind]
                change = "new"  # the name says which; an id means nothing to a reader
                if item.kind == "program" and item.name in guessed:
                    said = CONFIRMED if "type" in plan.confirmed else GUESSED
                    change += f", {type_label(guessed[item.name])} ({said})"
                QTreeWidgetItem(node, [f"{label}: {item.name}", change, where(new.row)])
        if plan.updates:
            node = group("Updated items", len(plan.updates))
            for update in plan.updates:
                existing = district.items.get(update.item_id)
                kind = existing.kind if existing is not None else "program"
                child = QTreeWidgetItem(
                    node,
                    [
                        f"{vocab.KIND_LABELS[kind]}: {update.name}",
                        plural(len(update.changes), "field") + " changed",
                        where(update.row),
                    ],
                )
                for name, (old, new_value) in update.changes.items():
                    QTreeWidgetItem(
                        child,
                        [
                            field_label(kind, name),
                            f"{shown_value(kind, name, old)}  →  {shown_value(kind, name, new_value)}",
                            "",
                        ],
                    )
                child.setExpanded(True)
        if plan.links:
            node = group("New links", len(plan.links))
            for link in plan.links:
                QTreeWidgetItem(node, [link.description, link.link.strength, where(link.row)])
        if plan.link_updates:
            node = group("Changed links", len(plan.link_updates))
            for lu in plan.link_updates:
                child = QTreeWidgetItem(
                    node,
                    [
                        f"{lu.key[0]} → {lu.key[1]}",
                        plural(len(lu.changes), "field") + " changed",
                        where(lu.row),
                    ],
                )
                for name, (old, new_value) in lu.changes.items():
                    QTreeWidgetItem(
                        child,
                        [name.capitalize(), f"{old or '(blank)'}  →  {new_value or '(blank)'}", ""],
                    )
                child.setExpanded(True)
        if plan.is_empty:
            QTreeWidgetItem(tree, ["Nothing to create or update"])
        for node in _walk(tree.invisibleRootItem()):
            node.setToolTip(0, tooltip(node.text(0)))
        tree.expandAll()

    def _fill_problems(
        self, problems: list[ImportProblem], warnings: list[ImportProblem] | None = None
    ) -> None:
        """Problems (which stop the import) first, then warnings (imported anyway)."""
        blocking = len(problems)
        problems = [*problems, *(warnings or [])]
        table = self.problems
        table.setRowCount(len(problems))
        for index, problem in enumerate(problems):
            if problem.row is not None:
                sheet, row = problem.row[1] or problem.row[0], str(problem.row[2])
            else:
                sheet, row = self.sheet_of_place.get(problem.place, problem.place), ""
            cells = [sheet, row, problem.column or "", problem.message]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(PROBLEM_ROLE, index)
                cell.setToolTip(tooltip(str(problem)))
                table.setItem(index, column, cell)
        self._problems = problems
        self.problems_box.setVisible(bool(problems))
        counts = [
            plural(n, word)
            for n, word in ((blocking, "problem"), (len(problems) - blocking, "warning"))
            if n
        ]
        self.problems_label.setText(
            f"<b>{', '.join(counts)}</b> — select one to see its row" if problems else ""
        )
        self.cell_label.setText("")
        self.row_view.setVisible(False)

    def _problem_selected(self) -> None:
        rows = self.problems.selectionModel().selectedRows()
        if not rows:
            return
        self.show_problem(self._problems[rows[0].row()])

    def show_problem(self, problem: ImportProblem) -> None:
        """Show the sheet row a problem is on, with its cell marked."""
        self.row_view.setVisible(False)
        if problem.row is None:
            self.cell_label.setText(str(problem))
            return
        sheet = self.sheets.get(problem.row[1])
        found = None
        if sheet is not None:
            found = next((r for r in sheet.rows if r.number == problem.row[2]), None)
        if sheet is None or found is None:
            self.cell_label.setText(str(problem))
            return
        marked_text = f"; the cell in column “{problem.column}” is marked" if problem.column else ""
        self.cell_label.setText(
            f"Sheet “{sheet.name}”, row {found.number}, as the spreadsheet has it{marked_text}:"
        )
        view = self.row_view
        view.clear()
        view.setColumnCount(len(sheet.headers))
        view.setHorizontalHeaderLabels(sheet.headers)
        marked = None
        for column, header in enumerate(sheet.headers):
            cell = QTableWidgetItem(sample_text(sheet.cell(found, header)))
            if header == problem.column:
                cell.setBackground(QBrush(QColor(255, 214, 102)))
                cell.setForeground(QBrush(QColor(0, 0, 0)))
                marked = column
            view.setItem(0, column, cell)
        view.setVerticalHeaderLabels([str(found.number)])
        view.resizeColumnsToContents()
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height()
            + view.rowHeight(0)
            + view.horizontalScrollBar().sizeHint().height()
            + 2 * view.frameWidth()
        )
        view.setVisible(True)
        if marked is not None:
            view.setCurrentCell(0, marked)
            view.scrollTo(view.model().index(0, marked))
