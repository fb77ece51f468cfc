"""The menu bar and the toolbar, built from plain lists: the main window says what goes where,
this module only builds it, and lists every shortcut for the Help sheet and the tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QToolBar


@dataclass(frozen=True)
class Submenu:
    title: str
    entries: Sequence[Entry]


# An action, a ready-made menu, a submenu to build, or None for a separator.
Entry = QAction | QMenu | Submenu | None


def fill(menu: QMenu, entries: Sequence[Entry]) -> None:
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, QMenu):
            menu.addMenu(entry)
        elif isinstance(entry, Submenu):
            fill(menu.addMenu(entry.title), entry.entries)
        else:
            menu.addAction(entry)


def build_menu_bar(bar: QMenuBar, menus: Sequence[tuple[str, Sequence[Entry]]]) -> dict[str, QMenu]:
    """Add the menus in order; returns them by title without the & marks."""
    made = {}
    for title, entries in menus:
        menu = bar.addMenu(title)
        fill(menu, entries)
        made[title.replace("&", "")] = menu
    return made


def build_toolbar(window: QMainWindow, entries: list[QAction | None]) -> QToolBar:
    bar = QToolBar("Main")
    bar.setObjectName("toolbar-main")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(bar)
    for entry in entries:
        if entry is None:
            bar.addSeparator()
        else:
            bar.addAction(entry)
            button = bar.widgetForAction(entry)
            if button is not None:
                button.setAccessibleName(entry.text().replace("&", "").rstrip("…"))
    return bar


@dataclass(frozen=True)
class Shortcut:
    menu: str  # "View", "View › Map"
    text: str  # the entry without & marks
    keys: str  # as the platform writes it, e.g. "Alt+1"
    action: QAction


def shortcuts(bar: QMenuBar) -> list[Shortcut]:
    """Every menu entry with a shortcut, in menu order (each action once)."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {sub.title().replace('&', '')}")
                continue
            keys = action.shortcut()
            if action.isSeparator() or keys.isEmpty() or id(action) in seen:
                continue
            seen.add(id(action))
            text = action.text().replace("&", "")
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            found.append(Shortcut(path, text, native, action))

    for top in bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, menu.title().replace("&", ""))
    return found
