"""The export's retreat sheets: one per retreat table, guarded, laid out, skipped on import."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat.decisions import decide
from coherence_planner.storage.spreadsheets.header_guess import guess_kind, is_report_sheet
from coherence_planner.storage.spreadsheets.planning import plan_import
from coherence_planner.storage.spreadsheets.reading import read_spreadsheet
from coherence_planner.storage.spreadsheets.writing import sheet_title, write_xlsx
from tests.unit.reports.helpers import HOSTILE_MEMBER, HOSTILE_SCENARIO, retreat_district


@pytest.fixture
def exported(tmp_path: Path) -> tuple[District, Path]:
    district = retreat_district(snapshot=False)
    decide(district, "P15", "keep", '=HYPERLINK("http://x")', "Dr. Okafor", "2026-11-22").do(
        district
    )
    path = tmp_path / "retreat.xlsx"
    write_xlsx(district, analyse(district), path)
    return district, path


def test_one_sheet_per_retreat_table_after_the_findings(exported: tuple[District, Path]) -> None:
    _, path = exported
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    scenario = sheet_title(f"Scenario: {HOSTILE_SCENARIO}"[:31], [])
    assert scenario.startswith("Scenario - Lean <i>cut<")
    assert names[names.index("Findings") + 1 :] == [
        "Decision log",
        scenario,
        "Ratings",
        "Initiative load",
    ]
    for name in ("Decision log", scenario, "Ratings", "Initiative load"):
        ws = wb[name]
        assert len(name) <= 31
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.b for c in ws[1])
        assert 8 <= ws.column_dimensions["A"].width <= 60
        assert ws["A1"].comment is not None  # the table's note


def test_retreat_cells_are_plain_text_never_formulas(exported: tuple[District, Path]) -> None:
    _, path = exported
    wb = openpyxl.load_workbook(path)
    for sheet in wb.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    scenario = next(n for n in wb.sheetnames if n.startswith("Scenario - "))
    assert wb[scenario].cell(1, 3).value == HOSTILE_SCENARIO  # the column is its name
    values = [c for row in wb["Decision log"].iter_rows(values_only=True) for c in row]
    assert "Pilot ended; tutoring covers it" in values
    assert '\'=HYPERLINK("http://x")' in values
    ratings = wb["Ratings"]
    header = [c.value for c in ratings[1]]
    rows = [
        dict(zip(header, r, strict=True)) for r in ratings.iter_rows(min_row=2, values_only=True)
    ]
    assert [r["Program"] for r in rows] == ["P1", "P2"]  # most disagreement first
    assert rows[0]["Implementation"] == 3 and rows[0]["Implementation range"] == "2-4"
    assert HOSTILE_MEMBER in ratings["A1"].comment.text


def test_reimporting_the_workbook_skips_the_report_sheets_with_a_note(
    exported: tuple[District, Path],
) -> None:
    district, path = exported
    empty = District(name=district.name, school_year=district.school_year)
    empty.extra = dict(district.extra)
    plan = plan_import(read_spreadsheet(path), None, empty)
    assert plan.problems == []
    skipped = [n for n in plan.notes if "a report sheet of the export" in n]
    assert len(skipped) == 5  # Findings and the four retreat sheets
    plan.to_command(empty).do(empty)
    assert {i: x.name for i, x in empty.items.items()} == {
        i: x.name for i, x in district.items.items()
    }
    assert empty.items["P14"].decision == "remove"  # type: ignore[attr-defined]
    assert empty.items["P14"].decided_on == "2026-11-22"  # type: ignore[attr-defined]
    again = plan_import(read_spreadsheet(path), None, district)
    assert again.is_empty and again.problems == []


@pytest.mark.parametrize(
    ("name", "report"),
    [
        ("Findings", True),
        ("Decision log", True),
        ("Ratings (2)", True),
        ("Initiative load", True),
        ("Scenario - Lean", True),
        ("Initiatives", False),
        ("Program inventory", False),
    ],
)
def test_report_sheets_are_known_by_name(name: str, report: bool) -> None:
    assert is_report_sheet(name) is report
    if report:
        assert guess_kind(name, ["Program", "Name"]) is None


def test_sheet_titles_are_valid_and_unique() -> None:
    assert sheet_title("Scenario: a/b [c]?*", []) == "Scenario - a - b - c -"
    assert sheet_title("Ratings", ["ratings"]) == "Ratings (2)"
    assert len(sheet_title("x" * 40, [])) == 31
    assert sheet_title("'quoted'", []) == "quoted"
