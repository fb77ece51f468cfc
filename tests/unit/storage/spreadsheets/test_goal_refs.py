"""Goal references resolved by number, name, "Goal N" prefix, lists and "all", from a goals
sheet, a legend line, the plan's goals, or by creating "Goal 1"... when there is no list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal
from coherence_planner.storage.spreadsheets import plan_import, read_spreadsheet
from coherence_planner.storage.spreadsheets.goal_refs import legend, numbers_in, split_references

GOALS = ["Early Literacy", "Math Proficiency", "Attendance"]


def workbook(
    path: Path, refs: list[str], goals_sheet: list[list[Any]] | None, above: list[str] = ()
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Programs"
    for line in above:
        ws.append([line])
    ws.append(["Program", "Goal Served"])
    for i, ref in enumerate(refs):
        ws.append([f"Program {i + 1}", ref])
    if goals_sheet is not None:
        goals = wb.create_sheet("Goals")
        for row in goals_sheet:
            goals.append(row)
    wb.save(path)
    return path


def links_of(path: Path, district: District | None = None) -> tuple[dict[str, list[str]], Any]:
    district = district or District()
    plan = plan_import(read_spreadsheet(path), None, district)
    names = {c.item.id: c.item.name for c in plan.creates} | {
        i.id: i.name for i in district.ordered_items()
    }
    out: dict[str, list[str]] = {}
    for new in plan.links:
        out.setdefault(names[new.link.src], []).append(names[new.link.dst])
    return out, plan


REFS = [
    "Goal 1",
    "Goal 1: Early Literacy",
    "1/2",
    "1,3",
    "Goals 1 & 2",
    "All goals",
    "Math Proficiency",
    "2",
]
EXPECTED = {
    "Program 1": ["Early Literacy"],
    "Program 2": ["Early Literacy"],
    "Program 3": ["Early Literacy", "Math Proficiency"],
    "Program 4": ["Early Literacy", "Attendance"],
    "Program 5": ["Early Literacy", "Math Proficiency"],
    "Program 6": GOALS,
    "Program 7": ["Math Proficiency"],
    "Program 8": ["Math Proficiency"],
}


def test_every_way_of_writing_a_goal_against_a_goals_sheet(tmp_path: Path) -> None:
    # The goals sheet lists them out of order; its "Goal #" column says which is which.
    sheet = [["Goal #", "Goal"], [2, "Math Proficiency"], [1, "Early Literacy"], [3, "Attendance"]]
    links, plan = links_of(workbook(tmp_path / "g.xlsx", REFS, sheet))
    assert links == EXPECTED
    assert plan.warnings == [] and plan.created_goals == []


def test_a_legend_line_numbers_the_goals_when_there_is_no_goals_sheet(tmp_path: Path) -> None:
    line = "Goals: 1 = Early Literacy; 2 = Math Proficiency; 3 = Attendance"
    links, plan = links_of(workbook(tmp_path / "l.xlsx", REFS, None, above=[line]))
    assert links == EXPECTED
    assert [c.item.name for c in plan.creates if c.item.kind == "goal"] == GOALS


def test_the_plans_own_goals_are_numbered_in_order(tmp_path: Path) -> None:
    district = District()
    for i, name in enumerate(GOALS, start=1):
        district.add_item(Goal(id=f"G{i}", name=name))
    links, plan = links_of(workbook(tmp_path / "p.xlsx", REFS, None), district)
    assert links == EXPECTED
    assert plan.creates and all(c.item.kind == "program" for c in plan.creates)


def test_with_no_list_anywhere_goal_n_is_created_and_said(tmp_path: Path) -> None:
    links, plan = links_of(workbook(tmp_path / "n.xlsx", ["Goal 1", "1/2", "3"], None))
    assert links == {
        "Program 1": ["Goal 1"],
        "Program 2": ["Goal 1", "Goal 2"],
        "Program 3": ["Goal 3"],
    }
    assert plan.created_goals == ["Goal 1", "Goal 2", "Goal 3"]
    assert (
        "no list of goals was found, so 'Goal 1', 'Goal 2' and 'Goal 3' were created for the "
        "goal numbers the sheet uses; rename them after the import" in plan.notes
    )


def test_a_number_beyond_the_list_is_a_warning_naming_the_range(tmp_path: Path) -> None:
    sheet = [["Goal"], ["Early Literacy"], ["Math Proficiency"]]
    links, plan = links_of(workbook(tmp_path / "w.xlsx", ["Goal 7", "1/2"], sheet))
    assert links == {"Program 2": ["Early Literacy", "Math Proficiency"]}
    assert [w.message for w in plan.warnings] == [
        "there is no goal 7; the goals are numbered 1 to 2; that link was left out"
    ]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("1/2", [1, 2]), ("1,3", [1, 3]), ("1 & 2", [1, 2]), ("1-3", [1, 2, 3]), ("2", [2])],
)
def test_numbers_in(text: str, numbers: list[int]) -> None:
    assert numbers_in(text) == numbers


def test_a_name_with_a_comma_is_not_cut_when_it_names_a_goal() -> None:
    known = {"Reading, writing and speaking"}
    (ref,) = split_references("Reading, writing and speaking", known.__contains__)
    assert ref.name == "Reading, writing and speaking"


def test_legend_lines() -> None:
    assert legend(["Goal 1 - Early Literacy | Goal 2 - Math"]) == {
        1: "Early Literacy",
        2: "Math",
    }
    assert legend(["Prepared by the business office, 2026"]) == {}
