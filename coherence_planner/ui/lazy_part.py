"""A tab that makes its widget, and imports the widget's module, when first shown or asked for.

The Map, Alignment, Themes, Findings, Indicators and Snapshots parts, and what they import
(the map's layout, the progress diff), were made before the window's first paint although
none of them shows then: about a fifth of start-up's imports (issue 29). Each widget
catches up with the open plan in its own constructor, as it would on `document_changed`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPart(QWidget):
    def __init__(self, make: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make: Callable[[], QWidget] | None = make
        self.built: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def widget(self) -> QWidget:
        """The real widget, made now if it was not yet."""
        if self.built is None:
            assert self._make is not None
            self.built = self._make()
            self._make = None
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.built)
            self.setFocusProxy(self.built)  # focusing the part (a dock's widget) focuses it
            if self.isVisible():
                # Shown now, not a turn of the event loop later as a widget added to a shown
                # layout is, so the tab's first layout already has its real size hints.
                self.built.show()
                layout.activate()
        return self.built

    def holds(self, widget: QWidget) -> bool:
        return widget is self or (self.built is not None and widget is self.built)

    def showEvent(self, event: QShowEvent) -> None:
        self.widget()
        super().showEvent(event)


class AfterFirstPaint(QObject):
    """Calls `then` once, in the turn of the event loop after `widget`'s first paint: what
    the first paint does not show is made then, not before it (issue 29)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)  # not after the widget is gone
        return False
