"""The cost-per-student scatter for the report, drawn straight as vectors (no matplotlib).

The picture cost_evidence.py drew with matplotlib: each program a dot at its evidence tier
(spread sideways a little) and its cost per student on a log axis in money, removal
candidates as vermillion crosses, a key in the top left corner. Laid out here with the
fonts' own widths: a 10,000-program plan's scatter costs its markers, not a matplotlib
layout and drawing of them.
"""

from __future__ import annotations

import math

from coherence_planner.domain.layout import style as palette
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.charts import painter
from coherence_planner.reports.charts.image import DESIGN_WIDTH
from coherence_planner.reports.charts.painter import BLACK
from coherence_planner.reports.charts.vector import Op, Rgba, _Stroke
from coherence_planner.reports.fonts import register_fonts, text_width

NO_EVIDENCE = 5  # the x of programs with no evidence tier, after the four tiers
PAD, SIZE, TITLE_SIZE = 4.0, 7.0, 9.0
TICK_LEN, MINOR_LEN, GAP = 3.5, 2.0, 3.5
DOT = math.sqrt(14)  # matplotlib's scatter size s=14 is the marker's area in points²
CROSS = math.sqrt(22)
Points = dict[bool, tuple[list[float], list[float]]]


def _dot(x: float, y: float) -> list[tuple[tuple[float, ...], int]]:
    r, k = DOT / 2, DOT / 2 * 0.5523
    return [
        ((x + r, y), painter.MOVE),
        ((x + r, y + k, x + k, y + r, x, y + r), painter.CURVE),
        ((x - k, y + r, x - r, y + k, x - r, y), painter.CURVE),
        ((x - r, y - k, x - k, y - r, x, y - r), painter.CURVE),
        ((x + k, y - r, x + r, y - k, x + r, y), painter.CURVE),
        ((x + r, y), painter.CLOSE),
    ]


def _cross(x: float, y: float) -> list[tuple[tuple[float, ...], int]]:
    r = CROSS / 2
    return [
        ((x - r, y - r), painter.MOVE),
        ((x + r, y + r), painter.LINE),
        ((x - r, y + r), painter.MOVE),
        ((x + r, y - r), painter.LINE),
    ]


def _log_ticks(lo: float, hi: float) -> tuple[list[float], list[float]]:
    """Decades from `lo` to `hi` (with 2x and 5x where fewer than two decades show), and
    the minor ticks between them, as matplotlib's log axis marks them."""
    major: list[float] = []
    minor: list[float] = []
    for power in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for m in range(1, 10):
            value = m * 10.0**power
            if lo <= value <= hi:
                (major if m == 1 else minor).append(value)
    if len(major) < 2:
        major += [v for v in minor if str(v)[0] in "25"]
        minor = [v for v in minor if v not in major]
    return sorted(major), minor


def scatter_ops(groups: Points, left_out: int, height: float) -> tuple[list[Op], float, float]:
    register_fonts()
    ink = painter.rgba(palette.TEXT)
    spine = painter.stroke(ink, 0.8)
    ascent, descent = painter.height(SIZE)
    values = [y for flag in (False, True) for y in groups[flag][1]]
    log = any(v > 0 for v in values)
    positive = [v for v in values if v > 0] or [1.0]
    if log:
        lo, hi = math.log10(min(positive)), math.log10(max(positive))
        span = (hi - lo) or 1.0
        y_lo, y_hi = 10 ** (lo - span * 0.05), 10 ** (hi + span * 0.05)
        major, minor = _log_ticks(y_lo, y_hi)
    else:
        y_lo, y_hi = min(values, default=0.0) - 1, max(values, default=0.0) + 1
        major, minor = painter.nice_ticks(y_lo, y_hi)[0], []
    words = [money_short(v) for v in major]
    title = "Cost per student against evidence tier"
    if left_out:
        title += f" ({left_out} without cost or students left out)"
    left = PAD + (ascent - descent) + 4 + max(text_width(w, SIZE) for w in words)
    left += GAP + TICK_LEN
    right = DESIGN_WIDTH - PAD
    head = painter.wrapped(title, DESIGN_WIDTH - PAD - left, TITLE_SIZE)
    top = height - PAD - TITLE_SIZE * 1.25 * len(head) - 6
    bottom = PAD + ascent - descent + GAP + TICK_LEN

    def x_at(value: float) -> float:
        return left + (value - 0.4) / (NO_EVIDENCE + 0.6 - 0.4) * (right - left)

    def y_at(value: float) -> float:
        if log:
            share = (math.log10(value) - math.log10(y_lo)) / (math.log10(y_hi) - math.log10(y_lo))
        else:
            share = (value - y_lo) / (y_hi - y_lo)
        return bottom + share * (top - bottom)

    ops: list[Op] = []
    blue = painter.rgba(palette.BLUE, 0.75)
    for x, y in zip(*groups[False], strict=True):
        if not log or y > 0:
            ops.append(("path", _dot(x_at(x), y_at(y)), painter.stroke(blue, 1.0), blue, None))
    red = painter.stroke(painter.rgba(palette.VERMILLION), 1.5)
    for x, y in zip(*groups[True], strict=True):
        if not log or y > 0:
            ops.append(("path", _cross(x_at(x), y_at(y)), red, None, None))
    ops.append(painter.line([(left, top), (left, bottom), (right, bottom)], spine))
    for value, label in zip(major, words, strict=True):
        y = y_at(value)
        ops.append(painter.line([(left, y), (left - TICK_LEN, y)], spine))
        at = left - TICK_LEN - GAP - text_width(label, SIZE)
        ops.append(painter.text(at, y - (ascent + descent) / 2, label, SIZE, ink))
    thin = painter.stroke(ink, 0.6)
    ops += [painter.line([(left, y_at(v)), (left - MINOR_LEN, y_at(v))], thin) for v in minor]
    for tier in (*vocab.EVIDENCE_TIERS, NO_EVIDENCE):
        label = vocab.EVIDENCE_LABELS[tier if tier != NO_EVIDENCE else None]
        x = x_at(tier)
        ops.append(painter.line([(x, bottom), (x, bottom - TICK_LEN)], spine))
        below = bottom - TICK_LEN - GAP - ascent
        ops.append(painter.text(x - text_width(label, SIZE) / 2, below, label, SIZE, ink))
    axis_title = "Cost per student served"
    middle = (bottom + top) / 2 - text_width(axis_title, SIZE) / 2
    ops.append(painter.text(PAD + ascent, middle, axis_title, SIZE, BLACK, angle=90))
    for n, words_line in enumerate(head):
        ops.append(
            painter.text(left, height - PAD - TITLE_SIZE * (1.25 * n + 1), words_line, TITLE_SIZE)
        )
    ops += _key(left + 8, top - 4, blue, red)
    return ops, DESIGN_WIDTH, height


def _key(x: float, y: float, blue: Rgba, red: _Stroke) -> list[Op]:
    """What a dot and a cross mean, in the plot's top left corner."""
    ascent, descent = painter.height(SIZE)
    line = SIZE * 1.5
    first, second = y - line / 2, y - line * 1.5
    return [
        ("path", _dot(x, first), painter.stroke(blue, 1.0), blue, None),
        painter.text(x + 10, first - (ascent + descent) / 2, "Other programs", SIZE),
        ("path", _cross(x, second), red, None, None),
        painter.text(x + 10, second - (ascent + descent) / 2, "Removal candidates", SIZE),
    ]
