"""The map's viewport: zoom, pan, fit, keyboard navigation, and drag-to-link.

Mouse: Ctrl+wheel zooms around the pointer (a plain wheel or a two-finger swipe scrolls,
as in every document app, so a trackpad never zooms by accident). Drag the background, or
drag with the middle button, or hold Space and drag, to pan. Press on a card and drag to
another card to link them: the first supports the second; in Conflict mode, or with Alt
held, the two are marked as conflicting.

Keys: arrows move the selection to the nearest card in that direction, Tab / Shift+Tab
cycle through the cards column by column, Enter opens the selected item in the inspector,
F or Ctrl+0 fits the map (W fits its width), Ctrl++ / Ctrl+- zoom, Escape cancels a drag or clears the
selection, Delete removes the selected link (or, after asking, the selected items).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsLineItem,
    QGraphicsView,
    QStyle,
    QWidget,
)

from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import Card, MapLayout
from coherence_planner.reports.map.svg import TITLE_H
from coherence_planner.ui.map.card_item import CardItem
from coherence_planner.ui.map.edge_item import EdgeItem
from coherence_planner.ui.map.link_overview import OVERVIEW_BELOW
from coherence_planner.ui.map.scene import MapScene

MIN_ZOOM = 0.05
MAX_ZOOM = 6.0
ZOOM_STEP = 1.25
FIT_MAX = 1.5  # a tiny plan is not blown up to poster size
# Below this zoom a card's name (drawn at 24-30 pt) is under 5-6 pixels: the first showing
# of a map that would be that small whole fills the width instead, if that is readable.
READABLE_ZOOM = 0.2


def layout_rect(layout: MapLayout) -> QRectF:
    """The title and the map of `layout`, without the scene's own legend strip."""
    return QRectF(0, -TITLE_H, layout.width, layout.height + TITLE_H)


