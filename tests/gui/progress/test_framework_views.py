"""The improvement framework in the app: theme matrix, indicators, snapshots and comparison,
the cycles editor, and the framework's rows in the findings panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog

from coherence_planner.domain.model import codec
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.model.items import Strategy
from coherence_planner.domain.progress.snapshots import snapshots
from coherence_planner.storage.interchange import write_json
from coherence_planner.ui.inspect.editors import make_editor
from coherence_planner.ui.inspect.framework_notes import framework_lines
from coherence_planner.ui.progress.indicators import COLUMNS, STATUS_COLUMN
from coherence_planner.ui.progress.snapshots import GUIDANCE
from tests.gui.helpers import findings_count, wait_for_analysis


@pytest.fixture
def opened(window: Any, sample_plan: Path, qtbot: Any) -> Any:
    assert window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    return window


def test_theme_matrix_groups_themes_and_flags_gaps(opened: Any, qtbot: Any) -> None:
    opened.show_view(opened.theme_matrix)
    view = opened.theme_matrix
    table = view.table
    assert table.rowCount() == 4 + 13
    assert table.item(0, 0).text() == "Effective leadership"
    assert table.columnCount() == 6 + 2  # theme, 6 goals, addressed by
    texts = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    gap_row = texts["⚠ Dynamic, distributed leadership"]
    assert table.item(gap_row, table.columnCount() - 1).text() == "GAP: none"
    assert "Who besides the cabinet" in table.item(gap_row, 0).toolTip()
    assert "3 of 13 themes are gaps" in view.summary.text()
    table.selectRow(gap_row)
    assert "Who besides the cabinet" in view.note.text()
    assert "Nothing in the plan addresses" in view.note.text()
    view.by_strategies.setChecked(True)
    live_strategies = [s for s in opened.session.district.items_of("strategy") if s.live]
    assert table.columnCount() == len(live_strategies) + 2


def test_theme_matrix_follows_edits(opened: Any, qtbot: Any) -> None:
    opened.show_view(opened.theme_matrix)
    d = opened.session.district
    themes = [*d.items["S1"].themes, "policy-program-coherence"]
    opened.session.push(SetItemFields(d, "S1", {"themes": themes}))
    wait_for_analysis(qtbot, opened)
    qtbot.waitUntil(lambda: "2 of 13 themes are gaps" in opened.theme_matrix.summary.text())
    assert findings_count(opened, "gaps") == 2


def test_findings_list_goals_not_moving_and_theme_gaps(opened: Any) -> None:
    assert findings_count(opened, "progress") == 4  # G1, G2, G3, G6 are off track
    assert findings_count(opened, "gaps") == 3
    head = opened.findings.model.section_index("progress")
    assert "off track" in head.child(0).text()


def test_indicator_edits_are_undoable_and_bad_numbers_change_nothing(opened: Any) -> None:
    opened.show_view(opened.indicators_view)
    view = opened.indicators_view
    view.show_goal("G1")
    current = [s.name for s in COLUMNS].index("current")
    assert view.table.item(0, STATUS_COLUMN).text() == "off track"
    view.table.item(0, current).setText("48")
    goal = opened.session.district.items["G1"]
    assert goal.indicators[0].current == 48
    assert view.table.item(0, STATUS_COLUMN).text() == "on track"
    assert view.picker.currentText().startswith(goal.label)  # names, never "G1"
    opened.session.undo_stack.undo()
    assert opened.session.district.items["G1"].indicators[0].current == 44
    assert view.table.item(0, current).text() == "44"

    view.table.item(0, current).setText("lots")
    assert opened.session.district.items["G1"].indicators[0].current == 44
    assert "not a number" in view.error.text()
    year = [s.name for s in COLUMNS].index("baseline_year")
    view.table.item(0, year).setText("99")
    assert "must be a year" in view.error.text()
    assert opened.session.district.items["G1"].indicators[0].baseline_year == 2025

    view.add_indicator()
    assert len(opened.session.district.items["G1"].indicators) == 3
    view.remove_indicator()
    assert len(opened.session.district.items["G1"].indicators) == 2


def test_indicators_view_follows_the_selection(opened: Any) -> None:
    opened.session.select(["G4"])
    assert opened.indicators_view.goal_id == "G4"
    assert opened.indicators_view.status.text().startswith("<b>On track</b>")


def test_take_a_snapshot_change_the_plan_and_compare(
    opened: Any, monkeypatch: pytest.MonkeyPatch, messages: Any
) -> None:
    view = opened.snapshots_view
    opened.show_view(view)
    # Until there is a comparison, the whole guidance shows (it wraps; a placeholder did not).
    assert view.view.toPlainText() == GUIDANCE
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Before the 2026 retreat", True))
    )
    view.take_button.click()
    assert [s.name for s in snapshots(opened.session.district)] == ["Before the 2026 retreat"]
    assert view.list.count() == 1
    d = opened.session.district
    opened.session.push(SetItemFields(d, "P2", {"decision": "sunset"}))
    assert view.before.currentText() == "Snapshot: Before the 2026 retreat"
    assert view.after.currentText() == "This plan, now"
    view.compare_button.click()
    text = view.view.toPlainText()
    assert "~ Decision: undecided → sunset" in text
    assert "Decisions taken: 1" in text
    assert view.diff is not None and [c.id for c in view.diff.changed] == ["P2"]

    view.take_button.click()  # the same name again is refused, with a message
    assert "already exists" in messages.texts()[-1]
    opened.session.undo_stack.undo()  # the decision
    opened.session.undo_stack.undo()  # the snapshot
    assert view.list.count() == 0


def test_compare_with_last_years_file(opened: Any, dialogs: Any, tmp_path: Path) -> None:
    view = opened.snapshots_view
    opened.show_view(view)
    last_year = tmp_path / "2025.json"
    old = opened.session.district
    data = codec.district_to_dict(old)
    data["programs"] = [p for p in data["programs"] if p["id"] != "P57"]
    data["links"] = [ln for ln in data["links"] if "P57" not in (ln["from"], ln["to"])]
    write_json(codec.district_from_dict(data), last_year)
    dialogs.answer(last_year)
    view.before.setCurrentIndex(view.before.findData("pick"))
    view.before.activated.emit(view.before.currentIndex())
    assert view.before.currentText() == f"File: {last_year}"
    view.compare_button.click()
    assert "+ program Middle School Robotics Competition Team" in view.view.toPlainText()


def test_cycles_editor_round_trip_keeps_extras(qtbot: Any) -> None:
    spec = F.field_spec("strategy", "cycles")
    assert spec is not None
    editor = make_editor(spec)
    qtbot.addWidget(editor)
    cycles = [
        {
            "start": "2026-09-01",
            "end": "",
            "focus": "Screen",
            "evidence": "",
            "next_step": "x",
            "owner": "Ms. Ruiz",
        }
    ]
    editor.set_value(cycles)
    assert editor.value() == cycles
    with qtbot.waitSignal(editor.committed):
        editor.add_button.click()
    assert len(editor.value()) == 2
    assert editor.value()[1]["focus"] == "New cycle"


def test_cycles_edit_through_the_inspector_is_checked(opened: Any) -> None:
    opened.session.select(["S1"])
    inspector = opened.inspector
    editor = inspector.editors["cycles"]
    assert editor.table.rowCount() == 2
    editor.table.item(0, 1).setText("2020-01-01")  # ends before it starts
    assert "before it starts" in inspector.error.text()
    assert opened.session.district.items["S1"].cycles[0]["end"] == "2026-03-20"
    editor.table.item(0, 2).setText("Match within ten days")
    assert opened.session.district.items["S1"].cycles[0]["focus"] == "Match within ten days"
    # The focus reads in a column of its own width; evidence and next step are edited in
    # full under the table, for the selected cycle.
    opened.show_view(opened.overview)
    focus = F.CYCLE_KEYS.index("focus")
    assert editor.table.columnWidth(focus) >= 150
    editor.table.setCurrentCell(1, focus)
    evidence = editor.details["evidence"]
    assert evidence.width() >= 250
    assert evidence.toPlainText() == opened.session.district.items["S1"].cycles[1]["evidence"]
    evidence.setPlainText("Two of three schools met the window")
    evidence.left.emit()
    stored = opened.session.district.items["S1"].cycles[1]
    assert stored["evidence"] == "Two of three schools met the window"


def test_framework_lines_for_the_inspector() -> None:
    strategy = Strategy(
        id="S1",
        name="x",
        themes=["effective-use-of-data"],
        cycles=[{"start": "2026-09-01", "end": "2026-10-01", "focus": "Screen"}],
    )
    lines = framework_lines(strategy, "2026-27", today=dt.date(2026, 9, 15))
    assert lines[0] == "Current cycle: 2026-09-01 to 2026-10-01: Screen."
    assert lines[1].startswith("Effective use of data: Which data")
    later = framework_lines(strategy, "2026-27", today=dt.date(2027, 1, 1))
    assert later[0].startswith("No cycle running; the latest:")
