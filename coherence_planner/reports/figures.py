"""Turning a matplotlib Figure into PNG bytes without pyplot (no global state, no GUI)."""

from __future__ import annotations

import io
import warnings

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def png_bytes(figure: Figure, dpi: int = 150) -> bytes:
    """The figure as a PNG at `dpi` (the app shows the Figure itself; the PDF embeds this)."""
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def fit_layout(figure: Figure) -> None:
    """tight_layout, quietly: in a very small canvas (a narrow app pane) matplotlib warns
    that it cannot fit everything, which is true and harmless; the chart is still drawn."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        figure.tight_layout()