class MapView(QGraphicsView):
    """Shows a MapScene. Emits what the user asked for; the panel turns it into commands."""

    link_requested = Signal(str, str, str)  # source id, target id, "supports"/"conflicts"
    open_requested = Signal(str)  # item id (Enter or double-click)
    delete_requested = Signal()
    zoom_changed = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        scene.show_legend = False  # the panel's legend strip, above the map, says it instead
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.conflict_mode = False
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Coherence map")
        self._pan_from: QPoint | None = None
        self._space = False
        self._link_from: CardItem | None = None
        self._press_at: QPoint | None = None
        self._rubber: QGraphicsLineItem | None = None
        # Fit (or Fit Width) stays in effect until the person zooms: the first fit happened
        # while the Map view was still being laid out (5% in a corner at 1280x720), and a
        # window resized or a side panel closed should fit the map again.
        self.fit_mode = ""  # "whole", "width", or "" once the person has zoomed
        self._fitted_for = QSize()
        self.zoom_changed.connect(lambda zoom: scene.set_overview(zoom < OVERVIEW_BELOW))

    # -- zoom and fit ------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    @property
    def fitting(self) -> bool:
        return bool(self.fit_mode)

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to `factor` (1 = one point per pixel), keeping `anchor` (scene) in place."""
        self.fit_mode = ""
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        scale = factor / self.zoom
        if abs(scale - 1) < 1e-9:
            return
        if anchor is None:
            self.scale(scale, scale)
        else:
            before = self.mapFromScene(anchor)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            self.scale(scale, scale)
            after = self.mapFromScene(anchor)
            delta = after - before
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self._zoom_at_centre(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_at_centre(self.zoom / ZOOM_STEP)

    def _zoom_at_centre(self, factor: float) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        self.set_zoom(factor, centre)

    def map_rect(self) -> QRectF:
        """The title and the map, without the scene's own legend strip."""
        layout = self.map_scene.layout
        if layout is None:
            return self.map_scene.sceneRect()
        return layout_rect(layout)

    def _set_scale(self, factor: float) -> None:
        self.resetTransform()
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        self.scale(factor, factor)

    def fit_zoom(self, rect: QRectF) -> float:
        """The zoom at which `rect` fits the view (what fit() sets for the whole map)."""
        # The room without scroll bars: the fitted map needs none, and a size that depended
        # on whether they show would make a resize refit, show them, refit... forever.
        room = self.maximumViewportSize()
        fitting = min(room.width() / rect.width(), room.height() / rect.height(), FIT_MAX)
        return min(max(fitting, MIN_ZOOM), MAX_ZOOM)

    def width_zoom(self, rect: QRectF) -> float:
        """The zoom at which `rect` fills the view's width, room kept for a vertical bar."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = self.maximumViewportSize().width() - bar
        return min(max(min(room / rect.width(), FIT_MAX), MIN_ZOOM), MAX_ZOOM)

    def readable_mode(self, rect: QRectF) -> str:
        """ "whole" when `rect` fits the view at a zoom names can be read at (or when
        filling the width would not make them readable either), else "width"."""
        whole = self.fit_zoom(rect)
        if whole >= READABLE_ZOOM or self.width_zoom(rect) < READABLE_ZOOM:
            return "whole"
        return "width"

    def planned_zoom(self, rect: QRectF, mode: str) -> float:
        return self.width_zoom(rect) if mode == "width" else self.fit_zoom(rect)

    def fit(self) -> None:
        """Show the whole map (title, lanes, orphans) as large as the window allows."""
        self._fit_as("whole")

    def fit_width(self) -> None:
        """Fill the window's width with the map, from its top; scroll down for the rest."""
        self._fit_as("width")

    def fit_to_read(self) -> str:
        """The first showing: the whole map when it can be read whole, else its width (with
        its programs in rows a 300-program plan is 20% whole at 1366x768; a 400-program one
        is under the readable zoom whole, above it across). Returns the mode chosen."""
        mode = self.readable_mode(self.map_rect())
        self._fit_as(mode)
        return mode

    def refit(self) -> None:
        """Fit again as last asked (the window or the map changed)."""
        if self.fit_mode:
            self._fit_as(self.fit_mode)

    def _fit_as(self, mode: str) -> None:
        rect = self.map_rect()
        if rect.isEmpty():
            return
        self.fit_mode = mode
        self._fitted_for = self.maximumViewportSize()
        self._set_scale(self.planned_zoom(rect, mode))
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.zoom_changed.emit(self.zoom)

    def fit_items(self, cards: list[Card]) -> None:
        """Zoom to show these cards (a goal's line of sight), not larger than 150%."""
        if not cards:
            return
        self.fit_mode = ""
        # Each card with its hover outline's margin, as its item's bounds were.
        left = min(c.x for c in cards) - 4
        top = min(c.y for c in cards) - 4
        right = max(c.x + c.w for c in cards) + 4
        bottom = max(c.y + c.h for c in cards) + 4
        rect = QRectF(left, top, right - left, bottom - top).adjusted(-30, -30, 30, 30)
        room = self.viewport().width()
        zoom = min(room / rect.width(), self.viewport().height() / rect.height(), FIT_MAX)
        self._set_scale(zoom)
        self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_mode and self.maximumViewportSize() != self._fitted_for:
            self.refit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                anchor = self.mapToScene(event.position().toPoint())
                self.set_zoom(self.zoom * (ZOOM_STEP**steps), anchor)
            event.accept()
            return
        super().wheelEvent(event)

    # -- selection helpers -------------------------------------------------------------
    def selected_cards(self) -> list[CardItem]:
        return [i for i in self.map_scene.selectedItems() if isinstance(i, CardItem)]

    def selected_edges(self) -> list[EdgeItem]:
        return [i for i in self.map_scene.selectedItems() if isinstance(i, EdgeItem)]

    def select_card(self, card: CardItem, centre: bool = True) -> None:
        self.map_scene.clearSelection()
        card.setSelected(True)
        card.setFocus()
        if centre:
            self.ensureVisible(card, 60, 60)

    def navigable(self) -> list[Card]:
        """The shown cards, column by column (from the layout: no card is made an item)."""
        field = self.map_scene.card_field
        if field is None:
            return []
        cards = [look.card for look in field.looks.values() if look.item_id not in field.hidden]
        return sorted(cards, key=lambda c: (c.x, c.y))

    def _select(self, card: Card) -> CardItem:
        item = self.map_scene.cards[card.id]
        self.select_card(item)
        return item

    def move_selection(self, dx: int, dy: int) -> CardItem | None:
        """Select the nearest visible card in direction (dx, dy); returns it."""
        cards = self.navigable()
        if not cards:
            return None
        chosen = self.selected_cards()
        if not chosen:
            return self._select(cards[0])
        hx, hy = chosen[0].card.centre
        best: tuple[float, Card] | None = None
        for card in cards:
            if card.id == chosen[0].item_id:
                continue
            tx, ty = card.centre
            along = (tx - hx) * dx + (ty - hy) * dy
            if along <= 1:
                continue
            across = abs((tx - hx) * dy) + abs((ty - hy) * dx)
            score = along + 3 * across
            if best is None or score < best[0]:
                best = (score, card)
        if best is None:
            return chosen[0]
        return self._select(best[1])

    def cycle(self, forward: bool = True) -> CardItem | None:
        cards = self.navigable()
        if not cards:
            return None
        chosen = self.selected_cards()
        ids = [c.id for c in cards]
        if not chosen or chosen[0].item_id not in ids:
            target = cards[0] if forward else cards[-1]
        else:
            n = ids.index(chosen[0].item_id)
            target = cards[(n + (1 if forward else -1)) % len(cards)]
        return self._select(target)

    # -- keys --------------------------------------------------------------------------
    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab moves between cards while the map has any (Alt+1/2/3 reach the side panes)."""
        if self.map_scene.cards:
            self.cycle(forward)
            return True
        return super().focusNextPrevChild(forward)

    def event(self, event: QEvent) -> bool:
        # Delete means "this link / these cards" while the map has the focus, not the
        # window's Delete action: take the shortcut when something on the map is selected.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.map_scene.selectedItems()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in arrows and mods == Qt.KeyboardModifier.NoModifier:
            self.move_selection(*arrows[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = self.selected_cards()
            if chosen:
                self.open_requested.emit(chosen[0].item_id)
        elif key == Qt.Key.Key_F and mods == Qt.KeyboardModifier.NoModifier:
            self.fit()
        elif key == Qt.Key.Key_W and mods == Qt.KeyboardModifier.NoModifier:
            self.fit_width()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Escape:
            if self._link_from is not None:
                self._end_link_drag()
            else:
                self.map_scene.clearSelection()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    # -- mouse: pan and drag-to-link ---------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        # The card or link under the pointer is made an item first, to take the click.
        card = self.map_scene.card_at(self.mapToScene(pos))
        left = event.button() == Qt.MouseButton.LeftButton
        on_edge = card is None and self.map_scene.edge_at(self.mapToScene(pos)) is not None
        if event.button() == Qt.MouseButton.MiddleButton or (
            left and (self._space or (card is None and not on_edge))
        ):
            if left and not self._space:
                self.map_scene.clearSelection()
            self._pan_from = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if left and card is not None:
            self._link_from = card
            self._press_at = pos
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._link_from is not None and self._press_at is not None:
            far = (pos - self._press_at).manhattanLength() >= QApplication.startDragDistance()
            if self._rubber is None and far:
                self._rubber = QGraphicsLineItem()
                self._rubber.setZValue(10)
                self.map_scene.addItem(self._rubber)
            if self._rubber is not None:
                conflict = self._conflict(event)
                colour = style.VERMILLION if conflict else style.BLACK
                pen = QPen(QColor(colour), 2.0, Qt.PenStyle.DashLine)
                self._rubber.setPen(pen)
                start = self._link_from.sceneBoundingRect().center()
                self._rubber.setLine(QLineF(start, self.mapToScene(pos)))
                self.viewport().setCursor(Qt.CursorShape.CrossCursor)
                event.accept()
                return
        # The card under the pointer is made an item, to take the hover and the tooltip.
        self.map_scene.card_at(self.mapToScene(pos))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        if self._rubber is not None and self._link_from is not None:
            source = self._link_from.item_id
            target = self.map_scene.card_at(self.mapToScene(pos))
            kind = "conflicts" if self._conflict(event) else "supports"
            self._end_link_drag()
            event.accept()
            self.link_requested.emit(source, target.item_id if target else "", kind)
            return
        self._end_link_drag()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        card = self.map_scene.card_at(self.mapToScene(event.position().toPoint()))
        if card is not None:
            self.open_requested.emit(card.item_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _conflict(self, event: QMouseEvent) -> bool:
        return self.conflict_mode or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)

    def _end_link_drag(self) -> None:
        if self._rubber is not None:
            self.map_scene.removeItem(self._rubber)
            self._rubber = None
            self.viewport().unsetCursor()
        self._link_from = None
        self._press_at = None
