"""A field's editor with, just under it, an italic "guessed" and a Confirm button while the
field's value is a guess no person has confirmed (`guessed`, district-format.md).

A guessed type competes with nothing (coherence-rules.md, rule 4, version 2.1), so the
planner must see which values are guesses: one click on Confirm keeps the value and clears
the guess; editing the field clears it too (SetItemFields). Both are one undo step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coherence_planner.ui.inspect.field_widgets import Editor


class GuessedField(QWidget):
    """An editor and its guess hint, hidden unless `show_guess(True)`."""

    confirm = Signal()

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        # The hint goes under the editor, not after it: the Inspector is a narrow dock, and
        # a row made wider by it scrolled the Confirm button out of sight.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        label = editor.spec.label.lower()
        self.hint = QLabel("<i>guessed</i>")
        self.hint.setToolTip(
            f"The {label} was guessed at import and no one has confirmed it yet; until then "
            "it counts as unknown when programs are compared."
        )
        self.button = QPushButton("Confirm")
        self.button.setAccessibleName(f"Confirm the guessed {label}")
        self.button.setToolTip(f"Keep this {label}: it is right")
        self.button.clicked.connect(self.confirm)
        line.addWidget(self.hint)
        line.addWidget(self.button)
        line.addStretch(1)
        self.setFocusProxy(editor)
        self.show_guess(False)

    def show_guess(self, guessed: bool) -> None:
        self.hint.setVisible(guessed)
        self.button.setVisible(guessed)

    @property
    def guessed(self) -> bool:
        return not self.hint.isHidden()
