"""Screenshots of the spreadsheet import dialog (mapping step and preview step), for review.

Run under a virtual display:  xvfb-run -a python packaging/import_screenshots.py [--out DIR]
Opens a copy of the sample district, imports a messy inventory workbook written to a
temporary folder, and writes import-mapping.png and import-preview.png. Settings are kept in
a temporary folder, so the user's recent files and window layout are not touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

ROWS = [
    ["Riverside Unified — program inventory 2026-27"],
    [],
    ["Program Name", "Annual Cost ($)", "Grade Band", "ESSA Tier", "Supports goal", "Lead", "Misc"],
    [
        "Foundational Phonics Intervention Groups",
        "$335,000",
        "K-3",
        "Moderate",
        "Every student reads on grade level by the end of grade 3",
        "Director of Literacy",
        "",
    ],
    ["Early Reading Tutoring Lab", "265k", "K-2", "Strong", "", "", "renewed"],
    [
        "Math Fluency Nights",
        "TBD",
        "3-5",
        "Promising",
        "Middle-school students are ready for Algebra I by the end of grade 8",
        "Math TOSA",
        "",
    ],
    [
        "Attendance Mentors",
        "$48,500",
        "6-12",
        "Promising",
        "Students attend school every day",
        "Student Services",
        "",
    ],
    ["Ninth Grade Academy", "$210,000", "9", "level 7", "", "High School Principal", ""],
]


def _settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def write_inventory(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Program Inventory"
    for row in ROWS:
        sheet.append(row)
    book.create_sheet("Read me").append(["Ask the business office about costs."])
    book.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="packaging/screenshots", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
        from coherence_planner.ui.app import make_application
        from coherence_planner.ui.main_window import MainWindow

        app = make_application([sys.argv[0]])
        QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.documents.open_sample()
        _settle(app)
        inventory = write_inventory(Path(temp) / "inventory.xlsx")
        dialog = window.spreadsheets.import_spreadsheet(inventory)
        assert dialog is not None
        _settle(app)
        dialog.grab().save(str(args.out / "import-mapping.png"))
        dialog.go_to(dialog.PREVIEW)
        _settle(app)
        dialog.preview_page.problems.selectRow(0)
        _settle(app)
        dialog.grab().save(str(args.out / "import-preview.png"))
        print(f"wrote {args.out}/import-mapping.png and import-preview.png")
        dialog.reject()
        window.close()
        _settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
