"""Missing facts, in the app: the Findings view lists each program's gaps with the sentence a
planner reads, "Fill in" goes straight to the field, the Overview says how complete the plan
is, and the browser filters by data gaps and by what the law requires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from coherence_planner.domain.analysis.gaps import PlanGaps, gap_sentence, percent, plan_gaps
from coherence_planner.domain.model.commands import Batch, RemoveLink, SetItemFields
from coherence_planner.domain.model.naming import Names
from coherence_planner.ui.findings.model import FIELD_ROLE, IDS_ROLE, REASON_ROLE
from tests.gui.browse.test_models import shown_ids
from tests.gui.helpers import wait_for_analysis
from tests.wording import bare_ids


@pytest.fixture
def opened(window: Any, sample_plan: Path, qtbot: Any) -> Any:
    assert window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    return window


def gaps_now(window: Any) -> PlanGaps:
    analysis = window.session.analysis
    return plan_gaps(window.session.district, analysis.goals_of, analysis.might_compete)


def _row_of(window: Any, item_id: str) -> Any:
    head = window.findings.model.section_index("missing")
    assert head is not None
    for row in range(head.rowCount()):
        if head.child(row).data(IDS_ROLE) == [item_id]:
            return head.child(row)
    return None


def _choose(window: Any, item_id: str) -> None:
    """Select a program's missing-facts row in the Findings view, as a click does."""
    window.show_view(window.findings)
    row = _row_of(window, item_id)
    assert row is not None, f"{item_id} has no missing-facts row"
    window.findings.view.setCurrentIndex(row.index())


def test_each_programs_missing_facts_are_listed_in_words(opened: Any) -> None:
    district = opened.session.district
    gaps = gaps_now(opened)
    assert len(gaps.programs) >= 5
    model = opened.findings.model
    head = model.section_index("missing")
    assert head is not None and head.rowCount() == len(gaps.programs)
    assert head.text().startswith("Missing facts")
    assert f"the plan is {percent(gaps.completeness)} complete" in head.text()
    assert model.section_index("gaps").text().startswith("Theme gaps")  # a distinct name
    names = Names(district)
    for n, program in enumerate(gaps.programs):
        row = head.child(n)
        assert row.data(IDS_ROLE) == [program.id]
        assert row.text().startswith(district.items[program.id].name)
        assert gap_sentence(district, program, names) in row.data(REASON_ROLE)
        assert row.data(FIELD_ROLE) == program.missing[0]
        assert bare_ids(f"{row.text()} {row.data(REASON_ROLE)}", district) == []


def test_fill_in_goes_to_the_first_missing_field_and_the_row_goes_once_filled(
    opened: Any, qtbot: Any
) -> None:
    district = opened.session.district
    typeless = next(g for g in gaps_now(opened).programs if g.missing[0] == "type")
    _choose(opened, typeless.id)
    panel = opened.findings
    assert panel.fill_button.isVisible() and panel.fill_button.text() == "Fill in: type"
    assert district.items[typeless.id].name in panel.reason.text()

    qtbot.mouseClick(panel.fill_button, Qt.MouseButton.LeftButton)
    inspector = opened.inspector
    assert opened.session.selection == [typeless.id]
    assert inspector.item_id == typeless.id and opened.inspector_dock.isVisible()
    assert opened.focusWidget() is inspector.editors["type"].focusProxy()
    sentence = gap_sentence(district, typeless, Names(district))
    assert f"Missing facts: {sentence}" in inspector.findings.text()

    opened.session.push(SetItemFields(district, typeless.id, {"type": "enrichment"}))
    wait_for_analysis(qtbot, opened)
    row = _row_of(opened, typeless.id)
    assert row is None or "type" not in gaps_now(opened).of(typeless.id).missing  # type: ignore[union-attr]
    assert not panel.fill_button.isVisible()  # the rows were rebuilt; none is chosen


