"""The mapping step of the spreadsheet import: what each sheet holds, and which column feeds
which field.

It starts from the guesses of `storage.spreadsheets` (sheet kind from its name and headers,
fields from the header wording) and lets the planner correct them. One tab per sheet: a kind
chooser and a table of columns with a few sample values, so a person can see that "Cost" holds
dollars before trusting the guess. Every change emits `changed`; the dialog re-plans at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import vocab
from coherence_planner.storage.spreadsheets import (
    Sheet,
    SheetMapping,
    targets_of,
)
from coherence_planner.storage.spreadsheets.guessing import guess_columns
from coherence_planner.storage.spreadsheets.header_words import INDICATOR_SHEET, LINK_SHEET
from coherence_planner.storage.spreadsheets.nonitems import classify
from coherence_planner.storage.spreadsheets.reading import Row
from coherence_planner.ui.plain_text import tooltip

IGNORE = "(ignore)"
SKIP = "Skip this sheet"
SAMPLE_ROWS = 3

# What a sheet can hold, as the kind chooser offers it (None: skip the sheet).
SHEET_KIND_CHOICES: tuple[tuple[str | None, str], ...] = (
    *((kind, vocab.KIND_PLURALS[kind]) for kind in vocab.ITEM_KINDS),
    (LINK_SHEET, "Links (from, to)"),
    (INDICATOR_SHEET, "Goal indicators"),
    (None, SKIP),
)


def sample_text(value: Any) -> str:
    """A cell as the sample column shows it: short, on one line."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def item_rows(sheet: Sheet, mapping: SheetMapping) -> list[Row]:
    """The rows the import would read as items under `mapping`, without its title, band
    headings, totals and notes, so the samples show programs ("TITLE I, PART A - IMPROVING
    BASIC PROGR…" was the first sample of the ESSER workbook's program column)."""
    if not mapping["columns"]:
        return sheet.rows
    kept, _skipped = classify(sheet, mapping["columns"], lambda _row: None)
    return kept or sheet.rows


def samples(
    sheet: Sheet, header: str, count: int = SAMPLE_ROWS, rows: list[Row] | None = None
) -> list[str]:
    """The first few non-empty values of a column, to show what it holds."""
    out = []
    for row in sheet.rows if rows is None else rows:
        text = sample_text(sheet.cell(row, header))
        if text:
            out.append(text)
            if len(out) == count:
                break
    return out


