"""The district: its items and links, with the indexes the analysis and the views need."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.items import Item, Link, LinkKey

T = TypeVar("T")


def _shallow(obj: T) -> T:
    # Commands replace field values (with fresh copies) rather than mutate them in place,
    # so copying each object's attribute dictionary is enough to freeze what it holds now.
    clone = object.__new__(type(obj))
    clone.__dict__ = obj.__dict__.copy()
    return clone


SNAPSHOT_RETRY_S = 0.005  # seconds between tries of a snapshot torn by an edit


class DistrictError(ValueError):
    """An edit that would break the district's rules (unknown id, duplicate, self-link)."""


class District:
    """Items by id in a stable order, links by key, and each item's links.

    Mutate only through `commands.py` (which the document stores and the undo stack undoes);
    the methods here keep the indexes consistent and refuse edits that break the format.
    """

    def __init__(self, name: str = "", school_year: str = "", notes: str = "") -> None:
        self.name = name
        self.school_year = school_year
        self.notes = notes
        self.extra: dict[str, Any] = {}
        self.items: dict[str, Item] = {}
        self.links: dict[LinkKey, Link] = {}
        self._seq: dict[str, int] = {}
        self._next_seq = 0
        self._link_seq: dict[LinkKey, int] = {}
        self._next_link_seq = 0
        self._links_by_item: dict[str, dict[LinkKey, Link]] = {}
        # items_of's answers until an item comes or goes: the window asks for a 10,000-
        # program plan's programs a dozen times as it shows it, 5-10 ms each (issue 29).
        self._of_kind: dict[str, list[Item]] = {}
        # App data beyond the interchange format (scenarios, ratings, cabinet members, the
        # decision log, snapshots): named collections of JSON values by key. New features
        # add collections here instead of tables, so they need no file-format migration.
        self.records: dict[str, dict[str, Any]] = {}
        # Odd while an edit is under way, bumped before and after each (see editing and
        # snapshot): a worker thread copies the district without the window waiting.
        self.revision = 0

    @contextmanager
    def editing(self) -> Iterator[None]:
        """Mark an edit in progress (the document wraps each command in this), so that a
        snapshot taken in another thread meanwhile is seen to be torn and taken again."""
        self.revision += 1
        try:
            yield
        finally:
            self.revision += 1

    def snapshot(self) -> District:
        """copy(), made safely in a worker thread while the GUI thread may edit.

        Copying 10,000 programs takes about 0.2 s; on the GUI thread that was the longest
        freeze of showing a large map, and of every edit's analysis. An edit that falls
        during the copy (the revision moved, or the copy met a table changing under it) makes
        it start again; edits come at a person's pace, so one more try almost always does.
        """
        while True:
            before = self.revision
            if before % 2 == 0:
                try:
                    twin = self.copy()
                except (RuntimeError, KeyError):  # a table changed while it was copied
                    twin = None
                if twin is not None and self.revision == before:
                    return twin
            time.sleep(SNAPSHOT_RETRY_S)

    def copy(self) -> District:
        """An equal district sharing no mutable item, link, index or record table with this.

        A worker thread analyses, lays out or prints the copy while the user keeps editing
        the original. The indexes are copied rather than rebuilt through `add_link`, whose
        checks this district has already passed: 10,000 programs and 30,000 links copy in
        well under 100 ms, which the window spends frozen (with the cycle collector
        paused: collector.py).
        """
        with collector_paused():
            return self._copy()

    def _copy(self) -> District:
        twin = District(self.name, self.school_year, self.notes)
        twin.extra = dict(self.extra)
        twin.records = {name: dict(table) for name, table in self.records.items()}
        twin.items = {item_id: _shallow(item) for item_id, item in self.items.items()}
        links = {key: _shallow(link) for key, link in self.links.items()}
        twin.links = links
        twin._seq = dict(self._seq)
        twin._next_seq = self._next_seq
        twin._link_seq = dict(self._link_seq)
        twin._next_link_seq = self._next_link_seq
        twin._links_by_item = {
            item_id: {key: links[key] for key in by_key}
            for item_id, by_key in self._links_by_item.items()
        }
        return twin

    # -- items -------------------------------------------------------------------------
    def add_item(self, item: Item, seq: int | None = None) -> None:
        if not item.id:
            raise DistrictError("an item needs an id")
        if item.id in self.items:
            raise DistrictError(f"an item with id {item.id!r} already exists")
        self.items[item.id] = item
        self._of_kind.clear()
        if seq is None:
            seq = self._next_seq
        self._seq[item.id] = seq
        self._next_seq = max(self._next_seq, seq + 1)
        self._links_by_item.setdefault(item.id, {})

    def add_checked_items(self, items: list[Item], seqs: list[int]) -> None:
        """add_item for each item and its seq, for a reader that has made add_item's checks
        already (each id is not empty, new, and differs from the others): a 20,000-program
        plan has 22,000 items."""
        ids = [item.id for item in items]
        self.items.update(zip(ids, items, strict=True))
        self._of_kind.clear()
        self._seq.update(zip(ids, seqs, strict=True))
        if seqs:
            self._next_seq = max(self._next_seq, max(seqs) + 1)
        by_item = self._links_by_item
        for item_id in ids:
            by_item.setdefault(item_id, {})

    def replace_item(self, item: Item) -> None:
        """Put `item` in the place of the item with its id (a merge that changes its kind)."""
        if item.id not in self.items:
            raise DistrictError(f"no item with id {item.id!r}")
        self.items[item.id] = item
        self._of_kind.clear()

    def remove_item(self, item_id: str) -> tuple[Item, int]:
        """Remove an item that has no links left; returns it and its place for undo."""
        if self._links_by_item.get(item_id):
            raise DistrictError(f"{item_id} still has links; remove them first")
        item = self.items.pop(item_id)
        self._of_kind.clear()
        self._links_by_item.pop(item_id, None)
        return item, self._seq.pop(item_id)

    def get(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise DistrictError(f"no item with id {item_id!r}") from None

    def seq_of(self, item_id: str) -> int:
        return self._seq[item_id]

    def items_of(self, kind: str) -> list[Item]:
        """Items of one kind in document order (a list of the caller's own)."""
        found = self._of_kind.get(kind)
        if found is None:
            found = [item for item in self.items.values() if item.kind == kind]
            found.sort(key=lambda item: self._seq[item.id])
            self._of_kind[kind] = found
        return list(found)

    def ordered_items(self) -> list[Item]:
        return sorted(self.items.values(), key=lambda item: self._seq[item.id])

    def school_names(self) -> list[str]:
        """Every school any program names, sorted (programs with none are district-wide)."""
        return sorted(
            {school for item in self.items_of("program") for school in getattr(item, "schools", [])}
        )

    def new_id(self, kind: str) -> str:
        """A fresh id in the district's style: G7, S13, P42, B9."""
        prefix = {"goal": "G", "strategy": "S", "program": "P", "policy": "B"}[kind]
        used = {
            int(item_id[len(prefix) :])
            for item_id in self.items
            if item_id.startswith(prefix) and item_id[len(prefix) :].isdigit()
        }
        number = max(used, default=0) + 1
        while f"{prefix}{number}" in self.items:
            number += 1
        return f"{prefix}{number}"

    # -- links -------------------------------------------------------------------------
    def add_link(self, link: Link, seq: int | None = None) -> None:
        # Written for speed with locals: opening a plan adds tens of thousands of links.
        items = self.items
        src, dst = link.src, link.dst
        for end in (src, dst):
            if end not in items:
                raise DistrictError(f"no item with id {end!r}")
        if src == dst:
            raise DistrictError("an item cannot be linked to itself")
        if link.kind == "supports" and items[src].kind == "goal":
            raise DistrictError("a goal cannot support another item")
        key = link.key
        if key in self.links:
            raise DistrictError(f"that {link.kind} link already exists")
        self.links[key] = link
        if seq is None:
            seq = self._next_link_seq
        self._link_seq[key] = seq
        if seq >= self._next_link_seq:
            self._next_link_seq = seq + 1
        by_item = self._links_by_item
        by_item[src][key] = link
        by_item[dst][key] = link

    def add_checked_links(
        self, links: list[Link], keys: list[LinkKey], seqs: list[int] | None = None
    ) -> None:
        """add_link for each link, in order, for a reader that has made add_link's checks
        already (codec.py: both ends are items, not the same one, no goal supports
        anything, and each key, which is its link's key, is new and differs from the
        others). A 10,000-program plan has 30,000 links. `seqs`, as add_link's seq: each
        link's place in order (by default, after the links there are, one after another)."""
        start = self._next_link_seq
        if seqs is None:
            seqs = list(range(start, start + len(keys)))
        self.links.update(zip(keys, links, strict=True))
        self._link_seq.update(zip(keys, seqs, strict=True))
        if seqs:
            self._next_link_seq = max(start, max(seqs) + 1)
        by_item = self._links_by_item
        for link, key in zip(links, keys, strict=True):
            by_item[link.src][key] = link
            by_item[link.dst][key] = link

    def remove_link(self, key: LinkKey) -> tuple[Link, int]:
        link = self.links.pop(key)
        self._links_by_item[link.src].pop(key, None)
        self._links_by_item[link.dst].pop(key, None)
        return link, self._link_seq.pop(key)

    def link_seq_of(self, key: LinkKey) -> int:
        return self._link_seq[key]

    def links_of(self, item_id: str) -> list[Link]:
        """Every link touching an item, in document order."""
        found = list(self._links_by_item.get(item_id, {}).values())
        found.sort(key=lambda link: self._link_seq[link.key])
        return found

    def ordered_links(self) -> list[Link]:
        return sorted(self.links.values(), key=lambda link: self._link_seq[link.key])

    def supported_by(self, item_id: str) -> list[Link]:
        """Supports links pointing at an item."""
        return [ln for ln in self.links_of(item_id) if ln.kind == "supports" and ln.dst == item_id]

    def supports_from(self, item_id: str) -> list[Link]:
        """Supports links leaving an item."""
        return [ln for ln in self.links_of(item_id) if ln.kind == "supports" and ln.src == item_id]

    # -- records -----------------------------------------------------------------------
    def record(self, collection: str, key: str) -> Any:
        """A stored value, or None."""
        return self.records.get(collection, {}).get(key)

    def records_of(self, collection: str) -> dict[str, Any]:
        return self.records.get(collection, {})

    def put_record(self, collection: str, key: str, value: Any) -> Any:
        """Store a value; returns the one it replaced (None if new). Values are JSON data."""
        if value is None:
            raise DistrictError("a record needs a value; delete it instead")
        table = self.records.setdefault(collection, {})
        previous = table.get(key)
        table[key] = value
        return previous

    def delete_record(self, collection: str, key: str) -> Any:
        table = self.records.get(collection, {})
        previous = table.pop(key, None)
        if not table:
            self.records.pop(collection, None)
        return previous

    def __iter__(self) -> Iterator[Item]:
        return iter(self.ordered_items())

    def __len__(self) -> int:
        return len(self.items)
