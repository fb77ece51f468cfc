"""Room for the map: while the Map tab is shown, the window's side panels step aside.

At 1366x768 and 1280x720 the Items, Inspector and Findings panels left the map about
580x310 pixels. This hides the docked panels when the map is shown and gives them back
when another tab is, or when the window closes (so the saved window layout keeps them).
A checkable "Side Panels" action brings them back over the map on demand; that choice is
kept while the plan is open. Opening an item from the map still shows the inspector.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget


class MapRoom(QObject):
    """Hides the docks of `panel`'s window while `panel` is shown; `action` toggles them."""

    def __init__(self, panel: QWidget, action: QAction) -> None:
        super().__init__(panel)
        self.panel = panel
        self.action = action
        self.keep_panels = False  # the user asked for the panels beside the map
        self._hidden: list[QDockWidget] = []
        self._window: QWidget | None = None
        action.setCheckable(True)
        action.toggled.connect(self._toggled)
        panel.installEventFilter(self)

    def docks(self) -> list[QDockWidget]:
        window = self.panel.window()
        if window is self.panel:
            return []
        return [d for d in window.findChildren(QDockWidget) if not d.isFloating()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel and event.type() == QEvent.Type.Show:
            self._watch_window()
            if not self.keep_panels:
                self.make_room()
            self._sync_action()
        elif (watched is self.panel and event.type() == QEvent.Type.Hide) or (
            watched is self._window and event.type() == QEvent.Type.Close
        ):
            self.give_back()
        return False

    def make_room(self) -> None:
        """Hide the docked panels that are open, remembering them."""
        for dock in self.docks():
            if dock.isVisible():
                dock.hide()
                if dock not in self._hidden:
                    self._hidden.append(dock)

    def give_back(self) -> None:
        """Show again the panels this hid."""
        hidden, self._hidden = self._hidden, []
        for dock in hidden:
            dock.show()

    def _toggled(self, on: bool) -> None:
        if on == any(d.isVisible() for d in self.docks()):
            return
        self.keep_panels = on
        if on:
            hidden = self._hidden or self.docks()
            self._hidden = []
            for dock in hidden:
                dock.show()
        else:
            self.make_room()

    def _watch_window(self) -> None:
        window = self.panel.window()
        if window is not self._window and window is not self.panel:
            if self._window is not None:
                self._window.removeEventFilter(self)
            self._window = window
            window.installEventFilter(self)
            for dock in self.docks():
                dock.visibilityChanged.connect(lambda _on: self._sync_action())

    def _sync_action(self) -> None:
        shown = any(d.isVisible() for d in self.docks())
        if self.action.isChecked() != shown:
            self.action.blockSignals(True)
            self.action.setChecked(shown)
            self.action.blockSignals(False)
