"""Each layout a district keeps its plan in, read as its author meant it (layouts.py):
goal rows above their actions, one tab per goal, a goals sheet referred to by number, a
goal-link column explained by a legend, a state export's repeated district name, section
headings, goals known only by the names a column gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets import layouts, plan_import, read_spreadsheet
from coherence_planner.storage.spreadsheets.plan import ImportPlan

Meaning = dict[str, tuple[tuple[str, ...], float | None]]


def imported(path: Path) -> tuple[Meaning, ImportPlan]:
    """Each new program: (the names of the goals it serves, sorted; its annual cost)."""
    plan = plan_import(read_spreadsheet(path), None, District())
    names = {c.item.id: c.item.name for c in plan.creates}
    goals = {c.item.id for c in plan.creates if c.item.kind == "goal"}
    served: dict[str, list[str]] = {}
    for new in plan.links:
        if new.link.dst in goals:
            served.setdefault(new.link.src, []).append(names[new.link.dst])
    meaning = {
        c.item.name: (tuple(sorted(served.get(c.item.id, []))), c.item.annual_cost)
        for c in plan.creates
        if c.item.kind == "program"
    }
    return meaning, plan


def sheet(
    wb: Any, title: str, rows: list[list[Any]], merges: tuple[str, ...] = (), first: bool = False
) -> Any:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for row in rows:
        ws.append(row)
    for merge in merges:
        ws.merge_cells(merge)
    return ws


def save(wb: Any, path: Path) -> Path:
    wb.save(path)
    return path


def lcap(path: Path, merged: bool) -> Path:
    wb = openpyxl.Workbook()
    rows = [
        ["Sierra Vista Unified School District"],
        ["Goals and Actions"],
        [],
        ["Goal #", "Action #", "Action Title / Goal Description", "LCFF Funds", "Total Funds"],
        [1, None, "Goal 1: Every student reads at grade level.", None, 300],
        [None, "1.1", "Lexia Core5 Reading", 100, 100],
        [None, "1.2", "Reading Coaches", 150, 200],
        [2, None, "Goal 2: Safe and engaging schools.", None, 50],
        [None, "2.1", "PBIS Tier 1", 50, 50],
        [None, None, "Totals", 300, 350],
    ]
    sheet(wb, "Action Tables", rows, ("A5:A7", "A8:A9") if merged else (), first=True)
    return save(wb, path)


def test_goal_rows_above_their_actions_are_goals_and_the_actions_serve_them(
    tmp_path: Path,
) -> None:
    for merged in (True, False):
        meaning, plan = imported(lcap(tmp_path / f"lcap{merged}.xlsx", merged))
        assert meaning == {
            "Lexia Core5 Reading": (("Every student reads at grade level",), 100),
            "Reading Coaches": (("Every student reads at grade level",), 200),
            "PBIS Tier 1": (("Safe and engaging schools",), 50),
        }, merged
        assert plan.layouts["Action Tables"] == (
            "Goals are the rows that start “Goal N:”; the rows under each are its actions."
        )


def test_a_goal_number_merged_down_its_block_serves_every_row_of_it(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    rows = [
        ["Goal #", "Program", "Annual Cost"],
        [1, "Lexia", 100],
        [None, "Coaches", 200],
        [None, "Tutoring", 300],
        [2, "PBIS", 50],
        [None, "Counselors", 60],
    ]
    sheet(wb, "Programs", rows, ("A2:A4", "A5:A6"), first=True)
    wb.create_sheet("Goals").append(["Goal #", "Goal"])
    wb["Goals"].append([1, "Literacy"])
    wb["Goals"].append([2, "Wellbeing"])
    meaning, _ = imported(save(wb, tmp_path / "merged.xlsx"))
    assert {name: goals for name, (goals, _) in meaning.items()} == {
        "Lexia": ("Literacy",),
        "Coaches": ("Literacy",),
        "Tutoring": ("Literacy",),
        "PBIS": ("Wellbeing",),
        "Counselors": ("Wellbeing",),
    }


def test_goals_numbered_1_above_actions_numbered_1_1(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    rows = [
        ["Strategic Plan Year 1 Budget"],
        ["#", "Goal / Action", "2025-26 Budget"],
        ["1", "LITERACY FOR ALL", 350],
        ["1.1", "Lexia", 100],
        ["1.2", "Coaches", 250],
        ["2", "WHOLE CHILD", 60],
        ["2.1", "Counselors", 60],
        [None, "Plan total", 410],
    ]
    sheet(wb, "Budget", rows, first=True)
    meaning, plan = imported(save(wb, tmp_path / "numbered.xlsx"))
    assert meaning == {
        "Lexia": (("LITERACY FOR ALL",), 100),
        "Coaches": (("LITERACY FOR ALL",), 250),
        "Counselors": (("WHOLE CHILD",), 60),
    }
    assert plan.layouts["Budget"].startswith("Goals are the rows numbered 1, 2…")


def test_one_tab_per_goal_makes_a_program_on_two_tabs_one_program_serving_both(
    tmp_path: Path,
) -> None:
    wb = openpyxl.Workbook()
    head = ["Initiative", "Lead", "Annual Cost"]
    sheet(wb, "How to use", [["One tab per goal."]], first=True)
    sheet(
        wb,
        "Goal 1 - Literacy",
        [
            ["Oak Ridge USD Tracker"],
            ["Goal 1: Every student reads"],
            [],
            head,
            ["Lexia", "D. Kim", 80],
            ["Tutoring", "D. Kim", 500],
            ["Tab total", None, 580],
        ],
    )
    sheet(
        wb,
        "Goal 2 - Wellbeing",
        [
            ["Oak Ridge USD Tracker"],
            ["Goal 2: Every student feels safe"],
            [],
            head,
            ["PBIS", "C. Alvarez", 50],
            ["Tutoring", "C. Alvarez", 500],
        ],
    )
    sheet(wb, "Archived", [head, ["Reading Plus", "-", 44]])
    meaning, plan = imported(save(wb, tmp_path / "tracker.xlsx"))
    assert meaning == {
        "Lexia": (("Every student reads",), 80),
        "Tutoring": (("Every student feels safe", "Every student reads"), 500),
        "PBIS": (("Every student feels safe",), 50),
    }
    assert not plan.problems
    assert any("Archived': skipped (an archive of ended programs" in n for n in plan.notes)
    assert plan.layouts["Goal 2 - Wellbeing"].startswith("Each tab is one goal")


def test_a_goals_sheet_of_goal_number_and_goal_area_is_the_list_of_goals(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    sheet(
        wb,
        "Goals",
        [
            ["Goal #", "Goal Area", "Measurable Outcome"],
            [1, "Reading", "62%"],
            [3, "Family", "80%"],
        ],
        first=True,
    )
    sheet(
        wb,
        "Budget",
        [["Activity", "Amount", "Goal #"], ["Lexia", 52, "1"], ["Family Nights", 9, "1;3"]],
    )
    meaning, plan = imported(save(wb, tmp_path / "title1.xlsx"))
    assert meaning == {"Lexia": (("Reading",), 52), "Family Nights": (("Family", "Reading"), 9)}
    assert not plan.problems


def test_a_goal_link_column_is_read_by_the_legend_not_by_the_title_block(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    rows = [
        ["Brookfield Area School District"],
        ["1 - Program Detail", "2 - User: dpatel", "Run Date: 05/19/2025 14:02"],
        [],
        ["Goal legend: 1 = Academic Excellence; 2 = Whole Child; 3 = Stewardship"],
        [],
        ["Program", "Department", "Goal Link (1/2/3)", "2025-26 Proposed"],
        ["INSTRUCTIONAL PROGRAMS", None, None, None],
        ["Lexia", "C&I", 1, 93],
        ["Chromebooks", "Business", "1;3", 694],
        ["Section 504", "Business", 2, 46],
    ]
    sheet(wb, "Program Detail", rows, first=True)
    meaning, plan = imported(save(wb, tmp_path / "book.xlsx"))
    assert {name: goals for name, (goals, _) in meaning.items()} == {
        "Lexia": ("Academic Excellence",),
        "Chromebooks": ("Academic Excellence", "Stewardship"),
        "Section 504": ("Whole Child",),
    }
    goals = sorted(c.item.name for c in plan.creates if c.item.kind == "goal")
    assert goals == ["Academic Excellence", "Stewardship", "Whole Child"]


def test_a_column_naming_the_district_on_every_row_is_not_the_program_name(
    tmp_path: Path,
) -> None:
    path = tmp_path / "conapp.csv"
    lines = ["LEA Name,ESSA Program,Activity Description,Budgeted Amount,LEA Goal(s)"]
    for activity, amount, goal in (
        ("Reading Teachers", 100, 1),
        ("Math Coaches", 200, 2),
        ("Reading Teachers", 50, 1),
        ("Indirect Costs", 10, ""),
    ):
        lines.append(f'Riverbend ISD,"Title I, Part A",{activity},{amount},{goal}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    meaning, _ = imported(path)
    assert meaning == {
        "Reading Teachers": (("Goal 1",), 150),
        "Math Coaches": (("Goal 2",), 200),
        "Indirect Costs": ((), 10),
    }


def test_section_headings_over_full_rows_are_not_programs(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    rows = [
        ["Line", "Activity", "District Goal", "Start Date", "FY25 Budget"],
        [None, "Required 20% Reservation — Lost Instructional Time", None, None, None],
        [1, "Read 180", "Goal 1", "2021-07-01", 55],
        [2, "Summer Bridge", "Goal 1", "2021-07-01", 88],
        [None, "Administration", None, None, None],
        [3, "Indirect Costs", None, "2023-07-01", 59],
        [None, "Allocation 2025-26 (preliminary):", None, None, 1250],
    ]
    sheet(wb, "ESSER III Plan", rows, first=True)
    meaning, plan = imported(save(wb, tmp_path / "esser.xlsx"))
    assert sorted(meaning) == ["Indirect Costs", "Read 180", "Summer Bridge"]
    reasons = {label: why for _, label, why in plan.left_out}
    assert reasons["Administration"] == "a heading"
    assert reasons["Allocation 2025-26 (preliminary):"] == (
        "the allocation: the money to budget, not a program"
    )


def test_goals_known_only_by_the_names_a_column_gives_are_created(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Program;Goal;Budget\n"
        "Zearn Math;Student Achievement;35.154,53\n"
        "Family Nights;Family Partnerships, Student Achievement;1.250,00\n",
        encoding="cp1252",
    )
    meaning, plan = imported(path)
    assert meaning == {
        "Zearn Math": (("Student Achievement",), 35154.53),
        "Family Nights": (("Family Partnerships", "Student Achievement"), 1250.0),
    }
    assert not plan.warnings
    assert any("created for the goals the sheet names" in n for n in plan.notes)


def test_the_preview_counts_the_programs_that_will_serve_no_goal(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    rows = [["Program", "Goal", "Cost"], ["Lexia", "Reading", 1], ["Buses", None, 2]]
    sheet(wb, "Programs", rows, first=True)
    _, plan = imported(save(wb, tmp_path / "some.xlsx"))
    assert plan.programs_serving_no_goal() == ["Buses"]


def test_a_chosen_layout_overrides_the_one_recognised(tmp_path: Path) -> None:
    path = lcap(tmp_path / "lcap.xlsx", merged=True)
    sheets = read_spreadsheet(path)
    flat = plan_import(sheets, None, District(), layout=layouts.FLAT)
    assert flat.layout_kinds == {"Action Tables": layouts.FLAT}
    assert not [c for c in flat.creates if c.item.kind == "goal" and "Every" in c.item.name]
    blocks = plan_import(read_spreadsheet(path), None, District(), layout=layouts.BLOCKS)
    assert blocks.layout_kinds == {"Action Tables": layouts.BLOCKS}


def test_a_layout_it_cannot_read_says_what_to_change_and_imports_nothing(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    sheet(wb, "Programs", [["Program", "Cost"], ["Lexia", 1], ["PBIS", 2]], first=True)
    path = save(wb, tmp_path / "flat.xlsx")
    for layout, message in (
        (
            layouts.BLOCKS,
            "no goal rows were found (rows 2 to 3): a goal row starts “Goal 1:” in the "
            "'Program' column, or is numbered 1 above its actions numbered 1.1, 1.2; write "
            "the goal rows so, or choose another layout",
        ),
        (
            layouts.TABS,
            "the title above the table (nothing) names no goal, and neither does the tab's "
            "name; put a line “Goal 1: its name” above the table, or choose another layout",
        ),
    ):
        plan = plan_import(read_spreadsheet(path), None, District(), layout=layout)
        assert [str(p) for p in plan.problems] == [f"flat.xlsx, sheet 'Programs': {message}"]
        assert plan.without_problem_rows().is_empty


def test_a_goal_column_filled_on_each_blocks_first_row_serves_the_block(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    rows = [
        ["Goal", "Program", "Annual Cost"],
        ["Goal 1", "Lexia", 100],
        [None, "Coaches", 200],
        ["Goal 2", "PBIS", 50],
        [None, "Counselors", 60],
        [None, "Nurses", 70],
    ]
    sheet(wb, "Programs", rows, first=True)
    meaning, _ = imported(save(wb, tmp_path / "first.xlsx"))
    assert {name: goals for name, (goals, _) in meaning.items()} == {
        "Lexia": ("Goal 1",),
        "Coaches": ("Goal 1",),
        "PBIS": ("Goal 2",),
        "Counselors": ("Goal 2",),
        "Nurses": ("Goal 2",),
    }
    # Goals written on every row but blank on some (a Title I budget's reservations): a
    # blank there is no goal, not the goal of the row above.
    wb = openpyxl.Workbook()
    rows = [["Activity", "Amount", "Goal #"], ["Equitable Services", 35, None]]
    rows += [["McKinney-Vento", 45, "4"], ["Indirect Costs", 63, None], ["Lexia", 52, "1"]]
    rows += [["Zearn", 21, "1"], ["Family Nights", 9, "4"]]
    sheet(wb, "Budget", rows, first=True)
    meaning, _ = imported(save(wb, tmp_path / "repeat.xlsx"))
    assert meaning["Indirect Costs"][0] == () and meaning["Equitable Services"][0] == ()


def test_goals_on_their_own_sheet_are_found_by_their_codes(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    sheet(
        wb,
        "Priorities",
        [["Code", "Strategic Priority"], ["SP1", "Literacy"], ["SP2", "Belonging"]],
        first=True,
    )
    sheet(
        wb,
        "Inventory",
        [
            ["Initiative", "Strategic Priority", "Annual Cost"],
            ["Lexia", "SP1", 10],
            ["Tutoring", "SP1, SP2", 20],
            ["Counselors", "Belonging", 30],
        ],
    )
    meaning, plan = imported(save(wb, tmp_path / "codes.xlsx"))
    assert meaning == {
        "Lexia": (("Literacy",), 10),
        "Tutoring": (("Belonging", "Literacy"), 20),
        "Counselors": (("Belonging",), 30),
    }
    assert not plan.warnings and not plan.problems
