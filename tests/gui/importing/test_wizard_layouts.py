"""The wizard says the layout it read in one sentence, offers the others one click away
(the preview follows at once), counts the programs that will serve no goal before Import,
and a plan with no programs is never called complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import Qt

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets.layouts import BLOCKS, FLAT, TABS
from coherence_planner.ui.findings.overview import completeness_line
from tests.gui.importing.test_import_wizard import open_import
from tests.unit.storage.spreadsheets.test_layouts import lcap

LEFT = Qt.MouseButton.LeftButton


def test_the_preview_says_the_layout_and_another_is_one_click_away(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    dialog = open_import(qtbot, window, dialogs, lcap(tmp_path / "lcap.xlsx", merged=False))
    qtbot.mouseClick(dialog.next_button, LEFT)
    chooser = dialog.preview_page.layout_chooser
    assert chooser.isVisible()
    assert chooser.sentence.text() == (
        "<b>Layout.</b> Goals are the rows that start “Goal N:”; the rows under each are its "
        "actions."
    )
    assert [b.isChecked() for b in chooser.buttons.values()] == [False, True, False]
    assert "Programs serving no goal" not in dialog.preview_page.summary.text()
    assert len(dialog.plan.links) == 3

    qtbot.mouseClick(chooser.buttons[FLAT], LEFT)  # the preview follows at once
    assert dialog.chosen_layout == FLAT
    assert chooser.sentence.text().startswith("<b>Layout.</b> A flat list")
    assert chooser.buttons[FLAT].isChecked() and not chooser.buttons[BLOCKS].isChecked()
    # Read flat, the goal rows are programs too, and the goal number written on each
    # block's first row serves the block.
    assert sum(c.item.kind == "program" for c in dialog.plan.creates) == 5

    qtbot.mouseClick(chooser.buttons[TABS], LEFT)  # a layout the sheet is not in
    assert not dialog.import_button.isEnabled()
    problem = dialog.preview_page.problems.item(0, 3).text()
    assert problem.startswith("the title above the table (rows 1 to 3) names no goal")

    qtbot.mouseClick(chooser.buttons[BLOCKS], LEFT)
    assert dialog.import_button.isEnabled() and len(dialog.plan.links) == 3
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert messages.shown == []


def test_the_preview_counts_and_names_the_programs_that_will_serve_no_goal(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Program", "Goal", "Cost"], ["Lexia", "Reading", 1], ["Buses", None, 2]):
        sheet.append(row)
    sheet.append(["Vans", None, 5])
    book.save(tmp_path / "some.xlsx")
    dialog = open_import(qtbot, window, dialogs, tmp_path / "some.xlsx")
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert (
        "Programs serving no goal. 2 programs of 3 will serve no goal: link them after the "
        "import, or choose another layout above if the sheet says their goals by where "
        "they stand.\n  - Buses and Vans"
    ) in dialog.preview_page.summary.text()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert messages.shown == []


def test_a_plan_with_no_programs_is_never_called_complete() -> None:
    empty = District()
    line = completeness_line(empty, analyse(empty))
    assert not line.startswith("The plan is complete")
    assert line.startswith("The plan has no programs yet")
