"""Room for the views that need the window's width: while one shows, the side panels step aside.

At 1366x768 and 1280x720 the Items, Inspector and Findings panels left the map about
580x310 pixels, the alignment matrix three of six goal columns and the Plan overview's money
flow a strip. Each such view (the map, the matrices, the overview, the indicators) has a
Room: it hides the docked panels when the view is shown and gives them back when a view
without one is, or when the window closes (so the saved window layout keeps them). A
checkable "Side Panels" action brings them back over the view on demand; that choice is kept
per view, between runs. Opening an item from the map still shows the inspector.

The rooms of one window share what they hid: moving from one wide view to another keeps the
panels aside instead of handing them back in between.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolButton, QWidget

from coherence_planner.ui import settings

_ROOMS: weakref.WeakSet[MapRoom] = weakref.WeakSet()


class MapRoom(QObject):
    """Hides the docks of `panel`'s window while `panel` is shown; `action` toggles them.
    With a `key`, the person's choice for this view is remembered between runs."""

    def __init__(self, panel: QWidget, action: QAction, key: str = "") -> None:
        super().__init__(panel)
        self.panel = panel
        self.action = action
        self.key = key
        # The user asked for the panels beside this view.
        self.keep_panels = bool(key) and _remembered(key)
        self._window: QWidget | None = None
        action.setCheckable(True)
        action.toggled.connect(self._toggled)
        panel.installEventFilter(self)
        _ROOMS.add(self)

    @property
    def _hidden(self) -> list[QDockWidget]:
        """The docks this window's rooms hid (kept on the window, which they share)."""
        window = self.panel.window()
        hidden: list[QDockWidget] | None = getattr(window, "_panels_stepped_aside", None)
        if hidden is None:
            hidden = []
            window._panels_stepped_aside = hidden  # type: ignore[attr-defined]
        return hidden

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
            else:
                self.give_back()
            self._sync_action()
        elif watched is self.panel and event.type() == QEvent.Type.Hide:
            if not self._another_wants_room():
                self.give_back()
        elif watched is self._window and event.type() == QEvent.Type.Close:
            self.give_back()
        return False

    def _another_wants_room(self) -> bool:
        """Another room of this window shows now (a stack shows the next page before it
        hides the last) and keeps the panels aside."""
        window = self.panel.window()
        for room in list(_ROOMS):
            if room is self or room.keep_panels:
                continue
            try:
                if room.panel.window() is window and room.panel.isVisible():
                    return True
            except RuntimeError:  # a closed window's room, its widgets already deleted
                _ROOMS.discard(room)
        return False

    def settle(self) -> None:
        """The panels were shown while this view was (a plan opened on it): step aside
        again, unless the person keeps them here."""
        if self.panel.isVisible() and not self.keep_panels:
            self._watch_window()
            self.make_room()
            self._sync_action()

    def make_room(self) -> None:
        """Hide the docked panels that are open, remembering them."""
        hidden = self._hidden
        for dock in self.docks():
            if dock.isVisible():
                dock.hide()
                if dock not in hidden:
                    hidden.append(dock)

    def give_back(self) -> None:
        """Show again the panels the rooms hid."""
        hidden = list(self._hidden)
        self._hidden.clear()
        for dock in hidden:
            dock.show()

    def _toggled(self, on: bool) -> None:
        if on == any(d.isVisible() for d in self.docks()):
            return
        self.keep_panels = on
        if self.key:
            settings.settings().setValue(f"views/{self.key}/side-panels", on)
        if on:
            hidden = list(self._hidden) or self.docks()
            self._hidden.clear()
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


def _remembered(key: str) -> bool:
    value = settings.settings().value(f"views/{key}/side-panels")
    return str(value).lower() in ("true", "1")


def side_panels_button(panel: QWidget, key: str) -> QToolButton:
    """A "Side Panels" button for `panel`, which gets a room of its own (kept as
    `panel.room`): the panels step aside while it shows, and the button brings them back."""
    action = QAction("Side Panels", panel)
    action.setToolTip(
        "Show the Items and Inspector panels beside this view (they step aside while it "
        "shows, to give it the window's width)"
    )
    panel.room = MapRoom(panel, action, key)  # type: ignore[attr-defined]
    button = QToolButton()
    button.setDefaultAction(action)
    button.setAccessibleName("Side panels")
    return button
