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


# Marks a Text already set for its script, so that its right-to-left text is not reversed twice.
_SET = "_coherence_script_set"


def any_script(figure: Figure) -> None:
    """Set every text of `figure` so that names in any script draw: letters DejaVu Sans lacks
    in a font the computer has (matplotlib falls back along a list of families), right-to-left
    names in drawing order (matplotlib has no bidirectional algorithm). Idempotent; called
    before each layout and drawing, after the chart's texts are made."""
    from matplotlib.font_manager import fontManager, get_font
    from matplotlib.text import Text

    from coherence_planner.reports.fonts import display, lacking_letters
    from coherence_planner.reports.script_fonts import FINDER

    for text in figure.findobj(Text):
        words = text.get_text()
        if words.isascii() or getattr(text, _SET, False):
            continue
        setattr(text, _SET, True)
        lacking = set(map(ord, lacking_letters(words)))
        FINDER.look_for(lacking)
        families = []
        for source in FINDER.sources:
            if lacking & source.letters:
                fontManager.addfont(source.path)
                families.append(get_font(source.path).family_name)
        if families:
            text.set_fontfamily(["DejaVu Sans", *families])
        shown = display(words)
        if shown != words:
            text.set_text(shown)


def png_bytes(figure: Figure, dpi: int = 150) -> bytes:
    """The figure as a PNG at `dpi` (the app shows the Figure itself; the PDF embeds this)."""
    FigureCanvasAgg(figure)
    any_script(figure)
    buffer = io.BytesIO()
    with quiet_glyphs():
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def fit_layout(figure: Figure) -> None:
    """tight_layout, quietly: in a very small canvas (a narrow app pane) matplotlib warns
    that it cannot fit everything, which is true and harmless; the chart is still drawn.
    Every layout a name's missing glyph or length could disturb goes through here."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    any_script(figure)
    if isinstance(figure.get_layout_engine(), ConstrainedLayoutEngine):
        return  # the figure lays itself out on every draw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        figure.tight_layout()
