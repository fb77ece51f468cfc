"""Which money a cabinet means (issue 23): each rule on a messy workbook written here, read
by the import as the command line does, and the program's annual cost checked to the cent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import KnownError


def workbook(
    path: Path, headers: list[str], rows: list[list[Any]], hidden: tuple[str, ...] = ()
) -> Path:
    """A one-sheet workbook under a title block, with the given columns hidden."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Programs"
    sheet.append(["Lakeview Unified School District"])
    sheet.append(["Budget Report by Program"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    book.save(path)
    return path


def costs(tmp_path: Path, source: Path, **options: Any) -> tuple[dict[str, Any], str]:
    plan = tmp_path / "plan.coherence"
    said = import_spreadsheet(source, plan, replace=True, **options)
    with Document.open(plan) as doc:
        found = {i.name: i.annual_cost for i in doc.district.items.values() if i.kind == "program"}
    return found, said


def test_revised_over_original_and_never_the_hidden_column(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "status.xlsx",
        ["Program", "FY24 Cost", "Original Budget", "Revised Budget"],
        [["Read Well", 90_000, 100_000, 112_500.5], ["Math Boost", 40_000, 50_000, 45_000]],
        hidden=("B",),
    )
    found, said = costs(tmp_path, source)
    assert found == {"Read Well": 112_500.5, "Math Boost": 45_000}
    assert "Cost: column D 'Revised Budget' (not 'Original Budget'; 'FY24 Cost' is hidden)" in said


def test_budget_over_actual_and_encumbered(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "ledger.xlsx",
        ["Program", "Actual YTD", "Encumbered", "Budget", "Available"],
        [["Read Well", 30_000, 5_000, 80_000, 45_000], ["Math Boost", 1_000, 0, 20_000, 19_000]],
    )
    found, said = costs(tmp_path, source)
    assert found == {"Read Well": 80_000, "Math Boost": 20_000}
    assert "Cost: column D 'Budget'" in said


def test_the_plans_year_over_earlier_years(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "book.xlsx",
        ["Program", "2023-24 Actual", "2024-25 Budget", "2025-26 Proposed", "Change"],
        [
            ["Read Well", 70_000, 75_000, 81_250, 6_250],
            ["Math Boost", 10_000, 12_000, 9_000, -3_000],
        ],
    )
    found, said = costs(tmp_path, source)
    assert found == {"Read Well": 81_250, "Math Boost": 9_000}
    assert "column D '2025-26 Proposed' (not '2023-24 Actual', '2024-25 Budget')" in said


def test_a_total_over_its_fund_parts(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "lcap.xlsx",
        ["Program", "Owner", "LCFF Funds", "Federal Funds", "Total Funds"],
        [["Read Well", "Ann", 10_000, 5_000, 15_000], ["Math Boost", "Bo", 2_000, None, 2_000]],
    )
    found, _ = costs(tmp_path, source)
    assert found == {"Read Well": 15_000, "Math Boost": 2_000}


def test_only_a_hidden_money_column_imports_no_cost_and_says_so(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "stale.xlsx",
        ["Program", "Owner", "Annual Cost"],
        [["Read Well", "Ann", 10_000], ["Math Boost", "Bo", 2_000]],
        hidden=("C",),
    )
    found, said = costs(tmp_path, source)
    assert found == {"Read Well": None, "Math Boost": None}
    assert "Cost: none imported ('Annual Cost' hidden; choose it to import it)" in said


def test_cost_column_on_the_command_line_by_header_or_letter(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "status.xlsx",
        ["Program", "Original Budget", "Revised Budget"],
        [["Read Well", 100_000, 112_500]],
    )
    assert costs(tmp_path, source, cost_column="original budget")[0] == {"Read Well": 100_000}
    assert costs(tmp_path, source, cost_column="B")[0] == {"Read Well": 100_000}
    with pytest.raises(KnownError, match=r"no sheet of programs has that column; the money"):
        costs(tmp_path, source, cost_column="Encumbered")


def test_formulas_without_stored_results_are_computed_or_named(tmp_path: Path) -> None:
    # openpyxl writes formulas and no results, as any script does.
    source = workbook(
        tmp_path / "script.xlsx",
        ["Program", "Salaries", "Supplies", "Annual Cost", "Check"],
        [
            ["Read Well", 1_000, 250, "=SUM(B4:C4)*2", None],
            ["Math Boost", 300, 200, "=IF(B5>C5,B5-C5,0)+C5/2", None],
            ["Tutoring", 10, 5, "=B6*$C$6+ROUND(7.25,0)", "=VLOOKUP(A6,Rates!A:B,2,0)"],
        ],
    )
    found, said = costs(tmp_path, source)
    assert found == {"Read Well": 2_500, "Math Boost": 200, "Tutoring": 57}
    assert "3 formulas had no stored result" in said
    assert "cells E6 hold formulas with no stored result that were not computed" in said
    assert "(such as =VLOOKUP(A6,Rates!A:B,2,0))" in said


def test_a_formula_may_refer_to_the_title_block_above_the_table(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Lakeview Unified School District", "Benefit rate", 0.25])
    sheet.append(["Program", "Owner", "Salaries", "Annual Cost"])
    sheet.append(["Read Well", "Ann", 80_000, "=C3*(1+$C$1)"])
    book.save(tmp_path / "rates.xlsx")
    found, _ = costs(tmp_path, tmp_path / "rates.xlsx")
    assert found == {"Read Well": 100_000}  # not 80,000: the rate was read, not taken as 0


def test_shared_formulas_move_with_their_cells(tmp_path: Path) -> None:
    """A shared formula (one master, copies that say only its index) is computed for each
    copy with its references moved, as Excel would."""
    from coherence_planner.storage.spreadsheets.formulas import _moved

    assert _moved("SUM(B4:C4)*$D$1", (4, 5), (6, 5)) == "SUM(B6:C6)*$D$1"
    assert _moved("B4+C$4", (4, 5), (5, 6)) == "C5+D$4"


def test_columns_that_only_sound_like_money_never_take_the_cost(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "inventory.xlsx",
        ["Program", "Plan Year", "Total Students Served", "Annual Cost", "Allocation Code"],
        [["Read Well", 2026, 400, 81_000, 3010], ["Math Boost", 2026, 120, 9_500, 3020]],
    )
    found, said = costs(tmp_path, source)
    assert found == {"Read Well": 81_000, "Math Boost": 9_500}
    assert "Cost:" not in said  # one money column: nothing to choose between
