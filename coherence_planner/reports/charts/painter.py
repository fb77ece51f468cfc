"""Small drawing steps for charts the report draws without matplotlib (progress_vector.py,
bars.py): text, lines and boxes in the form VectorChart replays (charts/vector.py), with
the fonts' own widths (cached) for the layout, and round axis ticks."""

from __future__ import annotations

import math

from reportlab.pdfbase import pdfmetrics

from coherence_planner.reports.charts.vector import Op, Rgba, _Stroke
from coherence_planner.reports.fonts import FONT, text_width

MOVE, LINE, CURVE, CLOSE = 1, 2, 4, 79  # matplotlib's path codes, which the replay reads
BLACK: Rgba = (0.0, 0.0, 0.0, 1.0)
WHITE: Rgba = (1.0, 1.0, 1.0, 0.85)  # a label's ground: what runs behind shows through a little
GRID: Rgba = (0xDD / 255, 0xDD / 255, 0xDD / 255, 1.0)


def rgba(hex_colour: str, alpha: float = 1.0) -> Rgba:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b, alpha)


def stroke(colour: Rgba, width: float, dashes: tuple[float, ...] | None = None) -> _Stroke:
    return _Stroke(colour, width, (0.0, dashes), 1 if dashes is None else 0, 0)


def text(
    x: float, y: float, words: str, size: float, colour: Rgba = BLACK, angle: float = 0.0
) -> Op:
    return ("text", x, y, words, FONT, size, angle, colour, None)


def line(points: list[tuple[float, float]], pen: _Stroke) -> Op:
    segments = [((x, y), LINE if n else MOVE) for n, (x, y) in enumerate(points)]
    return ("path", segments, pen, None, None)


def height(size: float) -> tuple[float, float]:
    """A line of text's ascent and descent (descent below zero) at `size`."""
    ascent, descent = pdfmetrics.getAscentDescent(FONT, size)
    return float(ascent), float(descent)


def wrapped(words: str, room: float, size: float) -> list[str]:
    """`words` in lines no wider than `room`, broken between words (a word wider than the
    room alone is shortened to fit)."""
    lines: list[str] = []
    line = ""
    for word in words.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, size) > room:
            lines.append(line)
            trial = word
        line = fit(trial, room, size)
    return [*lines, line]


def rect(x0: float, y0: float, x1: float, y1: float, fill: Rgba) -> Op:
    """A filled box, no outline."""
    corners = [((x0, y0), MOVE), ((x1, y0), LINE), ((x1, y1), LINE), ((x0, y1), LINE)]
    return ("path", [*corners, ((x0, y0), CLOSE)], None, fill, None)


def fit(words: str, room: float, size: float) -> str:
    """`words` shortened with "…" to `room` points."""
    while len(words) > 1 and text_width(words, size) > room:
        words = words[: max(1, int(len(words) * room / text_width(words, size)) - 1)] + "…"
    return words


def nice_ticks(lo: float, hi: float, most: int = 8) -> tuple[list[float], float]:
    """Round values from `lo` to `hi`, at most `most` of them (1, 2, 2.5 or 5 times a power
    of ten apart, as matplotlib's own axis picks), and their step."""
    span = hi - lo
    power = 10 ** math.floor(math.log10(span / most))
    step = next(m * power for m in (1, 2, 2.5, 5, 10, 20) if span / (m * power) <= most)
    first = math.ceil(lo / step - 1e-9) * step
    count = math.floor((hi - first) / step + 1e-9) + 1
    return [first + n * step for n in range(count)], step


def tick_words(value: float, step: float) -> str:
    """A tick's value with as many decimals as its step needs, thousands separated."""
    places = max(0, -math.floor(math.log10(step) + 1e-9))
    if step * 10**places % 1 > 1e-6:  # 2.5, 0.25: one more place
        places += 1
    words = f"{value:,.{places}f}"
    return "−" + words[1:] if words.startswith("-") and value < 0 else words.lstrip("-")
