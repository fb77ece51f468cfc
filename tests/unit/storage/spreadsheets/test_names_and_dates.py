"""Names over codes, text dates and fiscal years, and a column of choices that holds
something else (issue 23), read from messy CSV files as the command line reads them."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.storage.document import Document
from coherence_planner.storage.spreadsheets.values.dates import parse_year


def programs(tmp_path: Path, text: str) -> tuple[dict[str, dict], str]:
    source = tmp_path / "export.csv"
    source.write_text(text, encoding="utf-8")
    said = import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        found = {
            i.name: {"cost": i.annual_cost, "fund": i.funding_source, "start": i.start_year}
            for i in doc.district.items.values()
            if i.kind == "program"
        }
    return found, said


def test_text_dates_and_fiscal_years() -> None:
    """ "2024-07-01" typed as text was read as the school year 2024-07, ending in 2107."""
    for text, year in [
        ("2024-07-01", 2024),
        ("7/1/24", 2024),
        ("FY25", 2025),
        ("2024-25", 2025),
        ("8/12/2024", 2024),
    ]:
        assert parse_year(text) == (year, None), text


def test_project_codes_give_way_to_their_descriptions_and_fund_codes_to_fund_names(
    tmp_path: Path,
) -> None:
    found, _ = programs(
        tmp_path,
        "Fund,Fund Name,Project,Project Description,Budget,Start Date\n"
        "3213,ESSER III,3213-LEX,ESSER III – Lexia Core5 Reading,1000,2024-07-01\n"
        "0100,General Fund,0000-AVD,AVID Secondary,2000,7/1/24\n"
        "3213,ESSER III,3213-LEX,ESSER III – Lexia Core5 Reading,500,2024-07-01\n",
    )
    assert found == {
        "ESSER III – Lexia Core5 Reading": {"cost": 1500, "fund": "ESSER III", "start": 2024},
        "AVID Secondary": {"cost": 2000, "fund": "General Fund", "start": 2024},
    }


def test_the_districts_name_on_every_row_is_no_programs_name_and_essa_program_no_evidence(
    tmp_path: Path,
) -> None:
    found, said = programs(
        tmp_path,
        "LEA Name,School Year,ESSA Program,Activity Description,Object Description,Budgeted Amount\n"
        'Riverbend ISD,2024-25,"Title I, Part A",Reading Teachers,Salaries,100\n'
        'Riverbend ISD,2024-25,"Title II, Part A",Teacher Mentoring,Salaries,200\n'
        'Riverbend ISD,2024-25,"Title I, Part A",Math Coaches,Salaries,300\n',
    )
    assert set(found) == {"Reading Teachers", "Teacher Mentoring", "Math Coaches"}
    assert "warning" not in said  # "Title I, Part A" is a title, not an evidence level
    assert "'ESSA Program'" in said  # listed once, among the columns not imported


def test_the_plan_is_named_after_the_district_in_an_lea_column_or_the_workbooks_title(
    tmp_path: Path,
) -> None:
    import openpyxl

    _, said = programs(
        tmp_path,
        "LEA Name,Activity Description,Budgeted Amount\n"
        "Riverbend Independent School District,Reading Teachers,100\n"
        "Riverbend Independent School District,Math Coaches,300\n",
    )
    assert said.startswith("Created plan.coherence for Riverbend Independent School District")
    book = openpyxl.Workbook()
    book.properties.title = "Pinecrest County Schools — Program Inventory"
    sheet = book.active
    assert sheet is not None
    sheet.append(["Initiative", "Owner", "Annual Cost"])
    sheet.append(["Tutoring", "Ann", 100])
    book.save(tmp_path / "inventory.xlsx")
    said = import_spreadsheet(tmp_path / "inventory.xlsx", tmp_path / "p.coherence")
    assert said.startswith("Created p.coherence for Pinecrest County Schools from")


def test_an_account_strings_goal_segment_is_not_a_goal_link(tmp_path: Path) -> None:
    """A ledger's SACS "Goal" code (1110 regular education, 5001 special education) beside
    Function and Object says which students the money is for, not which district goal a
    project serves: it made a goal per code and a link per line."""
    text = (
        "Resource,Project,Project Description,Object,Goal,Function,Amount\n"
        "3213,3213-LEX,Lexia Core5 Reading,1100,1110,1000,1000\n"
        "6500,6500-SPT,Speech Therapy Contract,5800,5001,1190,800\n"
        "3213,3213-LEX,Lexia Core5 Reading,3101,1110,1000,200\n"
    )
    source = tmp_path / "ledger.csv"
    source.write_text(text, encoding="utf-8")
    import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        kinds = sorted(i.kind for i in doc.district.items.values())
        assert kinds == ["program", "program"]
        assert not doc.district.links
    # Without Function and Object beside it, a "Goal" column still links to goals.
    plain = "Program,Goal,Cost\nLexia,Every student reads,1000\nTutoring,Every student reads,500\n"
    source.write_text(plain, encoding="utf-8")
    import_spreadsheet(source, tmp_path / "plan2.coherence", replace=True)
    with Document.open(tmp_path / "plan2.coherence") as doc:
        assert len(doc.district.links) == 2


def test_an_alignment_column_links_programs_to_goals(tmp_path: Path) -> None:
    """A consultant's "Priority Alignment" column says which goal each program serves."""
    source = tmp_path / "inventory.csv"
    source.write_text(
        "Initiative,Priority Alignment,Annual Cost\n"
        "Lexia Core5,Every student reads,1000\nZearn Math,Every student reads,500\n",
        encoding="utf-8",
    )
    import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        assert len(doc.district.links) == 2
