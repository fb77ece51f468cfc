"""The import preview names what it will make, never by the id it will get (issue 27, 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal
from coherence_planner.storage.document import Document
from tests.gui.importing.test_import_wizard import messy_workbook, open_import, tree_texts
from tests.gui.layout_checks import bare_ids


def test_the_change_column_says_new_without_an_id(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    district = District(name="Riverside Unified")
    district.add_item(Goal(id="G1", name="Reading by grade 3"))
    district.add_item(Goal(id="G2", name="Algebra for all"))
    plan = tmp_path / "plan.coherence"
    Document.create(plan, district).close()
    window.documents.open_plan(plan)
    dialog = open_import(qtbot, window, dialogs, messy_workbook(tmp_path / "inventory.xlsx"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    lines = tree_texts(dialog)
    new = [line for line in lines if line.startswith("Program: ")]
    assert new and all(line.split(" | ")[1].startswith("new") for line in new)
    made = {f"P{n}" for n in range(1, 10)} | {"G1", "G2"}
    assert bare_ids(dialog.preview_page, made) == []
    dialog.reject()
