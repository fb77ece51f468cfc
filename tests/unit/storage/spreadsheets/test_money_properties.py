"""The cost column does not depend on where the columns are or which others are hidden
(issue 23): any order of a finance export's columns, any of them but the chosen one hidden,
and the money a cabinet means is still the revised budget of the plan's year."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coherence_planner.storage.spreadsheets.money_columns import choose_cost_column
from coherence_planner.storage.spreadsheets.sheet import Row, Sheet

COLUMNS = {
    "Project Description": ["AVID Secondary", "Lexia Core5 Reading", "Counselors"],
    "Owner": ["Ann", "Bo", "Cy"],
    "FY2024 Actual": [90_000.0, 12_000.0, 300_000.0],
    "FY2025 Original Budget": [100_000.0, 15_000.0, 310_000.0],
    "FY2025 Revised Budget": [112_500.0, 14_000.0, 305_000.0],
    "FY2025 Encumbrances": [5_000.0, 0.0, 25_000.0],
    "FY2025 Available Budget": [60_000.0, 2_000.0, 80_000.0],
    "Notes": ["", "pilot", ""],
}
CHOSEN = "FY2025 Revised Budget"


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(list(COLUMNS)),
    hidden=st.sets(st.sampled_from([h for h in COLUMNS if h != CHOSEN])),
)
def test_order_and_hidden_columns_change_nothing(order: list[str], hidden: set[str]) -> None:
    sheet = Sheet("ledger.xlsx", "FY2025", 1, list(order))
    sheet.rows = [
        Row(n + 2, tuple(COLUMNS[h][n] for h in order)) for n in range(len(COLUMNS[CHOSEN]))
    ]
    sheet.hidden_columns = {order.index(h) + 1 for h in hidden}
    choice = choose_cost_column(sheet)
    assert choice.chosen is not None and choice.chosen.header == CHOSEN
    assert {c.header for c in choice.others if c.hidden} == hidden & {
        "FY2024 Actual",
        "FY2025 Original Budget",
        "FY2025 Encumbrances",
    }
