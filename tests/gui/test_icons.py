"""Icons are drawn when a size is first shown, not all sizes up front (issue 29: rendering
12 pixmaps of every icon was a tenth of start-up before the first paint)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from coherence_planner.ui import icons


def test_an_icon_is_drawn_at_a_size_when_that_size_is_asked_for(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    render = icons._render

    def counting(svg: bytes, size: int, ratio: float) -> QPixmap:
        drawn.append(size)
        return render(svg, size, ratio)

    monkeypatch.setattr(icons, "_render", counting)
    icons.clear_cache()
    undo = icons.icon("undo")
    assert drawn == []
    pixmap = undo.pixmap(QSize(20, 20))
    assert drawn == [20] and pixmap.width() == 20 and not pixmap.isNull()
    undo.pixmap(QSize(20, 20))
    assert drawn == [20]  # kept
    disabled = undo.pixmap(QSize(20, 20), QIcon.Mode.Disabled)
    assert drawn == [20, 20] and not disabled.isNull()
    assert disabled.toImage() != pixmap.toImage()  # its own, fainter colour
    assert icons.app_icon().pixmap(QSize(72, 72)).width() == 72
    icons.clear_cache()
