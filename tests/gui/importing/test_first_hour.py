"""A planner's first hour: the business office's messy ESSER workbook becomes a plan and a
printed one-page Tabloid map, in the app, in five decisions and no hand edits.

The decisions are the ones the README lists: (1) File > Import Spreadsheet… and the
workbook, (2) Next: the guessed mapping is right, (3) Import, keeping the plan's suggested
file name, (4) File > Print / Export PDF… the coherence map on Tabloid, (5) Save PDF…,
keeping its suggested name. Every file dialog answers with the name the app suggested.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from coherence_planner.storage.document import Document
from coherence_planner.ui.printing.dialog import PdfExportDialog
from tests.messy_inventories import ESSER_MEANING, write_esser_workbook

LEFT = Qt.MouseButton.LeftButton
TABLOID = (792.0, 1224.0)  # 11 x 17 in, in points


class Planner:
    """Counts the decisions a person makes; file dialogs keep the name the app suggests."""

    def __init__(self, folder: Path, workbook: Path) -> None:
        self.folder = folder
        self.workbook = workbook
        self.decisions: list[str] = []
        self.suggested: list[tuple[str, str]] = []

    def decide(self, what: str) -> None:
        self.decisions.append(what)

    def open_file(self, _parent: Any, caption: str = "", *args: Any, **kw: Any) -> Any:
        self.suggested.append((caption, ""))
        return str(self.workbook), ""

    def save_file(
        self, _parent: Any, caption: str = "", start: str = "", *a: Any, **kw: Any
    ) -> Any:
        """Save, keeping the suggested name (in the test's folder, not the real Documents)."""
        self.suggested.append((caption, Path(start).name))
        return str(self.folder / Path(start).name), ""


@pytest.fixture
def planner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Planner:
    person = Planner(tmp_path, write_esser_workbook(tmp_path / "ESSER spending plan.xlsx"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(person.open_file))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(person.save_file))
    return person


def print_map_on_tabloid_when_shown(
    planner: Planner, found: list[PdfExportDialog], found_hint: list[str]
) -> None:
    """The print dialog is modal: choose the map on Tabloid and save, from inside it."""

    def press() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, PdfExportDialog) and widget.isVisible():
                found.append(widget)
                widget.what.setCurrentIndex(widget.what.findData("map"))
                widget.paper.setCurrentIndex(widget.paper.findData("tabloid"))
                planner.decide("print the coherence map on Tabloid")
                found_hint.append(widget.hint.text())
                if not widget.save_button.isEnabled():
                    widget.reject()  # fail the test below instead of waiting forever
                    return
                planner.decide("save the PDF")
                widget.save_button.click()
                return
        QTimer.singleShot(50, press)

    QTimer.singleShot(50, press)


def test_from_the_esser_workbook_to_a_one_page_tabloid_map_in_five_decisions(
    qtbot: Any, window: Any, messages: Any, planner: Planner
) -> None:
    started = time.perf_counter()
    assert not window.session.is_open  # the start page: the first hour has no plan yet

    planner.decide("import the ESSER workbook")
    window.spreadsheets.import_action.trigger()
    dialog = window.spreadsheets.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    # It opens on the spending plan, read as programs, with every column guessed.
    editor = dialog.mapping_page.editors["Spending Plan 26-27"]
    assert dialog.mapping_page.tabs.currentWidget() is editor
    assert editor.kind == "program"

    planner.decide("accept the guessed mapping")
    qtbot.mouseClick(dialog.next_button, LEFT)
    preview = dialog.preview_page
    words = preview.summary.text()
    assert "The 7 programs add up to $879,987.50 a year." in words
    assert "Spending Plan 26-27, row 21: “GRAND TOTAL - ALL FUNDS”, a total" in words
    assert "Spending Plan 26-27, rows 7 and 12: Read 180 Intervention" in words
    assert "High-Dosage Tutoring: intervention (guessed — confirm)" in words
    assert dialog.import_button.isEnabled(), preview.reason.text()

    planner.decide("import")
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert window.session.is_open
    district = window.session.district
    assert district.name == ESSER_MEANING.district
    programs = district.items_of("program")
    assert len(programs) == len(ESSER_MEANING.programs) == 7
    total = sum((Decimal(str(p.annual_cost)) for p in programs), Decimal(0))  # type: ignore[attr-defined]
    assert total == ESSER_MEANING.total == Decimal("879987.50")
    assert sorted(g.name for g in district.items_of("goal")) == sorted(ESSER_MEANING.goals)
    assert len(district.links) == 11

    found: list[PdfExportDialog] = []
    hint: list[str] = []
    print_map_on_tabloid_when_shown(planner, found, hint)
    saved = window.pdf_export.export()  # File > Print / Export PDF…

    assert found, "the print dialog did not open"
    assert hint[0].startswith("1 page; the smallest text prints at "), hint
    assert planner.decisions == [
        "import the ESSER workbook",
        "accept the guessed mapping",
        "import",
        "print the coherence map on Tabloid",
        "save the PDF",
    ]
    assert len(planner.decisions) <= 5
    assert planner.suggested == [
        ("Import spreadsheet", ""),
        ("Save the new plan as", "Maple Valley Unified School District.coherence"),
        ("Save PDF", "Maple Valley Unified School District map.pdf"),
    ]
    assert saved == planner.folder / "Maple Valley Unified School District map.pdf"
    pages = PdfReader(saved).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert sorted((float(box.width), float(box.height))) == sorted(TABLOID)
    text = pages[0].extract_text()
    assert "Read 180 Intervention" in text and "Early Literacy" in text
    assert messages.shown == []

    # What was imported is on disk, in the plan named after the district.
    window.documents.close_plan()
    with Document.open(planner.folder / "Maple Valley Unified School District.coherence") as doc:
        assert len(doc.district.items_of("program")) == 7
    # The app's share of those ten minutes (the person's reading time is the rest).
    assert time.perf_counter() - started < 120
