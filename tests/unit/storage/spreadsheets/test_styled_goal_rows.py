"""Goal rows known only by their look (cell_styles.py, layouts.styled_blocks): bold and
shaded rows naming the goals in words, or rows set left of their indented initiatives."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from coherence_planner.cli.spreadsheets import import_spreadsheet
from tests.unit.storage.spreadsheets.test_layouts import imported

CORPUS = Path(__file__).parents[3] / "data" / "import_corpus"


def test_the_shaded_rows_are_the_goals_and_the_rows_under_each_its_actions(
    tmp_path: Path,
) -> None:
    path = CORPUS / "strategic_initiatives_shaded.xlsx"
    truth = json.loads(path.with_name(path.name + ".truth.json").read_text(encoding="utf-8"))
    goal_names = {g["code"]: g["name"] for g in truth["goals"]}
    meaning, plan = imported(path)
    assert meaning == {
        p["name"]: ((goal_names[p["goals"][0]],), p["annual_cost"]) for p in truth["programs"]
    }
    assert plan.layouts["Initiatives"] == (
        "Goals are the shaded rows; the rows under each are its actions."
    )
    # Each goal row's amount is its goal's subtotal, checked against its own initiatives,
    # and the grand total against the initiatives alone.
    said = import_spreadsheet(path, tmp_path / "plan.coherence")
    assert [line.strip() for line in said.splitlines() if "Totals:" in line] == [
        "Totals: 4 of the sheet's 4 totals agree with the rows imported: row 5 ($912,900), "
        "row 11 ($1,060,000), row 17 ($470,950), row 24 ($2,443,850)"
    ]


def _outline(path: Path) -> Path:
    """Priorities set left, their initiatives indented: no bold, no fill, no numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Westbrook Unified School District"])
    ws.append([])
    ws.append(["Initiative", "Owner", "Cost"])
    rows = [
        ("Strong Foundations in Reading", None),
        ("Heggerty Phonemic Awareness", 27300),
        ("UFLI Foundations Phonics", 64200),
        ("College and Career Pathways", None),
        ("AVID Secondary", 118400),
    ]
    for name, cost in rows:
        if cost is None:
            ws.append([name])
        else:
            ws.append([name, "Principals", cost])
            ws.cell(ws.max_row, 1).alignment = Alignment(indent=2)
    wb.save(path)
    return path


def test_rows_set_left_of_indented_rows_are_goals(tmp_path: Path) -> None:
    meaning, plan = imported(_outline(tmp_path / "outline.xlsx"))
    assert meaning == {
        "Heggerty Phonemic Awareness": (("Strong Foundations in Reading",), 27300),
        "UFLI Foundations Phonics": (("Strong Foundations in Reading",), 64200),
        "AVID Secondary": (("College and Career Pathways",), 118400),
    }
    assert plan.layouts["Budget"] == (
        "Goals are the rows set left; the indented rows under each are its actions."
    )


def test_programs_set_in_bold_to_draw_the_eye_stay_programs(tmp_path: Path) -> None:
    # A flat list with no goal column where two programs are bold: they carry a lead and a
    # fund like every other row, so they are programs, not goals over the rows below.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Programs"
    ws.append(["Program", "Lead", "Funding", "Cost"])
    rows = [
        ("Lexia Core5 Reading", True),
        ("Zearn Math", False),
        ("Read 180", False),
        ("PBIS Tier 1", True),
        ("Second Step", False),
    ]
    for n, (name, bold) in enumerate(rows, start=1):
        ws.append([name, "Director", "Title I", 1000 * n])
        if bold:
            ws.cell(ws.max_row, 1).font = Font(bold=True)
    wb.save(tmp_path / "flat.xlsx")
    meaning, plan = imported(tmp_path / "flat.xlsx")
    assert meaning == {name: ((), 1000 * n) for n, (name, _) in enumerate(rows, start=1)}
    assert plan.layout_kinds["Programs"] == "flat"
