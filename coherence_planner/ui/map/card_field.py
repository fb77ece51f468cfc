"""Every card of the map drawn by one scene item, from the layout's rectangles.

A 10,000-program map had 11,000 card items: making them was most of the Map tab's first
showing, and they held a good part of its memory (issue 29). The field draws each card's look
(card_look.py) for the cards that are not scene items; the scene makes a card an item only
when a person reaches it (clicked, hovered, selected, focused: scene.py), and the field then
leaves it to the item. A grid over the layout's rectangles finds the card under a point and
the cards in the part of the map being painted.

Cards under TINY_CARD_PX on screen are drawn in batches, one per fill, border and dimming, as
plain rectangles (their 6-point corners are then under a pixel): at Fit a 10,000-program map
is 11,000 such cards, and one Python call each was most of its paint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from coherence_planner.domain.layout import style
from coherence_planner.ui.map.card_look import TINY_CARD_PX, CardLook

CELL = 400.0  # points: a grid cell holds a few cards across and a dozen down
CARDS_PER_STEP = 1000  # cards put in the grid, or given rectangles, between two yields
_NO_PEN = Qt.PenStyle.NoPen

# (border, fill, dimmed) -> the cards' rectangles; (band, dimmed) -> their strips.
Batches = tuple[
    list[tuple[QPen, QColor, bool, list[QRectF]]], list[tuple[QColor, bool, list[QRectF]]]
]


class CardGrid:
    """The cards' rectangles in cells of CELL points: which card is at a point, and which
    cards a rectangle meets."""

    def __init__(self, looks: Iterable[CardLook] = ()) -> None:
        self._cells: dict[tuple[int, int], list[CardLook]] = {}
        self.add(looks)

    def add(self, looks: Iterable[CardLook]) -> None:
        """Put more cards in the grid (a large map's a slice at a time)."""
        for look in looks:
            card = look.card
            for gx in range(int(card.x // CELL), int((card.x + card.w) // CELL) + 1):
                for gy in range(int(card.y // CELL), int((card.y + card.h) // CELL) + 1):
                    self._cells.setdefault((gx, gy), []).append(look)

    def at(self, x: float, y: float) -> list[CardLook]:
        """The cards whose rectangle holds the point (the last drawn last)."""
        cell = self._cells.get((int(x // CELL), int(y // CELL)), ())
        return [
            look
            for look in cell
            if look.card.x <= x <= look.card.x + look.card.w
            and look.card.y <= y <= look.card.y + look.card.h
        ]

    def meeting(self, rect: QRectF) -> list[CardLook]:
        """The cards whose rectangle meets `rect`, each once."""
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        found: dict[str, CardLook] = {}
        for gx in range(int(left // CELL), int(right // CELL) + 1):
            for gy in range(int(top // CELL), int(bottom // CELL) + 1):
                for look in self._cells.get((gx, gy), ()):
                    card = look.card
                    if (
                        card.x <= right
                        and card.x + card.w >= left
                        and card.y <= bottom
                        and card.y + card.h >= top
                    ):
                        found[look.item_id] = look
        return list(found.values())


class CardField(QGraphicsItem):
    """Draws the cards that are not scene items, dimmed and hidden as the scene says."""

    def __init__(
        self, looks: dict[str, CardLook], bounds: QRectF, grid: CardGrid | None = None
    ) -> None:
        super().__init__()
        self.looks = looks
        self.grid = grid if grid is not None else CardGrid(looks.values())
        self._bounds = bounds
        self._order = {item_id: n for n, item_id in enumerate(looks)}
        self._rects: dict[str, tuple[QRectF, QRectF]] = {}  # a card's and its strip's
        self._heights = frozenset(look.card.h for look in looks.values())
        self.items: set[str] = set()  # drawn by their own scene items
        self.dimmed: set[str] = set()
        self.hidden: set[str] = set()
        # The batches of the tiny cards, and which heights were tiny: made when first drawn.
        self._batches: tuple[frozenset[float], Batches] | None = None
        self.setZValue(2)  # with the cards: above the links, below a selected card
        # Only a picture: the view finds the card under the pointer in the grid and makes
        # it an item, which takes the click, the hover and the tooltip.
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never found under a point: the items are

    def forget(self) -> None:
        """What is shown or dimmed changed: batch again when next drawn."""
        self._batches = None
        self.update()

    def made_item(self, item_id: str) -> None:
        """The card is drawn by its own item from now on: only its place is drawn again
        (a card hovered at Fit repainted the whole map)."""
        self.items.add(item_id)
        if item_id in self.dimmed:
            # Drawn twice, a dimmed card would be darker: left out of the batches. A lit
            # one stays in them, its item drawing the same over it (batching 11,000 cards
            # again for each card hovered at Fit took 20-50 ms).
            self._batches = None
        card = self.looks[item_id].card
        self.update(QRectF(card.x, card.y, card.w, card.h))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        tiny = self._tiny(lod)
        if tiny:
            self._paint_batches(painter, tiny)
        if len(tiny) == len(self._heights):
            return
        skip = self.items | self.hidden
        shown = [
            look
            for look in self.grid.meeting(option.exposedRect)
            if look.item_id not in skip and look.card.h not in tiny
        ]
        shown.sort(key=lambda look: self._order[look.item_id])
        dimmed = self.dimmed
        for look in shown:
            x, y = look.card.x, look.card.y
            faded = look.item_id in dimmed
            if faded:
                painter.setOpacity(style.DIMMED_OPACITY)
            painter.translate(x, y)
            look.paint(painter, option, lod)
            painter.translate(-x, -y)
            if faded:
                painter.setOpacity(1.0)

    def warm(self, lod: float) -> Iterator[None]:
        """Batch the cards that are tiny at `lod` now rather than on the first paint there
        (a large map built ahead: 0.2-0.4 s of the first paint at Fit), their rectangles
        made a slice at a time."""
        tiny = self._tiny(lod)
        if not tiny or (self._batches is not None and self._batches[0] == tiny):
            return  # (batched already: a map shown as planned asks again)
        looks = list(self.looks.values())
        for start in range(0, len(looks), CARDS_PER_STEP):
            for look in looks[start : start + CARDS_PER_STEP]:
                if look.card.h in tiny:
                    self._rectangles(look)
            yield
        self._batched(tiny)

    def _rectangles(self, look: CardLook) -> tuple[QRectF, QRectF]:
        """The card's rectangle and its strip's, made once: batching again after a hover
        makes none."""
        rects = self._rects.get(look.item_id)
        if rects is None:
            card = look.card
            rects = self._rects[look.item_id] = (
                QRectF(card.x, card.y, card.w, card.h),
                QRectF(card.x, card.y, 5, card.h),
            )
        return rects

    def _tiny(self, lod: float) -> frozenset[float]:
        """The card heights under TINY_CARD_PX on screen at `lod`: only their colours."""
        return frozenset(h for h in self._heights if lod * h < TINY_CARD_PX)

    def _batched(self, tiny: frozenset[float]) -> Batches:
        if self._batches is None or self._batches[0] != tiny:
            self._batches = (tiny, self._batch(tiny))
        return self._batches[1]

    def _paint_batches(self, painter: QPainter, tiny: frozenset[float]) -> None:
        cards, bands = self._batched(tiny)
        for pen, fill, dimmed, rects in cards:
            painter.setOpacity(style.DIMMED_OPACITY if dimmed else 1.0)
            painter.setPen(pen)
            painter.setBrush(QBrush(fill))
            painter.drawRects(rects)
        painter.setPen(_NO_PEN)
        for band, dimmed, rects in bands:
            painter.setOpacity(style.DIMMED_OPACITY if dimmed else 1.0)
            painter.setBrush(QBrush(band))
            painter.drawRects(rects)
        painter.setOpacity(1.0)

    def _batch(self, tiny: frozenset[float]) -> Batches:
        skip = (self.items & self.dimmed) | self.hidden
        cards: dict[tuple[int, int, bool], tuple[QPen, QColor, bool, list[QRectF]]] = {}
        bands: dict[tuple[int, bool], tuple[QColor, bool, list[QRectF]]] = {}
        for item_id, look in self.looks.items():
            card = look.card
            if item_id in skip or card.h not in tiny:
                continue
            dimmed = item_id in self.dimmed
            key = (id(look.border), id(look.fill), dimmed)
            batch = cards.get(key)
            if batch is None:
                batch = cards[key] = (look.border, look.fill, dimmed, [])
            rects = self._rectangles(look)
            batch[3].append(rects[0])
            band = bands.get((id(look.band), dimmed))
            if band is None:
                band = bands[(id(look.band), dimmed)] = (look.band, dimmed, [])
            band[2].append(rects[1])
        # Dimmed cards first, so the lit ones are drawn over them.
        return (
            sorted(cards.values(), key=lambda b: not b[2]),
            sorted(bands.values(), key=lambda b: not b[1]),
        )
