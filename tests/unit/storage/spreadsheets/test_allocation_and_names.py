"""Small readings of a district's sheet: a grant's allocation line is the money to
budget, set beside the rows (not a program); one warning for one value repeated down a
column; a "Project Description" column that is all the sheet says of each program names it, and
so does an outline's "Priority / Initiative" column."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.storage.document import Document


def _imported(tmp_path: Path, text: str) -> tuple[dict[str, float | None], list[str]]:
    source = tmp_path / "budget.csv"
    source.write_text(text, encoding="utf-8")
    said = import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        programs = {p.name: p.annual_cost for p in doc.district.items_of("program")}
    return programs, [line.strip() for line in said.splitlines()]


def test_an_allocation_row_is_the_money_to_budget_not_a_program(tmp_path: Path) -> None:
    programs, lines = _imported(
        tmp_path,
        "Lakeview Unified School District\nProgram,Owner,Budget\n"
        "Read Well,Ann,100\nMath Boost,Bo,250\nTitle I Allocation 2025-26,,1000\n",
    )
    assert programs == {"Read Well": 100, "Math Boost": 250}
    assert (
        "Allocation: row 5 'Title I Allocation 2025-26' is $1,000; the 2 rows (rows 3-4) "
        "imported come to $350, $650 not budgeted yet"
    ) in lines


def test_one_value_no_field_takes_is_one_warning_naming_its_rows(tmp_path: Path) -> None:
    _, lines = _imported(
        tmp_path,
        "Program,Category,Cost\nRead Well,Curriculum,100\nMath Tutors,Staffing,250\n"
        "Counselors,Staffing,310\nLexia,Intervention,50\nCoaches,Curriculum,75\n"
        "Tutoring,Intervention,80\n",
    )
    warnings = [line for line in lines if line.startswith("warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "warning: budget.csv, rows 3, 4, column 'Category': 'Staffing' is not a program type"
    )


def test_a_project_description_alone_is_the_name(tmp_path: Path) -> None:
    programs, _ = _imported(
        tmp_path,
        "Fund,Project Description,Budget\n01,Lexia Core5 licences,100\n"
        "01,Tutoring for grade 6,240\n02,Two middle school counselors,310\n",
    )
    assert programs == {
        "Lexia Core5 licences": 100,
        "Tutoring for grade 6": 240,
        "Two middle school counselors": 310,
    }


def test_a_priority_and_initiative_column_is_the_name(tmp_path: Path) -> None:
    # An outline's one column of priorities and the initiatives under them.
    programs, _ = _imported(
        tmp_path,
        "Priority / Initiative,Owner,Year 1 Cost\nAVID Secondary,HS,118400\n"
        "Credit Recovery,HS,58800\nFoster Youth Liaison,SS,61200\n",
    )
    assert programs == {
        "AVID Secondary": 118400,
        "Credit Recovery": 58800,
        "Foster Youth Liaison": 61200,
    }
