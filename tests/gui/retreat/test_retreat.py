"""A whole retreat on the sample district, through the window: presenter mode, the agenda
step by step, decisions by keyboard, two scenarios side by side, one applied, undone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.geometry import line_of_sight
from coherence_planner.domain.model.wording import money_short
from coherence_planner.domain.retreat import agenda as A
from coherence_planner.domain.retreat import scenarios as S
from coherence_planner.domain.retreat.decisions import decision_log, tally
from coherence_planner.ui.retreat.fitting import SCALES
from coherence_planner.ui.retreat.presenter import Presenter
from coherence_planner.ui.retreat.scenarios import NO_SECOND
from tests.gui.helpers import wait_for_analysis


def open_sample(qtbot: Any, window: Any, sample_plan: Path) -> Any:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    return window.retreat


def test_a_whole_retreat(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    retreat = open_sample(qtbot, window, sample_plan)
    district = window.session.district
    candidates = [c.id for c in analyse(district).removal_candidates]

    # The sample arrives with a decision the log has no entry for: the log lists it anyway.
    window.show_view(retreat.tabs["Decisions"])
    decided = sum(n for d, n in tally(district).counts.items() if d != "undecided")
    assert decided == 1 and retreat.decision_log.model.rowCount() == decided

    # The cabinet is named, and the superintendent records.
    assert retreat.ratings.add_member("Dr. Ruiz", "Superintendent")
    assert retreat.ratings.add_member("Ms. Chen", "Chief Academic Officer")
    retreat.state.set_who("Dr. Ruiz")
    retreat.state.set_on("2026-11-22")

    # Present: the toolbar action opens the presenter on the first step.
    assert retreat.present_action in window.toolbar.actions()
    retreat.present_action.trigger()
    presenter: Presenter = retreat.presenter
    qtbot.waitUntil(presenter.isVisible)
    presenter.resize(1920, 1080)
    assert presenter.body_px() >= 28
    assert presenter.step is not None and presenter.step.kind == A.OPENING

    # Walk the goals: each shows its line of sight.
    goals = district.items_of("goal")
    for number, goal in enumerate(goals, start=1):
        qtbot.keyClick(presenter, Qt.Key.Key_Right)
        assert presenter.step.kind == A.GOAL and presenter.step.item_id == goal.id
        assert f"Goal {number} of {len(goals)}" in presenter.where.text()
        assert "Line of sight" in presenter.left_body.text()
        # ... as a map too: the goal and everything that reaches it, nothing else.
        lit = line_of_sight(district, window.session.analysis, goal.id)
        assert presenter.goal_map.isVisible()
        assert set(presenter.goal_map.map_scene.cards) == lit
    assert "Nothing in the plan serves this goal" in presenter.left_body.text()  # G6
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.step.kind == A.ORPHANS
    assert not presenter.goal_map.isVisible()

    # The first candidate: decide "remove" with key 5, then give the reason with R.
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    first = presenter.step.item_id
    assert presenter.step.kind == A.CANDIDATE and first == candidates[0]
    qtbot.keyClick(presenter, Qt.Key.Key_5)
    assert district.items[first].decision == "remove"
    qtbot.keyClick(presenter, Qt.Key.Key_R)
    assert presenter.reason_edit.isVisible()
    presenter.reason_edit.clear()
    qtbot.keyClicks(presenter.reason_edit, "Serves no goal the board adopted")
    qtbot.keyClick(presenter.reason_edit, Qt.Key.Key_Return)
    assert district.items[first].decision_rationale == "Serves no goal the board adopted"

    # The next candidate, a program: reason first, then 4 (sunset); the tally follows.
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    second = presenter.step.item_id
    program = district.items[second]
    assert program.kind == "program" and program.annual_cost
    qtbot.keyClick(presenter, Qt.Key.Key_R)
    qtbot.keyClicks(presenter.reason_edit, "Grant ends in June")
    qtbot.keyClick(presenter.reason_edit, Qt.Key.Key_Return)
    assert program.decision == "undecided"  # the reason waits for the decision
    qtbot.keyClick(presenter, Qt.Key.Key_4)
    assert (program.decision, program.decision_rationale) == ("sunset", "Grant ends in June")
    assert money_short(program.annual_cost) in presenter.tally.text()
    # A changed mind: 1 (keep) replaces sunset, and the log keeps both.
    qtbot.keyClick(presenter, Qt.Key.Key_1)
    assert program.decision == "keep"
    log = [e for e in decision_log(district) if e.item_id == second]
    assert [(e.decision, e.previous) for e in log] == [("sunset", "undecided"), ("keep", "sunset")]
    assert {e.who for e in decision_log(district)} == {"Dr. Ruiz"}
    # Number keys on a goal step decide nothing.
    presenter.go(1)
    qtbot.keyClick(presenter, Qt.Key.Key_5)
    assert "removal candidates" in presenter.message.text()
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    assert presenter.step.kind == A.CLOSE
    assert district.items[first].label in presenter.right_body.text()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()

    # The decision log shows every decision, filterable by decision.
    window.show_view(retreat.tabs["Decisions"])
    log_view = retreat.decision_log
    assert log_view.model.rowCount() == 4 + 1  # and the sample's unlogged keep
    log_view.decision.setCurrentIndex(log_view.decision.findData("keep"))
    assert log_view.model.rowCount() == 1 + 1

    # Two scenarios, side by side with today.
    window.show_view(retreat.tabs["Scenarios"])
    view = retreat.scenarios
    assert view.new_scenario("Lean")
    view.add_candidates()
    # The keep decided above changed who is kept, so the candidates are today's.
    candidates = [c.id for c in analyse(district).removal_candidates]
    assert second not in candidates
    assert S.scenario(district, "Lean").remove == tuple(candidates)
    assert view.new_scenario("Literacy overlap")
    window.session.select(["P4", "P5"])
    view.add_selected()
    assert view.compare.currentText() == NO_SECOND  # not "Today only": a scenario shows
    view.compare.setCurrentIndex(view.compare.findData("Lean"))
    headers = [
        view.table.horizontalHeaderItem(c).toolTip() for c in range(view.table.columnCount())
    ]
    assert headers == ["Today", "Literacy overlap", "Lean"]
    lean = view.results["Lean"]
    freed_row = 0
    assert view.table.item(freed_row, 2).text() == money_short(lean.freed_cost)
    small = view.results["Literacy overlap"]
    assert 0 < small.freed_cost < lean.freed_cost
    assert not view.warning.isVisible()

    # A scenario that strips a goal of all support is flagged loudly.
    assert view.new_scenario("Risky")
    supporters = [link.src for link in district.supported_by("G4")]
    window.session.select(supporters)
    view.add_selected()
    assert view.warning.isVisible()
    assert f"“{district.items['G4'].name}”" in view.warning.text()
    assert "G4" not in view.warning.text()

    # Apply "Lean" as decisions, in one undo step; undo brings everything back.
    view.select_scenario("Lean")
    before = {
        i: district.items[i].decision for i in candidates if district.items[i].kind != "strategy"
    }
    entries_before = len(decision_log(district))
    steps_before = window.session.undo_stack.count()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    assert view.apply_current()
    assert window.session.undo_stack.count() == steps_before + 1
    assert all(district.items[i].decision == "remove" for i in before)
    assert S.chosen_scenarios(district)[0].name == "Lean"
    assert "Applied as decisions" in view.details.text()
    window.undo_action.trigger()
    assert {i: district.items[i].decision for i in before} == before
    assert len(decision_log(district)) == entries_before
    assert S.chosen_scenarios(district) == []

    # Ratings: the room disagrees on one program; it comes first.
    window.show_view(retreat.tabs["Ratings"])
    ratings = retreat.ratings
    ratings.select_program("P3")
    assert ratings.set_score("Dr. Ruiz", "implementation", 4)
    assert ratings.set_score("Ms. Chen", "implementation", 1)
    ratings.select_program("P1")
    assert ratings.set_score("Dr. Ruiz", "impact", 3)
    qtbot.waitUntil(lambda: ratings.disagreement.rowCount() == 2, timeout=3000)
    assert ratings.disagreement.item(0, 0).text() == district.items["P3"].name
    assert ratings.canvas.figure.axes

    # Initiative load: the heat map flags a school over the threshold.
    window.show_view(retreat.tabs["Load"])
    assert retreat.load.table.flagged()
    assert "Over 6" in retreat.load.summary.text()

    # Everything is in the file: reopen and find the decisions, scenarios and ratings.
    path = window.session.document.path
    window.documents.close_plan()
    window.documents.open_plan(path)
    reopened = window.session.district
    assert reopened.items[second].decision == "keep"
    assert [s.name for s in S.scenarios(reopened)] == ["Lean", "Literacy overlap", "Risky"]
    assert reopened.record("ratings", "P3|Ms. Chen") == {"implementation": 1}


def cut_off(presenter: Presenter) -> list[str]:
    """The presenter's visible labels with less room than their words need: a wrapped label
    shorter than its text at its width, any other narrower or shorter than its minimum."""
    presenter.layout().activate()  # lay the step out now, as the screen will show it
    QCoreApplication.sendPostedEvents()
    problems = []
    for label in presenter.findChildren(QLabel):
        if not label.isVisibleTo(presenter):
            continue
        least = label.minimumSizeHint()
        need = label.heightForWidth(label.width()) if label.wordWrap() else least.height()
        if need > label.height() + 1 or label.width() < least.width() - 1:
            problems.append(f"{label.text()[:40]!r}: {label.size().toTuple()}, needs {need} high")
    return problems


@pytest.mark.parametrize(("width", "height", "body"), [(1280, 720, 24), (1920, 1080, 36)])
def test_presenter_type_scales_with_the_screen(
    qtbot: Any, ui_font: str, window: Any, sample_plan: Path, width: int, height: int, body: int
) -> None:
    retreat = open_sample(qtbot, window, sample_plan)
    presenter = retreat.presenter
    presenter.start()
    presenter.resize(width, height)
    presenter.show()
    qtbot.waitExposed(presenter)
    assert presenter.body_px() == body
    assert f"font-size: {body}px" in presenter.styleSheet()
    # Every step fits the screen: no word is cut off, and a column set smaller to fit its
    # words stays at or above the readable floor.
    floor = round(body * SCALES[-1])
    for index in range(len(presenter.steps)):
        presenter.go(index)
        assert not cut_off(presenter), (presenter.step, cut_off(presenter))
        for column in (presenter.left_body, presenter.right_body):
            assert round(column.base_px * column.scale) >= floor, presenter.step
    presenter.close()


def test_presenter_check_sees_words_cut_off(qtbot: Any, window: Any, sample_plan: Path) -> None:
    """The check above fails when a step has more words than the screen holds."""
    presenter = open_sample(qtbot, window, sample_plan).presenter
    presenter.start()
    presenter.resize(1280, 720)
    presenter.show()
    qtbot.waitExposed(presenter)
    assert not cut_off(presenter)
    presenter.right_body.setText("<p>" + "Competes with a kept program. " * 120 + "</p>")
    assert cut_off(presenter)
    presenter.right_body.setText("")
    presenter.title.setText("Adaptive Math Tutor App (Lincoln Park license) " * 12)
    assert cut_off(presenter)
    presenter.close()


def test_decision_panel_and_inspector_both_log_and_presenter_undoes(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    retreat = open_sample(qtbot, window, sample_plan)
    district = window.session.district
    retreat.state.set_who("Ms. Chen")
    window.show_view(retreat.tabs["Decisions"])
    panel = retreat.decision_panel

    # A strategy cannot be decided on; the buttons say so by being disabled.
    window.session.select(["S1"])
    assert not panel.buttons.buttons()[0].isEnabled()
    assert "programs and policies" in panel.title.text()

    # From the panel: the reason typed, the shared person and date.
    window.session.select(["P21"])
    panel.rationale.setPlainText("Two ninth-grade seminars is one too many")
    expand = next(b for b in panel.buttons.buttons() if b.property("decision") == "expand")
    qtbot.mouseClick(expand, Qt.MouseButton.LeftButton)
    p21 = district.items["P21"]
    assert (p21.decision, p21.decided_by) == ("expand", "Ms. Chen")
    assert "Expand" in panel.facts.text()

    # From the inspector's Decision field: logged too.
    editor = window.inspector.editors["decision"]
    editor.set_value("modify")
    editor.committed.emit()
    assert p21.decision == "modify"
    assert [(e.decision, e.previous) for e in decision_log(district)] == [
        ("expand", "undecided"),
        ("modify", "expand"),
    ]
    assert retreat.decision_log.model.rowCount() == 2 + 1  # and the sample's unlogged keep

    # In the presenter, Ctrl+Z undoes the last decision (the inspector's).
    presenter = retreat.presenter
    presenter.start()
    presenter.show()
    qtbot.waitExposed(presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert p21.decision == "expand"
    assert len(decision_log(district)) == 1
    presenter.close()


def test_decision_tally_wraps_instead_of_widening_the_log(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    """The tally lengthens with every kind of decision taken; the log stays as narrow as its
    filters, so it fits beside the docks on a laptop."""
    log = open_sample(qtbot, window, sample_plan).decision_log
    log.refresh()
    narrow = log.minimumSizeHint().width()
    log.tally.setText(log.tally.text() + " · Keep 12, Expand 3, Modify 7, Sunset 4, Remove 9" * 3)
    assert log.minimumSizeHint().width() == narrow
    assert log.tally.heightForWidth(narrow) > log.tally.fontMetrics().height()


def test_with_no_scenario_yet_the_measures_show_today(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    """A table of measures with no column read as broken (issue 27): today stands alone."""
    retreat = open_sample(qtbot, window, sample_plan)
    window.show_view(retreat.tabs["Scenarios"])
    view = retreat.scenarios
    assert view.current() is None
    table = view.table
    assert table.columnCount() == 1
    assert table.horizontalHeaderItem(0).text() == "Today"
    today = analyse(window.session.district)
    measures = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert table.item(measures.index("Orphans"), 0).text() == str(len(today.orphans))
    assert "Make a scenario" in view.details.text()
