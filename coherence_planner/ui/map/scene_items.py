"""The map's cards and links by id, made scene items only when asked for.

`scene.cards[item_id]` and `scene.edges[key]` give the item as before, making it (and adding
it to the scene, dimmed and hidden as the rest) the first time; `in`, `len` and iterating the
ids make nothing. The fields (card_field.py, link_overview.py) draw everything not made yet,
so a 10,000-program map shown whole is two items instead of 39,000 (issue 29). Iterating
`values()` makes every item: the map itself never does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from PySide6.QtWidgets import QGraphicsItem

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import LinkKey
from coherence_planner.ui.map.card_field import CardField
from coherence_planner.ui.map.card_item import CardItem
from coherence_planner.ui.map.edge_item import EdgeItem
from coherence_planner.ui.map.link_overview import LinkOverview

K = TypeVar("K")
V = TypeVar("V")


class _Made(Mapping[K, V]):
    """Keys known up front, values made on first access by `make`."""

    def __init__(self, keys: Mapping[K, object], make: Callable[[K], V]) -> None:
        self._keys = keys
        self._make = make
        self.made: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        value = self.made.get(key)
        if value is None:
            if key not in self._keys:
                raise KeyError(key)
            value = self.made[key] = self._make(key)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class CardItems(_Made[str, CardItem]):
    """The cards by item id; an item is made when first asked for."""

    def __init__(
        self,
        field: CardField | None,
        district: District | None,
        analysis: Analysis | None,
        add: Callable[[CardItem], None],
    ) -> None:
        super().__init__(field.looks if field is not None else {}, self._card)
        self._field = field
        self._sources = (district, analysis)
        self._add = add

    def _card(self, item_id: str) -> CardItem:
        field = self._field
        district, analysis = self._sources
        assert field is not None and district is not None and analysis is not None
        card = CardItem(field.looks[item_id], district, analysis)
        _as_shown(card, item_id in field.dimmed, item_id in field.hidden)
        self._add(card)
        field.made_item(item_id)
        return card


class EdgeItems(_Made[LinkKey, EdgeItem]):
    """The links by key; an item is made when first asked for."""

    def __init__(
        self,
        field: LinkOverview | None,
        index: dict[LinkKey, int],
        add: Callable[[EdgeItem], None],
    ) -> None:
        super().__init__(index, self._edge)
        self._field = field
        self.index = index
        self._add = add

    def _edge(self, key: LinkKey) -> EdgeItem:
        field = self._field
        assert field is not None
        n = self.index[key]
        edge = EdgeItem(field.geoms[n])
        edge.set_overview(field.overview)
        _as_shown(edge, n in field.dimmed, n in field.hidden)
        if n in field.emphasised:
            edge.set_emphasis(True)
        self._add(edge)
        field.items.add(n)
        field.update(field.box(n))
        return edge


def _as_shown(item: QGraphicsItem, dimmed: bool, hidden: bool) -> None:
    """A new item dimmed and hidden as the field drew it."""
    item.setOpacity(style.DIMMED_OPACITY if dimmed else 1.0)
    item.setVisible(not hidden)
