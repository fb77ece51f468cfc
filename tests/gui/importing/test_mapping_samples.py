"""The mapping step's sample values show what the import will read: programs, not the
workbook's title, band headings or subtotals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.storage.spreadsheets import guess_mappings, read_spreadsheet
from coherence_planner.ui.importing.mapping import SheetMappingEditor
from tests.messy_inventories import write_esser_workbook


def test_samples_skip_headings_and_totals(qtbot: Any, tmp_path: Path) -> None:
    sheets = read_spreadsheet(write_esser_workbook(tmp_path / "esser.xlsx"))
    inventory = sheets[0]
    editor = SheetMappingEditor(inventory, guess_mappings(sheets)[inventory.name])
    qtbot.addWidget(editor)
    shown = {
        editor.table.item(row, 0).text(): editor.table.item(row, 1).text()
        for row in range(editor.table.rowCount())
    }
    name_samples = next(v for k, v in shown.items() if "Program" in k)
    assert name_samples.startswith("Read 180 Intervention")
    everything = " ".join(shown.values()).upper()
    assert "TITLE I, PART A" not in everything and "SUBTOTAL" not in everything
