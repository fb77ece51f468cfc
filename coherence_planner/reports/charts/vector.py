"""A matplotlib figure drawn into the report as vectors (paths and real text), not a picture.

matplotlib lays the chart out (ticks, legends, tight layout) as it does for the app; a small
renderer then records what it would draw (paths, text runs) in points, and the report replays
that record onto reportlab's canvas. So the printed chart is sharp at any size, its words
are text in the report's own font (searchable, copyable), and no PNG is encoded or embedded.

Recording is the slow part (a figure's draw is tens of milliseconds); the record of each chart
is kept, keyed by everything the chart shows, so a paper change in the print dialog and the
next export replay it instead of drawing it again. The print preview first lays the report
out with `drafts()`: a chart not yet recorded is a box of its size, so the pages show at
once and are the same pages when the charts arrive. The record is made
at a design size; the flowable scales it to the column, so a bigger paper prints the same
chart bigger, its type growing with the report's.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from coherence_planner.reports.charts.figures import quiet_glyphs
from coherence_planner.reports.charts.vector_paths import (
    RecordedPath,
    WrittenPath,
    hatch_lines,
    placed,
    segments,
    written,
)
from coherence_planner.reports.fonts import FONT, FONT_BOLD, register_fonts, text_width

POINTS_DPI = 72  # one matplotlib pixel is one point: the record is in the PDF's own unit
KEEP = 256  # records kept; a 2,000-program report has one progress chart per goal
LEAST_SCALE = 0.6  # a chart shrinks this far to finish a page rather than leave it half empty
PAGE_ROOM = 480.0  # points: room this tall takes any chart, shrunk to fit (a chart taller
# than a page would otherwise never be placed)

Rgba = tuple[float, float, float, float]
Clip = tuple[float, float, float, float] | None
# One drawing step: ("path", segments, stroke, fill, clip) or ("text", ...), see _Recorder.
Op = tuple[Any, ...]


@dataclass(frozen=True)
class _Stroke:
    rgba: Rgba
    width: float
    dashes: tuple[float, tuple[float, ...] | None]
    join: int
    cap: int


_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_CAPS = {"butt": 0, "round": 1, "projecting": 2}


def _rgba(colour: Any, alpha: float | None) -> Rgba:
    r, g, b = (float(c) for c in colour[:3])
    a = float(colour[3]) if len(colour) > 3 else 1.0
    return (r, g, b, a if alpha is None else alpha)


def _clip(gc: GraphicsContextBase) -> Clip:
    box = gc.get_clip_rectangle()
    if box is None:
        return None
    x0, y0, x1, y1 = box.extents
    return (float(x0), float(y0), float(x1 - x0), float(y1 - y0))


def _dashes(gc: GraphicsContextBase) -> tuple[float, tuple[float, ...] | None]:
    """The line's dash pattern in points (None: solid)."""
    offset, dashes = gc.get_dashes()
    pattern: Any = dashes
    return float(offset or 0), tuple(float(d) for d in pattern) if pattern else None


def _font(prop: Any) -> str:
    weight = prop.get_weight()
    bold = weight in ("bold", "heavy", "extra bold", "black", "semibold", "demibold") or (
        isinstance(weight, int | float) and weight >= 600
    )
    return FONT_BOLD if bold else FONT


def _paint(gc: GraphicsContextBase, face: Any) -> tuple[_Stroke | None, Rgba | None]:
    """The outline (None: none) and fill (None: none) that `gc` and `face` ask for."""
    forced = gc.get_alpha() if gc.get_forced_alpha() else None
    width = float(gc.get_linewidth())
    stroke = None
    if width > 0 and _rgba(gc.get_rgb(), None)[3] > 0:
        offset, dashes = _dashes(gc)
        stroke = _Stroke(
            _rgba(gc.get_rgb(), forced),
            width,
            (offset, dashes),
            _JOINS.get(gc.get_joinstyle(), 0),
            _CAPS.get(gc.get_capstyle(), 0),
        )
    return stroke, None if face is None else _rgba(face, forced)


