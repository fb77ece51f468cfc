"""The Initiative load view of a district with more schools than a heat map can label: it
draws the most loaded ones, heaviest first, and says how many of how many."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.domain.analysis.load import HEATMAP_SCHOOLS
from coherence_planner.storage.document import Document
from tests.factories import make, p
from tests.gui.helpers import wait_for_analysis


def test_a_district_of_90_schools_draws_the_most_loaded(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    programs = [
        p(f"P{n}", grades=["K-5"], schools=[f"School {s:03}" for s in range(n % 7, 90, 7)])
        for n in range(60)
    ]
    programs += [p(f"X{n}", grades=["K-5"], schools=["School 089"]) for n in range(30)]
    plan = tmp_path / "many.coherence"
    Document.create(plan, make(programs=programs)).close()
    window.documents.open_plan(plan)
    wait_for_analysis(qtbot, window)
    view = window.retreat.load
    window.show_view(window.retreat.tabs["Load"])
    qtbot.waitUntil(lambda: bool(view.summary.text()), timeout=5000)
    axes = view.canvas.figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert len(labels) == HEATMAP_SCHOOLS and labels[0] == "School 089"
    assert f"the {HEATMAP_SCHOOLS} schools carrying the most programs, of 90" in view.summary.text()
    assert len(view.table.schools) == 90  # the counts behind it are every school's
