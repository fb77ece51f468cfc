"""A one-line text field that wraps what does not fit onto more lines instead of hiding it.

In the Inspector of a 1280x720 laptop (a 380 px side panel) a line edit showed about 45
characters: the sample's goal statements (up to 73) and program names were cut. This field
is as tall as its text needs (one line for most values), takes no line breaks (Enter
finishes, as in a line edit) and speaks a line edit's words (text, setText,
editingFinished), so the form treats it as one.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent, QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

MAX_LINES = 4  # then it scrolls


class WrappingLine(QPlainTextEdit):
    editingFinished = Signal()
    returnPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self._fit()

    # -- a line edit's words -------------------------------------------------------------
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(" ".join(text.splitlines()))

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    # -- behaving as one line --------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.returnPressed.emit()
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: object) -> None:
        """Pasted lines join into one, as a line edit would take them."""
        text = source.text() if hasattr(source, "text") else ""
        self.insertPlainText(" ".join(str(text).splitlines()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    # -- as tall as the text ---------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # a new width wraps the text over more or fewer lines

    def _lines(self) -> int:
        return max(1, min(MAX_LINES, int(self.document().size().height())))

    def _fit(self) -> None:
        height = self._height(self._lines())
        if self.height() != height:
            self.setFixedHeight(height)

    def _height(self, lines: int) -> int:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom()
        document = int(2 * self.document().documentMargin())
        return lines * self.fontMetrics().lineSpacing() + frame + document + 2

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(self._lines()))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self._height(self._lines()))
