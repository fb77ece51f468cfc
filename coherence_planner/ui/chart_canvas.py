"""A matplotlib Figure inside a Qt widget, drawn by the same functions as the PDF report.

matplotlib is imported when a chart is first drawn, not when the view is built: the views
that hold charts (initiative load, ratings, indicators) are made with the main window, and
matplotlib alone took longer to import than a bare window takes to start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class ChartCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None, *, size: tuple[float, float] = (6, 5)):
        super().__init__(parent)
        self._size = size
        self._canvas: Any = None
        # Run after each new layout (the indicators chart moves its end labels apart).
        self.after_layout: Callable[[Figure], None] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 260)

    @property
    def figure(self) -> Figure:
        """The Figure to draw on (made, with matplotlib, on first use)."""
        figure: Figure = self.matplotlib_canvas().figure
        return figure

    def matplotlib_canvas(self) -> Any:
        if self._canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self._canvas = FigureCanvasQTAgg(Figure(figsize=self._size, layout=None))  # type: ignore[no-untyped-call]
            self._layout.addWidget(self._canvas)
        return self._canvas

    def clear(self) -> None:
        """Show no chart (without loading matplotlib when none was ever drawn)."""
        if self._canvas is not None:
            self._canvas.figure.clear()
            self._canvas.draw_idle()

    def draw_idle(self) -> None:
        from coherence_planner.reports.charts.figures import any_script

        any_script(self.figure)  # names in any script (Chinese, Arabic…) draw as written
        self.matplotlib_canvas().draw_idle()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay the chart out again for the new size, once the canvas has it: a layout made
        for another size cuts off axis titles and tick labels at the edges."""
        super().resizeEvent(event)
        if self._canvas is not None:
            QTimer.singleShot(0, self._relayout)

    def _relayout(self) -> None:
        from coherence_planner.reports.charts.figures import fit_layout

        if self._canvas is not None:
            fit_layout(self._canvas.figure)
            if self.after_layout is not None:
                self.after_layout(self._canvas.figure)
            self._canvas.draw_idle()
