"""A cabinet member brings the district's program inventory in from a messy workbook through
File > Import Spreadsheet…, corrects the guessed mapping, reviews the preview, imports as one
undo step, re-imports an edited sheet, and sends the plan back out as .xlsx, CSV and a
template."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Strategy
from coherence_planner.storage.document import Document
from coherence_planner.ui.importing.dialog import ImportDialog

LEFT = Qt.MouseButton.LeftButton
HEADERS = ["Program Name", "Annual Cost ($)", "Grade Band", "ESSA Tier", "Supports goal", "Lead"]
ROWS = [
    ["Phonics block", "$120,000", "K-3", "Moderate", "Reading by grade 3", "Ana Ruiz"],
    ["Math lab", "lots", "6-8", "Strong", "Algebra for all", "Ben Cho"],
    ["Tutoring corps", 45000, "9-12", "Promising", "Reading by grade 3", "Cy Dee"],
]


def messy_workbook(path: Path, rows: list[list[Any]] | None = None) -> Path:
    """A workbook as districts keep them: a title row, a blank row, loose header wording."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Program Inventory"
    sheet.append(["Riverside Unified — program inventory 2026-27"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS if rows is None else rows:
        sheet.append(row)
    notes = book.create_sheet("Read me")
    notes.append(["Ask the business office about costs."])
    book.save(path)
    return path


@pytest.fixture
def plan_with_goals(tmp_path: Path) -> Path:
    """A plan holding the two goals the inventory's "Supports goal" column names."""
    district = District(name="Riverside Unified")
    district.add_item(Goal(id="G1", name="Reading by grade 3"))
    district.add_item(Goal(id="G2", name="Algebra for all"))
    district.add_item(Strategy(id="S1", name="Tiered support"))
    path = tmp_path / "riverside.coherence"
    Document.create(path, district).close()
    return path


def open_import(qtbot: Any, window: Any, dialogs: Any, workbook: Path) -> ImportDialog:
    """File > Import Spreadsheet…, choosing `workbook` in the file dialog."""
    dialogs.answer(workbook)
    window.spreadsheets.import_action.trigger()
    dialog = window.spreadsheets.dialog
    assert dialog is not None, "the import dialog did not open"
    qtbot.waitExposed(dialog)
    return dialog


def tree_texts(dialog: ImportDialog) -> list[str]:
    """Every line of the preview's change tree, as 'item | change'."""
    out = []

    def walk(node: Any) -> None:
        for i in range(node.childCount()):
            child = node.child(i)
            out.append(f"{child.text(0)} | {child.text(1)}")
            walk(child)

    walk(dialog.preview_page.changes.invisibleRootItem())
    return out


def problem_rows(dialog: ImportDialog) -> list[tuple[str, str, str, str]]:
    table = dialog.preview_page.problems
    return [
        tuple(table.item(r, c).text() for c in range(4))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def test_import_messy_workbook_through_mapping_and_preview(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(plan_with_goals)
    dialog = open_import(qtbot, window, dialogs, messy_workbook(tmp_path / "inventory.xlsx"))

    # Step 1: the guesses, one tab per sheet.
    mapping = dialog.mapping_page
    assert mapping.tabs.count() == 2
    programs = mapping.editors["Program Inventory"]
    assert programs.kind == "program"
    assert mapping.editors["Read me"].kind is None
    assert mapping.tabs.tabText(1) == "Read me — skipped"
    assert programs.mapping()["columns"] == {
        "Program Name": "name",
        "Annual Cost ($)": "annual_cost",
        "Grade Band": "grades",
        "ESSA Tier": "evidence_tier",
        "Supports goal": "supports",
        "Lead": "owner",
    }
    sample = programs.table.item(HEADERS.index("Annual Cost ($)"), 1).text()
    assert "$120,000" in sample and "lots" in sample
    assert "1 warning" in dialog.live.text()

    # The planner does not want the owner imported: the live summary and preview follow.
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert any(line.startswith("Program: Phonics block") for line in tree_texts(dialog))
    qtbot.mouseClick(dialog.back_button, LEFT)
    programs.choose("Lead", None)
    assert "Lead" not in programs.mapping()["columns"]
    assert any("'Lead'" in note for note in dialog.plan.notes)

    # Mapping the cost column to FTE instead moves the warning to the FTE reading.
    programs.choose("Annual Cost ($)", "fte")
    assert [(p.row[2] if p.row else 0, p.column) for p in dialog.plan.warnings] == [
        (4, "Annual Cost ($)"),
        (5, "Annual Cost ($)"),
    ]
    programs.choose("Annual Cost ($)", "annual_cost")
    assert len(dialog.plan.warnings) == 1 and not dialog.plan.problems

    # Step 2: counts, items, links, and the warning with its sheet, row and column.
    qtbot.mouseClick(dialog.next_button, LEFT)
    preview = dialog.preview_page
    assert dialog.pages.currentWidget() is preview
    assert preview.counts.text() == "3 new items  ·  0 updated  ·  3 new links  ·  1 warning"
    lines = tree_texts(dialog)
    assert "New items (3)" in lines[0]
    assert any(line.startswith("Program: Tutoring corps | new") for line in lines)
    assert any(line.startswith("Phonics block → Reading by grade 3") for line in lines)
    assert problem_rows(dialog) == [
        (
            "Program Inventory",
            "5",
            "Annual Cost ($)",
            "'lots' is not an amount of money (write it like $120,000 or 1.2M); "
            "imported without it",
        )
    ]
    # A warning never stops the import: the row comes in without the cost.
    assert dialog.import_button.isEnabled()
    assert not preview.skip.isVisible()

    # Clicking the problem shows that row of the sheet, with the cell marked.
    cell = preview.problems.item(0, 3)
    qtbot.mouseClick(
        preview.problems.viewport(), LEFT, pos=preview.problems.visualItemRect(cell).center()
    )
    assert preview.cell_label.text() == (
        "Sheet “Program Inventory”, row 5, as the spreadsheet has it; "
        "the cell in column “Annual Cost ($)” is marked:"
    )
    assert preview.row_view.isVisible()
    assert preview.row_view.item(0, 0).text() == "Math lab"
    assert preview.row_view.currentColumn() == HEADERS.index("Annual Cost ($)")

    assert "as one step" in preview.reason.text()
    assert len(window.session.district.items) == 3  # nothing written yet

    # Import: one undo step, the items and their links, and a status message.
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert window.spreadsheets.dialog is None
    district = window.session.district
    names = {item.name: item for item in district.items.values()}
    assert {"Phonics block", "Tutoring corps", "Math lab"} <= set(names)
    assert names["Math lab"].annual_cost is None  # type: ignore[attr-defined]
    phonics = names["Phonics block"]
    assert phonics.annual_cost == 120000  # type: ignore[attr-defined]
    assert phonics.evidence_tier == 2  # type: ignore[attr-defined]
    assert ("supports", phonics.id, "G1") in district.links
    assert ("supports", names["Tutoring corps"].id, "G1") in district.links
    assert window.session.undo_stack.count() == 1
    assert window.session.undo_stack.undoText() == "Import inventory.xlsx"
    status = window.statusBar().currentMessage()
    assert status.startswith(
        "Imported inventory.xlsx: 3 new items, 0 updated, 3 new links, 1 warning"
    )
    assert messages.shown == []

    # One Undo takes the whole import back; Redo brings it all back, stored on disk.
    window.undo_action.trigger()
    assert set(window.session.district.items) == {"G1", "G2", "S1"}
    assert not window.session.district.links
    window.redo_action.trigger()
    window.documents.close_plan()
    with Document.open(plan_with_goals) as stored:
        assert len(stored.district.items) == 6
        assert len(stored.district.links) == 3


def test_reimport_an_edited_sheet_updates_instead_of_duplicating(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(plan_with_goals)
    good = [row for row in ROWS if row[1] != "lots"]
    workbook = messy_workbook(tmp_path / "inventory.xlsx", good)
    dialog = open_import(qtbot, window, dialogs, workbook)
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.import_button.isEnabled()
    assert not dialog.preview_page.skip.isVisible()
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert len(window.session.district.items) == 5

    # The same sheet again: nothing to do, and the dialog says so.
    dialog = open_import(qtbot, window, dialogs, workbook)
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.preview_page.reason.text() == (
        "Nothing to import: the plan already matches inventory.xlsx."
    )
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert window.spreadsheets.dialog is None

    # The business office corrects a cost and a tier; a new program appears.
    edited = [list(row) for row in good]
    edited[0][1] = "$135,000"
    edited[1][3] = "Strong"
    edited.append(["Family literacy nights", "8k", "PK-5", "", "", "Dee Eng"])
    messy_workbook(workbook, edited)
    dialog = open_import(qtbot, window, dialogs, workbook)
    qtbot.mouseClick(dialog.next_button, LEFT)
    preview = dialog.preview_page
    assert preview.counts.text() == "1 new item  ·  2 updated  ·  0 new links"
    lines = tree_texts(dialog)
    assert "Annual cost | $120,000  →  $135,000" in lines
    assert "ESSA evidence | Tier 3 (promising)  →  Tier 1 (strong)" in lines
    assert any(line.startswith("Program: Family literacy nights | new") for line in lines)
    qtbot.mouseClick(dialog.import_button, LEFT)

    district = window.session.district
    programs = district.items_of("program")
    assert sorted(p.name for p in programs) == [
        "Family literacy nights",
        "Phonics block",
        "Tutoring corps",
    ]
    phonics = next(p for p in programs if p.name == "Phonics block")
    assert phonics.annual_cost == 135000  # type: ignore[attr-defined]
    assert window.session.undo_stack.count() == 2
    window.undo_action.trigger()
    assert phonics.id in district.items
    assert district.items[phonics.id].annual_cost == 120000  # type: ignore[attr-defined]
    assert len(district.items_of("program")) == 2
    assert messages.shown == []


def test_sheet_kind_and_saved_mapping_change_the_plan(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(plan_with_goals)
    dialog = open_import(qtbot, window, dialogs, messy_workbook(tmp_path / "inventory.xlsx"))
    editor = dialog.mapping_page.editors["Program Inventory"]

    # The planner says the sheet holds policies: the columns are guessed again for policies.
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("policy"))
    assert dialog.mapping_page.tabs.tabText(0) == "Program Inventory — policies"
    assert "annual_cost" not in editor.mapping()["columns"].values()
    assert editor.column_combos["Annual Cost ($)"].currentText() == "(ignore)"
    assert editor.column_combos["Program Name"].currentText() == "(ignore)"
    assert (
        dialog.live.text() == "With this mapping: 0 new items, 0 updated, 0 new links, 1 problem."
    )
    editor.choose("Program Name", "name")
    assert dialog.live.text().startswith("With this mapping: 3 new items")
    assert {new.item.kind for new in dialog.plan.creates} == {"policy"}

    # Skipping the sheet leaves nothing to import.
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(None))
    assert not editor.table.isEnabled()
    assert dialog.plan.is_empty
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_page.reason.text().startswith("Nothing to import")
    qtbot.mouseClick(dialog.back_button, LEFT)

    # Back to programs, the cost column mapped to FTE, and the mapping saved.
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("program"))
    editor.choose("Annual Cost ($)", "fte")
    saved = tmp_path / "inventory mapping"
    dialogs.answer(saved)
    qtbot.mouseClick(dialog.save_mapping_button, LEFT)
    assert (tmp_path / "inventory mapping.json").exists()

    # Choosing a field that another column feeds takes it from that column.
    editor.choose("Lead", "name")
    assert editor.column_combos["Program Name"].currentText() == "(ignore)"
    assert editor.mapping()["columns"]["Lead"] == "name"

    # Loading the saved mapping restores it; a broken mapping file is explained.
    dialogs.answer(tmp_path / "inventory mapping.json")
    qtbot.mouseClick(dialog.load_mapping_button, LEFT)
    assert editor.mapping()["columns"]["Annual Cost ($)"] == "fte"
    assert editor.mapping()["columns"]["Program Name"] == "name"
    assert [p.row[2] for p in dialog.plan.warnings if p.row] == [4, 5]
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"sheets": {"Program Inventory": {"kind": "program", "columns": '
        '{"Program Name": "colour"}}}}',
        encoding="utf-8",
    )
    dialogs.answer(broken)
    qtbot.mouseClick(dialog.load_mapping_button, LEFT)
    assert len(messages.shown) == 1
    assert "'colour'" in messages.shown[0][2]
    assert editor.mapping()["columns"]["Annual Cost ($)"] == "fte"  # unchanged
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert len(window.session.district.items) == 3
    assert window.session.undo_stack.count() == 0


def test_mapping_problem_blocks_import_with_a_reason(
    qtbot: Any, window: Any, dialogs: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(plan_with_goals)
    dialog = open_import(qtbot, window, dialogs, messy_workbook(tmp_path / "inventory.xlsx"))
    editor = dialog.mapping_page.editors["Program Inventory"]
    editor.choose("Program Name", None)  # no name column: the sheet cannot be read
    qtbot.mouseClick(dialog.next_button, LEFT)
    rows = problem_rows(dialog)
    assert rows and rows[0][0] == "Program Inventory" and rows[0][1] == ""
    assert not dialog.import_button.isEnabled()
    assert dialog.preview_page.reason.text() != ""


def test_unreadable_file_is_explained_and_nothing_changes(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(plan_with_goals)
    bogus = tmp_path / "inventory.xlsx"
    bogus.write_bytes(b"this is not a workbook")
    dialogs.answer(bogus)
    window.spreadsheets.import_action.trigger()
    assert window.spreadsheets.dialog is None
    assert len(messages.shown) == 1
    _kind, title, text = messages.shown[0]
    assert title == "Could not read the spreadsheet"
    assert "inventory.xlsx" in text
    assert len(window.session.district.items) == 3


def test_import_from_the_start_page_makes_a_new_plan(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    rows = [
        ["Phonics block", "$120,000", "K-3", "Moderate", "", "Ana Ruiz"],
        ["Tutoring corps", 45000, "9-12", "Promising", "", "Cy Dee"],
    ]
    workbook = messy_workbook(tmp_path / "inventory.xlsx", rows)
    assert window.stack.currentWidget() is window.start_page
    dialogs.answer(workbook)
    qtbot.mouseClick(window.start_page.spreadsheet_button, LEFT)
    dialog = window.spreadsheets.dialog
    assert dialog is not None and dialog.new_plan
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert "into a new plan" in dialog.preview_page.reason.text()
    dialogs.answer(tmp_path / "Riverside")
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialogs.asked[-1] == "Save the new plan as"
    assert window.session.is_open
    assert window.session.document.path == tmp_path / "Riverside.coherence"
    assert sorted(p.name for p in window.session.district.items_of("program")) == [
        "Phonics block",
        "Tutoring corps",
    ]
    assert window.session.undo_stack.undoText() == "Import inventory.xlsx"
    assert messages.shown == []


def test_export_xlsx_csv_and_template_through_the_menu(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, sample_plan: Path, tmp_path: Path
) -> None:
    assert not window.spreadsheets.export_xlsx_action.isEnabled()
    window.documents.open_plan(sample_plan)
    district = window.session.district
    file_menu_texts = [a.text() for a in window.menus["File"].actions()]
    assert "Import &Spreadsheet…" in file_menu_texts
    assert "Export" in file_menu_texts
    assert "Save Spreadsheet &Template…" in file_menu_texts
    assert window.spreadsheets.import_action.shortcut().toString() == "Ctrl+Shift+I"

    dialogs.answer(tmp_path / "out")
    window.spreadsheets.export_xlsx_action.trigger()
    book = load_workbook(tmp_path / "out.xlsx", read_only=True)
    assert {"Programs", "Goals", "Links", "Findings"} <= set(book.sheetnames)
    programs = list(book["Programs"].iter_rows(values_only=True))
    assert len(programs) - 1 == len(district.items_of("program"))
    book.close()
    assert "out.xlsx" in window.statusBar().currentMessage()

    dialogs.answer(tmp_path / "programs.csv")
    window.spreadsheets.export_csv_action.trigger()
    with (tmp_path / "programs.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:2] == ["ID", "Name"]
    assert {row[1] for row in table[1:]} == {p.name for p in district.items_of("program")}

    dialogs.answer(tmp_path / "template")
    window.spreadsheets.template_action.trigger()
    template = load_workbook(tmp_path / "template.xlsx", read_only=True)
    assert template.sheetnames[0] == "Instructions"
    template.close()

    # The exported workbook imports back into the same plan as "nothing to import".
    dialog = open_import(qtbot, window, dialogs, tmp_path / "out.xlsx")
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.plan.problems == []
    assert dialog.preview_page.reason.text() == (
        "Nothing to import: the plan already matches out.xlsx."
    )
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert messages.shown == []


def test_csv_inventory_by_keyboard_shortcut(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(plan_with_goals)
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(
        "Program Name,Annual Cost ($),Supports goal\n"
        'Coach corps,"$12,500",Reading by grade 3\n'
        "Bus passes,900,Nowhere goal\n"
        ",700,Reading by grade 3\n",
        encoding="utf-8",
    )
    dialogs.answer(inventory)
    qtbot.keyClick(
        window,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.spreadsheets.dialog
    assert dialog is not None
    assert dialog.mapping_page.tabs.tabText(0) == "Table — programs"
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert problem_rows(dialog) == [
        ("inventory.csv", "4", "Program Name", "the name is empty"),
        (
            "inventory.csv",
            "3",
            "Supports goal",
            "no goal or strategy is named 'Nowhere goal'; that link was left out",
        ),
    ]
    assert dialog.preview_page.problems_label.text().startswith("<b>1 problem, 1 warning</b>")
    assert not dialog.import_button.isEnabled()
    dialog.preview_page.skip.click()
    qtbot.mouseClick(dialog.import_button, LEFT)
    names = {item.name for item in window.session.district.items.values()}
    assert "Coach corps" in names and "Bus passes" in names
    assert window.session.undo_stack.count() == 1
    assert messages.shown == []


def test_a_refused_write_is_explained_and_nothing_is_imported(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    messages: Any,
    plan_with_goals: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coherence_planner.storage.errors import KnownError

    window.documents.open_plan(plan_with_goals)
    dialog = open_import(qtbot, window, dialogs, messy_workbook(tmp_path / "inventory.xlsx"))
    qtbot.mouseClick(dialog.next_button, LEFT)
    dialog.preview_page.skip.click()

    def refuse(_command: Any) -> Any:
        raise KnownError(plan_with_goals, "The disk is full; nothing was changed.")

    monkeypatch.setattr(window.session, "push", refuse)
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert messages.texts() == ["The disk is full; nothing was changed."]
    assert len(window.session.district.items) == 3
    assert window.session.undo_stack.count() == 0


def test_an_import_the_file_refuses_is_kept_and_never_called_saved(
    qtbot: Any, window: Any, dialogs: Any, plan_with_goals: Path, tmp_path: Path
) -> None:
    """Issue 24: "Imported … 18 new items" while nothing reached the file. Now the import is
    kept in memory and on the undo stack, and the window says it is not saved."""
    window.documents.open_plan(plan_with_goals)
    plan_with_goals.rename(tmp_path / "moved.coherence")  # the file manager, meanwhile
    dialog = open_import(qtbot, window, dialogs, messy_workbook(tmp_path / "inventory.xlsx"))
    qtbot.mouseClick(dialog.next_button, LEFT)
    dialog.preview_page.skip.click()
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert len(window.session.district.items) > 3
    assert window.session.undo_stack.count() == 1
    assert window.saved_label.text() == "Not saved"
    assert (
        window.statusBar().currentMessage().endswith("Not saved: use File ▸ Save As… to keep it.")
    )
    window.session.close()  # discard, as the window's close would ask
