"""Focusable controls a screen reader would announce with no name.

A person using NVDA, JAWS, Narrator or VoiceOver hears a control's accessible name when it
takes focus. A button, check box, radio button or label is named by its own text (Qt's
accessibility interface reads it), a tab bar by its tabs'; any other control needs
`accessibleName()` or a QLabel whose buddy it is (a combo box would otherwise be announced
by its current value, a table or a scroll area by nothing); an item view (a table, a list, a tree) needs
`accessibleName()` itself, since no label says what it lists. A widget that hands its focus
to another (a scroll area's viewport) is that other widget's business.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QTabBar, QWidget

from tests.gui.layout_checks import shown

NAMED_BY_OWN_TEXT = (QAbstractButton, QLabel)


def focusable(top: QWidget) -> list[QWidget]:
    """The controls of `top` a person can see and move to (Tab or a click)."""
    return [
        w
        for w in shown(top)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.focusProxy() is None
        # QMainWindow keeps an emptied dock tab bar "visible" off screen: no tab to reach.
        and not (isinstance(w, QTabBar) and w.count() == 0)
    ]


def _buddy_text(top: QWidget, widget: QWidget) -> str:
    for label in top.findChildren(QLabel):
        if label.buddy() is widget:
            return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return ""


def accessible_name(top: QWidget, widget: QWidget) -> str:
    """The name a screen reader announces for `widget` ("" if none)."""
    own = widget.accessibleName().strip()
    if own or isinstance(widget, QAbstractItemView):
        return own
    if isinstance(widget, QTabBar):  # each tab is announced by its own text
        tabs = [widget.tabText(i).replace("&", "").strip() for i in range(widget.count())]
        return ", ".join(tabs) if tabs and all(tabs) else ""
    if isinstance(widget, NAMED_BY_OWN_TEXT):
        interface = QAccessible.queryAccessibleInterface(widget)
        return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""
    return _buddy_text(top, widget).strip()


def describe(widget: QWidget) -> str:
    """A widget a person can find from the message: its class, object name and tooltip."""
    parts = [type(widget).__name__]
    if widget.objectName():
        parts.append(repr(widget.objectName()))
    if widget.toolTip():
        parts.append(f"tooltip {widget.toolTip()[:40]!r}")
    parent = widget.parentWidget()
    if parent is not None:
        parts.append(f"in {type(parent).__name__}")
    return " ".join(parts)


def unnamed(top: QWidget, _ids: Any = None) -> list[str]:
    """Each focusable control of `top` with no accessible name."""
    return [describe(w) for w in focusable(top) if not accessible_name(top, w)]
