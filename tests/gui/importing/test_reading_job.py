"""Reading a big spreadsheet shows how far it has come and can be cancelled, leaving
everything as it was; a quick read shows no dialog; a bad file still gets its message."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from coherence_planner.storage.spreadsheets import SpreadsheetError
from coherence_planner.storage.spreadsheets import reading as reading_module
from coherence_planner.storage.spreadsheets import tables as tables_module
from coherence_planner.ui.importing import reading_job
from coherence_planner.ui.importing.reading_job import read_with_progress


def big_csv(path: Path, rows: int) -> Path:
    lines = ["Program Name,Annual Cost,Grades"]
    lines += [f"Program {n},{1000 + n},K-5" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_is_read_in_the_worker_and_every_row_arrives(tmp_path: Path, qtbot: Any) -> None:
    sheets = read_with_progress(None, big_csv(tmp_path / "inventory.csv", 3000))
    assert sheets is not None and len(sheets[0].rows) == 3000


def test_a_slow_read_shows_the_row_reached_and_cancel_stops_it(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading_job, "SHOW_AFTER_MS", 0)
    monkeypatch.setattr(tables_module, "PROGRESS_ROWS", 10)
    slowed = threading.Event()
    real_reporting = tables_module.reporting

    def slow_reporting(rows: Any, sheet: str, progress: Any) -> Any:
        for item in real_reporting(rows, sheet, progress):
            slowed.wait(0.002)  # a slow disk: about two rows a millisecond
            yield item

    monkeypatch.setattr(reading_module, "reporting", slow_reporting)  # the CSV reader's
    seen: list[str] = []

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        if dialogs and "row" in dialogs[0].labelText():
            seen.append(dialogs[0].labelText())
            dialogs[0].findChild(QPushButton).click()  # the dialog's Cancel button
        else:
            QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(50, press_cancel)
    path = big_csv(tmp_path / "inventory.csv", 20000)
    before = path.read_bytes()
    assert read_with_progress(None, path) is None  # cancelled
    assert seen and "inventory.csv: row" in seen[0]
    assert path.read_bytes() == before


def test_a_bad_file_still_says_what_is_wrong(tmp_path: Path, qtbot: Any) -> None:
    bad = tmp_path / "inventory.csv"
    bad.write_bytes(b"PK\x03\x04 not a csv")
    with pytest.raises(SpreadsheetError, match="is a workbook, not CSV text"):
        read_with_progress(None, bad)


def test_a_workbook_reports_each_sheet_and_row_as_it_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Inventory"
    sheet.append(["Program Name", "Annual Cost"])
    for n in range(1200):
        sheet.append([f"Program {n}", 1000 + n])
    book.save(tmp_path / "inventory.xlsx")
    heard: list[tuple[str, int]] = []
    sheets = reading_module.read_spreadsheet(
        tmp_path / "inventory.xlsx", progress=lambda s, r: heard.append((s, r))
    )
    assert len(sheets[0].rows) == 1200
    assert heard == [("Inventory", 500), ("Inventory", 1000)]
