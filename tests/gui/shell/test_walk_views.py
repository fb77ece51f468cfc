"""A new user's walk through every view, part, dock and form on the sample district, at the
window sizes of maximised 1280x720 and 1366x768 laptops (1280x701 and 1366x749), in each
common default font: nothing a person reads is cut where its whole text would fit, no chart
text lies over another, and no item shows by its id (issue 27).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from coherence_planner.ui.chart_canvas import ChartCanvas
from tests.gui.cell_checks import coded_cells, cut_cells
from tests.gui.helpers import wait_for_analysis
from tests.gui.layout_checks import bare_ids, clipped, overlapping_text, shown

MAXIMISED = {"1280x720": (1280, 701), "1366x768": (1366, 749)}
# An item of each kind for the Inspector's form: a goal with indicators, a strategy with
# cycles, a program with findings, a policy.
FORMS = ("G1", "S11", "P4", "B1")


def problems_in(window: Any, ids: list[str]) -> list[str]:
    found = clipped(window)
    for canvas in shown(window, ChartCanvas):
        if canvas._canvas is not None and canvas._canvas.figure.axes:
            found += [f"chart: {p}" for p in overlapping_text(canvas._canvas.figure)]
    found += [f"an id: {p}" for p in bare_ids(window, ids)]
    found += cut_cells(window)
    found += [f"an id: {p}" for p in coded_cells(window)]
    return found


def walk(
    qtbot: Any, window: Any, check: Callable[[Any, list[str]], list[str]] = problems_in
) -> dict[str, list[str]]:
    """`check(window, ids)` on every view, part, dock and form: its problems by place."""
    ids = list(window.session.district.items)
    seen: dict[str, list[str]] = {}

    def look(where: str) -> None:
        qtbot.wait(40)
        problems = check(window, ids)
        if problems:
            seen[where] = problems

    for view in window.views.views.values():
        for title, part in view.parts.items():
            window.show_view(part)
            look(f"{view.title} › {title}")
    # The themes against the strategies: more, narrower columns than against the goals.
    window.show_view(window.theme_matrix)
    window.theme_matrix.by_strategies.setChecked(True)
    look("Map › Themes × strategies")
    window.theme_matrix.by_goals.setChecked(True)
    # The docks and the Inspector's form for each kind, beside a view that keeps them.
    window.show_view(window.findings)
    for item_id in FORMS:
        window.session.select([item_id])
        window.navigation.go_to_inspector()
        look(f"Inspector on {item_id}")
    window.navigation.go_to_items()
    look("Items")
    return seen


@pytest.mark.parametrize("size", list(MAXIMISED), ids=list(MAXIMISED))
def test_every_view_dock_and_form_shows_whole_words_and_no_ids(
    qtbot: Any, ui_font: str, window: QWidget, sample_plan: Path, size: str
) -> None:
    window.resize(*MAXIMISED[size])
    window.documents.open_plan(sample_plan)  # type: ignore[attr-defined]
    wait_for_analysis(qtbot, window)
    window.session.select(["P4"])  # type: ignore[attr-defined]
    found = walk(qtbot, window)
    assert not found, "\n".join(f"{where}: {p}" for where, ps in found.items() for p in ps)
