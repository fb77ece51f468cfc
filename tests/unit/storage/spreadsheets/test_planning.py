"""Import plans: what a sheet would create, update and link, and the problems it would stop on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from coherence_planner.domain.model.codec import district_to_dict
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Link, Program, Strategy
from coherence_planner.storage.spreadsheets.plan import ImportRefused
from coherence_planner.storage.spreadsheets.planning import guess_mappings, plan_import
from coherence_planner.storage.spreadsheets.reading import read_spreadsheet


def district_with_goals() -> District:
    district = District(name="Riverside Unified")
    district.add_item(Goal(id="G1", name="Every student reads by grade 3"))
    district.add_item(Goal(id="G2", name="Algebra for all by grade 9"))
    district.add_item(Strategy(id="S1", name="Tiered literacy support"))
    district.add_item(Program(id="P4", name="Existing Program"))
    district.add_link(Link("S1", "G1"))
    return district


def inventory(path: Path, rows: list[list[Any]], title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Program Inventory"
    if title:
        ws.append(["Riverside USD programs, 2026-27"])
        ws.append([])
    ws.append(
        [
            "Program Name",
            "Annual Cost ($)",
            "Grades Served",
            "MTSS Tier",
            "ESSA Tier",
            "# Students",
            "Status",
            "Aligned to",
            "Vendor",
        ]
    )
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    [
        "Read Well",
        "$120,000",
        "K-3",
        "Tier 2",
        "Strong",
        "1,250",
        "Active",
        "Tiered literacy support",
        "Acme",
    ],
    [
        "Math Boost",
        "45k",
        "Grades 6-8",
        "II",
        "Promising",
        300,
        "Retiring",
        "Algebra for all by grade 9",
        None,
    ],
    [None, None, None, None, None, None, None, None, None],
    ["Existing Program", "(none)", "Kindergarten", "", "n/a", "", "", "G1; S1", ""],
]


def test_a_messy_inventory_plans_creates_updates_and_links(tmp_path: Path) -> None:
    district = district_with_goals()
    sheets = read_spreadsheet(inventory(tmp_path / "inv.xlsx", ROWS))
    plan = plan_import(sheets, None, district, source="inv.xlsx")
    assert plan.problems == []
    assert [(c.item.id, c.item.name) for c in plan.creates] == [
        ("P5", "Read Well"),
        ("P6", "Math Boost"),
    ]
    read_well = plan.creates[0].item
    assert read_well.annual_cost == 120000  # type: ignore[attr-defined]
    assert read_well.grades == ["K-3"]  # type: ignore[attr-defined]
    assert read_well.tier == 2  # type: ignore[attr-defined]
    assert read_well.evidence_tier == 1  # type: ignore[attr-defined]
    assert read_well.students_served == 1250  # type: ignore[attr-defined]
    assert plan.creates[1].item.status == "sunsetting"
    assert [(u.item_id, u.changes) for u in plan.updates] == [("P4", {"grades": ([], ["K"])})]
    assert [(n.link.src, n.link.dst) for n in plan.links] == [
        ("P5", "S1"),
        ("P6", "G2"),
        ("P4", "G1"),
        ("P4", "S1"),
    ]
    assert plan.notes == ["inv.xlsx, sheet 'Program Inventory': columns not imported: 'Vendor'"]

    before = district_to_dict(district)
    command = plan.to_command(district)
    assert command.text == "Import from inv.xlsx (2 new items, 1 updated, 4 new links)"
    changes = command.do(district)
    assert changes.items == {"P5", "P6", "P4"}
    assert district.items["P4"].grades == ["K"]  # type: ignore[attr-defined]
    command.undo(district)
    assert district_to_dict(district) == before


def test_reimporting_the_same_sheet_is_a_no_op_and_changes_update_in_place(
    tmp_path: Path,
) -> None:
    district = district_with_goals()
    path = inventory(tmp_path / "inv.xlsx", ROWS)
    plan_import(read_spreadsheet(path), None, district).to_command(district).do(district)
    count = len(district)
    again = plan_import(read_spreadsheet(path), None, district)
    assert again.is_empty and again.problems == []

    changed = [list(r) for r in ROWS]
    changed[0][1] = "$130,000"
    changed[1][0] = "  math BOOST "  # matched by trimmed, case-insensitive name
    changed[1][6] = "Retired"
    path = inventory(tmp_path / "inv2.xlsx", changed)
    plan = plan_import(read_spreadsheet(path), None, district)
    assert plan.creates == []
    assert sorted((u.item_id, sorted(u.changes)) for u in plan.updates) == [
        ("P5", ["annual_cost"]),
        ("P6", ["name", "status"]),
    ]
    plan.to_command(district).do(district)
    assert len(district) == count
    assert district.items["P5"].annual_cost == 130000  # type: ignore[attr-defined]
    assert district.items["P6"].status == "retired"


def test_unreadable_cells_are_warnings_on_imported_rows_all_in_one_pass(tmp_path: Path) -> None:
    district = district_with_goals()
    rows = [
        ["Read Well", "lots", "K-3", "", "", "", "", "", ""],
        ["Math Boost", "", "grade thirteen", "Tier 9", "", "", "", "No Such Goal; G2", ""],
        ["Fine Program", "$5", "", "", "", "", "", "G1", ""],
        [None, "$7", "K", "", "", "", "", "Moonshot", ""],
    ]
    path = inventory(tmp_path / "bad.xlsx", rows)
    plan = plan_import(read_spreadsheet(path), None, district)
    where = "bad.xlsx, sheet 'Program Inventory'"
    assert [str(p) for p in plan.problems] == [
        f"{where}, row 7, column 'Program Name': the name is empty"
    ]
    # Every unreadable cell of every row, the goal references included, in one pass.
    assert sorted(str(w) for w in plan.warnings) == sorted(
        [
            f"{where}, row 4, column 'Annual Cost ($)': 'lots' is not an amount of money "
            "(write it like $120,000 or 1.2M); imported without it",
            f"{where}, row 5, column 'Grades Served': 'thirteen' is not a grade (use PK, K, 1 "
            "to 12, or a range like K-3); imported without it",
            f"{where}, row 5, column 'MTSS Tier': 'Tier 9' is not an MTSS tier (use 1, 2, 3 or "
            "leave it blank); imported without it",
            f"{where}, row 5, column 'Aligned to': no goal or strategy is named 'No Such Goal'; "
            "that link was left out",
            f"{where}, row 7, column 'Aligned to': no goal or strategy is named 'Moonshot'; "
            "that link was left out",
        ]
    )
    with pytest.raises(ImportRefused, match="nothing was imported: 1 problem"):
        plan.to_command(district)
    command = plan.to_command(district, skip_problem_rows=True)
    command.do(district)
    programs = {i.name: i for i in district.items_of("program")}
    assert sorted(programs) == ["Existing Program", "Fine Program", "Math Boost", "Read Well"]
    assert programs["Read Well"].annual_cost is None  # type: ignore[attr-defined]
    assert programs["Read Well"].grades == ["K-3"]  # type: ignore[attr-defined]
    assert [(ln.src, ln.dst) for ln in district.ordered_links()] == [
        ("S1", "G1"),
        ("P6", "G2"),
        ("P7", "G1"),
    ]


def test_unknown_link_target_is_a_warning_and_the_item_is_imported(tmp_path: Path) -> None:
    district = district_with_goals()
    rows = [["Solo", "", "", "", "", "", "", "Moonshot goal; G2", ""]]
    plan = plan_import(read_spreadsheet(inventory(tmp_path / "l.xlsx", rows)), None, district)
    assert plan.problems == []
    assert [str(p) for p in plan.warnings] == [
        "l.xlsx, sheet 'Program Inventory', row 4, column 'Aligned to': no goal or strategy "
        "is named 'Moonshot goal'; that link was left out"
    ]
    assert [c.item.name for c in plan.creates] == ["Solo"]
    assert [(n.link.src, n.link.dst) for n in plan.links] == [("P5", "G2")]


def test_ids_in_the_sheet_are_kept_and_new_ids_do_not_collide(tmp_path: Path) -> None:
    district = district_with_goals()
    path = tmp_path / "ids.csv"
    path.write_text("ID,Name,Type\nP9,Nine,PD\n,Unnamed id,SEL\nG1,Clash,\n")
    plan = plan_import(read_spreadsheet(path), None, district)
    assert [str(p) for p in plan.problems] == [
        "ids.csv, row 4, column 'ID': id G1 belongs to the goal 'Every student reads by grade 3'"
    ]
    assert [(c.item.id, c.item.type) for c in plan.creates] == [  # type: ignore[attr-defined]
        ("P9", "professional-learning"),
        ("P5", "student-support"),
    ]


def test_mapping_file_entries_override_the_guess(tmp_path: Path) -> None:
    district = district_with_goals()
    path = tmp_path / "odd.csv"
    path.write_text("Thing;Money;Kids\nChess club;$900;40\n", encoding="utf-8")
    sheets = read_spreadsheet(path)
    mappings = {
        "*": {
            "kind": "program",
            "columns": {"Thing": "name", "Money": "annual_cost", "Kids": "students_served"},
        }
    }
    plan = plan_import(sheets, mappings, district)  # type: ignore[arg-type]
    (new,) = plan.creates
    assert (new.item.name, new.item.annual_cost, new.item.students_served) == (  # type: ignore[attr-defined]
        "Chess club",
        900,
        40,
    )
    missing = {"*": {"kind": "program", "columns": {"Name": "name"}}}
    plan = plan_import(sheets, missing, district)  # type: ignore[arg-type]
    assert "names a column 'Name' that this sheet does not have" in str(plan.problems[0])


def test_a_workbook_with_goals_and_programs_links_items_it_creates(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    goals = wb.active
    goals.title = "Goals"
    goals.append(["Goal", "Owner"])
    goals.append(["Graduation for all", "Supt."])
    programs = wb.create_sheet("Programs")
    programs.append(["Name", "Supports goal"])
    programs.append(["Mentors", "graduation for all"])
    path = tmp_path / "both.xlsx"
    wb.save(path)
    district = District()
    plan = plan_import(read_spreadsheet(path), None, district)
    assert plan.problems == []
    plan.to_command(district).do(district)
    assert [(ln.src, ln.dst) for ln in district.ordered_links()] == [("P1", "G1")]


def test_the_same_name_on_two_sheets_of_one_kind_is_reported(tmp_path: Path) -> None:
    # Two schools' tabs (two years' tabs are history and the earlier is left out:
    # test_year_tabs.py).
    wb = openpyxl.Workbook()
    wb.active.title = "Programs East"
    wb.active.append(["Program Name"])
    wb.active.append(["Mentors"])
    second = wb.create_sheet("Programs West")
    second.append(["Program Name"])
    second.append(["mentors"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    plan = plan_import(read_spreadsheet(path), None, District())
    assert [c.item.id for c in plan.creates] == ["P1"]
    assert [str(p) for p in plan.problems] == [
        "two.xlsx, sheet 'Programs West', row 2: 'mentors' is also at two.xlsx, sheet "
        "'Programs East', row 2"
    ]


def test_a_totals_row_is_skipped_with_a_note(tmp_path: Path) -> None:
    rows = [
        ["Read Well", "$100", "", "", "", "", "", "", ""],
        ["Grand Total:", "$100", "", "", "", "", "", "", ""],
    ]
    plan = plan_import(read_spreadsheet(inventory(tmp_path / "t.xlsx", rows)), None, District())
    assert [c.item.name for c in plan.creates] == ["Read Well"]
    assert (
        "t.xlsx, sheet 'Program Inventory': skipped 1 row that is not a program: "
        "row 5 'Grand Total:' (a total)" in plan.notes
    )


def test_guess_mappings_is_what_plan_import_uses(tmp_path: Path) -> None:
    sheets = read_spreadsheet(inventory(tmp_path / "g.xlsx", ROWS))
    mappings = guess_mappings(sheets)
    assert mappings["Program Inventory"]["kind"] == "program"
    assert mappings["Program Inventory"]["columns"]["Aligned to"] == "supports"
    district = district_with_goals()
    guessed = plan_import(sheets, mappings, district)
    default = plan_import(sheets, None, district)
    assert [c.item.name for c in guessed.creates] == [c.item.name for c in default.creates]


def indicator_sheet(path: Path, rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indicators"
    ws.append(["Goal", "Indicator", "Unit", "Baseline", "Current", "Target", "Target year"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_indicator_cells_meet_the_plans_rules_like_every_other_cell(tmp_path: Path) -> None:
    """The Indicators sheet reads its cells on the same path as the item sheets
    (`parse_field`), so a name longer than the plan holds is a problem at its place, as it is
    on a goal's row, instead of an indicator the saved plan would refuse."""
    path = indicator_sheet(
        tmp_path / "ind.xlsx",
        [
            ["G1", "Reading proficiency " * 60, "%", 41, 48, 70, 2028],
            ["G2", "Algebra gap", "pts", -12, -8, -3, 2029],
            ["G2", "", "", 1, 2, 3, None],
        ],
    )
    plan = plan_import(read_spreadsheet(path), None, district_with_goals())
    assert [(p.place, p.message) for p in plan.problems] == [
        (
            "ind.xlsx, sheet 'Indicators', row 2, column 'Indicator'",
            "Indicator is 1,199 characters long; the most is 1,000",
        )
    ]
    # Negative indicator numbers and an indicator with no name yet are still read.
    (update,) = plan.updates
    assert update.item_id == "G2"
    _, indicators = update.changes["indicators"]
    assert [(i.name, i.baseline, i.target) for i in indicators] == [
        ("Algebra gap", -12, -3),
        ("", 1, 3),
    ]


