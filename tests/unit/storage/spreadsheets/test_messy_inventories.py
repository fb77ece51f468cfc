"""Done when: each messy inventory imports with no mapping file and no edits, and what it
makes is what the spreadsheet means (programs, money to the cent, goal links, the district).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat.scenarios import scenarios
from coherence_planner.storage.document import Document
from coherence_planner.storage.spreadsheets import guess_mappings, plan_import, read_spreadsheet
from tests.messy_inventories import (
    CONSULTANT_MEANING,
    ESSER_MEANING,
    FINANCE_MEANING,
    Meaning,
    write_consultant_workbook,
    write_esser_workbook,
    write_finance_csv,
)

CASES = {
    "esser.xlsx": (write_esser_workbook, ESSER_MEANING),
    "finance.csv": (write_finance_csv, FINANCE_MEANING),
    "finance-eu.csv": (lambda p: write_finance_csv(p, european=True), FINANCE_MEANING),
    "initiatives.xlsx": (write_consultant_workbook, CONSULTANT_MEANING),
}


def imported(tmp_path: Path, name: str) -> tuple[District, Meaning, str]:
    write, meaning = CASES[name]
    source = write(tmp_path / name)
    target = tmp_path / "plan.coherence"
    message = import_spreadsheet(source, target)  # no mapping, no --skip-problem-rows
    with Document.open(target) as doc:
        return doc.district, meaning, message


@pytest.mark.parametrize("name", sorted(CASES))
def test_imports_what_the_spreadsheet_means(tmp_path: Path, name: str) -> None:
    district, meaning, message = imported(tmp_path, name)
    assert district.name == meaning.district
    programs = {p.name: p for p in district.items_of("program")}
    assert sorted(programs) == sorted(meaning.programs)
    for program_name, cost in meaning.programs.items():
        assert Decimal(str(programs[program_name].annual_cost)) == cost, program_name  # type: ignore[attr-defined]
    total = sum(Decimal(str(p.annual_cost or 0)) for p in programs.values())  # type: ignore[attr-defined]
    assert total == meaning.total
    assert [g.name for g in district.items_of("goal")] == meaning.goals
    links = {name: set() for name in meaning.programs} | {}
    for link in district.ordered_links():
        links[district.items[link.src].name].add(district.items[link.dst].name)
    assert links == {name: meaning.links.get(name, set()) for name in meaning.programs}
    assert "warning" not in message and "skipped:" not in message


def test_the_spending_plan_names_every_row_it_left_out_and_combined(tmp_path: Path) -> None:
    path = write_esser_workbook(tmp_path / "esser.xlsx")
    plan = plan_import(read_spreadsheet(path), None, District(), source="esser.xlsx")
    where = "esser.xlsx, sheet 'Spending Plan 26-27'"
    assert f"{where}: skipped 8 rows that are not programs: row 6 'TITLE I, PART A - " in (
        "\n".join(plan.notes)
    )
    skipped = next(n for n in plan.notes if "skipped 8 rows" in n)
    for label in (
        "'Subtotal - Title I-A' (a total)",
        "'ESSER III' (a heading)",
        "'GRAND TOTAL - ALL FUNDS' (a total)",
        "(a note)",
    ):
        assert label in skipped
    assert (
        f"{where}: rows 7 and 12 are one program ('Read 180 Intervention'): amounts, FTE and "
        "students added, funding sources joined" in plan.notes
    )
    read180 = next(c.item for c in plan.creates if c.item.name == "Read 180 Intervention")
    assert read180.funding_source == "Title I-A; ESSER III"  # type: ignore[attr-defined]
    assert read180.fte == 1.5  # type: ignore[attr-defined]
    assert read180.schools == ["Title I schools (Lincoln, Jefferson, Adams)"]  # type: ignore[attr-defined]
    assert plan.warnings == [] and plan.problems == []


def test_the_consultants_keep_modify_stop_are_a_scenario_not_decisions(tmp_path: Path) -> None:
    district, _, message = imported(tmp_path, "initiatives.xlsx")
    assert {p.decision for p in district.items_of("program")} == {"undecided"}  # type: ignore[attr-defined]
    (proposed,) = scenarios(district)
    assert proposed.name == "Proposed in initiatives.xlsx"
    assert sorted(district.items[i].name for i in proposed.remove) == [
        "Check & Connect Mentoring",
        "Summer Reading Academy",
    ]
    assert "- modify: Wilson Reading System (Narrow to grades 2-3" in proposed.notes
    assert "- keep: Designated ELD" in proposed.notes
    assert "7 proposals saved as the scenario 'Proposed in initiatives.xlsx'" in message
    # Importing the same worksheet again changes nothing, the scenario included.
    again = import_spreadsheet(tmp_path / "initiatives.xlsx", tmp_path / "plan.coherence")
    assert "0 new items, 0 updated, 0 new links" in again


def test_the_consultants_values_read_as_written(tmp_path: Path) -> None:
    district, _, message = imported(tmp_path, "initiatives.xlsx")
    p = {i.name: i for i in district.items_of("program")}
    assert p["i-Ready Diagnostic"].tier == 1  # "Universal"  # type: ignore[attr-defined]
    assert p["i-Ready Diagnostic"].evidence_tier == 4  # "Y"  # type: ignore[attr-defined]
    assert p["i-Ready Diagnostic"].start_year == 2022  # serial 44805  # type: ignore[attr-defined]
    assert p["i-Ready Diagnostic"].students_served is None  # "all"  # type: ignore[attr-defined]
    assert p["Wilson Reading System"].start_year is None  # "Ongoing"  # type: ignore[attr-defined]
    assert p["Wilson Reading System"].students_served == 120  # type: ignore[attr-defined]
    assert p["Wilson Reading System"].tier == 3  # "Intensive"  # type: ignore[attr-defined]
    assert p["Math Coaching Cycles"].evidence_tier is None  # "N"  # type: ignore[attr-defined]
    assert p["PBIS"].tier == 2  # "2/3"  # type: ignore[attr-defined]
    assert p["Summer Reading Academy"].annual_cost == 75000  # not "Cost per Student"  # type: ignore[attr-defined]
    assert p["Check & Connect Mentoring"].schools == ["Lincoln", "Adams"]  # type: ignore[attr-defined]
    assert p["Designated ELD"].schools == []  # "All sites"  # type: ignore[attr-defined]
    assert p["Math Coaching Cycles"].type == "professional-learning"  # type: ignore[attr-defined]
    assert "Type guessed from the name at import (professional-learning)" in (
        p["Math Coaching Cycles"].notes
    )
    # Rules 2.1: the guess is on record, so it competes with nothing until confirmed.
    assert p["Math Coaching Cycles"].guessed == ["type"]
    assert p["Wilson Reading System"].guessed == ["type"]
    assert "types guessed from program names, to confirm: i-Ready Diagnostic (assessment)" in (
        message
    )


def test_a_finance_export_with_european_decimals_reads_the_same_money(tmp_path: Path) -> None:
    us = write_finance_csv(tmp_path / "us.csv")
    eu = write_finance_csv(tmp_path / "eu.csv", european=True)
    assert "52.800,00" not in eu.read_text(encoding="utf-8-sig")  # the amounts are its own
    assert "84.500,00" in eu.read_text(encoding="utf-8-sig")
    costs = []
    for path in (us, eu):
        plan = plan_import(read_spreadsheet(path), None, District())
        costs.append({c.item.name: c.item.annual_cost for c in plan.creates})  # type: ignore[attr-defined]
        assert any("row 13 'Report Total' (a total)" in n for n in plan.notes)
    assert costs[0] == costs[1]
    assert costs[0]["High-Dosage Tutoring"] == 325000  # 350,000 less a 25,000 transfer line


def test_a_required_program_the_consultant_would_stop_is_not_a_proposed_removal(
    tmp_path: Path,
) -> None:
    path = write_consultant_workbook(tmp_path / "initiatives.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Initiative Inventory"]
    row = next(r for r in sheet.iter_rows(min_row=6) if r[1].value == "Designated ELD")
    assert row[11].value == "Y"  # Required?
    row[12].value = "Stop"  # Keep/Modify/Stop
    book.save(path)

    message = import_spreadsheet(path, tmp_path / "plan.coherence")
    with Document.open(tmp_path / "plan.coherence") as doc:
        district = doc.district
    (proposed,) = scenarios(district)
    assert sorted(district.items[i].name for i in proposed.remove) == [
        "Check & Connect Mentoring",
        "Summer Reading Academy",
    ]
    assert (
        "- remove: Designated ELD; set aside: it is required by law, so it is not among the "
        "removals" in proposed.notes
    )
    assert (
        "sheet 'Initiative Inventory', row 10: the sheet proposes to stop 'Designated ELD', "
        "but it is required by law, so it is not among the proposed removals" in message
    )


def test_a_goals_sheet_that_cannot_be_read_leaves_the_other_sheets_to_import(
    tmp_path: Path,
) -> None:
    path = write_esser_workbook(tmp_path / "esser.xlsx")
    sheets = read_spreadsheet(path)
    mappings = guess_mappings(sheets)
    # A mapping kept from last year names a goals column the sheet no longer has.
    mappings["Goals"] = {"kind": "goal", "columns": {"Goal Name": "name"}}
    plan = plan_import(sheets, mappings, District(), source="esser.xlsx")
    assert [(p.place, p.message, p.row) for p in plan.problems] == [
        (
            "esser.xlsx, sheet 'Goals'",
            "the mapping names a column 'Goal Name' that this sheet does not have",
            None,
        )
    ]
    applied = plan.without_problem_rows()
    programs = [c.item for c in applied.creates if c.item.kind == "program"]
    assert sorted(p.name for p in programs) == sorted(ESSER_MEANING.programs)
    assert applied.created_goals == ["Goal 1", "Goal 2", "Goal 3"]
    assert (
        "esser.xlsx, sheet 'Goals': left out, because the mapping names a column 'Goal Name' "
        "that this sheet does not have" in applied.notes
    )
    assert not any("rows with problems skipped" in note for note in applied.notes)


def test_the_plan_keeps_what_the_preview_says_in_plain_words(tmp_path: Path) -> None:
    """Rows left out, rows combined and each program's money, for the wizard's preview."""
    path = write_esser_workbook(tmp_path / "esser.xlsx")
    plan = plan_import(read_spreadsheet(path), None, District(), source="esser.xlsx")
    sheet = ("esser.xlsx", "Spending Plan 26-27")
    assert [(row[:2], row[2], reason) for row, _label, reason in plan.left_out] == [
        (sheet, 6, "a heading"),
        (sheet, 10, "a total"),
        (sheet, 11, "a heading"),
        (sheet, 16, "a total"),
        (sheet, 17, "a heading"),
        (sheet, 19, "a total"),
        (sheet, 21, "a total"),
        (sheet, 22, "a note"),
    ]
    assert plan.left_out[6][1] == "GRAND TOTAL - ALL FUNDS"
    assert plan.combined == [([(*sheet, 7), (*sheet, 12)], "Read 180 Intervention")]
    names = {c.item.id: c.item.name for c in plan.creates}
    amounts = {names[item_id]: Decimal(str(cost)) for _row, item_id, cost in plan.amounts}
    assert amounts == ESSER_MEANING.programs
    assert sum(amounts.values()) == Decimal("879987.50")