def test_fill_in_a_missing_goal_goes_to_the_links(opened: Any, qtbot: Any) -> None:
    district = opened.session.district
    gapped = {g.id for g in gaps_now(opened).programs}
    # A program with every fact on record, cut off from what it serves: only its goal is
    # missing, so Fill in goes to the button that links it.
    program = next(
        p for p in district.items_of("program") if p.live and p.id not in gapped and
        district.supports_from(p.id)
    )  # fmt: skip
    unlink = [RemoveLink(district, link.key) for link in district.supports_from(program.id)]
    opened.session.push(Batch("Unlink", unlink))
    wait_for_analysis(qtbot, opened)
    assert gaps_now(opened).of(program.id).missing == ("goal",)  # type: ignore[union-attr]
    complete = next(
        p for p in district.items_of("program") if p.live and gaps_now(opened).of(p.id) is None
    )
    opened.session.select([complete.id])
    assert "Missing facts" not in opened.inspector.findings.text()
    _choose(opened, program.id)
    assert opened.findings.fill_button.text() == "Fill in: goal"
    index = opened.findings.view.currentIndex()
    opened.findings.view.activated.emit(index)  # Enter or a double-click on the row
    assert opened.inspector.item_id == program.id
    assert opened.focusWidget() is opened.inspector.links.add_button


def test_the_overview_says_how_complete_the_plan_is(opened: Any) -> None:
    gaps = gaps_now(opened)
    assert opened.overview.completeness.text() == (
        f"The plan is {percent(gaps.completeness)} complete: {len(gaps.programs)} programs lack "
        "facts the findings rely on (Findings, Missing facts)."
    )


def test_the_browser_filters_by_data_gaps_and_by_law(opened: Any, qtbot: Any) -> None:
    district = opened.session.district
    browser = opened.browser
    browser.set_filter(flag="required")
    assert browser.flag.currentText() == "Required by law"
    required = {i for i, item in district.items.items() if item.required}
    assert len(required) >= 3 and shown_ids(browser.proxy) == required

    browser.set_filter(flag="gaps")
    assert browser.flag.currentText() == "Has data gaps"
    gapped = gaps_now(opened).of
    assert shown_ids(browser.proxy) == {g.id for g in gaps_now(opened).programs}

    # Filling a program's facts takes it off the list when the analysis is next ready.
    first = next(g for g in gaps_now(opened).programs if "goal" not in g.missing)
    facts = {
        "type": "enrichment", "tier": 1, "grades": ["K"], "subjects": ["ela"],
        "populations": ["all"], "annual_cost": 1000, "fte": 0.5, "students_served": 10,
        "evidence_tier": 2,
    }  # fmt: skip
    missing = {name: facts[name] for name in first.missing}
    opened.session.push(SetItemFields(district, first.id, missing))
    wait_for_analysis(qtbot, opened)
    assert gapped(first.id) is not None and gaps_now(opened).of(first.id) is None
    assert first.id not in shown_ids(browser.proxy)
    assert shown_ids(browser.proxy) == {g.id for g in gaps_now(opened).programs}

    # The law is a fact of the plan, not a finding: the filter follows the field.
    browser.set_filter(flag="required")
    opened.session.push(SetItemFields(district, first.id, {"required": True}))
    wait_for_analysis(qtbot, opened)
    assert shown_ids(browser.proxy) == required | {first.id}


def test_the_required_box_says_what_it_means(opened: Any, qtbot: Any) -> None:
    district = opened.session.district
    for kind in ("program", "policy"):
        item = next(i for i in district.items_of(kind) if i.required)
        opened.session.select([item.id])
        editor = opened.inspector.editors["required"]
        assert editor.check.isChecked()
        assert editor.meaning is not None
        qtbot.waitUntil(lambda: editor.meaning.isVisibleTo(opened.inspector))  # noqa: B023
        assert "never proposed for removal" in editor.meaning.text()
