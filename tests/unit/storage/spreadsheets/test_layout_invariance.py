"""What a sheet means does not depend on where its table sits or how its author words it:
reordering rows, moving the table down under a title block, renaming headers to synonyms or
adding hidden columns that hold nothing the plan needs changes nothing imported."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.storage.spreadsheets.test_layouts import imported

PROGRAMS = [
    ("Lexia Core5 Reading", 93800, "1"),
    ("Instructional Coaches - Math", 316200, "1;3"),
    ("PBIS Tier 1 Implementation", 49100, "2"),
    ("Mental Health Clinicians", 811450, "2"),
    ("1:1 Chromebook Refresh", 694800, "1, 3"),
    ("Data Platform (Illuminate)", 75800, "3"),
]
GOALS = {"1": "Academic Excellence", "2": "Whole Child", "3": "Operational Stewardship"}
NAME = ["Program", "Program Name", "Initiative", "Activity", "Program / Activity"]
COST = ["Annual Cost", "Budget", "Total Cost", "Annual Budget", "Cost ($)"]
GOAL = ["Goal(s)", "Goals Served", "Supports Goal", "Aligned Goals", "Goal Link (1/2/3)"]
UNRELATED = ["Internal Ref", "Row Colour", "Sort Key"]

EXPECTED = {
    name: (tuple(sorted(GOALS[g.strip()] for g in goals.replace(",", ";").split(";"))), cost)
    for name, cost, goals in PROGRAMS
}


def write(
    path: Path,
    order: list[int],
    title_lines: int,
    headers: tuple[str, str, str],
    hidden: list[int],
) -> Path:
    """The inventory: a Goals sheet, and the programs in `order` under `title_lines` lines
    of title, with `headers`, and a hidden unrelated column before each index in `hidden`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Program Detail"
    for i in range(title_lines):
        ws.append(["Brookfield Area School District" if i == 0 else f"Budget book, page {i}"])
    if title_lines:
        ws.append([])
    columns: list[tuple[str, Any]] = [
        (headers[0], lambda p: p[0]),
        (headers[1], lambda p: p[1]),
        (headers[2], lambda p: p[2]),
    ]
    for n, at in enumerate(sorted(hidden, reverse=True)):
        columns.insert(at, (UNRELATED[n], lambda p, n=n: f"X{n}-{len(p[0])}"))
    ws.append([header for header, _ in columns])
    for index in order:
        ws.append([value(PROGRAMS[index]) for _, value in columns])
    for n, (header, _) in enumerate(columns, start=1):
        if header in UNRELATED:
            ws.column_dimensions[openpyxl.utils.get_column_letter(n)].hidden = True
    goals = wb.create_sheet("Goals")
    goals.append(["Goal #", "Goal"])
    for number, name in GOALS.items():
        goals.append([int(number), name])
    wb.save(path)
    return path


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    order=st.permutations(range(len(PROGRAMS))),
    title_lines=st.integers(min_value=0, max_value=6),
    headers=st.tuples(st.sampled_from(NAME), st.sampled_from(COST), st.sampled_from(GOAL)),
    hidden=st.lists(st.integers(min_value=0, max_value=3), max_size=len(UNRELATED)),
)
def test_moving_reordering_renaming_and_hiding_change_nothing_imported(
    order: list[int], title_lines: int, headers: tuple[str, str, str], hidden: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "book.xlsx", order, title_lines, headers, hidden)
        meaning, plan = imported(path)
    assert meaning == EXPECTED
    assert not plan.problems and not plan.warnings


def write_blocks(path: Path, orders: list[list[int]], title_lines: int, header: str) -> Path:
    """Goal rows above their actions, each block's actions in the order given."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Action Tables"
    for i in range(title_lines):
        ws.append([f"Sierra Vista USD, LCAP table {i + 1}"])
    ws.append(["Goal #", "Action #", header, "Total Funds"])
    blocks = {1: [0, 1, 4], 2: [2, 3], 3: [5]}
    for (number, members), order in zip(blocks.items(), orders, strict=True):
        ws.append([number, None, f"Goal {number}: {GOALS[str(number)]}", 0])
        for k in order:
            program = PROGRAMS[members[k]]
            ws.append([None, f"{number}.{k + 1}", program[0], program[1]])
    wb.save(path)
    return path


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    orders=st.tuples(
        st.permutations(range(3)), st.permutations(range(2)), st.permutations(range(1))
    ),
    title_lines=st.integers(min_value=0, max_value=5),
    header=st.sampled_from(["Action Title / Goal Description", "Goal / Action", "Action"]),
)
def test_goal_blocks_mean_the_same_however_the_actions_are_ordered_or_placed(
    orders: tuple[list[int], ...], title_lines: int, header: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_blocks(Path(folder) / "lcap.xlsx", list(orders), title_lines, header)
        meaning, _ = imported(path)
    block_of = {0: "1", 1: "1", 4: "1", 2: "2", 3: "2", 5: "3"}
    assert meaning == {
        PROGRAMS[i][0]: ((GOALS[block_of[i]],), PROGRAMS[i][1]) for i in range(len(PROGRAMS))
    }
