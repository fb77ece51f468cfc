"""Edit commands: every change to a district is one of these, with do() and undo().

The document runs a command inside one storage transaction and writes back exactly what the
returned `Changes` name; the ui wraps each command in a QUndoCommand. Commands hold copies of
what they replace, so undo restores the district exactly (ids, order, links).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.model.items import Item, Link, LinkKey

T = TypeVar("T")


@dataclass
class Changes:
    """What a command touched, so storage writes only that and views refresh only that."""

    items: set[str] = field(default_factory=set)
    links: set[LinkKey] = field(default_factory=set)
    district: bool = False
    records: set[tuple[str, str]] = field(default_factory=set)  # (collection, key)

    def update(self, other: Changes) -> None:
        self.items |= other.items
        self.links |= other.links
        self.district = self.district or other.district
        self.records |= other.records

    def __bool__(self) -> bool:
        return bool(self.items or self.links or self.district or self.records)


class Command(Protocol):
    text: str

    def do(self, district: District) -> Changes: ...

    def undo(self, district: District) -> Changes: ...


# Values copying can share: a copy of an item or link needs fresh lists and dicts only.
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def fresh_copy(obj: T) -> T:
    """A deep copy of an item or a link, as `copy.deepcopy` makes it, without its generic
    machinery for the plain values every field holds: immutable values are shared, lists
    and dicts of them copied, anything else (a goal's indicators) deep-copied.

    Applying an import of 5,000 programs spent about a sixth of its time in `deepcopy` of
    the new items and links (issue 29). Two fields never share one list in a district, so
    copying each list on its own loses nothing deepcopy's memo would keep.
    """
    state: dict[str, Any] = {}
    for name, value in obj.__dict__.items():
        kind = type(value)
        if kind in _IMMUTABLE:
            state[name] = value
        elif kind is list and _IMMUTABLE.issuperset(map(type, value)):  # in C: per item
            state[name] = value.copy()
        elif kind is dict and _IMMUTABLE.issuperset(map(type, value.values())):
            state[name] = value.copy()  # keys are immutable already
        else:
            state[name] = copy.deepcopy(value)
    clone = object.__new__(type(obj))
    clone.__dict__ = state
    return clone


def _name(district: District, item_id: str) -> str:
    item = district.items.get(item_id)
    return item.name if item else item_id


class AddItem:
    def __init__(self, item: Item, text: str | None = None) -> None:
        self.item = item
        self.text = text or f"Add {item.kind} {item.name}"
        self._seq: int | None = None

    def do(self, district: District) -> Changes:
        district.add_item(fresh_copy(self.item), self._seq)
        self._seq = district.seq_of(self.item.id)
        return Changes(items={self.item.id})

    def undo(self, district: District) -> Changes:
        district.remove_item(self.item.id)
        return Changes(items={self.item.id})


class RemoveItems:
    """Remove items and every link that touches them; undo puts all back in place."""

    def __init__(self, district: District, item_ids: list[str]) -> None:
        self.ids = list(dict.fromkeys(item_ids))
        if len(self.ids) == 1:
            self.text = f"Remove {_name(district, self.ids[0])}"
        else:
            self.text = f"Remove {len(self.ids)} items"
        self._items: list[tuple[Item, int]] = []
        self._links: list[tuple[Link, int]] = []

    def do(self, district: District) -> Changes:
        changes = Changes()
        self._links, self._items = [], []
        for item_id in self.ids:
            for link in district.links_of(item_id):
                self._links.append(district.remove_link(link.key))
                changes.links.add(link.key)
        for item_id in self.ids:
            self._items.append(district.remove_item(item_id))
            changes.items.add(item_id)
        return changes

    def undo(self, district: District) -> Changes:
        changes = Changes()
        for item, seq in self._items:
            district.add_item(item, seq)
            changes.items.add(item.id)
        for link, seq in sorted(self._links, key=lambda pair: pair[1]):
            district.add_link(link, seq)
            changes.links.add(link.key)
        return changes


class SetItemFields:
    """Change some fields of one item (field names from fields.py, or extra fields).

    A person setting a field confirms it: a field set here leaves the item's `guessed` list
    (district-format.md), in the same undo step, unless the values set `guessed` themselves
    (an import that guesses, or a re-import of an exported sheet)."""

    def __init__(
        self, district: District, item_id: str, values: dict[str, Any], text: str | None = None
    ) -> None:
        item = district.get(item_id)
        for name, value in values.items():
            spec = F.field_spec(item.kind, name)
            if spec is None:
                raise DistrictError(f"a {item.kind} has no field {name!r}")
            error = F.check_value(spec, value)
            if error:
                raise DistrictError(f"{spec.label} {error}")
        self.item_id = item_id
        self.new = copy.deepcopy(values)
        self.old: dict[str, Any] = {}
        if text is None:
            if len(values) == 1:
                name = next(iter(values))
                label = F.field_spec(item.kind, name).label  # type: ignore[union-attr]
                text = f"Change {label.lower()} of {item.name}"
            else:
                text = f"Edit {item.name}"
        self.text = text

    def do(self, district: District) -> Changes:
        item = district.get(self.item_id)
        self.old = {name: copy.deepcopy(getattr(item, name)) for name in self.new}
        for name, value in self.new.items():
            setattr(item, name, copy.deepcopy(value))
        if "guessed" not in self.new and any(name in self.new for name in item.guessed):
            self.old["guessed"] = list(item.guessed)
            item.guessed = [name for name in item.guessed if name not in self.new]
        return Changes(items={self.item_id})

    def undo(self, district: District) -> Changes:
        item = district.get(self.item_id)
        for name, value in self.old.items():
            setattr(item, name, copy.deepcopy(value))
        return Changes(items={self.item_id})


def confirm_guess(district: District, item_id: str, name: str) -> SetItemFields:
    """A person confirms a guessed value as it stands: the field leaves `guessed`."""
    item = district.get(item_id)
    if name not in item.guessed:
        raise DistrictError(f"the {name.replace('_', ' ')} of {item.name} is not a guess")
    spec = F.field_spec(item.kind, name)
    label = spec.label.lower() if spec else name
    remaining = [field for field in item.guessed if field != name]
    return SetItemFields(
        district, item_id, {"guessed": remaining}, text=f"Confirm {label} of {item.name}"
    )


class AddLink:
    def __init__(self, district: District, link: Link, text: str | None = None) -> None:
        self.link = link
        verb = "Link" if link.kind == "supports" else "Mark conflict:"
        joiner = "to" if link.kind == "supports" else "with"
        self.text = text or (
            f"{verb} {_name(district, link.src)} {joiner} {_name(district, link.dst)}"
        )
        self._seq: int | None = None

    def do(self, district: District) -> Changes:
        district.add_link(fresh_copy(self.link), self._seq)
        self._seq = district.link_seq_of(self.link.key)
        return Changes(links={self.link.key})

    def undo(self, district: District) -> Changes:
        district.remove_link(self.link.key)
        return Changes(links={self.link.key})


class RemoveLink:
    def __init__(self, district: District, key: LinkKey) -> None:
        link = district.links[key]
        self.key = key
        joiner = "from" if link.kind == "supports" else "and"
        self.text = f"Unlink {_name(district, link.src)} {joiner} {_name(district, link.dst)}"
        self._removed: tuple[Link, int] | None = None

    def do(self, district: District) -> Changes:
        self._removed = district.remove_link(self.key)
        return Changes(links={self.key})

    def undo(self, district: District) -> Changes:
        assert self._removed is not None
        district.add_link(*self._removed)
        return Changes(links={self.key})


class SetLinkFields:
    """Change a link's strength or rationale (its ends and kind define it and do not change)."""

    def __init__(self, district: District, key: LinkKey, values: dict[str, Any]) -> None:
        from coherence_planner.domain.model import vocab

        for name, value in values.items():
            if name == "strength" and value not in vocab.STRENGTHS:
                raise DistrictError(f"strength must be strong, moderate or weak; got {value!r}")
            if name == "rationale" and not isinstance(value, str):
                raise DistrictError("rationale must be text")
            if name not in ("strength", "rationale"):
                raise DistrictError(f"a link has no editable field {name!r}")
        link = district.links[key]
        self.key = key
        self.new = dict(values)
        self.old: dict[str, Any] = {}
        what = "strength" if list(values) == ["strength"] else "link"
        self.text = f"Change {what} of {_name(district, link.src)} → {_name(district, link.dst)}"

    def do(self, district: District) -> Changes:
        link = district.links[self.key]
        self.old = {name: getattr(link, name) for name in self.new}
        for name, value in self.new.items():
            setattr(link, name, value)
        return Changes(links={self.key})

    def undo(self, district: District) -> Changes:
        link = district.links[self.key]
        for name, value in self.old.items():
            setattr(link, name, value)
        return Changes(links={self.key})


class SetDistrictFields:
    def __init__(self, values: dict[str, str], text: str = "Edit district details") -> None:
        for name, value in values.items():
            if name not in ("name", "school_year", "notes"):
                raise DistrictError(f"the district has no field {name!r}")
            if not isinstance(value, str):
                raise DistrictError(f"{name} must be text")
        self.new = dict(values)
        self.old: dict[str, str] = {}
        self.text = text

    def do(self, district: District) -> Changes:
        self.old = {name: getattr(district, name) for name in self.new}
        for name, value in self.new.items():
            setattr(district, name, value)
        return Changes(district=True)

    def undo(self, district: District) -> Changes:
        for name, value in self.old.items():
            setattr(district, name, value)
        return Changes(district=True)


class PutRecord:
    """Store (create or replace) one app record: a scenario, a rating, a snapshot..."""

    def __init__(self, collection: str, key: str, value: Any, text: str) -> None:
        if value is None:
            raise DistrictError("a record needs a value")
        self.collection, self.key = collection, key
        self.value = copy.deepcopy(value)
        self.text = text
        self._previous: Any = None

    def do(self, district: District) -> Changes:
        self._previous = district.put_record(self.collection, self.key, copy.deepcopy(self.value))
        return Changes(records={(self.collection, self.key)})

    def undo(self, district: District) -> Changes:
        if self._previous is None:
            district.delete_record(self.collection, self.key)
        else:
            district.put_record(self.collection, self.key, self._previous)
        return Changes(records={(self.collection, self.key)})


class DeleteRecord:
    def __init__(self, collection: str, key: str, text: str) -> None:
        self.collection, self.key = collection, key
        self.text = text
        self._previous: Any = None

    def do(self, district: District) -> Changes:
        self._previous = district.delete_record(self.collection, self.key)
        if self._previous is None:
            raise DistrictError(f"no {self.collection} record {self.key!r}")
        return Changes(records={(self.collection, self.key)})

    def undo(self, district: District) -> Changes:
        district.put_record(self.collection, self.key, self._previous)
        return Changes(records={(self.collection, self.key)})


class Batch:
    """Several commands as one undo step (an import, a scenario applied, a multi-delete).

    If a part fails, the parts already done are undone before the error propagates, so the
    district is never left half-changed.
    """

    def __init__(self, text: str, commands: list[Command]) -> None:
        self.text = text
        self.commands = list(commands)

    # A batch (an import of 10,000 programs) adds a burst of items and links and makes no
    # cycles; with the collector on, doing 20,000 took four times 10,000's time.
    @collector_paused()
    def do(self, district: District) -> Changes:
        changes = Changes()
        done: list[Command] = []
        try:
            for command in self.commands:
                changes.update(command.do(district))
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo(district)
            raise
        return changes

    @collector_paused()
    def undo(self, district: District) -> Changes:
        changes = Changes()
        for command in reversed(self.commands):
            changes.update(command.undo(district))
        return changes
