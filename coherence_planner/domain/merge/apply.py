"""A merge as one undoable step: the person's choices settle the conflicts, and the plan
(mine) becomes the result through the model's own commands, in one Batch that also records
the merged plan as a revision descending from both copies (so the next merge of the same two
copies starts from here).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from coherence_planner.domain.merge.conflicts import MISSING, SIDES, THEIRS, Conflict
from coherence_planner.domain.merge.fields import KEYED_LISTS, entry_key
from coherence_planner.domain.merge.lineage import LINEAGE, RecordRevision
from coherence_planner.domain.merge.sides import RecordKey
from coherence_planner.domain.merge.three_way import Merged
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import (
    AddItem,
    AddLink,
    Batch,
    Changes,
    Command,
    DeleteRecord,
    PutRecord,
    RemoveItems,
    RemoveLink,
)
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.model.items import Item, Link, LinkKey

Choices = Mapping[str, str]  # a conflict's key -> "mine" or "theirs"


class MergeError(DistrictError):
    """The merged plan would break the plan's rules; nothing was changed."""


def unresolved(merged: Merged, choices: Choices, prefer: str | None = None) -> list[Conflict]:
    return [c for c in merged.conflicts if choices.get(c.key, prefer) not in SIDES]


class Result:
    """The merged plan's parts once every conflict is settled."""

    def __init__(self, merged: Merged, choices: Choices, prefer: str | None) -> None:
        self.items = dict(merged.items)
        self.links = dict(merged.links)
        self.district = dict(merged.district)
        self.records: dict[RecordKey, Any] = dict(merged.records)
        for conflict in merged.conflicts:
            if choices.get(conflict.key, prefer) == THEIRS:
                self._take(conflict.where, conflict.theirs)
                for name, value in conflict.together:
                    self._take((*conflict.where[:-1], name), value)
        # A link goes with an item deleted (a conflict settled for the deletion says so).
        self.links = {
            k: v for k, v in self.links.items() if k[1] in self.items and k[2] in self.items
        }

    def _take(self, where: tuple[Any, ...], value: Any) -> None:
        place, rest = where[0], where[1:]
        if place == "record":
            _put(self.records, (rest[0], rest[1]), value)
        elif place == "district":
            _put(self.district, rest[0], value)
        else:
            table: dict[Any, Any] = self.items if place == "item" else self.links
            if len(rest) == 1:
                _put(table, rest[0], value)
                return
            owner = table[rest[0]] = dict(table[rest[0]])
            if len(rest) == 2:
                _put(owner, rest[1], value)
            else:
                owner[rest[1]] = _entry_taken(owner.get(rest[1], []), rest[1], rest[2:], value)


def _put(table: dict[Any, Any], key: Any, value: Any) -> None:
    if value is MISSING:
        table.pop(key, None)
    else:
        table[key] = value


def _entry_taken(entries: list[Any], field: str, where: tuple[Any, ...], value: Any) -> list[Any]:
    """An indicator or cycle list with theirs' entry (or one field of it) taken."""
    name, sub = where
    key = KEYED_LISTS[field]
    out = [dict(e) if entry_key(e, key) == name else e for e in entries]
    at = next((n for n, e in enumerate(out) if entry_key(e, key) == name), None)
    if sub is None:
        if at is not None:
            out.pop(at)
        if value is not MISSING:
            out.insert(len(out) if at is None else at, value)
    elif at is not None:
        _put(out[at], sub, value)
    return out


class ReplaceItem:
    """Give an item every field of another (the merge's result); undo puts them back. The
    item stays the same object, as with every other edit, unless its kind changed."""

    def __init__(self, item: Item) -> None:
        self.item, self.text = item, f"Merge {item.name}"
        self._old: Item | None = None
        self._old_fields: dict[str, Any] = {}

    def do(self, district: District) -> Changes:
        item = self._old = district.get(self.item.id)
        new = copy.deepcopy(self.item)
        if type(item) is type(new):
            self._old_fields = item.__dict__
            item.__dict__ = new.__dict__
        else:
            district.replace_item(new)
        return Changes(items={self.item.id})

    def undo(self, district: District) -> Changes:
        assert self._old is not None
        if district.items[self.item.id] is self._old:
            self._old.__dict__ = self._old_fields
        else:
            district.replace_item(self._old)
        return Changes(items={self.item.id})


