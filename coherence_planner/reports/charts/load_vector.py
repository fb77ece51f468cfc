"""The initiative-load heat map for the report, drawn straight as vectors (no matplotlib).

The same picture as the app's matplotlib chart (load_heatmap.py): a cell per school and
grade band in cividis (a colour-blind-safe sequential map) with its count written in it,
cells over the threshold framed in vermillion with a bold "n!", grey hatching where a
school does not serve a band, a colour bar with round ticks. Laid out with the fonts'
own widths, it costs a few milliseconds instead of a matplotlib layout and drawing (the
report's most expensive chart after the goals' ones, which are drawn this way too).
"""

from __future__ import annotations

import textwrap

from matplotlib import colormaps

from coherence_planner.domain.analysis.load import LoadTable
from coherence_planner.reports import palette
from coherence_planner.reports.charts import painter
from coherence_planner.reports.charts.painter import BLACK
from coherence_planner.reports.charts.vector import Op, Rgba, VectorChart
from coherence_planner.reports.charts.vector_paths import RecordedPath, hatch_lines
from coherence_planner.reports.fonts import FONT_BOLD, register_fonts, text_width

WIDTH, HEIGHT = 648.0, 432.0  # design points (9 x 6 in, the matplotlib chart's size)
SIZE = 9.0
PAD = 4.0
TICK_LEN, GAP = 3.5, 3.5
BAR_W, BAR_GAP, BAR_STEPS = 14.0, 12.0, 64
NO_DATA: Rgba = painter.rgba("#CCCCCC")
GROUND: Rgba = painter.rgba("#F2F2F2")
WHITE_INK: Rgba = (1.0, 1.0, 1.0, 1.0)


def _colour(share: float) -> Rgba:
    r, g, b, _ = colormaps["cividis"](min(max(share, 0.0), 1.0))
    return (float(r), float(g), float(b), 1.0)


def _bold(x: float, y: float, words: str, size: float, colour: Rgba) -> Op:
    return ("text", x, y, words, FONT_BOLD, size, 0.0, colour, None)


def _box(x0: float, y0: float, x1: float, y1: float) -> RecordedPath:
    corners = [((x0, y0), painter.MOVE), ((x1, y0), painter.LINE), ((x1, y1), painter.LINE)]
    return RecordedPath([*corners, ((x0, y1), painter.LINE), ((x0, y0), painter.CLOSE)])


def load_chart(table: LoadTable, width: float, alt: str) -> VectorChart:
    """The heat map `width` points wide; `alt` says what it shows (the tagged Figure's words)."""
    return VectorChart(load_ops(table), width, alt)