class SheetMappingEditor(QWidget):
    """One sheet: its kind and, per column, the field it feeds."""

    changed = Signal()

    def __init__(self, sheet: Sheet, mapping: SheetMapping, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(f"What sheet {sheet.name} holds")
        for kind, label in SHEET_KIND_CHOICES:
            self.kind_combo.addItem(label, kind)
        self.table = QTableWidget(len(sheet.headers), 3)
        self.table.setHorizontalHeaderLabels(["Column", "Sample values", "Imports as"])
        self.table.setAccessibleName(f"Columns of sheet {sheet.name}")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.column_combos: dict[str, QComboBox] = {}
        items = item_rows(sheet, mapping)
        for row, header in enumerate(sheet.headers):
            hidden = row + 1 in sheet.hidden_columns
            name = QTableWidgetItem(f"{header} (hidden)" if hidden else header)
            name.setToolTip(
                tooltip(header)
                + (
                    "\nThis column is hidden in the workbook. People hide a column when "
                    "its figures are stale, so it is not imported unless you choose it."
                    if hidden
                    else ""
                )
            )
            if hidden:
                name.setForeground(self.palette().placeholderText())
            self.table.setItem(row, 0, name)
            shown = samples(sheet, header, rows=items)
            sample = QTableWidgetItem("  ·  ".join(shown) if shown else "(empty)")
            if not shown:
                sample.setForeground(self.palette().placeholderText())
            sample.setToolTip("\n".join(shown))
            self.table.setItem(row, 1, sample)
            combo = QComboBox()
            combo.setAccessibleName(f"Field for column {header}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(
                lambda _i, header=header: self._column_changed(header)
            )
            self.column_combos[header] = combo
            self.table.setCellWidget(row, 2, combo)

        where = QLabel(
            f"Headers found on row {sheet.header_row}; {len(sheet.rows)} row"
            f"{'s' if len(sheet.rows) != 1 else ''} of data below them."
        )
        where.setWordWrap(True)
        form = QFormLayout()
        form.addRow("This sheet holds:", self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.table, 1)

        self._quiet = False
        self.set_mapping(mapping)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())

    # -- state -------------------------------------------------------------------------
    @property
    def kind(self) -> str | None:
        data = self.kind_combo.currentData()
        return str(data) if data is not None else None

    def mapping(self) -> SheetMapping:
        columns = {
            header: str(combo.currentData())
            for header, combo in self.column_combos.items()
            if combo.currentData() is not None
        }
        return SheetMapping(kind=self.kind, columns=columns if self.kind else {})

    def set_mapping(self, mapping: SheetMapping) -> None:
        """Show `mapping` (a target this kind does not have is shown as ignored)."""
        self._quiet = True
        try:
            index = self.kind_combo.findData(mapping["kind"])
            self.kind_combo.setCurrentIndex(index if index >= 0 else self.kind_combo.count() - 1)
            self._fill_targets(mapping["columns"])
        finally:
            self._quiet = False

    def _fill_targets(self, columns: dict[str, str]) -> None:
        targets = targets_of(self.kind) if self.kind else []
        for header, combo in self.column_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(IGNORE, None)
            for target, label in targets:
                combo.addItem(label, target)
            index = combo.findData(columns.get(header)) if header in columns else 0
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(self.kind is not None)
            combo.blockSignals(False)
        self.table.setEnabled(self.kind is not None)

    # -- edits -------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        if self._quiet:
            return
        kind = self.kind
        # The same guess the import makes: the money a cabinet means, names over codes.
        self._fill_targets(guess_columns(self.sheet, kind) if kind else {})
        self.changed.emit()

    def _column_changed(self, header: str) -> None:
        """A field feeds from one column: choosing it here un-chooses it elsewhere."""
        if self._quiet:
            return
        target = self.column_combos[header].currentData()
        if target is not None:
            for other, combo in self.column_combos.items():
                if other != header and combo.currentData() == target:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.changed.emit()

    def choose(self, header: str, target: str | None) -> None:
        """Map `header` to `target` (None ignores it), as picking it in the combo does."""
        combo = self.column_combos[header]
        combo.setCurrentIndex(combo.findData(target) if target is not None else 0)


class MappingPage(QWidget):
    """Step 1: one tab per sheet."""

    changed = Signal()

    def __init__(
        self,
        sheets: list[Sheet],
        mappings: dict[str, SheetMapping],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        intro = QLabel(
            "Check what each sheet holds and which column feeds which field. The guesses come "
            "from the header wording; change any that are wrong, or choose “(ignore)” for a "
            "column you do not want to import."
        )
        intro.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.editors: dict[str, SheetMappingEditor] = {}
        for sheet in sheets:
            editor = SheetMappingEditor(sheet, mappings[sheet.name])
            editor.changed.connect(self._editor_changed)
            self.editors[sheet.name] = editor
            self.tabs.addTab(editor, sheet.name or "Table")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        self._update_tab_titles()

    def mappings(self) -> dict[str, SheetMapping]:
        return {name: editor.mapping() for name, editor in self.editors.items()}

    def set_mappings(self, mappings: dict[str, SheetMapping]) -> None:
        """Show loaded mappings: a sheet's own entry, else the "*" entry, else unchanged."""
        for name, editor in self.editors.items():
            entry = mappings.get(name) or mappings.get("*")
            if entry is not None:
                editor.set_mapping(entry)
        self._update_tab_titles()
        self.changed.emit()

    def _editor_changed(self) -> None:
        self._update_tab_titles()
        self.changed.emit()

    def _update_tab_titles(self) -> None:
        for index, (name, editor) in enumerate(self.editors.items()):
            label = dict(SHEET_KIND_CHOICES)[editor.kind]
            shown = "skipped" if editor.kind is None else label.lower()
            self.tabs.setTabText(index, f"{name or 'Table'} — {shown}")