def test_an_import_that_would_pass_the_plans_size_is_refused_whatever_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are not items (issue 29): the plan's size is held on the items the import
    would create, and skipping problem rows does not let it through."""
    from coherence_planner.domain.model import fields as F

    district = district_with_goals()  # 4 items
    monkeypatch.setattr(F, "MAX_ITEMS", 5)
    sheets = read_spreadsheet(inventory(tmp_path / "inv.xlsx", ROWS))
    plan = plan_import(sheets, None, district, source="inv.xlsx")
    assert [str(p) for p in plan.problems] == [
        "inv.xlsx: the import would add at least 2 goals, strategies, programs and policies "
        "to the plan's 4, more than the 5 items one plan holds; split the file, and import "
        "the parts into separate plans"
    ]
    for skip in (False, True):
        with pytest.raises(ImportRefused, match="more than the 5 items one plan holds"):
            plan.to_command(district, skip_problem_rows=skip)
    assert len(district.items) == 4


def test_planning_stops_once_the_new_items_pass_the_plans_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal comes as soon as it is known (issue 29: 100,000 rows were planned whole,
    10-20 s, to be refused): the rows after the item that passes the size are not planned,
    and the part planned is refused whatever is skipped."""
    from coherence_planner.domain.model import fields as F

    district = district_with_goals()  # 4 items
    monkeypatch.setattr(F, "MAX_ITEMS", 6)
    rows = [[f"Program {n}", 1000 + n] for n in range(10)]
    rows.insert(1, ["Bad Money", "lots"])  # a warning: still an item
    sheets = read_spreadsheet(inventory(tmp_path / "inv.xlsx", rows))
    plan = plan_import(sheets, None, district, source="inv.xlsx")
    assert plan.cut_short
    assert [c.item.name for c in plan.creates] == ["Program 0", "Bad Money", "Program 1"]
    assert [str(p) for p in plan.problems if p.row is None] == [
        "inv.xlsx: the import would add at least 3 goals, strategies, programs and policies "
        "to the plan's 4, more than the 6 items one plan holds; split the file, and import "
        "the parts into separate plans"
    ]
    assert plan.without_problem_rows().cut_short
    for skip in (False, True):
        with pytest.raises(ImportRefused, match=r"at least 3 goals.*more than the 6 items"):
            plan.to_command(district, skip_problem_rows=skip)
    assert len(district.items) == 4
    # At the size exactly, nothing is cut short.
    monkeypatch.setattr(F, "MAX_ITEMS", 15)
    plan = plan_import(sheets, None, district, source="inv.xlsx")
    assert not plan.cut_short and len(plan.creates) == 11
    assert not [p for p in plan.problems if p.row is None]


def test_a_plan_cut_short_has_no_totals_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan cut short at the plan's size is refused: its totals are not checked (the rows
    after the cut are not left out, and checking them took minutes at 40,000 rows)."""
    from coherence_planner.domain.model import fields as F
    from coherence_planner.storage.spreadsheets.money_mapping import explain_money

    rows = [[f"Program {n}", 1000 + n] for n in range(10)] + [["Total", 10046]]
    sheets = read_spreadsheet(inventory(tmp_path / "inv.xlsx", rows))
    said = {}
    for cap in (15, 6):
        monkeypatch.setattr(F, "MAX_ITEMS", cap)
        plan = plan_import(sheets, None, district_with_goals(), source="inv.xlsx")
        explain_money(plan, sheets, None)
        said[plan.cut_short] = plan.money_said
    assert said[False] == [
        "Totals: sheet 'Program Inventory', row 14 'Total' says $10,046, but its 10 rows "
        "(rows 4-13) add up to $10,045: the sheet's own total is $1 too high: no row explains "
        "it (it may be typed in, or miss a row), so the rows were imported as they are"
    ]
    assert said[True] == []
