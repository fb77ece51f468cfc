"""A whole cabinet rates: fifteen members, ten programs, scores typed as a person would,
"don't know" among them, and the spread shown as a range with the mean beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.ui.retreat.ratings import (
    DONT_KNOW_TEXT,
    FIRST_MEMBER_COLUMN,
    MemberDialog,
    score_text,
)
from tests.gui.helpers import wait_for_analysis

CABINET = [
    ("Dr. Ana Ruiz", "Superintendent"),
    ("Ms. Li Chen", "Chief Academic Officer"),
    ("Mr. Tom Ode", "Chief Financial Officer"),
    ("Dr. Sam Patel", "Director of Elementary Education"),
    ("Ms. Rosa Diaz", "Director of Secondary Education"),
    ("Mr. Ken Ito", "Director of Special Education"),
    ("Ms. Ada Brown", "Director of Multilingual Learners"),
    ("Dr. Joe Nash", "Director of Assessment"),
    ("Ms. Eve Park", "Director of Human Resources"),
    ("Mr. Raj Rao", "Director of Technology"),
    ("Ms. Mia Cole", "Principal, Alder Elementary"),
    ("Mr. Dan Kim", "Principal, Lincoln Park Middle"),
    ("Ms. Zoe Hart", "Principal, Riverside High"),
    ("Dr. Lee Wong", "Board liaison"),
    ("Ms. Ivy Lund", "Teachers' association"),
]


def score(member: int, program: int, dimension: str) -> Any:
    """What member m says about program p: a spread of opinions, some "don't know"."""
    if (member + program) % 7 == 3:
        return R.DONT_KNOW
    top = R.SCALES[dimension]
    shift = 0 if dimension == "implementation" else 1
    return 1 + (member * 3 + program + shift) % top


def test_fifteen_members_rate_ten_programs(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    view = window.retreat.ratings
    window.show_view(view)

    # Each member in ONE dialog: name and role together.
    pending = list(CABINET)

    def fill_in(dialog: MemberDialog) -> int:
        name, role = pending.pop(0)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # no name yet
        dialog.name.setText(name)
        dialog.role.setText(role)
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MemberDialog, "exec", fill_in)
    for _ in CABINET:
        view.add_member_button.click()
    district = window.session.district
    assert [(m.name, m.role) for m in R.members(district)] == CABINET
    grid = view.grid
    headers = [grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount())]
    assert headers[FIRST_MEMBER_COLUMN:] == [name for name, _role in CABINET]
    assert grid.horizontalScrollBar().maximum() > 0  # fifteen columns scroll, never squeeze

    programs = [p.id for p in district.items_of("program") if p.live][:10]
    for p, program_id in enumerate(programs):
        view.select_program(program_id)
        for dimension in ("implementation", "impact"):
            grid.setCurrentCell(R.DIMENSIONS.index(dimension), FIRST_MEMBER_COLUMN)
            grid.setFocus()
            for m in range(len(CABINET)):
                value = score(m, p, dimension)
                qtbot.keyClicks(grid, "?" if value == R.DONT_KNOW else str(value))

    for p, program_id in enumerate(programs):
        view.select_program(program_id)
        scores = R.scores_of(district, program_id)
        for dimension in ("implementation", "impact"):
            given = [score(m, p, dimension) for m in range(len(CABINET))]
            assert [scores[name][dimension] for name, _ in CABINET] == given
            numbers = [s for s in given if s != R.DONT_KNOW]
            row = R.DIMENSIONS.index(dimension)
            mean, spread, dont_know = (grid.item(row, c).text() for c in range(3))
            assert mean == f"{sum(numbers) / len(numbers):.1f}"
            assert spread == f"{min(numbers)}–{max(numbers)}"  # the range, not the mean
            assert dont_know == str(len(given) - len(numbers))
            for m, value in enumerate(given):
                shown = grid.item(row, FIRST_MEMBER_COLUMN + m).text()
                assert shown == (
                    DONT_KNOW_TEXT if value == R.DONT_KNOW else score_text(dimension, value)
                )
    assert score_text("implementation", 3) == "3 Mostly in place"

    # The ranking and the quadrant follow, with names, never ids.
    qtbot.waitUntil(lambda: view.disagreement.rowCount() == len(programs), timeout=3000)
    names = {district.items[i].name for i in programs}
    assert {view.disagreement.item(r, 0).text() for r in range(len(programs))} == names
    labels = " ".join(t.get_text() for t in view.canvas.figure.axes[0].texts)
    assert not any(program_id in labels.split() for program_id in programs)
