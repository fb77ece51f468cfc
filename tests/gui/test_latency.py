"""A field edit in a 2,000-program district: the window is busy only briefly (the analysis
runs in a worker thread) and the findings follow within a moment."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.storage.document import Document
from tests.gui.helpers import wait_for_analysis


@pytest.mark.slow
def test_edit_in_a_large_district_does_not_freeze_the_window(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = tmp_path / "big.coherence"
    Document.create(path, district_from_dict(generate(2000, 1))).close()
    window.documents.open_plan(path)
    wait_for_analysis(qtbot, window)
    program = window.session.district.items_of("program")[10].id
    window.session.select([program])
    editor = window.inspector.editors["annual_cost"]
    blocked = []
    for run in range(3):
        started = time.perf_counter()
        editor.box.setValue(51_234 + run)
        editor.box.editingFinished.emit()
        blocked.append(time.perf_counter() - started)
        assert window.session.analysis_pending, (
            window.session.district.items[program].annual_cost,
            editor.value(),
        )
        wait_for_analysis(qtbot, window)
        assert window.session.district.items[program].annual_cost == 51_234 + run
    assert window.session._runner._thread is not None  # the slow analysis went to the worker
    # Median; measured ~20 ms on 2 idle cores. The bound leaves room for a busy CI machine.
    assert sorted(blocked)[1] < 0.25, blocked
