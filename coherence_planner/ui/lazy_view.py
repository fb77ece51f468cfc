"""Views that refresh only while they can be seen.

The retreat tabs recompute a good deal (a scenario analyses the district twice; the charts
redraw), so an edit made elsewhere only marks a hidden tab stale; it catches up when shown.
That keeps an edit in a 2,000-program district as quick as it is without these tabs.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyView(QWidget):
    _stale = True

    def refresh(self) -> None:
        raise NotImplementedError

    def request_refresh(self) -> None:
        """Refresh now if shown, else when next shown."""
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
