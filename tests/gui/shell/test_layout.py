"""Nothing is cut off at 1280x720, the size of many district laptops and projectors.

Each view and part is opened with the sample district, a program and then a strategy in the
Inspector, in each common default font (the ui_font fixture). A widget squeezed below its
minimumSizeHint, or a word-wrapped label shorter than its text needs, is cut off; so is a
window that needs more than the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollBar,
    QSizePolicy,
    QTabBar,
    QWidget,
)

from tests.gui.helpers import wait_for_analysis

LAPTOP = (1280, 720 - 70)  # a 1280x720 screen less a taskbar and a title bar


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside the viewport of a scroll area: what does not fit there scrolls into view."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def cut_off(top: QWidget) -> list[str]:
    """The visible widgets of `top` that are smaller than they need to be."""
    problems = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.isWindow():
            continue
        if isinstance(widget, QScrollBar | QTabBar | QHeaderView):  # these scroll themselves
            continue
        if widget.objectName().startswith("qt_") or isinstance(
            widget.parentWidget(), QLineEdit | QComboBox | QAbstractSpinBox
        ):  # the parts Qt puts inside its own widgets, sized by them
            continue
        policy = widget.sizePolicy()
        hint = widget.minimumSizeHint()
        name = widget.accessibleName() or widget.objectName() or type(widget).__name__
        parent = widget.parentWidget()
        while parent is not None and parent is not top and not parent.accessibleName():
            parent = parent.parentWidget()
        if parent is not None and parent is not top:
            name += f" in {parent.accessibleName()}"
        if isinstance(widget, QLabel):
            name = f"label {widget.text()[:40]!r}"
        ignored = QSizePolicy.Policy.Ignored
        if policy.horizontalPolicy() != ignored and widget.width() < hint.width() - 1:
            problems.append(f"{name}: {widget.width()} px wide, needs {hint.width()}")
        # A text box or list scrolls its text; what sits in a scroll area scrolls into view.
        scrolls = isinstance(widget, QAbstractScrollArea) or _scrolled(widget, top)
        if (
            policy.verticalPolicy() != ignored
            and not scrolls
            and widget.height() < hint.height() - 1
        ):
            problems.append(f"{name}: {widget.height()} px high, needs {hint.height()}")
        if (
            isinstance(widget, QLabel)
            and widget.wordWrap()
            and widget.heightForWidth(widget.width()) > widget.height() + 1
        ):
            problems.append(
                f"{name}: wrapped text needs {widget.heightForWidth(widget.width())} px"
            )
        inside = widget.mapTo(top, QPoint(0, 0))
        if inside.x() + widget.width() > top.width() + 1 and not _scrolled(widget, top):
            problems.append(f"{name}: runs off the right edge")
    return problems


@pytest.mark.parametrize("compact", [True, False], ids=["compact", "wide"])
def test_every_view_fits_a_1280x720_laptop(
    qtbot: Any, ui_font: str, window: Any, sample_plan: Path, compact: bool
) -> None:
    window.resize(*LAPTOP)
    window.navigation.set_compact(compact)
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    hint = window.minimumSizeHint()
    assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], hint
    found: dict[str, list[str]] = {}
    for selected in (["P4"], ["S11"]):  # a program, then a strategy with cycles
        window.session.select(selected)
        for view in window.views.views.values():
            for title, part in view.parts.items():
                window.show_view(part)
                qtbot.wait(30)
                problems = cut_off(window)
                if problems:
                    found[f"{view.title} › {title} with {selected[0]}"] = problems
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
