"""One editor widget per field type of fields.py, all with the same small interface.

Every editor has `value()`, `set_value(value)` (which never emits) and a `committed`
signal sent when the person finishes a change (Enter, leaving the field, picking a choice).
The inspector builds its form from the FieldSpec table with `make_editor(spec)`, so adding a
field to the domain adds it to the inspector.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.ui.inspect.wrapping_line import WrappingLine


class Editor(QWidget):
    committed = Signal()

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setAccessibleName(spec.label)
        if spec.help:
            self.setToolTip(spec.help)

    def _add(self, widget: QWidget) -> None:
        widget.setAccessibleName(self.spec.label)
        if self.spec.help:
            widget.setToolTip(self.spec.help)
        self._layout.addWidget(widget)
        self.setFocusProxy(widget)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextEditor(Editor):
    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = WrappingLine()  # a long name wraps rather than being cut
        self._add(self.edit)
        self.edit.editingFinished.connect(self._finished)
        self._shown = ""

    def _finished(self) -> None:
        if self.edit.text() != self._shown:
            self._shown = self.edit.text()
            self.committed.emit()

    def value(self) -> str:
        return self.edit.text().strip() if self.spec.name == "name" else self.edit.text()

    def set_value(self, value: Any) -> None:
        self._shown = str(value)
        self.edit.setText(self._shown)
        self.edit.setCursorPosition(0)


class DateEditor(Editor):
    """An ISO date, typed or set to today with one click; empty means unknown."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^$|^\d{4}-\d{2}-\d{2}$"))
        )
        self._add(self.edit)
        today = QToolButton()
        today.setText("Today")
        today.setAccessibleName(f"{spec.label}: today")
        today.setToolTip("Set to today's date")
        today.clicked.connect(self._today)
        self._layout.addWidget(today)
        self.edit.editingFinished.connect(self._finished)
        self._shown = ""

    def _today(self) -> None:
        self.edit.setText(_dt.date.today().isoformat())
        self._finished()

    def _finished(self) -> None:
        text = self.edit.text()
        try:
            if text:
                _dt.date.fromisoformat(text)
        except ValueError:
            self.edit.setText(self._shown)  # not a real date (2026-02-31): keep the old one
            return
        if text != self._shown:
            self._shown = text
            self.committed.emit()

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self._shown = str(value or "")
        self.edit.setText(self._shown)


class PlainText(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class LongTextEditor(Editor):
    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = PlainText()
        self.edit.setTabChangesFocus(True)  # keyboard users must be able to leave the field
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self._add(self.edit)
        self.edit.left.connect(self._finished)
        self._shown = ""

    def _finished(self) -> None:
        if self.edit.toPlainText() != self._shown:
            self._shown = self.edit.toPlainText()
            self.committed.emit()

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self._shown = str(value)
        self.edit.setPlainText(self._shown)


def _choice_label(spec: F.FieldSpec, value: Any) -> str:
    if spec.name == "evidence_tier":
        return vocab.EVIDENCE_LABELS[value]
    if value is None:
        return "None"
    if spec.type == F.INT_CHOICE:
        return f"Tier {value}"
    return str(value).replace("-", " ").capitalize()


class ChoiceEditor(Editor):
    """ENUM and INT_CHOICE: a combo box; INT_CHOICE offers 'None' first."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        values = list(spec.choices)
        if spec.type == F.INT_CHOICE:
            values = [None, *values]
        for value in values:
            self.combo.addItem(_choice_label(spec, value), value)
        self._add(self.combo)
        self.combo.activated.connect(lambda _row: self.committed.emit())

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
        self.combo.blockSignals(False)


class ListEditor(Editor):
    """SLUGS and NAMES: comma-separated text; slugs are lower-cased with dashes."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            "District-wide" if spec.name == "schools" else "All (separate with commas)"
        )
        self._add(self.edit)
        self.edit.editingFinished.connect(self._finished)
        self._shown: list[str] = []

    def _finished(self) -> None:
        if self.value() != self._shown:
            self._shown = self.value()
            self.committed.emit()

    def value(self) -> list[str]:
        parts = [part.strip() for part in self.edit.text().split(",")]
        if self.spec.type == F.SLUGS:
            parts = ["-".join(part.lower().split()) for part in parts]
        return list(dict.fromkeys(part for part in parts if part))

    def set_value(self, value: Any) -> None:
        self._shown = list(value)
        self.edit.setText(", ".join(value))
        self.edit.setCursorPosition(0)  # show the start of a long list, not its end


