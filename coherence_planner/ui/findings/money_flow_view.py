"""Where the money goes, in the Overview: the report's money-flow picture, drawn by QPainter.

The geometry is reports/charts/money_flow.py's, laid out for this widget's size in logical
pixels and painted through the same `paint` as the PDF, with the same font (DejaVu Sans,
registered from matplotlib's copy), measured by Qt's metrics of the fonts it draws with, so
that the labels the layout measured are the labels drawn. A large plan is worked out in a worker thread on a snapshot, like the map's layout.
Clicking a goal (or Enter on the goal picked with the arrow keys) asks the window to show
what serves it.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.money_flow import GOAL, MoneyPath, money_paths
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.reports.charts.money_flow import (
    HAIRLINE,
    RIBBON_ALPHA,
    THIN,
    FlowFonts,
    FlowPicture,
    Measure,
    Rect,
    Ribbon,
    Text,
    flow_picture,
    height_for_goals,
    paint,
)
from coherence_planner.reports.fonts import font_folder

SCREEN_FONTS = FlowFonts(text=11.5, goal=13.5)  # logical pixels: about 9 and 10 pt
NARROW_FONTS = FlowFonts(text=10.0, goal=12.0)  # a laptop's Overview beside two panels
SYNC_PROGRAMS = 1000  # up to this many, worked out on the GUI thread (well under 0.1 s)
RESIZE_DELAY_MS = 120
MAX_HEIGHT = 1400
NARROW_BELOW = 760  # pixels of picture width
INSET = 8  # blank margin around the picture, in pixels
FONT_UNITS = 100  # pixel size of the fonts text is drawn with, scaled to its own size


@cache
def _families() -> tuple[str, str]:
    """DejaVu Sans (regular, bold) as the layout measured it; Qt's default if unavailable."""
    names = []
    for filename in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(font_folder() / filename))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        names.append(families[0] if families else QFont().family())
    return names[0], names[1]


def _font(bold: bool) -> QFont:
    regular, heavy = _families()
    font = QFont(heavy if bold else regular)
    font.setBold(bold)
    font.setPixelSize(FONT_UNITS)
    return font


def qt_measure() -> Measure:
    """Text widths from Qt's metrics of the very fonts QtPen draws with.

    The layout used to measure with reportlab's metrics, which imported reportlab and PIL
    (a fifth of a second) before the window's first paint. QFontMetricsF is reentrant: each
    call makes its own pair, so a worker thread measures with objects of its own.
    """
    metrics = {bold: QFontMetricsF(_font(bold)) for bold in (False, True)}

    def measure(text: str, size: float, bold: bool = False) -> float:
        return metrics[bold].horizontalAdvance(text) * size / FONT_UNITS

    return measure


