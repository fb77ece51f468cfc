"""Screenshots of the spreadsheet import dialog (mapping step and preview step), for review.

Run under a virtual display:  xvfb-run -a python packaging/import_screenshots.py [--out DIR]
Opens a copy of the sample district, imports a messy inventory workbook written to a
temporary folder, and writes import-mapping.png and import-preview.png. Settings are kept in
a temporary folder, so the user's recent files and window layout are not touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from shots import screenshot_app, settle

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
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.ui.shell.main_window import MainWindow

        window = MainWindow()

        window.setWindowState(Qt.WindowState.WindowNoState)  # not the first run's maximised
        window.resize(1366, 768)
        window.show()
        window.documents.open_sample()
        settle(app)
        inventory = write_inventory(env.temp / "inventory.xlsx")
        dialog = window.spreadsheets.import_spreadsheet(inventory)
        assert dialog is not None
        settle(app)
        dialog.grab().save(str(out / "import-mapping.png"))
        dialog.go_to(dialog.PREVIEW)
        settle(app)
        dialog.preview_page.problems.selectRow(0)
        settle(app)
        dialog.grab().save(str(out / "import-preview.png"))
        print(f"wrote {out}/import-mapping.png and import-preview.png")
        dialog.reject()
        window.close()
        settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
