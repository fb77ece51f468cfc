"""A label for slides read aloud: rich text that is never cut off at the bottom.

A slide's column holds what the plan holds, so a goal with long program names can run past
the screen's foot. Rather than cut the words (or the names) short, the column's type is set
smaller, step by step, until every word fits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6)  # of the body; 0.6 of 24 px is 14 px


class FittingLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = ""
        self.base_px = 16
        self.scale = 1.0
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(Qt.TextFormat.RichText)

    def setText(self, text: str) -> None:
        self.source = text
        self._fit()

    def set_base_px(self, px: int) -> None:
        self.base_px = px
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _sized(self, scale: float) -> str:
        px = max(1, round(self.base_px * scale))
        return f'<div style="font-size:{px}px">{self.source}</div>' if self.source else ""

    def _height_at(self, scale: float) -> float:
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)  # as QLabel lays out its text
        doc.setHtml(self._sized(scale))
        doc.setTextWidth(max(1, self.width()))
        return doc.size().height()

    def _fit(self) -> None:
        room = self.height()
        self.scale = next((s for s in SCALES if self._height_at(s) <= room), SCALES[-1])
        text = self._sized(self.scale)
        if text != super().text():
            super().setText(text)