class QtPen:
    """money_flow_picture's shapes on a QPainter (1 unit = 1 logical pixel)."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self.fonts: dict[bool, QFont] = {}

    def _colour(self, name: str, alpha: float = 1.0) -> QColor:
        colour = QColor(name)
        colour.setAlphaF(alpha)
        return colour

    def ribbon(self, ribbon: Ribbon) -> None:
        mid = (ribbon.x0 + ribbon.x1) / 2
        path = QPainterPath(QPointF(ribbon.x0, ribbon.top0))
        path.cubicTo(mid, ribbon.top0, mid, ribbon.top1, ribbon.x1, ribbon.top1)
        p = self.painter
        if ribbon.hairline or ribbon.thickness < THIN:
            alpha = 0.7 if ribbon.hairline else RIBBON_ALPHA
            width = HAIRLINE if ribbon.hairline else max(ribbon.thickness, 0.3)
            p.setPen(QPen(self._colour(ribbon.colour, alpha), width))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            path.lineTo(ribbon.x1, ribbon.bottom1)
            path.cubicTo(mid, ribbon.bottom1, mid, ribbon.bottom0, ribbon.x0, ribbon.bottom0)
            path.closeSubpath()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._colour(ribbon.colour, RIBBON_ALPHA))
        p.drawPath(path)

    def rect(self, rect: Rect) -> None:
        p = self.painter
        p.setBrush(self._colour(rect.fill, rect.alpha))
        p.setPen(QPen(QColor(rect.stroke), 0.5) if rect.stroke else Qt.PenStyle.NoPen)
        p.drawRect(QRectF(rect.x, rect.y, rect.w, rect.h))

    def text(self, text: Text) -> None:
        # Qt sizes fonts in whole pixels or in points at the screen's DPI; the layout measured
        # DejaVu Sans at fractional sizes in its own units. Drawing a 100-unit font scaled
        # by size / 100 puts every glyph exactly where the layout measured it.
        if text.bold not in self.fonts:
            self.fonts[text.bold] = _font(text.bold)
        p = self.painter
        p.save()
        p.setFont(self.fonts[text.bold])
        p.setPen(QColor(text.colour))
        p.translate(text.x, text.y)
        p.scale(text.size / FONT_UNITS, text.size / FONT_UNITS)
        x = -p.fontMetrics().horizontalAdvance(text.text) if text.align == "right" else 0
        p.drawText(QPointF(x, 0), text.text)
        p.restore()


def _work_out(
    district: District,
    analysis: Analysis,
    paths: list[MoneyPath] | None,
    size: tuple[float, float],
) -> tuple[list[MoneyPath], FlowPicture]:
    if paths is None:
        paths = money_paths(district, analysis)
    fonts = SCREEN_FONTS if size[0] >= NARROW_BELOW else NARROW_FONTS
    picture = flow_picture(
        district, analysis, *size, fonts=fonts, paths=paths, measure=qt_measure()
    )
    return paths, picture


def _snapshot_and_work_out(
    district: District, revision: int, *rest: Any
) -> tuple[list[MoneyPath], FlowPicture] | None:
    """_work_out in a worker thread, on a snapshot it takes there (District.snapshot),
    with the cycle collector paused (a full collection holds the GIL, freezing the window).
    None when the plan was edited since its analysis: the next analysis brings the picture."""
    with collector_paused():
        twin = district.snapshot()
        # Revisions only grow: still the analysed one now means the copy is of it too.
        if district.revision != revision:
            return None
        return _work_out(twin, *rest)


class _Relay(QObject):
    """Carries a worker's result to the GUI thread.

    The worker's callback holds only this child object, never the view: a callback holding
    the view could drop the last reference to a top-level view in the worker thread, which
    then deletes a QWidget off the GUI thread (a crash seen in the test suite). The relay is
    owned by its parent on the C++ side, so dropping its wrapper there deletes nothing.
    """

    done = Signal(int, object)


class MoneyFlowView(QWidget):
    """The money-flow picture at the widget's size; `goal_clicked(goal_id)` on a goal."""

    goal_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.district: District | None = None
        self.analysis: Analysis | None = None
        self.paths: list[MoneyPath] | None = None
        self.picture: FlowPicture | None = None
        self.current = 0  # the goal picked with the arrow keys
        self._generation = 0
        self._asked: tuple[District, Analysis, tuple[float, float]] | None = None
        # The plan's revision its analysis is of: the live plan edited since (its analysis
        # still to come) must not be drawn with the old analysis, which names what is gone.
        self._revision = 0
        self._pool: ThreadPoolExecutor | None = None
        self._closed = False
        self._stale = False  # a large plan's picture waits until the view is shown
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESIZE_DELAY_MS)
        self._timer.timeout.connect(self._refresh)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(380)
        self.setAccessibleName("Where the money goes")
        self.setToolTip("Click a goal to see what serves it")

    def sizeHint(self) -> QSize:
        return QSize(900, 520)

    def set_plan(self, district: District, analysis: Analysis) -> None:
        """Show the money of `district` as `analysis` found it.

        The picture follows analyses, not edits: an edit is followed by its analysis, so the
        same analysis again (the Overview refreshed for the edit) is skipped; and a large
        plan's picture is worked out when the view is shown (with the Map in view, each edit
        copied the 10,000-program district twice on the GUI thread for a hidden picture).
        """
        if analysis is self.analysis and district is self.district and self.picture is not None:
            return
        self.district, self.analysis, self.paths = district, analysis, None
        self._revision = district.revision
        # Tall enough for every goal to have its own box, up to a screenful or two (the
        # Overview scrolls); beyond that the smaller goals are gathered.
        goals = sum(1 for i in district.items.values() if i.kind == "goal" and i.live)
        self.setMinimumHeight(int(min(MAX_HEIGHT, max(380, height_for_goals(goals, SCREEN_FONTS)))))
        self._refresh()

    def goal_ids(self) -> list[str]:
        if self.picture is None:
            return []
        return [n.key for n in self.picture.diagram.columns[GOAL] if n.kind == "goal"]

    # -- working it out ----------------------------------------------------------------
    def _refresh(self) -> None:
        if self.district is None or self.analysis is None or self._closed:
            return
        if self.district.revision != self._revision:
            return  # edited since its analysis: the picture comes with the next analysis
        large = self._large()
        if not self.isVisible() and large:
            self._stale = True  # worked out in showEvent
            return
        self._stale = False
        # Not laid out yet (the Overview hidden behind another tab): the preferred size; a
        # resize lays it out again at the real one.
        shown = (
            self.size() if self.width() >= 200 else self.sizeHint().expandedTo(self.minimumSize())
        )
        size = (float(shown.width() - 2 * INSET), float(shown.height() - 2 * INSET))
        last = self._asked
        if last and last[0] is self.district and last[1] is self.analysis and last[2] == size:
            # This very picture is drawn or on its way: set_plan's new minimum height
            # resized the view, and the resize asked again (a second 10,000-program work-out).
            return
        self._asked = (self.district, self.analysis, size)
        self._generation += 1
        if not large:
            self._deliver(
                self._generation, _work_out(self.district, self.analysis, self.paths, size)
            )
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="money-flow")
        # The fonts are added to Qt's database here, on the window's thread: added from the
        # worker, the change reached every widget as a font change, and the resize it caused
        # worked the picture out once more.
        _families()
        generation = self._generation
        # The worker snapshots the district (the user may edit while it reads).
        future = self._pool.submit(
            _snapshot_and_work_out, self.district, self._revision, self.analysis, self.paths, size
        )
        relay = self._relay
        future.add_done_callback(lambda f: _hand_over(relay, generation, f))

    def _deliver(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        if isinstance(result, BaseException):
            raise result
        if result is None:  # the plan was edited while it was worked out: keep the picture
            return
        assert isinstance(result, tuple)
        self.paths, self.picture = result
        names = [n.label for n in self.picture.diagram.columns[GOAL]]
        self.setAccessibleDescription("; ".join(names))
        self.update()

    def shutdown(self) -> None:
        """Stop working out pictures (the window closes): waits for a worker in flight."""
        self._closed = True
        self._timer.stop()
        self._generation += 1
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _large(self) -> bool:
        """Too many programs to work out on the GUI thread."""
        assert self.district is not None
        return sum(1 for i in self.district.items.values() if i.kind == "program") > SYNC_PROGRAMS

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._timer.start()

    # -- drawing and input -------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        picture = self.picture
        if picture is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "Working out where the money goes…"
            )
            return
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.translate(INSET, INSET)
        paint(picture, QtPen(painter))
        goals = self.goal_ids()
        if self.hasFocus() and goals:
            x, y, w, h = picture.boxes[goals[min(self.current, len(goals) - 1)]]
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x - 2, y - 2, w + 4, h + 4))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.picture is None:
            return
        node = self.picture.node_at(event.position().x() - INSET, event.position().y() - INSET)
        if node is not None and node.kind == "goal":
            self.current = self.goal_ids().index(node.key)
            self.update()
            self.goal_clicked.emit(node.key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        goals = self.goal_ids()
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and goals:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current = max(0, min(len(goals) - 1, self.current + step))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and goals:
            self.goal_clicked.emit(goals[min(self.current, len(goals) - 1)])
        else:
            super().keyPressEvent(event)


def _hand_over(
    relay: _Relay, generation: int, future: Future[tuple[list[MoneyPath], FlowPicture] | None]
) -> None:
    """In the worker thread: hand the result to the GUI thread (a queued signal)."""
    exc = future.exception()
    with suppress(RuntimeError):  # the view was deleted meanwhile: nobody is waiting
        relay.done.emit(generation, exc if exc is not None else future.result())
