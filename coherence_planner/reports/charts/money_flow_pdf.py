"""The money-flow diagram on paper: a reportlab pen for money_flow_picture's shapes, and the
report's flowable (vector shapes and real, selectable text in the report's font)."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.money_flow import money_paths
from coherence_planner.domain.model.district import District
from coherence_planner.reports.charts import alt_text
from coherence_planner.reports.charts.money_flow import (
    HAIRLINE,
    RIBBON_ALPHA,
    THIN,
    FlowPicture,
    Rect,
    Ribbon,
    Text,
    flow_picture,
    paint,
)
from coherence_planner.reports.fonts import FONT, FONT_BOLD, register_fonts
from coherence_planner.reports.markup import clean


class ReportlabPen:
    """Draws in picture coordinates (y down) on a canvas whose origin is the picture's
    bottom-left corner."""

    def __init__(self, canvas: Canvas, height: float) -> None:
        self.canvas = canvas
        self.height = height

    def _y(self, y: float) -> float:
        return self.height - y

    def _curve(self, path: Any, x0: float, y0: float, x1: float, y1: float) -> None:
        """A flat-ended S curve from (x0, y0) to (x1, y1), as every Sankey draws its bands."""
        mid = (x0 + x1) / 2
        path.curveTo(mid, self._y(y0), mid, self._y(y1), x1, self._y(y1))

    def ribbon(self, ribbon: Ribbon) -> None:
        c = self.canvas
        c.saveState()
        path = c.beginPath()
        path.moveTo(ribbon.x0, self._y(ribbon.top0))
        self._curve(path, ribbon.x0, ribbon.top0, ribbon.x1, ribbon.top1)
        if ribbon.hairline or ribbon.thickness < THIN:
            # A band too thin to fill is its own centre line, as faint as a band would be.
            c.setStrokeColor(ribbon.colour)
            c.setStrokeAlpha(0.7 if ribbon.hairline else RIBBON_ALPHA)
            c.setLineWidth(HAIRLINE if ribbon.hairline else max(ribbon.thickness, 0.3))
            c.drawPath(path, stroke=1, fill=0)
        else:
            c.setFillColor(ribbon.colour)
            c.setFillAlpha(RIBBON_ALPHA)
            path.lineTo(ribbon.x1, self._y(ribbon.bottom1))
            self._curve(path, ribbon.x1, ribbon.bottom1, ribbon.x0, ribbon.bottom0)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        c.restoreState()

    def rect(self, rect: Rect) -> None:
        c = self.canvas
        c.saveState()
        c.setFillColor(rect.fill)
        c.setFillAlpha(rect.alpha)
        if rect.stroke:
            c.setStrokeColor(rect.stroke)
            c.setLineWidth(0.5)
        c.rect(
            rect.x, self._y(rect.y + rect.h), rect.w, rect.h, stroke=int(bool(rect.stroke)), fill=1
        )
        c.restoreState()

    def text(self, text: Text) -> None:
        c = self.canvas
        c.setFillColor(text.colour)
        c.setFont(FONT_BOLD if text.bold else FONT, text.size)
        words = clean(text.text)
        if text.align == "right":
            c.drawRightString(text.x, self._y(text.y), words)
        else:
            c.drawString(text.x, self._y(text.y), words)


class MoneyFlowFigure(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The diagram filling the room left on its page: laid out when the page says how much
    room that is (and again only if a later layout pass offers a different room)."""

    def __init__(self, district: District, analysis: Analysis, least_height: float = 200.0) -> None:
        super().__init__()
        register_fonts()
        self.district = district
        self.analysis = analysis
        self.least_height = least_height
        self.paths = money_paths(district, analysis)
        self.picture: FlowPicture | None = None
        res = analysis.resources
        named = [(district.items[g].label, amount) for g, amount in res.by_goal.items()]
        self.alt = alt_text.amounts(
            "Where the program money goes, from programs through strategies to goals",
            [*named, ("not tied to any goal", res.orphan_cost)],
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        height = max(self.least_height, avail_height - 1)
        picture = self.picture
        if picture is None or (picture.width, picture.height) != (avail_width, height):
            picture = flow_picture(
                self.district, self.analysis, avail_width, height, paths=self.paths
            )
            self.picture = picture
        self.width, self.height = picture.width, picture.height
        return self.width, self.height

    def draw(self) -> None:
        assert self.picture is not None  # reportlab always wraps before it draws
        self.canv.saveState()
        paint(self.picture, ReportlabPen(self.canv, self.height))
        self.canv.restoreState()
