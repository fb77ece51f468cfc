"""How findings name items: by their names, in quotes, never by their ids.

An id is a code for the file, not a word for the room; a cabinet reads "“Phonics Lab”", not
"P27". Only when two items share a name does the id follow, so the sentence still says which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.text import visible
from coherence_planner.domain.model.wording import quoted


class Names:
    """How a finding names an item: its label in quotes, never its id, unless another item
    has the same label (then the id says which one). The label census is taken on first use,
    so a plan without findings does not pay for it."""

    def __init__(self, district: District) -> None:
        self._items = district.items
        self._shared: set[str] | None = None
        # Each id's quoted name, once made: the analysis names the same kept programs and
        # goals in thousands of sentences at 10,000 programs. A Names lives no longer than
        # the label census above, which an edit would also make stale.
        self._quoted: dict[str, str] = {}

    def __call__(self, item_id: str) -> str:
        """The item's label in quotes, for a sentence."""
        said = self._quoted.get(item_id)
        if said is None:
            said = self._quoted[item_id] = self._name(item_id, quoted)
        return said

    def plain(self, item_id: str) -> str:
        """The item's label without quotes, for a list or a heading."""
        return self._name(item_id, str)

    def _name(self, item_id: str, wrap: Callable[[str], str]) -> str:
        item = self._items[item_id]
        if self._shared is None:
            counts = Counter(other.label for other in self._items.values())
            self._shared = {label for label, n in counts.items() if n > 1}
        label = visible(item.label)  # a sentence never reversed by a bidi control
        return wrap(label) + (f" ({item_id})" if label in self._shared else "")