class _Recorder(RendererBase):
    """A matplotlib renderer that keeps what is drawn as a list of steps in points."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.ops: list[Op] = []

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath:  # mathtext (a log axis's powers of ten) is drawn as outlines: its metrics
            return super().get_text_width_height_descent(s, prop, ismath)
        size = prop.get_size_in_points()
        font = _font(prop)
        ascent, descent = pdfmetrics.getAscentDescent(font, size)
        return text_width(s, size, font == FONT_BOLD), ascent - descent, -descent

    def draw_path(
        self, gc: GraphicsContextBase, path: MplPath, transform: Any, rgbFace: Any = None
    ) -> None:
        stroke, fill = _paint(gc, rgbFace)
        if stroke is None and (fill is None or fill[3] == 0) and not gc.get_hatch():
            return
        self._add(gc, segments(path, transform), stroke, fill)

    def draw_markers(
        self,
        gc: GraphicsContextBase,
        marker_path: MplPath,
        marker_trans: Any,
        path: MplPath,
        trans: Any,
        rgbFace: Any = None,
    ) -> None:
        """A scatter's markers: the marker's shape read once and moved to each point (the
        base renderer transforms the shape anew for every point, a second per 2,000)."""
        stroke, fill = _paint(gc, rgbFace)
        if stroke is None and (fill is None or fill[3] == 0) and not gc.get_hatch():
            return
        for shape in placed(segments(marker_path, marker_trans), path, trans):
            self._add(gc, shape, stroke, fill)

    def _add(
        self,
        gc: GraphicsContextBase,
        shape: RecordedPath,
        stroke: _Stroke | None,
        fill: Rgba | None,
    ) -> None:
        hatch = gc.get_hatch()
        if not hatch:
            self.ops.append(("path", shape, stroke, fill, _clip(gc)))
            return
        # As matplotlib paints: the fill, the hatching over it, the outline on top.
        if fill is not None:
            self.ops.append(("path", shape, None, fill, _clip(gc)))
        forced = gc.get_alpha() if gc.get_forced_alpha() else None
        lines = _Stroke(
            _rgba(gc.get_hatch_color(), forced), float(gc.get_hatch_linewidth()), (0, None), 0, 0
        )
        self.ops.append(("hatch", shape, hatch_lines(hatch, shape), lines, _clip(gc)))
        if stroke is not None:
            self.ops.append(("path", shape, stroke, None, _clip(gc)))

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath:
            # matplotlib's own outlines of the glyphs (a private helper of the base class)
            self._draw_text_as_path(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[attr-defined]
            return
        forced = gc.get_alpha() if gc.get_forced_alpha() else None
        self.ops.append(
            (
                "text",
                float(x),
                float(y),
                s,
                _font(prop),
                float(prop.get_size_in_points()),
                float(angle),
                _rgba(gc.get_rgb(), forced),
                _clip(gc),
            )
        )


def record(figure: Figure) -> tuple[list[Op], float, float]:
    """The figure's drawing steps, and its size in points."""
    register_fonts()
    figure.set_dpi(POINTS_DPI)
    width, height = (float(v) for v in figure.get_size_inches() * POINTS_DPI)
    recorder = _Recorder(width, height)
    with quiet_glyphs():
        figure.draw(recorder)
    return recorder.ops, width, height


_records: OrderedDict[Hashable, tuple[list[Op], float, float]] = OrderedDict()
_drafting: ContextVar[list[Hashable] | None] = ContextVar("charts left as boxes", default=None)
DRAFT: Op = ("draft",)


@contextlib.contextmanager
def drafts() -> Iterator[list[Hashable]]:
    """Inside, a chart not yet recorded is drawn as a box of its size; the list yielded
    collects the keys of those charts (empty: the layout was the final one)."""
    boxes: list[Hashable] = []
    token = _drafting.set(boxes)
    try:
        yield boxes
    finally:
        _drafting.reset(token)


def recorded(
    key: Hashable, build: Callable[[], Figure], design: tuple[float, float]
) -> tuple[list[Op], float, float]:
    """The record of the chart `key` names, drawn by `build` only the first time; `design`
    is the figure's size in points (what a draft's box takes)."""
    if key in _records:
        _records.move_to_end(key)
        return _records[key]
    boxes = _drafting.get()
    if boxes is not None:
        boxes.append(key)
        return [DRAFT], *design
    made = record(build())
    _records[key] = made
    if len(_records) > KEEP:
        _records.popitem(last=False)
    return made


