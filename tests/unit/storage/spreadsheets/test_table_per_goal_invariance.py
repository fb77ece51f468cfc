"""A plan written one table per goal, or with its goals marked only by their look, means
the same however its goals and their actions are ordered, however far down the table
starts, whatever its money column is called, and however its goal rows stand out
(header_repeats.py, cell_styles.py, layouts.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Alignment, Font, PatternFill

from tests.unit.storage.spreadsheets.test_layouts import imported

GOALS = ["Every Student Reads", "Safe and Supportive Schools", "Families as Partners"]
ACTIONS = [
    [("Lexia Core5 Reading", 99750), ("Reading Intervention Teachers", 103400)],
    [("PBIS Tier 1 Implementation", 77900), ("Attendance Team", 109200), ("Second Step", 6150)],
    [("Parent University", 57200), ("Family Literacy Nights", 10395)],
]
COST = ["Amount", "Budget", "Annual Cost", "Cost ($)"]
EXPECTED = {
    name: ((GOALS[g],), cost) for g, actions in enumerate(ACTIONS) for name, cost in actions
}
ORDERS = st.tuples(
    st.permutations(range(3)),
    st.permutations(range(2)),
    st.permutations(range(3)),
    st.permutations(range(2)),
)
settled = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _title(ws: Any, lines: int) -> None:
    for i in range(lines):
        ws.append(["Riverbend ISD" if i == 0 else f"Campus plan, page {i}"])
    if lines:
        ws.append([])


@settled
@given(orders=ORDERS, title_lines=st.integers(0, 4), cost=st.sampled_from(COST))
def test_one_table_per_goal_means_the_same_in_any_order(
    orders: tuple[list[int], ...], title_lines: int, cost: str
) -> None:
    goal_order, *row_orders = orders
    wb = openpyxl.Workbook()
    ws = wb.active
    _title(ws, title_lines)
    for g in goal_order:
        ws.append([f"Goal {g + 1}: {GOALS[g]}"])
        ws.append([f"Performance Objective {g + 1}: the target in the needs assessment."])
        ws.append(["Strategy", "Staff Responsible", cost])
        for n, k in enumerate(row_orders[g], start=1):
            name, money = ACTIONS[g][k]
            ws.append([f"Strategy {n}: {name}", "Principal", money])
        ws.append([])
    with tempfile.TemporaryDirectory() as folder:
        wb.save(Path(folder) / "cip.xlsx")
        meaning, plan = imported(Path(folder) / "cip.xlsx")
    assert meaning == EXPECTED
    assert not plan.problems


@settled
@given(
    orders=ORDERS,
    title_lines=st.integers(0, 4),
    cost=st.sampled_from(COST),
    look=st.sampled_from(["shaded", "bold", "set left"]),
)
def test_goal_rows_known_by_their_look_mean_the_same_in_any_order(
    orders: tuple[list[int], ...], title_lines: int, cost: str, look: str
) -> None:
    goal_order, *row_orders = orders
    wb = openpyxl.Workbook()
    ws = wb.active
    _title(ws, title_lines)
    ws.append(["Initiative", "Lead", cost])
    for g in goal_order:
        ws.append([GOALS[g]])
        cell = ws.cell(ws.max_row, 1)
        if look == "shaded":
            cell.fill = PatternFill("solid", fgColor="D9E1F2")
        elif look == "bold":
            cell.font = Font(bold=True)
        for k in row_orders[g]:
            name, money = ACTIONS[g][k]
            ws.append([name, "Director", money])
            if look == "set left":
                ws.cell(ws.max_row, 1).alignment = Alignment(indent=1)
    with tempfile.TemporaryDirectory() as folder:
        wb.save(Path(folder) / "plan.xlsx")
        meaning, plan = imported(Path(folder) / "plan.xlsx")
    assert meaning == EXPECTED
    assert not plan.problems
