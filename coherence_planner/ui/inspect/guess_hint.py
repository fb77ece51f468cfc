"""Under a field's editor, an italic "guessed" and a Confirm button while the field's value
is a guess no person has confirmed (`guessed`, district-format.md).

A guessed type competes with nothing (coherence-rules.md, rule 4, version 2.1), so the
planner must see which values are guesses: one click on Confirm keeps the value and clears
the guess; editing the field clears it too (SetItemFields). Both are one undo step.

The hint is a form row of its own, added only while the field is guessed: an item without
guesses gets exactly the form it always had, and the narrow Inspector gets no wider.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from coherence_planner.domain.model import fields as F
from coherence_planner.ui.inspect.field_widgets import Editor


class GuessHint(QWidget):
    """ "guessed" and Confirm for one field; `confirm` when the button is pressed."""

    confirm = Signal()

    def __init__(self, spec: F.FieldSpec) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = spec.label.lower()
        self.hint = QLabel("<i>guessed</i>")
        self.hint.setToolTip(
            f"The {label} was guessed at import and no one has confirmed it yet; until then "
            "it counts as unknown when programs are compared."
        )
        self.button = QPushButton("Confirm")
        self.button.setAccessibleName(f"Confirm the guessed {label}")
        self.button.setToolTip(f"Keep this {label}: it is right")
        self.button.clicked.connect(self.confirm)
        layout.addWidget(self.hint)
        layout.addWidget(self.button)
        layout.addStretch(1)


def show_guesses(
    form: QFormLayout,
    editors: dict[str, Editor],
    hints: dict[str, GuessHint],
    guessed: list[str],
) -> list[str]:
    """Add a hint under each guessed field that has none, remove the others; returns the
    fields that got a new hint (the caller connects their Confirm)."""
    for name in [n for n in hints if n not in guessed]:
        form.removeRow(hints.pop(name))
    added = []
    for name in guessed:
        editor = editors.get(name)
        if editor is None or name in hints:
            continue
        row, _ = cast(tuple[int, object], form.getWidgetPosition(editor))  # untyped in PySide
        hint = GuessHint(editor.spec)
        form.insertRow(row + 1, "", hint)
        hints[name] = hint
        added.append(name)
    return added