class VectorChart(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A recorded chart, `width` points wide, its height in the record's proportion; where
    the page has less room left it shrinks (to LEAST_SCALE) rather than leave the page's
    foot empty. `alt` is the Figure's words in the tagged PDF (what the chart shows)."""

    def __init__(self, made: tuple[list[Op], float, float], width: float, alt: str) -> None:
        super().__init__()
        self.alt = alt
        self.ops, self.design_w, self.design_h = made
        self.full = width
        self.width = width
        self.height = width * self.design_h / self.design_w
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        full_height = self.full * self.design_h / self.design_w
        fits = min(1.0, avail_height / full_height, avail_width / self.full)
        scale = fits if fits >= LEAST_SCALE or avail_height >= PAGE_ROOM else 1.0
        self.width = self.full * scale
        self.height = full_height * scale
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.scale(self.width / self.design_w, self.width / self.design_w)
        # One graphics state per run of steps with the same clip (a plot's lines, a
        # scatter's thousands of markers), not one per step: each step sets the colours
        # and pen it paints with, so none leaks into the next.
        for clip, steps in groupby(self.ops, key=_clip_of):
            canvas.saveState()
            _clipped(canvas, clip)
            for op in steps:
                if op[0] == "path":
                    _path(canvas, op)
                elif op[0] == "text":
                    _text(canvas, op)
                elif op[0] == "hatch":
                    _hatch(canvas, op)
                else:
                    _box(canvas, self.design_w, self.design_h)
            canvas.restoreState()
        canvas.restoreState()


def _clip_of(op: Op) -> Clip:
    return op[-1] if op[0] in ("path", "text", "hatch") else None


def _box(canvas: Canvas, width: float, height: float) -> None:
    """A chart still being drawn (the preview's first pages)."""
    canvas.setFillColorRGB(0.95, 0.95, 0.95)
    canvas.setStrokeColorRGB(0.8, 0.8, 0.8)
    canvas.rect(0, 0, width, height, stroke=1, fill=1)
    canvas.setFillColorRGB(0.45, 0.45, 0.45)
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(width / 2, height / 2, "Drawing the chart…")


def _clipped(canvas: Canvas, clip: Clip) -> None:
    if clip is not None:
        x, y, w, h = clip
        canvas.clipPath(WrittenPath(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re"), stroke=0, fill=0)


def _path(canvas: Canvas, op: Op) -> None:
    _, shape, stroke, fill, _ = op
    if stroke is not None:
        _pen(canvas, stroke)
    if fill is not None:
        r, g, b, a = fill
        canvas.setFillColorRGB(r, g, b, alpha=a)
    canvas.drawPath(
        written(shape), stroke=int(stroke is not None), fill=int(fill is not None and fill[3] > 0)
    )


def _pen(canvas: Canvas, stroke: _Stroke) -> None:
    r, g, b, a = stroke.rgba
    canvas.setStrokeColorRGB(r, g, b, alpha=a)
    canvas.setLineWidth(stroke.width)
    canvas.setLineJoin(stroke.join)
    canvas.setLineCap(stroke.cap)
    offset, dashes = stroke.dashes
    canvas.setDash(list(dashes) if dashes else [], offset)


def _hatch(canvas: Canvas, op: Op) -> None:
    """A shape's hatching: its lines, clipped to the shape."""
    _, shape, lines, stroke, _ = op
    canvas.saveState()
    canvas.clipPath(written(shape), stroke=0, fill=0)
    _pen(canvas, stroke)
    canvas.drawPath(written(lines), stroke=1, fill=0)
    canvas.restoreState()


def _text(canvas: Canvas, op: Op) -> None:
    _, x, y, text, font, size, angle, (r, g, b, a), _ = op
    canvas.setFillColorRGB(r, g, b, alpha=a)
    canvas.setFont(font, size)
    if not angle:
        canvas.drawString(x, y, text)
        return
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(angle)
    canvas.drawString(0, 0, text)
    canvas.restoreState()
