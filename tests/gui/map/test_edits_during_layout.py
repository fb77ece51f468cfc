"""Edits made while the map is laid out in its worker (which takes its own snapshot of the
district, District.snapshot): the window never waits for the copy, nothing raises, and the
map drawn at the end is the plan as it was last edited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.generate_district import generate
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.storage.document import Document
from tests.gui.helpers import wait_for_analysis


def test_a_burst_of_edits_while_the_map_is_laid_out(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.coherence"
    Document.create(plan, codec.district_from_dict(generate(400, 3))).close()
    window.documents.open_plan(plan)
    wait_for_analysis(qtbot, window)
    session, panel = window.session, window.map_panel
    window.show_view(panel)
    qtbot.waitUntil(lambda: panel.runner.busy, timeout=5000)  # the worker is laying it out
    programs = [p.id for p in session.district.items_of("program")]
    for n in range(25):
        program = programs[n % len(programs)]
        session.push(SetItemFields(session.district, program, {"name": f"Renamed {n}"}))
        qtbot.wait(5)  # the event loop turns; the worker copies and lays out meanwhile
    wait_for_analysis(qtbot, window)
    panel.refresh_map()  # the last edits, drawn (as Refresh Map would)
    qtbot.waitUntil(lambda: panel.layout_ is not None and not panel.runner.busy, timeout=20000)
    assert session.district.revision == 50  # 25 edits, each marked before and after
    shown = panel.district_shown
    assert shown is not None and shown is not session.district  # the worker's snapshot
    assert codec.district_to_dict(shown) == codec.district_to_dict(session.district)
    renamed = session.district.items[programs[24 % len(programs)]]
    assert renamed.name == "Renamed 24"
    assert panel.scene.cards[renamed.id].name == "Renamed 24"
