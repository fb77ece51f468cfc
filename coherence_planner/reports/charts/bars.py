"""A horizontal bar chart for the report, drawn straight as vectors (no matplotlib): the
spending charts of the summary (alignment.py, spend_by_goal.py).

Each bar has its name to the left (in lines, right-aligned), its value in words after its
end, and a money axis below with round ticks, as the matplotlib charts drew them; laid out
with the fonts' own widths, so a chart costs a millisecond instead of a matplotlib layout
and drawing (a tenth of a second each, the first in a process more).
"""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import painter
from coherence_planner.reports.charts.image import DESIGN_WIDTH
from coherence_planner.reports.charts.vector import Op, VectorChart
from coherence_planner.reports.fonts import register_fonts, text_width

PAD = 4.0
SIZE, TITLE_SIZE = 7.0, 9.0  # the tick labels, names and values; the title
TICK_LEN = 3.5
GAP = 3.5  # between a tick and its words
VALUE_GAP = 4.0  # between a bar's end and its value


@dataclass(frozen=True)
class Bar:
    name: tuple[str, ...]  # its lines, already wrapped
    value: float
    colour: str  # "#RRGGBB"
    words: str  # the value as printed after the bar
    room: float  # points of the plot's height this bar's row takes
    bar: float  # the bar's thickness in points


def bar_chart(title: str, bars: list[Bar], top: float, width: float, alt: str) -> VectorChart:
    """`bars` from the top down, on an axis from 0 to `top`, `width` points wide; `alt`
    says what it shows (the tagged Figure's words)."""
    return VectorChart(bar_ops(title, bars, top), width, alt)


def bar_ops(title: str, bars: list[Bar], top: float) -> tuple[list[Op], float, float]:
    register_fonts()
    ink = painter.rgba(palette.TEXT)
    ascent, descent = painter.height(SIZE)
    line_pt = SIZE * 1.2
    left = PAD + max(text_width(n, SIZE) for b in bars for n in b.name) + GAP + TICK_LEN
    right = DESIGN_WIDTH - PAD
    for _ in range(2):  # the value after the longest bar stays inside the chart
        reach = max(
            left + (right - left) * b.value / top + VALUE_GAP + text_width(b.words, SIZE)
            for b in bars
        )
        right -= max(0.0, reach - (DESIGN_WIDTH - PAD))
    x = _Axis(top, left, right)
    bottom = PAD + ascent - descent + GAP + TICK_LEN
    plot_top = bottom + sum(b.room for b in bars)
    head = painter.wrapped(title, DESIGN_WIDTH - PAD - left, TITLE_SIZE)
    height = plot_top + 6 + TITLE_SIZE * 1.25 * len(head) + PAD
    spine = painter.stroke(ink, 0.8)
    ops: list[Op] = []
    row_top = plot_top
    for b in bars:
        middle = row_top - b.room / 2
        row_top -= b.room
        colour = painter.rgba(b.colour)
        ops.append(painter.rect(x(0), middle - b.bar / 2, x(b.value), middle + b.bar / 2, colour))
        baseline = middle - (ascent + descent) / 2
        ops.append(painter.text(x(b.value) + VALUE_GAP, baseline, b.words, SIZE))
        ops.append(painter.line([(left, middle), (left - TICK_LEN, middle)], spine))
        first = baseline + line_pt * (len(b.name) - 1) / 2
        for n, words in enumerate(b.name):
            at = left - TICK_LEN - GAP - text_width(words, SIZE)
            ops.append(painter.text(at, first - n * line_pt, words, SIZE, ink))
    ops.append(painter.line([(left, plot_top), (left, bottom), (right, bottom)], spine))
    ticks, _ = painter.nice_ticks(0.0, top)
    for value in ticks:
        words = money_short(value)
        ops.append(painter.line([(x(value), bottom), (x(value), bottom - TICK_LEN)], spine))
        below = bottom - TICK_LEN - GAP - ascent
        ops.append(painter.text(x(value) - text_width(words, SIZE) / 2, below, words, SIZE, ink))
    for n, words in enumerate(head):
        baseline = height - PAD - TITLE_SIZE * (1.25 * n + 1)
        ops.append(painter.text(left, baseline, words, TITLE_SIZE))
    return ops, DESIGN_WIDTH, height


@dataclass(frozen=True)
class _Axis:
    """Values from 0 to `top` placed from `a` to `b` points."""

    top: float
    a: float
    b: float

    def __call__(self, value: float) -> float:
        return self.a + (self.b - self.a) * value / self.top
