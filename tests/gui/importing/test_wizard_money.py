"""The wizard's money (issue 23): which column is the cost, said in one line with the
others one click away; hidden columns marked in the mapping step; the sheet's own total
checked against the rows; lines the law requires proposed as required, to confirm."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import QUrl

from tests.gui.importing.test_import_wizard import open_import
from tests.gui.importing.test_wizard_choices import LEFT, import_new_plan


def write_status_report(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget Status"
    sheet.append(["Lakeview Unified School District"])
    sheet.append(["Program", "Owner", "FY24 Cost", "Original Budget", "Revised Budget"])
    sheet.append(["Read Well", "Ann", 90_000, 100_000, 112_500])
    sheet.append(["McKinney-Vento Homeless Liaison", "Bo", 40_000, 50_000, 45_000])
    sheet.append(["Report Total", None, 130_000, 150_000, 160_000])
    sheet.column_dimensions["C"].hidden = True
    book.save(path)
    return path


def test_the_cost_line_a_click_on_another_column_and_the_sheets_total(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    dialog = open_import(qtbot, window, dialogs, write_status_report(tmp_path / "status.xlsx"))
    editor = dialog.mapping_page.editors["Budget Status"]
    assert editor.table.item(2, 0).text() == "FY24 Cost (hidden)"
    assert editor.table.item(4, 0).text() == "Revised Budget"
    qtbot.mouseClick(dialog.next_button, LEFT)
    words = dialog.preview_page.summary.text()
    assert (
        "Cost: column E 'Revised Budget' (not 'Original Budget'; 'FY24 Cost' is hidden)." in words
    )
    assert "add up to $157,500: the sheet's own total is $2,500 too high" in words
    assert "McKinney-Vento Homeless Liaison: McKinney-Vento: services for homeless" in words
    assert "Import another column as the cost: D 'Original Budget', C 'FY24 Cost' (hidden)" in words

    dialog.preview_page.understood.anchorClicked.emit(QUrl("cost:0"))  # 'Original Budget'
    assert "Cost: column D 'Original Budget'" in dialog.preview_page.summary.text()
    import_new_plan(qtbot, dialog, dialogs, tmp_path / "lakeview")
    programs = {p.name: p for p in window.session.district.items_of("program")}
    assert {n: Decimal(str(p.annual_cost)) for n, p in programs.items()} == {
        "Read Well": Decimal(100_000),
        "McKinney-Vento Homeless Liaison": Decimal(50_000),
    }
    liaison = programs["McKinney-Vento Homeless Liaison"]
    assert liaison.required and "required" in liaison.guessed


def test_import_off_names_rows_with_problems_without_calling_their_values_unreadable(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    """A row whose values are fine but whose program is also on another sheet was "a row
    that has values that cannot be read"."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Programs A"
    second = book.create_sheet("Programs B")
    for sheet in (first, second):
        sheet.append(["Program", "Owner", "Annual Cost"])
        sheet.append(["Tutoring", "Ann", 1000])
    second.append(["Coaching", "Bo", 2000])
    book.save(tmp_path / "two.xlsx")
    dialog = open_import(qtbot, window, dialogs, tmp_path / "two.xlsx")
    qtbot.mouseClick(dialog.next_button, LEFT)
    reason = dialog.preview_page.reason.text()
    assert reason.startswith("Import is off: 1 row cannot be imported as it is (listed above")