class ReplaceLink:
    def __init__(self, link: Link) -> None:
        self.link, self.text = link, "Merge a link"
        self._old: dict[str, Any] = {}

    def do(self, district: District) -> Changes:
        link = district.links[self.link.key]
        self._old = dict(link.__dict__)
        link.__dict__.update(copy.deepcopy(self.link.__dict__))
        return Changes(links={self.link.key})

    def undo(self, district: District) -> Changes:
        district.links[self.link.key].__dict__.update(self._old)
        return Changes(links={self.link.key})


class ReplaceDistrictFields:
    """The district's name, year, notes and extra fields, its lineage kept as it is."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values, self.text = values, "Merge the district's details"
        self._old: dict[str, Any] = {}

    def do(self, district: District) -> Changes:
        self._old = {k: getattr(district, k) for k in ("name", "school_year", "notes", "extra")}
        extra = {k: v for k, v in self.values.items() if k not in ("name", "school_year", "notes")}
        if LINEAGE in district.extra:
            extra[LINEAGE] = district.extra[LINEAGE]
        for key in ("name", "school_year", "notes"):
            setattr(district, key, str(self.values.get(key, "")))
        district.extra = extra
        return Changes(district=True)

    def undo(self, district: District) -> Changes:
        for key, value in self._old.items():
            setattr(district, key, value)
        return Changes(district=True)


def _item(item_id: str, values: dict[str, Any]) -> Item:
    problems: list[codec.Problem] = []
    raw = {"id": item_id, **{k: v for k, v in values.items() if k != "kind"}}
    item = codec.item_from_dict(values["kind"], raw, values.get("name") or item_id, problems)
    if item is None or problems:
        raise MergeError(f"the merged {values.get('name') or 'item'} is not valid: {problems[0]}")
    return item


def _link(values: dict[str, Any]) -> Link:
    problems: list[codec.Problem] = []
    link = codec.link_from_dict(values, "a merged link", problems)
    if link is None or problems:
        raise MergeError(f"a merged link is not valid: {problems[0]}")
    return link


def merge_command(
    district: District,
    merged: Merged,
    choices: Choices,
    *,
    prefer: str | None = None,
    at: str,
    by: str,
    text: str = "Merge a copy",
) -> Batch:
    """The one undoable step that turns `district` (mine, as prepared) into the result.
    Raises MergeError when a conflict has no choice (and no `prefer`)."""
    left = unresolved(merged, choices, prefer)
    if left:
        raise MergeError(f"{len(left)} conflicts still need a choice, the first: {left[0].line()}")
    result = Result(merged, choices, prefer)
    mine = merged.prepared.mine
    commands: list[Command] = []
    gone: list[LinkKey] = [k for k in mine.links if k not in result.links]
    commands += [RemoveLink(district, key) for key in gone]
    removed = [i for i in mine.items if i not in result.items]
    if removed:
        commands.append(RemoveItems(district, removed))
    for item_id, values in result.items.items():
        if item_id not in mine.items:
            commands.append(AddItem(_item(item_id, values)))
        elif values != mine.items[item_id]:
            commands.append(ReplaceItem(_item(item_id, values)))
    for key, values in result.links.items():
        if key not in mine.links:
            commands.append(AddLink(district, _link(values), text="Merge a link"))
        elif values != mine.links[key]:
            commands.append(ReplaceLink(_link(values)))
    if result.district != mine.district:
        commands.append(ReplaceDistrictFields(result.district))
    for rkey in mine.values:
        if rkey not in result.records:
            commands.append(DeleteRecord(*rkey, text="Merge a record"))
    for rkey, value in result.records.items():
        if mine.values.get(rkey, MISSING) != value:
            commands.append(PutRecord(*rkey, value, "Merge a record"))
    prepared = merged.prepared
    theirs_history = prepared.theirs_lineage.history if prepared.theirs_lineage else ()
    commands.append(
        RecordRevision(
            at=at,
            by=by,
            note=text,
            parents=(prepared.theirs_revision, *theirs_history),
            imported=prepared.revisions,
            new_plan_id=prepared.theirs_lineage.plan_id if prepared.theirs_lineage else None,
        )
    )
    return Batch(text, commands)
