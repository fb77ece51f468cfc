"""What the import wizard chooses for the planner, and what it tells them.

It opens on the sheet most like an inventory (never on "Skip this sheet"), leaves out a
goals sheet it cannot read and imports the rest, remembers the column choices for the
workbook, names a new plan after the district on the title block, and says in plain words
what it read (money to the cent, rows left out and combined, types guessed, goals created,
the consultant's Keep / Modify / Stop).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import Qt

from coherence_planner.domain.retreat.scenarios import scenarios
from coherence_planner.ui.importing.dialog import ImportDialog
from coherence_planner.ui.importing.mapping import SKIP
from tests.gui.importing.test_import_wizard import open_import
from tests.messy_inventories import (
    CONSULTANT_MEANING,
    ESSER_MEANING,
    write_consultant_workbook,
    write_esser_workbook,
)

LEFT = Qt.MouseButton.LeftButton


def import_new_plan(qtbot: Any, dialog: ImportDialog, dialogs: Any, target: Path) -> None:
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.import_button.isEnabled(), dialog.preview_page.reason.text()
    dialogs.answer(target)
    qtbot.mouseClick(dialog.import_button, LEFT)


def test_it_opens_on_the_inventory_sheet_and_says_what_it_read(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    """The consultant's workbook starts with a Read Me sheet; the wizard opens on the
    inventory behind it, and the preview words every choice it made."""
    workbook = write_consultant_workbook(tmp_path / "initiatives.xlsx")
    dialog = open_import(qtbot, window, dialogs, workbook)
    tabs = dialog.mapping_page.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Read Me — skipped",
        "Initiative Inventory — programs",
    ]
    assert tabs.currentIndex() == 1
    assert tabs.currentWidget().kind_combo.currentText() != SKIP
    assert not dialog.restored.isVisible()  # never imported before: the guesses

    qtbot.mouseClick(dialog.next_button, LEFT)
    words = dialog.preview_page.summary.text()
    assert words.startswith(
        "New plan. It is named “Riverbend School District”, after the district on the title block."
    )
    assert (
        "Money. The 7 programs add up to $565,500.00 a year. The sheet's own total rows "
        "are left out, so nothing is counted twice." in words
    )
    assert "  - Initiative Inventory, row 13: “TOTAL”, a total" in words
    assert "  - i-Ready Diagnostic: assessment (guessed — confirm)" in words
    assert (
        "Keep / Modify / Stop. The sheet's proposals are saved as the what-if scenario "
        "“Proposed in initiatives.xlsx” for the cabinet to weigh; they are not the "
        "cabinet's decisions." in words
    )
    assert "  - Stop: Summer Reading Academy (Low attendance in 2025)." in words
    assert "Goals created" not in words  # the legend line names the goals
    tree = dialog.preview_page.changes
    new_items = tree.topLevelItem(0)
    wilson = next(
        new_items.child(i)
        for i in range(new_items.childCount())
        if new_items.child(i).text(0) == "Program: Wilson Reading System"
    )
    assert wilson.text(1).endswith(", intervention (guessed — confirm)")

    import_new_plan(qtbot, dialog, dialogs, tmp_path / "riverbend")
    district = window.session.district
    assert district.name == CONSULTANT_MEANING.district
    total = sum((Decimal(str(p.annual_cost)) for p in district.items_of("program")), Decimal(0))  # type: ignore[attr-defined]
    assert total == CONSULTANT_MEANING.total
    assert [s.name for s in scenarios(district)] == ["Proposed in initiatives.xlsx"]
    status = window.statusBar().currentMessage()
    assert status.startswith("Imported initiatives.xlsx into the new plan Riverbend School")
    assert messages.shown == []


def test_a_sheet_named_like_a_list_is_still_read_as_the_inventory(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    """ "Budget list" is skipped by its name when guessing; as the only sheet like an
    inventory, the wizard reads it as programs instead of opening on "Skip this sheet"."""
    book = openpyxl.Workbook()
    about = book.active
    assert about is not None
    about.title = "About"
    about.append(["Prepared by the business office"])
    budget = book.create_sheet("Budget list")
    budget.append(["Program Name", "Cost", "Goal"])
    budget.append(["Tutoring", 1000, "Goal 1"])
    budget.append(["Coaching", 2000.5, "Goal 2"])
    book.save(tmp_path / "budget.xlsx")
    dialog = open_import(qtbot, window, dialogs, tmp_path / "budget.xlsx")
    editor = dialog.mapping_page.editors["Budget list"]
    assert dialog.mapping_page.tabs.currentWidget() is editor
    assert editor.kind == "program"
    qtbot.mouseClick(dialog.next_button, LEFT)
    words = dialog.preview_page.summary.text()
    assert "Money. The 2 programs add up to $3,000.50 a year." in words
    assert (
        "Goals created. No list of goals was found, so “Goal 1” and “Goal 2” were created "
        "for the goal numbers the sheet uses. Rename them after the import." in words
    )
    assert words.startswith(
        "New plan. It is named “budget”, after the file (no title block names a district)."
    )


def test_a_goals_sheet_it_cannot_read_leaves_the_rest_to_import(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    workbook = write_esser_workbook(tmp_path / "esser.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["Goals"]["B3"] = "Student outcome"  # no column the app can read as the goal's name
    book.save(workbook)

    dialog = open_import(qtbot, window, dialogs, workbook)
    qtbot.mouseClick(dialog.next_button, LEFT)
    preview = dialog.preview_page
    table = preview.problems
    assert [table.item(0, c).text() for c in range(4)] == [
        "Goals",
        "",
        "",
        "no column holds the name; map one column to Name",
    ]
    assert dialog.import_button.isEnabled()
    assert not preview.skip.isVisible()  # nothing to tick: the sheet is left out by itself
    assert preview.reason.text().startswith(
        "esser.xlsx, sheet 'Goals' cannot be read and is left out (see the problems above). "
        "Import writes 10 new items, 0 updated, 11 new links into a new plan, "
        "“Maple Valley Unified School District”,"
    )
    words = preview.summary.text()
    assert (
        "Sheets left out. The other sheets are imported without them.\n"
        "  - Sheet 'Goals' cannot be read: no column holds the name; map one column to Name."
    ) in words
    assert "so “Goal 1”, “Goal 2” and “Goal 3” were created" in words

    dialogs.answer(tmp_path / "maple")
    qtbot.mouseClick(dialog.import_button, LEFT)
    district = window.session.district
    assert sorted(p.name for p in district.items_of("program")) == sorted(ESSER_MEANING.programs)
    assert [g.name for g in district.items_of("goal")] == ["Goal 1", "Goal 2", "Goal 3"]
    status = window.statusBar().currentMessage()
    assert status.endswith("; 1 sheet that cannot be read left out.")
    assert messages.shown == []


def test_the_same_workbook_opens_with_the_choices_made_last_time(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    workbook = write_esser_workbook(tmp_path / "esser.xlsx")
    dialog = open_import(qtbot, window, dialogs, workbook)
    editor = dialog.mapping_page.editors["Spending Plan 26-27"]
    assert editor.mapping()["columns"]["Evidence"] == "evidence_tier"
    editor.choose("Evidence", None)  # the planner does not trust this column
    editor.choose("Description", "notes")
    chosen = editor.mapping()
    import_new_plan(qtbot, dialog, dialogs, tmp_path / "maple")
    window.documents.close_plan()

    # The next import of the same workbook (the business office updated an amount).
    book = openpyxl.load_workbook(workbook)
    book["Spending Plan 26-27"]["D8"] = 215000
    book.save(workbook)
    dialog = open_import(qtbot, window, dialogs, workbook)
    editor = dialog.mapping_page.editors["Spending Plan 26-27"]
    assert editor.mapping() == chosen
    assert dialog.restored.isVisible() and dialog.guesses_button.isVisible()
    assert dialog.restored.text() == (
        "These are the column choices you made when you last imported a workbook with "
        "these sheets and columns."
    )
    # The guesses are one click away, and the choices stay remembered until an import.
    qtbot.mouseClick(dialog.guesses_button, LEFT)
    assert editor.mapping()["columns"]["Evidence"] == "evidence_tier"
    assert not dialog.restored.isVisible()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    dialog = open_import(qtbot, window, dialogs, workbook)
    assert dialog.mapping_page.editors["Spending Plan 26-27"].mapping() == chosen
    qtbot.mouseClick(dialog.cancel_button, LEFT)

    # The same sheets and columns under another name (next year's copy) open with those
    # choices too: they are remembered by the headers, not the file's name.
    other = write_esser_workbook(tmp_path / "esser 2027-28.xlsx")
    dialog = open_import(qtbot, window, dialogs, other)
    assert dialog.remembered is not None and dialog.restored.isVisible()
    assert dialog.mapping_page.editors["Spending Plan 26-27"].mapping() == chosen
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    # A workbook whose columns changed opens with the guesses.
    book = openpyxl.load_workbook(workbook)
    book["Spending Plan 26-27"]["I4"] = "ESSA Evidence"
    book.save(workbook)
    dialog = open_import(qtbot, window, dialogs, workbook)
    assert dialog.remembered is None
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert messages.shown == []


def test_a_remembered_mapping_that_no_longer_reads_is_forgotten(tmp_path: Path) -> None:
    from coherence_planner.storage.spreadsheets import read_spreadsheet
    from coherence_planner.ui.importing.remembered import (
        remember_mappings,
        remembered_mappings,
        workbook_key,
    )
    from coherence_planner.ui.settings import settings

    sheets = read_spreadsheet(write_esser_workbook(tmp_path / "esser.xlsx"))
    assert remembered_mappings("esser.xlsx", sheets) is None
    mappings = {"Goals": {"kind": "goal", "columns": {"Goal": "name"}}}
    remember_mappings("esser.xlsx", sheets, mappings)  # type: ignore[arg-type]
    assert remembered_mappings("esser.xlsx", sheets) == mappings
    assert remembered_mappings("budget april.xlsx", sheets) == mappings  # any file name
    for broken in ("{not json", '{"sheets": {"Goals": {"kind": "rocket"}}}', "[]"):
        settings().setValue(workbook_key("esser.xlsx", sheets), broken)
        assert remembered_mappings("esser.xlsx", sheets) is None
