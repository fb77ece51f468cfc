"""Turning a matplotlib Figure into PNG bytes without pyplot (no global state, no GUI)."""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


@contextlib.contextmanager
def quiet_glyphs() -> Iterator[None]:
    """DejaVu Sans has no Cherokee, CJK or emoji glyphs: such names print as boxes (the
    export says so once, in one line) rather than a warning per letter on the terminal."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
        warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support")
        yield


def png_bytes(figure: Figure, dpi: int = 150) -> bytes:
    """The figure as a PNG at `dpi` (the app shows the Figure itself; the PDF embeds this)."""
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    with quiet_glyphs():
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def fit_layout(figure: Figure) -> None:
    """tight_layout, quietly: in a very small canvas (a narrow app pane) matplotlib warns
    that it cannot fit everything, which is true and harmless; the chart is still drawn.
    Every layout a name's missing glyph or length could disturb goes through here."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if isinstance(figure.get_layout_engine(), ConstrainedLayoutEngine):
        return  # the figure lays itself out on every draw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        figure.tight_layout()
