"""The inspector shows a guessed field as such (an italic "guessed" and a Confirm button
beside it); one click on Confirm, or editing the field, clears the guess in one undo step,
and the programs then compete (rules 2.1). That the file holds it: storage's
test_guessed_round_trip.py (the open plan is locked to other readers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from coherence_planner.storage.document import Document
from tests.factories import g, make, p, sup
from tests.gui.helpers import wait_for_analysis

READING = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}


@pytest.fixture
def opened(window: Any, tmp_path: Path, qtbot: Any) -> Any:
    district = make(
        goals=[g("G1", name="Reading by grade 3")],
        programs=[
            p("P1", name="Phonics block", evidence_tier=1, **READING),
            p("P2", name="Read Naturally", guessed=["type"], **READING),
            p("P3", name="State screener", required=True, type="assessment", tier=1),
            p("P4", name="District screener", decision="keep", type="assessment", tier=1),
        ],
        links=[sup(x, "G1") for x in ("P1", "P2", "P3", "P4")],
    )
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    assert window.documents.open_plan(path)
    wait_for_analysis(qtbot, window)
    window.show_view(window.findings)  # a view the side panels stand beside
    window.session.select(["P2"])
    return window


def test_a_guessed_type_shows_the_hint_and_confirm_clears_it(opened: Any, qtbot: Any) -> None:
    inspector = opened.inspector
    row = inspector.guess_hints["type"]
    assert row.hint.text() == "<i>guessed</i>" and row.isVisibleTo(inspector)
    assert "tier" not in inspector.guess_hints
    assert "guessed" not in inspector.editors  # no editor of its own
    assert (
        "A type the import guessed, which competes with nothing until a person confirms it"
        in inspector.findings.text()
    )
    assert "P2" not in opened.session.analysis.group_of

    inspector.scroll_area.ensureWidgetVisible(row.button)
    qtbot.waitUntil(lambda: row.button.isVisible() and not row.button.rect().isEmpty())
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    wait_for_analysis(qtbot, opened)
    assert opened.session.district.items["P2"].guessed == []
    assert "type" not in inspector.guess_hints
    assert opened.session.undo_stack.undoText() == "Confirm type of Read Naturally"
    assert ("P1", "P2") in [grp.members for grp in opened.session.analysis.competing]

    opened.session.undo_stack.undo()
    wait_for_analysis(qtbot, opened)
    assert opened.session.district.items["P2"].guessed == ["type"]
    assert "type" in inspector.guess_hints


def test_editing_a_guessed_field_confirms_it(opened: Any, qtbot: Any) -> None:
    editor = opened.inspector.editors["type"]
    editor.combo.setCurrentIndex(editor.combo.findData("curriculum"))
    editor.combo.activated.emit(editor.combo.currentIndex())
    assert opened.session.district.items["P2"].type == "curriculum"
    assert opened.session.district.items["P2"].guessed == []
    assert "type" not in opened.inspector.guess_hints
    opened.session.undo_stack.undo()
    assert opened.session.district.items["P2"].guessed == ["type"]
    assert "type" in opened.inspector.guess_hints


def test_a_required_program_says_it_is_kept_by_law(opened: Any, qtbot: Any) -> None:
    opened.session.select(["P3"])
    assert "Kept: required by law." in opened.inspector.findings.text()
