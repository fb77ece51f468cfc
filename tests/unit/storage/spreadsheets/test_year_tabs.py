"""A workbook with one tab per fiscal year: the latest year is the plan, the earlier tabs are
history (they made every project a duplicate and the whole import was refused)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.storage.document import Document
from coherence_planner.storage.spreadsheets.year_tabs import fiscal_year

HEADERS = ["Project", "Project Description", "Budget", "Actual"]


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("FY2025", 2025),
        ("FY 24", 2024),
        ("fy25 budget", 2025),
        ("2024-25", 2025),
        ("2024–2025 Plan", 2025),
        ("Budget 2026", 2026),
        ("Programs", None),
        ("2024-27 plan", None),  # a plan's span, not one fiscal year
    ],
)
def test_a_tabs_fiscal_year(name: str, year: int | None) -> None:
    assert fiscal_year(name) == year


def test_only_the_latest_years_tab_is_read(tmp_path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    # Written oldest last, to show the order of the tabs does not decide.
    for title, budgets in (("2025-26", (120, 80)), ("2023-24", (90, 70)), ("2024-25", (100, 75))):
        sheet = book.create_sheet(title)
        sheet.append(HEADERS)
        sheet.append(["LEX", "Lexia Core5 Reading", budgets[0], 10])
        sheet.append(["ZRN", "Zearn Math", budgets[1], 5])
    source = tmp_path / "ledger.xlsx"
    book.save(source)
    said = import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        costs = {i.name: i.annual_cost for i in doc.district.items.values()}
    assert costs == {"Lexia Core5 Reading": 120, "Zearn Math": 80}
    assert "sheet '2023-24': skipped (an earlier year of the tab '2025-26'" in said
    assert "sheet '2024-25': skipped (an earlier year of the tab '2025-26'" in said


def test_year_tabs_with_different_columns_are_all_read(tmp_path: Path) -> None:
    # Goals on "FY2025 Goals" and programs on "FY2025 Programs" are not two years of one tab.
    book = Workbook()
    book.remove(book.active)
    goals = book.create_sheet("FY2024 Goals")
    goals.append(["Goal"])
    goals.append(["Every student reads"])
    programs = book.create_sheet("FY2025 Programs")
    programs.append(["Program", "Goal", "Annual cost"])
    programs.append(["Lexia Core5 Reading", "Every student reads", 100])
    source = tmp_path / "plan.xlsx"
    book.save(source)
    import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        kinds = sorted(i.kind for i in doc.district.items.values())
    assert kinds == ["goal", "program"]
