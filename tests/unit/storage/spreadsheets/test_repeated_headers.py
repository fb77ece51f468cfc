"""A plan written as one table per goal (a campus improvement plan): the goal's line and
an objective line above a header row that repeats over each block, "Strategy N: name" rows,
and a last block with no goal line whose rows name their goal in a column (layouts.py,
header_repeats.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from coherence_planner.storage.spreadsheets import layouts
from tests.unit.storage.spreadsheets.test_layouts import imported

HEADER = ["Strategy", "Staff Responsible", "Funding Source", "Amount", "Problem Statement"]


def campus_plan(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CIP 2025-2026"
    rows: list[list[object]] = [
        ["Riverbend Independent School District"],
        ["Lincoln Elementary: Campus Improvement Plan 2025-2026"],
        [],
        ["Goal 1: Every student reads at grade level."],
        ["Performance Objective 1: By May 2026, 80% of students meet the reading target."],
        HEADER,
        ["Strategy 1: Lexia Core5 Reading", "Principal", "211 - Title I, Part A", 99750, "PoP 1"],
        ["Strategy 2: Reading Intervention Teachers", "AP", "199 - General Fund", 103400, "PoP 2"],
        [],
        ["Goal 2: Students attend a safe, supportive school."],
        ["Performance Objective 2: Chronic absence falls below 10%."],
        HEADER,
        ["Strategy 1: PBIS Tier 1 Implementation", "AP", "199 - General Fund", 77900, "PoP 3"],
        ["Strategy 2: Attendance Intervention Team", "Counselor", "211 - Title I", 109200, "PoP 4"],
        [],
        ["Required Title I Reservations"],
        HEADER,
        ["Homeless Student Support", "Counselor", "211 - Title I, Part A", 41450, "Goal 2"],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_each_goals_own_table_is_read_as_that_goals_actions(tmp_path: Path) -> None:
    meaning, plan = imported(campus_plan(tmp_path / "cip.xlsx"))
    reading = ("Every student reads at grade level",)
    safe = ("Students attend a safe, supportive school",)
    assert meaning == {
        "Lexia Core5 Reading": (reading, 99750),
        "Reading Intervention Teachers": (reading, 103400),
        "PBIS Tier 1 Implementation": (safe, 77900),
        "Attendance Intervention Team": (safe, 109200),
        # The reservations block has no goal line: its row names its goal itself.
        "Homeless Student Support": (safe, 41450),
    }
    assert plan.layout_kinds["CIP 2025-2026"] == layouts.BLOCKS
    assert "header row that repeats" in plan.layouts["CIP 2025-2026"]
    assert plan.district_name == "Riverbend Independent School District"
    assert not plan.problems
    # The repeated headers and the lines above them that name no goal are named as left out.
    left_out = sorted((row[2], why) for row, _, why in plan.left_out)
    assert left_out == [
        (5, "a line above a block's header"),
        (11, "a line above a block's header"),
        (12, "the header row again"),
        (16, "a line above a block's header"),
        (17, "the header row again"),
    ]
