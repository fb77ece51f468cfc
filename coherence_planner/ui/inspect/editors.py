"""The editor for each field type: `make_editor(spec)` is how the Inspector gets one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coherence_planner.domain.model import fields as F
from coherence_planner.ui.inspect.field_widgets import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    Editor,
    GradesEditor,
    ListEditor,
    LongTextEditor,
    NumberEditor,
    TextEditor,
    ThemesEditor,
)
from coherence_planner.ui.inspect.table_editors import CyclesEditor, IndicatorsEditor

_EDITORS: dict[str, type[Editor]] = {
    F.TEXT: TextEditor,
    F.LONGTEXT: LongTextEditor,
    F.ENUM: ChoiceEditor,
    F.INT_CHOICE: ChoiceEditor,
    F.SLUGS: ListEditor,
    F.NAMES: ListEditor,
    F.GRADES: GradesEditor,
    F.THEMES: ThemesEditor,
    F.MONEY: NumberEditor,
    F.NUMBER: NumberEditor,
    F.COUNT: NumberEditor,
    F.YEAR: NumberEditor,
    F.BOOL: BoolEditor,
    F.INDICATORS: IndicatorsEditor,
    F.DATE: DateEditor,
    F.CYCLES: CyclesEditor,
}


def make_editor(spec: F.FieldSpec, parent: QWidget | None = None) -> Editor:
    """The editor for a field, chosen by its type."""
    return _EDITORS[spec.type](spec, parent)
