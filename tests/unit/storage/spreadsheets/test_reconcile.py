"""The sheet's own totals beside the money imported (issue 23): each way a total can
disagree with its rows is said with the rows, and the rows are what is imported."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.storage.document import Document

HEADER = "Program,Owner,Budget\n"


def imported(tmp_path: Path, body: str) -> tuple[float, list[str]]:
    source = tmp_path / "budget.csv"
    source.write_text("Lakeview Unified School District\n" + HEADER + body, encoding="utf-8")
    said = import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        money = sum(getattr(i, "annual_cost", 0) or 0 for i in doc.district.items.values())
    return money, [line.strip() for line in said.splitlines() if "Totals:" in line]


def test_subtotals_that_agree_and_a_typed_grand_total_that_is_off(tmp_path: Path) -> None:
    money, lines = imported(
        tmp_path,
        "Read Well,Ann,100\nMath Boost,Bo,200\nSubtotal Instruction,,300\n"
        "Tutoring,Cy,50\nCounselors,Di,25\nSubtotal Support,,75\n"
        "GRAND TOTAL,,400\n",
    )
    assert money == 375  # the rows, not the sheet's total
    assert lines == [
        "Totals: 2 of the sheet's 3 totals agree with the rows imported: row 5 ($300), row 8 ($75)",
        "Totals: row 9 'GRAND TOTAL' says $400, but its 4 rows (rows 3-4, 6-7) add up to "
        "$375: the sheet's own total is $25 too high: no row explains it (it may be typed "
        "in, or miss a row), so the rows were imported as they are",
    ]


def test_a_total_that_leaves_out_a_row_names_it(tmp_path: Path) -> None:
    _, lines = imported(
        tmp_path, "Read Well,Ann,100\nMath Boost,Bo,200\nTutoring,Cy,50\nTotal,,300\n"
    )
    assert lines == [
        "Totals: row 6 'Total' says $300, but its 3 rows (rows 3-5) add up to "
        "$350: the sheet's total leaves out row 5 ($50); the row was imported"
    ]


def test_a_total_that_counts_its_subtotals_too(tmp_path: Path) -> None:
    _, lines = imported(
        tmp_path,
        "Read Well,Ann,100\nMath Boost,Bo,200\nSubtotal,,300\nGrand Total,,600\n",
    )
    assert lines[-1].endswith(
        "add up to $300: the sheet's total counts its rows twice (it adds up its subtotals as well)"
    )


def test_a_grand_total_that_stops_before_the_last_block_names_the_block(tmp_path: Path) -> None:
    # A finance report's "Total All Funds" summing every fund but the last: the gap is the
    # last fund's subtotal, and its rows are the ones the sheet's total leaves out.
    _, lines = imported(
        tmp_path,
        "Read Well,Ann,100\nMath Boost,Bo,200\nFund 199 Subtotal,,300\n"
        "Tutoring,Cy,50\nCounselors,Di,40\nFund 282 Subtotal,,90\n"
        "Total All Funds,,300\n",
    )
    assert lines[-1] == (
        "Totals: row 9 'Total All Funds' says $300, but its 4 rows (rows 3-4, 6-7) add up to "
        "$390: the sheet's total leaves out rows 6-7 ($90, the 'Fund 282 Subtotal' of row 8); "
        "those rows were imported"
    )


def test_each_goal_rows_subtotal_is_checked_against_its_actions(tmp_path: Path) -> None:
    # Goals above their actions: a goal row's amount is its goal's subtotal. Each is
    # checked against its own actions, and the grand total does not count them again.
    money, lines = imported(
        tmp_path,
        "Goal 1: Every student reads,,300\nRead Well,Ann,100\nMath Boost,Bo,200\n"
        "Goal 2: Safe schools,,80\nTutoring,Cy,50\nCounselors,Di,25\n"
        "Grand Total,,375\n",
    )
    assert money == 375
    assert lines == [
        "Totals: 2 of the sheet's 3 totals agree with the rows imported: row 3 ($300), "
        "row 9 ($375)",
        "Totals: row 6 'the subtotal of the goal Safe schools' says $80, but its 2 rows "
        "(rows 7-8) add up to $75: the sheet's own total is $5 too high: no row explains it "
        "(it may be typed in, or miss a row), so the rows were imported as they are",
    ]
