"""Every field type has an editor that shows a value and gives it back unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.items import Indicator
from coherence_planner.ui.inspect.editors import make_editor

EXAMPLES: dict[str, list[Any]] = {
    F.TEXT: ["", "Phonics"],
    F.LONGTEXT: ["Line one\nline two"],
    F.ENUM: ["retired"],
    F.INT_CHOICE: [None, 2],
    F.SLUGS: [[], ["ela", "math"]],
    F.NAMES: [[], ["Bayview Elementary", "Oak Hollow"]],
    F.GRADES: [[], ["K-3"], ["PK", "6-8", "12"]],
    F.THEMES: [[], ["effective-use-of-data", "policy-program-coherence"]],
    F.MONEY: [None, 0, 120000, 99.5],
    F.NUMBER: [None, 0, 1.5],
    F.COUNT: [None, 0, 300],
    F.YEAR: [None, 2027],
    F.BOOL: [True, False],
    F.INDICATORS: [[], [Indicator("Reading proficiency", "%", 41, 70, 48.5, 2028)]],
}

SPECS = {
    F.TEXT: F.field_spec("program", "owner"),
    F.LONGTEXT: F.field_spec("program", "notes"),
    F.ENUM: F.field_spec("program", "status"),
    F.INT_CHOICE: F.field_spec("program", "evidence_tier"),
    F.SLUGS: F.field_spec("program", "subjects"),
    F.NAMES: F.field_spec("program", "schools"),
    F.GRADES: F.field_spec("program", "grades"),
    F.THEMES: F.field_spec("strategy", "themes"),
    F.MONEY: F.field_spec("program", "annual_cost"),
    F.NUMBER: F.field_spec("program", "fte"),
    F.COUNT: F.field_spec("program", "students_served"),
    F.YEAR: F.field_spec("program", "start_year"),
    F.BOOL: F.field_spec("program", "instructional_core"),
    F.INDICATORS: F.field_spec("goal", "indicators"),
}


@pytest.mark.parametrize(("kind", "value"), [(k, v) for k, vs in EXAMPLES.items() for v in vs])
def test_round_trip(qtbot: Any, kind: str, value: Any) -> None:
    editor = make_editor(SPECS[kind])
    qtbot.addWidget(editor)
    with qtbot.assertNotEmitted(editor.committed):
        editor.set_value(value)
    assert editor.value() == value
    assert editor.accessibleName() == SPECS[kind].label


def test_every_field_of_every_kind_has_an_editor(qtbot: Any) -> None:
    for kind in ("goal", "strategy", "program", "policy"):
        for spec in F.fields_of(kind):
            if spec.type in F.SHOWN_BESIDE:
                continue  # `guessed`: a hint beside each guessed field, not an editor
            editor = make_editor(spec)
            qtbot.addWidget(editor)
            assert editor.focusProxy() is not None or editor.focusPolicy() != Qt.FocusPolicy.NoFocus


def test_slugs_are_normalised_as_typed(qtbot: Any) -> None:
    editor = make_editor(SPECS[F.SLUGS])
    qtbot.addWidget(editor)
    editor.edit.setText("Below Benchmark,  ELL , ell")
    assert editor.value() == ["below-benchmark", "ell"]


def test_grade_buttons_commit_each_toggle(qtbot: Any) -> None:
    editor = make_editor(SPECS[F.GRADES])
    qtbot.addWidget(editor)
    editor.set_value(["K-1"])
    with qtbot.waitSignal(editor.committed):
        editor.buttons["2"].click()
    assert editor.value() == ["K-2"]


def test_indicator_table_refuses_a_word_for_a_number(qtbot: Any) -> None:
    from coherence_planner.ui.inspect.field_widgets import BadNumber

    editor = make_editor(SPECS[F.INDICATORS])
    qtbot.addWidget(editor)
    editor.add_button.click()
    editor.table.item(0, 2).setText("lots")
    with pytest.raises(BadNumber, match="lots"):
        editor.value()
