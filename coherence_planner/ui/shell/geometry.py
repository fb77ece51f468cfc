"""Where the main window sits and how its side panels share the screen.

Cabinets use 1280x720 and 1366x768 laptops and projectors, planners 1920x1080 monitors. So:
on first run the window opens maximised; after that it opens as the person left it, but never
larger than the screen it lands on (a layout saved on a big monitor must not hang off a
laptop). Below 1440 px of screen width the compact layout is the default: the Items list and
the Inspector share one column as tabs, so the central view keeps most of the width; on wider
screens they sit left and right. View > Compact Layout switches, and the choice is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow

from coherence_planner.ui import settings

COMPACT_BELOW = 1440  # px of available screen width
SIDE_WIDTH = {"items": 360, "inspector": 400}  # wide layout
COMPACT_SIDE_WIDTH = 380  # the one shared column of the compact layout


def screen_area(window: QMainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def compact_by_default(window: QMainWindow) -> bool:
    return screen_area(window).width() < COMPACT_BELOW


def restore(window: QMainWindow) -> bool:
    """Put the window where it was (or maximised on first run); True when a saved layout of
    the panels was restored."""
    store = settings.settings()
    geometry = store.value("window/geometry")
    state = store.value("window/state")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
        fit_to_screen(window)
    else:
        area = screen_area(window)
        window.resize(min(1280, area.width()), min(720, area.height()))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return isinstance(state, QByteArray) and not state.isEmpty() and window.restoreState(state)


def fit_to_screen(window: QMainWindow) -> None:
    """Shrink and move the (normal) window so that all of it is on its screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = screen_area(window)
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(frame.x(), area.x()), area.right() + 1 - width - extra_w)
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - height - extra_h)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def save(window: QMainWindow) -> None:
    store = settings.settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())


def compact_setting(window: QMainWindow) -> bool:
    value = settings.settings().value("window/compact")
    if value is None:
        return compact_by_default(window)
    return str(value).lower() in ("true", "1")


def arrange(window: QMainWindow, items: QDockWidget, inspector: QDockWidget, compact: bool) -> None:
    """Place the two side panels for the compact or the wide layout."""
    right = Qt.DockWidgetArea.RightDockWidgetArea
    if compact:
        window.addDockWidget(right, items)
        window.addDockWidget(right, inspector)
        window.tabifyDockWidget(items, inspector)
        window.resizeDocks([inspector], [COMPACT_SIDE_WIDTH], Qt.Orientation.Horizontal)
        if inspector.isVisible():
            inspector.raise_()
    else:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, items)
        window.addDockWidget(right, inspector)
        window.resizeDocks(
            [items, inspector],
            [SIDE_WIDTH["items"], SIDE_WIDTH["inspector"]],
            Qt.Orientation.Horizontal,
        )
    settings.settings().setValue("window/compact", compact)
