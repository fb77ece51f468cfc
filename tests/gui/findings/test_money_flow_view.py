"""The Overview's money flow: drawn at the widget's size, worked out off the GUI thread for
large plans, and a way to a goal by mouse or keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District
from coherence_planner.storage.sample import sample_district
from coherence_planner.ui.findings import money_flow_view
from coherence_planner.ui.findings.money_flow_view import MoneyFlowView


def test_every_goal_of_the_sample_has_its_box_and_enter_opens_one(qtbot: Any) -> None:
    view = MoneyFlowView()
    qtbot.addWidget(view)
    view.resize(1000, 560)
    district = sample_district()
    view.set_plan(district, analyse(district))
    assert view.goal_ids() == [g.id for g in district.items_of("goal")]
    assert view.picture is not None and view.picture.smallest_text >= 10  # pixels on screen
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.goal_clicked) as clicked:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert clicked.args == ["G2"]
    image = view.grab()  # it paints without error, with the picture
    assert not image.isNull()


@pytest.fixture
def large(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[MoneyFlowView, District]:
    """A view, not yet shown, and a plan it counts as large (worked out in its worker)."""
    monkeypatch.setattr(money_flow_view, "SYNC_PROGRAMS", 10)
    view = MoneyFlowView()
    qtbot.addWidget(view)
    view.resize(900, 520)
    return view, district_from_dict(generate(200, 1))


def test_a_large_plan_is_worked_out_in_a_worker(
    qtbot: Any, large: tuple[MoneyFlowView, District]
) -> None:
    view, district = large
    view.show()
    view.set_plan(district, analyse(district))
    assert view._pool is not None  # handed to the worker thread
    qtbot.waitUntil(lambda: view.picture is not None, timeout=10000)
    assert view.goal_ids()
    first = view.picture
    view.resize(1200, 700)  # a new size is laid out again, reusing the paths
    qtbot.waitUntil(lambda: view.picture is not first, timeout=10000)
    assert view.picture is not None and view.picture.width == 1200 - 2 * money_flow_view.INSET
    view.shutdown()


def test_a_large_plans_picture_follows_analyses_and_waits_until_shown(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, large: tuple[MoneyFlowView, District]
) -> None:
    view, district = large
    analysis = analyse(district)
    view.set_plan(district, analysis)  # hidden (the Map in view): nothing is worked out yet
    assert view._pool is None and view.picture is None
    view.show()
    qtbot.waitUntil(lambda: view.picture is not None, timeout=10000)
    first = view.picture
    copies = []
    monkeypatch.setattr(type(district), "copy", lambda d: copies.append(d) or d)
    view.set_plan(district, analysis)  # an edit, before its analysis: the same analysis
    assert view.picture is first and not copies
    view.set_plan(district, analyse(district))  # its analysis: worked out again
    qtbot.waitUntil(lambda: view.picture is not first, timeout=10000)
    assert len(copies) == 1
    view.shutdown()


def test_a_shown_large_plan_is_worked_out_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, large: tuple[MoneyFlowView, District]
) -> None:
    # set_plan's new minimum height resizes the view, and the resize used to ask for the
    # same picture again: a second work-out of the whole plan (issue 29).
    view, district = large
    copies = []
    original = type(district).copy
    monkeypatch.setattr(type(district), "copy", lambda d: copies.append(d) or original(d))
    view.show()
    view.set_plan(district, analyse(district))
    qtbot.waitUntil(lambda: view.picture is not None, timeout=10000)
    qtbot.wait(money_flow_view.RESIZE_DELAY_MS * 3)
    assert len(copies) == 1
    view.shutdown()


def test_a_resize_between_an_edit_and_its_analysis_waits_for_the_analysis(qtbot: Any) -> None:
    # Deleting an item and resizing the window before the edit's analysis came worked the
    # picture out from the edited plan with the analysis of the plan before it: KeyError.
    from coherence_planner.domain.model.commands import RemoveItems

    district = sample_district()
    view = MoneyFlowView()
    qtbot.addWidget(view)
    view.resize(900, 520)
    view.show()
    view.set_plan(district, analyse(district))
    qtbot.waitUntil(lambda: view.picture is not None, timeout=5000)
    before = view.picture
    served = next(i for i in district.items.values() if i.kind == "program" and i.live)
    with district.editing():
        RemoveItems(district, [served.id]).do(district)
    view.resize(700, 600)  # the window resized before the edit's analysis arrived
    qtbot.wait(money_flow_view.RESIZE_DELAY_MS * 3)
    assert view.picture is before  # kept until its analysis comes
    view.set_plan(district, analyse(district))
    qtbot.waitUntil(lambda: view.picture is not before, timeout=5000)