def load_ops(table: LoadTable) -> tuple[list[Op], float, float]:
    register_fonts()
    line_pt = SIZE * 1.2
    top_count = max(table.highest, table.threshold + 1, 1)
    schools = [painter.fit(school, 36 * SIZE * 0.6, SIZE) for school in table.schools]
    bands = [textwrap.wrap(band, 12) or [band] for band in table.bands]
    scope = "every program" if table.district_wide else "programs that name the school"
    title = [
        "Active programs per school and grade band",
        f"({scope}; more than {table.threshold} outlined)",
    ]
    bar_ticks, bar_step = painter.nice_ticks(0.0, float(top_count))
    bar_words = [painter.tick_words(v, bar_step) for v in bar_ticks]
    left = PAD + max((text_width(s, SIZE) for s in schools), default=0.0) + GAP + TICK_LEN
    right = WIDTH - PAD - max(text_width(w, SIZE) for w in bar_words) - GAP - TICK_LEN
    right -= BAR_W + BAR_GAP
    title_size = SIZE * 1.1
    top = HEIGHT - PAD - title_size * 1.25 * len(title) - 6
    bottom = PAD + line_pt * max((len(b) for b in bands), default=1) + GAP + TICK_LEN
    rows, cols = max(len(schools), 1), max(len(bands), 1)
    cell_w, cell_h = (right - left) / cols, (top - bottom) / rows
    ops: list[Op] = [painter.rect(left, bottom, right, top, GROUND)]
    frames: list[Op] = []
    for r, row in enumerate(table.counts):
        for c, n in enumerate(row):
            x0, y1 = left + c * cell_w, top - r * cell_h
            x1, y0 = x0 + cell_w, y1 - cell_h
            if n is None:
                cell = _box(x0, y0, x1, y1)
                ops.append(
                    ("hatch", cell, hatch_lines("//", cell), painter.stroke(NO_DATA, 1.0), None)
                )
                ops.append(("path", cell, painter.stroke(NO_DATA, 1.0), None, None))
                continue
            ops.append(painter.rect(x0, y0, x1, y1, _colour(n / top_count)))
            over = n > table.threshold
            words = f"{n}!" if over else str(n)
            ink = WHITE_INK if n < top_count * 0.55 else BLACK
            size = SIZE * (1.15 if over else 1.0)
            middle_x, middle_y = (x0 + x1) / 2, (y0 + y1) / 2
            a, d = painter.height(size)
            baseline = middle_y - (a + d) / 2
            width = text_width(words, size, bold=over)
            if over:
                frames.append(_bold(middle_x - width / 2, baseline, words, size, ink))
                inset_x, inset_y = cell_w * 0.05, cell_h * 0.05
                frame = _box(x0 + inset_x, y0 + inset_y, x1 - inset_x, y1 - inset_y)
                vermillion = painter.stroke(painter.rgba(palette.VERMILLION), 3.0)
                frames.append(("path", frame, vermillion, None, None))
            else:
                ops.append(painter.text(middle_x - width / 2, baseline, words, SIZE, ink))
    ops += frames
    ops += _axes(schools, bands, left, right, bottom, top, cell_w, cell_h)
    ops += _colour_bar(bar_ticks, bar_words, top_count, right + BAR_GAP, bottom, top)
    for n, words in enumerate(title):
        baseline = HEIGHT - PAD - title_size * (1.25 * n + 1)
        x = (left + right) / 2 - text_width(words, title_size) / 2
        ops.append(painter.text(x, baseline, words, title_size))
    return ops, WIDTH, HEIGHT


def _axes(
    schools: list[str],
    bands: list[list[str]],
    left: float,
    right: float,
    bottom: float,
    top: float,
    cell_w: float,
    cell_h: float,
) -> list[Op]:
    """The frame, the schools down the left and the bands along the bottom, with ticks."""
    spine = painter.stroke(BLACK, 0.8)
    ops: list[Op] = [("path", _box(left, bottom, right, top), spine, None, None)]
    ascent, descent = painter.height(SIZE)
    line_pt = SIZE * 1.2
    for r, school in enumerate(schools):
        middle = top - (r + 0.5) * cell_h
        ops.append(painter.line([(left, middle), (left - TICK_LEN, middle)], spine))
        at = left - TICK_LEN - GAP - text_width(school, SIZE)
        ops.append(painter.text(at, middle - (ascent + descent) / 2, school, SIZE))
    for c, lines in enumerate(bands):
        middle = left + (c + 0.5) * cell_w
        ops.append(painter.line([(middle, bottom), (middle, bottom - TICK_LEN)], spine))
        for n, words in enumerate(lines):
            baseline = bottom - TICK_LEN - GAP - ascent - n * line_pt
            ops.append(painter.text(middle - text_width(words, SIZE) / 2, baseline, words, SIZE))
    return ops


def _colour_bar(
    ticks: list[float], words: list[str], top_count: int, x0: float, bottom: float, top: float
) -> list[Op]:
    """The colour scale beside the map: cividis from 0 to the highest count, with ticks."""
    step = (top - bottom) / BAR_STEPS
    ops: list[Op] = [
        painter.rect(
            x0,
            bottom + n * step,
            x0 + BAR_W,
            min(top, bottom + (n + 1) * step + 0.3),  # a hair over the next: no seam
            _colour((n + 0.5) / BAR_STEPS),
        )
        for n in range(BAR_STEPS)
    ]
    spine = painter.stroke(BLACK, 0.8)
    ops.append(("path", _box(x0, bottom, x0 + BAR_W, top), spine, None, None))
    ascent, descent = painter.height(SIZE)
    for value, label in zip(ticks, words, strict=True):
        y = bottom + (top - bottom) * value / top_count
        ops.append(painter.line([(x0 + BAR_W, y), (x0 + BAR_W + TICK_LEN, y)], spine))
        at = x0 + BAR_W + TICK_LEN + GAP
        ops.append(painter.text(at, y - (ascent + descent) / 2, label, SIZE))
    return ops