class GradesEditor(Editor):
    """A row of toggle buttons, PK to 12; none pressed means every grade."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for number, token in enumerate(vocab.GRADE_TOKENS):
            button = QToolButton()
            button.setText(token)
            button.setCheckable(True)
            button.setAccessibleName(f"Grade {token}")
            button.setToolTip(f"Grade {token}. No grade pressed means every grade.")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.toggled.connect(self._toggled)
            grid.addWidget(button, number // 7, number % 7)
            self.buttons[token] = button
        # Make "pressed" unmistakable in light and dark palettes alike.
        box.setStyleSheet(
            "QToolButton { padding: 2px 4px; border: 1px solid palette(mid); border-radius: 3px; }"
            "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
            " border-color: palette(highlight); }"
            # The thicker focus border takes its pixel from the padding, so a focused
            # button needs no more room than the others (and is never cut off).
            "QToolButton:focus { border: 2px solid palette(highlight); padding: 1px 3px; }"
        )
        self._add(box)
        self.setFocusProxy(self.buttons["PK"])
        self._setting = False

    def _toggled(self) -> None:
        if not self._setting:
            self.committed.emit()

    def value(self) -> list[str]:
        tokens = {token for token, button in self.buttons.items() if button.isChecked()}
        return vocab.compact_grades(tokens) if tokens else []

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            tokens = vocab.grade_set(value)
        except vocab.GradeError:
            tokens = frozenset()
        every = tokens == vocab.ALL_GRADES and not value
        for token, button in self.buttons.items():
            button.setChecked(not every and token in tokens)
        self._setting = False


class ThemesEditor(Editor):
    """A button opening a menu of the 13 themes, grouped by category, each checkable."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.button = QToolButton()
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        menu = QMenu(self.button)
        menu.setToolTipsVisible(True)
        self.actions_by_slug: dict[str, QAction] = {}
        for category, themes in vocab.THEME_CATEGORIES:
            menu.addSection(category)
            for slug, label, prompt in themes:
                action = menu.addAction(label)
                action.setCheckable(True)
                action.setToolTip(prompt)
                action.toggled.connect(self._toggled)
                self.actions_by_slug[slug] = action
        self.button.setMenu(menu)
        self._add(self.button)
        self._setting = False
        self._show()

    def _show(self) -> None:
        chosen = self.value()
        self.button.setText(
            "None chosen"
            if not chosen
            else vocab.THEME_LABELS[chosen[0]]
            + (f" and {len(chosen) - 1} more" if len(chosen) > 1 else "")
        )
        self.button.setToolTip("\n".join(vocab.THEME_LABELS[s] for s in chosen) or "Choose themes")

    def _toggled(self) -> None:
        self._show()
        if not self._setting:
            self.committed.emit()

    def value(self) -> list[str]:
        return [slug for slug in vocab.THEMES if self.actions_by_slug[slug].isChecked()]

    def set_value(self, value: Any) -> None:
        self._setting = True
        for slug, action in self.actions_by_slug.items():
            action.setChecked(slug in value)
        self._setting = False
        self._show()


class NumberEditor(Editor):
    """MONEY, NUMBER (FTE), COUNT and YEAR: a spin box whose lowest value reads 'Unknown'."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        box: QSpinBox | QDoubleSpinBox
        if spec.type in (F.MONEY, F.NUMBER):
            box = QDoubleSpinBox()
            box.setDecimals(2)  # cents matter: a rounded display would rewrite the value
            box.setRange(-1, 1e10)
            box.setSingleStep(1000 if spec.type == F.MONEY else 0.5)
            if spec.type == F.MONEY:
                box.setPrefix("$")
                box.setGroupSeparatorShown(True)
            self._unknown: float = -1
        elif spec.type == F.YEAR:
            box = QSpinBox()
            box.setRange(1799, 2200)
            box.setGroupSeparatorShown(False)
            self._unknown = 1799
        else:
            box = QSpinBox()
            box.setRange(-1, 10_000_000)
            box.setGroupSeparatorShown(True)
            self._unknown = -1
        box.setSpecialValueText("Unknown")
        box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        box.setKeyboardTracking(False)
        box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.box = box
        self._add(box)
        box.editingFinished.connect(self._finished)
        self._shown: Any = None

    def _finished(self) -> None:
        if self.value() != self._shown:
            self._shown = self.value()
            self.committed.emit()

    def value(self) -> Any:
        raw = self.box.value()
        if raw <= self._unknown:
            return None
        if isinstance(self.box, QDoubleSpinBox):
            return F.clean_number(round(raw, self.box.decimals()))
        return int(raw)

    def set_value(self, value: Any) -> None:
        self._shown = value
        self.box.blockSignals(True)
        shown = self._unknown if value is None else value
        if isinstance(self.box, QDoubleSpinBox):
            self.box.setValue(float(shown))
        else:
            self.box.setValue(int(shown))
        self.box.blockSignals(False)


class BoolEditor(Editor):
    """A checkbox; a field whose meaning matters (Required: never proposed for removal) says
    it under the box, in words, not only in a tooltip."""

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.check = QCheckBox("Yes")
        self.meaning: QLabel | None = None
        if spec.help:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self.check)
            self.meaning = QLabel(spec.help)
            self.meaning.setWordWrap(True)
            self.meaning.setTextFormat(Qt.TextFormat.PlainText)
            small = self.meaning.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            self.meaning.setFont(small)
            column.addWidget(self.meaning)
            self._add(box)
            self.setFocusProxy(self.check)
        else:
            self._add(self.check)
        self.check.setAccessibleName(spec.label)
        self.check.clicked.connect(lambda _checked: self.committed.emit())

    def value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class BadNumber(ValueError):
    pass


def number(text: str, kind: str) -> Any:
    if not text:
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise BadNumber(f"“{text}” is not a number") from None
    if kind == F.YEAR:
        return int(number)
    return F.clean_number(number)
