"""Guessing which column is which, and the mapping file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coherence_planner.storage.spreadsheets.header_guess import (
    guess_kind,
    guess_mapping,
    unmapped_headers,
)
from coherence_planner.storage.spreadsheets.mapping import (
    MappingError,
    load_mappings,
    save_mappings,
)

PROGRAM_HEADERS = {
    "Program Name": "name",
    "Annual Cost ($)": "annual_cost",
    "Grade Band": "grades",
    "ESSA Tier": "evidence_tier",
    "MTSS Tier": "tier",
    "# Students": "students_served",
    "FTE": "fte",
    "Funding Source": "funding_source",
    "Funding End Date": "funding_ends",
    "Lead": "owner",
    "Status": "status",
    "Site(s)": "schools",
    "Subject(s)": "subjects",
    "Target population": "populations",
    "Program ID": "id",
    "Aligned to": "supports",
    "Decision": "decision",
    "Notes": "notes",
    "Description": "description",
}


def test_a_typical_program_inventory_maps_every_column() -> None:
    headers = [*PROGRAM_HEADERS, "Vendor contact phone"]
    mapping = guess_mapping(headers, "program")
    assert mapping == PROGRAM_HEADERS
    assert unmapped_headers(headers, mapping) == ["Vendor contact phone"]


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Name of program", "name"),
        ("Cost", "annual_cost"),
        ("Budget", "annual_cost"),
        ("Grades Served", "grades"),
        ("Evidence Level", "evidence_tier"),
        ("Tier", "tier"),
        ("Students Served", "students_served"),
        ("Owner", "owner"),
        ("Contact", "owner"),
        ("Schools", "schools"),
        ("Student group", "populations"),
        ("ID", "id"),
        ("Supports goal", "supports"),
        ("Goal", "supports"),
        ("Strategy", "supports"),
        ("Annual\ncost", "annual_cost"),
    ],
)
def test_wordings(header: str, target: str) -> None:
    assert guess_mapping([header], "program") == {header: target}


def test_goal_means_the_name_on_a_goal_sheet_and_the_link_elsewhere() -> None:
    assert guess_mapping(["Goal", "Owner"], "goal") == {"Goal": "name", "Owner": "owner"}
    assert guess_mapping(["Strategy", "Goal"], "strategy") == {
        "Strategy": "name",
        "Goal": "supports",
    }


def test_a_second_column_for_the_same_field_is_left_unmapped() -> None:
    mapping = guess_mapping(["Cost", "Budget"], "program")
    assert mapping == {"Cost": "annual_cost"}
    assert unmapped_headers(["Cost", "Budget"], mapping) == ["Budget"]


@pytest.mark.parametrize(
    ("sheet", "headers", "kind"),
    [
        ("Programs", [], "program"),
        ("Policies", [], "policy"),
        ("Strategies", [], "strategy"),
        ("Goals", [], "goal"),
        ("Findings", ["ID", "Name"], None),
        ("Sheet1", ["Policy", "Code", "Adopted"], "policy"),
        ("Sheet1", ["Program Name", "Cost"], "program"),
        ("Sheet1", ["From ID", "To ID"], "link"),
    ],
)
def test_guess_kind(sheet: str, headers: list[str], kind: str | None) -> None:
    assert guess_kind(sheet, headers) == kind


def test_mapping_file_round_trips(tmp_path: Path) -> None:
    mappings = {
        "Programs": {
            "kind": "program",
            "columns": {"Program Name": "name", "Aligned to": "supports"},
        },
        "Notes": {"kind": None, "columns": {}},
    }
    path = tmp_path / "map.json"
    save_mappings(mappings, path)  # type: ignore[arg-type]
    assert load_mappings(path) == mappings
    assert json.loads(path.read_text())["version"] == 1


def test_a_bad_mapping_file_names_each_problem(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(
        json.dumps(
            {
                "sheets": {
                    "Programs": {
                        "kind": "program",
                        "columns": {"A": "name", "B": "colour", "C": "name"},
                    },
                    "X": {"kind": "gadget", "columns": {}},
                }
            }
        )
    )
    with pytest.raises(MappingError) as err:
        load_mappings(path)
    text = str(err.value)
    assert "column 'B' maps to 'colour'" in text
    assert "columns 'A' and 'C' both map to 'name'" in text
    assert "unknown kind 'gadget'" in text
    path.write_text("{not json")
    with pytest.raises(MappingError, match=r"map\.json: is not valid JSON"):
        load_mappings(path)


def test_an_exact_header_wins_over_a_pattern_and_per_student_costs_are_not_the_cost() -> None:
    headers = ["Cost per Student", "Budget 2026-27", "Annual Cost"]
    assert guess_mapping(headers, "program") == {"Annual Cost": "annual_cost"}


def test_a_consultants_worksheet_headers() -> None:
    headers = [
        "#",
        "Activity / Initiative",
        "Project Description",
        "Goal Served",
        "Keep/Modify/Stop",
        "Evidence (ESSA)",
    ]
    assert guess_mapping(headers, "program") == {
        "Activity / Initiative": "name",
        "Project Description": "description",
        "Goal Served": "supports",
        "Keep/Modify/Stop": "proposal",
        "Evidence (ESSA)": "evidence_tier",
    }


def test_codes_give_way_to_their_descriptions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coherence_planner.storage.spreadsheets import read_spreadsheet
    from coherence_planner.storage.spreadsheets.guessing import guess_columns

    path = tmp_path / "ledger.csv"
    path.write_text(
        "Program,Program Description,Object Description,Amount\n"
        "5120,Reading Intervention,Teacher Salaries,100\n"
        "5310,Coaching,Travel,50\n",
        encoding="utf-8",
    )
    (sheet,) = read_spreadsheet(path)
    assert guess_columns(sheet, "program") == {
        "Program Description": "name",
        "Amount": "annual_cost",
    }
