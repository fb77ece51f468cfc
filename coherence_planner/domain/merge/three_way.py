"""The three-way merge of a whole plan: items, links, the district's fields and app records
(decisions, indicators and cycles are item fields; ratings, members, snapshots, scenarios
and the decision log are records).

An item added on one side arrives; an item deleted on one side goes, unless the other side
changed it (its fields, or a link to it): that is a conflict, like a field both sides
changed differently. Items new on both sides are one item when they have the same id and
kind (with no base) or the same kind and name; otherwise theirs gets a fresh id, and every
link and rating of it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.merge.base import Prepared
from coherence_planner.domain.merge.conflicts import MINE, MISSING, THEIRS, Conflict, Taken
from coherence_planner.domain.merge.fields import Found, merge_fields
from coherence_planner.domain.merge.sides import RecordKey, Side, link_entry
from coherence_planner.domain.model.items import LinkKey

_PREFIX = {"goal": "G", "strategy": "S", "program": "P", "policy": "B"}
_NUMBERED = re.compile(r"([A-Z])(\d+)$")


@dataclass
class Merged:
    """The merge as found: the result with every conflict at mine, and what was found."""

    prepared: Prepared
    items: dict[str, dict[str, Any]]
    links: dict[LinkKey, dict[str, Any]]
    district: dict[str, Any]
    records: dict[RecordKey, Any]
    taken: list[Taken]
    conflicts: list[Conflict]
    renamed: dict[str, str]  # theirs' id -> the id it has in the result, where they differ
    theirs: Side  # theirs with its ids as in the result


def _fresh_ids(used: set[str]) -> dict[str, int]:
    top: dict[str, int] = {}
    for item_id in used:
        match = _NUMBERED.match(item_id)
        if match:
            top[match[1]] = max(top.get(match[1], 0), int(match[2]))
    return top


def match_ids(base: Side, mine: Side, theirs: Side, by_id: bool) -> dict[str, str]:
    """theirs' id -> its id in the result, for items theirs added."""
    mine_new = {i: it for i, it in mine.items.items() if i not in base.items}
    by_name: dict[tuple[str, str], str] = {}
    for item_id, item in mine_new.items():
        by_name.setdefault((item["kind"], str(item.get("name", "")).casefold()), item_id)
    used = set(mine.items) | set(base.items) | set(theirs.items)
    top = _fresh_ids(used)
    claimed: set[str] = set()
    mapping: dict[str, str] = {}
    for item_id, item in theirs.items.items():
        if item_id in base.items:
            continue
        kind, name = item["kind"], str(item.get("name", "")).casefold()
        same = mine_new.get(item_id)
        if (
            same is not None
            and same["kind"] == kind
            and item_id not in claimed
            and (by_id or str(same.get("name", "")).casefold() == name)
        ):
            target = item_id
        elif (kind, name) in by_name and by_name[(kind, name)] not in claimed:
            target = by_name[(kind, name)]
        elif item_id in mine.items or item_id in base.items or item_id in claimed:
            prefix = _PREFIX[kind]
            top[prefix] = top.get(prefix, 0) + 1
            target = f"{prefix}{top[prefix]}"
        else:
            target = item_id
        claimed.add(target)
        if target != item_id:
            mapping[item_id] = target
    return mapping


def _ratings_key(key: str, mapping: dict[str, str]) -> str:
    program, bar, member = key.partition("|")
    return f"{mapping.get(program, program)}{bar}{member}" if bar else key


def renamed_side(side: Side, mapping: dict[str, str]) -> Side:
    """`side` with its items' ids changed as `mapping` says, and its links and ratings too."""
    if not mapping:
        return side
    out = Side(district=side.district)
    out.items = {mapping.get(i, i): it for i, it in side.items.items()}
    for entry in side.links.values():
        moved = {
            **entry,
            "from": mapping.get(entry["from"], entry["from"]),
            "to": mapping.get(entry["to"], entry["to"]),
        }
        key, moved = link_entry(moved)
        out.links[key] = moved
    for (collection, rkey), digest in side.records.items():
        new = _ratings_key(rkey, mapping) if collection == "ratings" else rkey
        out.records[(collection, new)] = digest
        if (collection, rkey) in side.values:
            out.values[(collection, new)] = side.values[(collection, rkey)]
    return out


def _touched(base: Side, side: Side) -> set[str]:
    """Items whose links this side added, removed or changed."""
    found: set[str] = set()
    for key in {*base.links, *side.links}:
        if base.links.get(key) != side.links.get(key):
            found.update(key[1:])
    return found


def merge(prepared: Prepared) -> Merged:
    base, mine = prepared.base.side, prepared.mine
    mapping = match_ids(base, mine, prepared.theirs, by_id=not prepared.base.found)
    theirs = renamed_side(prepared.theirs, mapping)
    found = Found()
    touched = {MINE: _touched(base, mine), THEIRS: _touched(base, theirs)}
    items = _merge_items(base, mine, theirs, touched, found)

    def name(item_id: str) -> str:
        for side in (mine, theirs, base):
            got = side.name_of(item_id)
            if got is not None:
                return got
        return "an item"

    links = _merge_links(base, mine, theirs, name, found)
    district = merge_fields(
        "district",
        base.district,
        mine.district,
        theirs.district,
        ("district",),
        "The district",
        found,
    )
    records = _merge_records(base, mine, theirs, name, found)
    return Merged(
        prepared, items, links, district, records, found.taken, found.conflicts, mapping, theirs
    )


def _who(values: dict[str, Any]) -> str:
    by, on = str(values.get("decided_by") or ""), str(values.get("decided_on") or "")
    return ", ".join(part for part in (by, on) if part)


def _merge_items(
    base: Side, mine: Side, theirs: Side, touched: dict[str, set[str]], found: Found
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for item_id in dict.fromkeys([*mine.items, *theirs.items, *base.items]):
        b = base.items.get(item_id, MISSING)
        m = mine.items.get(item_id, MISSING)
        t = theirs.items.get(item_id, MISSING)
        shown = m if m is not MISSING else t if t is not MISSING else b
        subject = str(shown.get("name", "")) or "an unnamed item"
        if m == t:
            value = m
        elif m is MISSING or t is MISSING:
            value = _deleted_or_added(item_id, b, m, t, subject, touched, found)
        else:
            kind = m["kind"] if m["kind"] == t["kind"] else "item"
            value = merge_fields(
                kind,
                {} if b is MISSING else b,
                m,
                t,
                ("item", item_id),
                subject,
                found,
                lambda side, values: _who(values),
            )
        if value is not MISSING:
            out[item_id] = value
    return out


def _deleted_or_added(
    item_id: str,
    b: Any,
    m: Any,
    t: Any,
    subject: str,
    touched: dict[str, set[str]],
    found: Found,
) -> Any:
    """One side has the item and the other has not: added, deleted, or deleted on one side
    and changed on the other (a conflict)."""
    if b is MISSING:  # added on one side
        side, value = (MINE, m) if t is MISSING else (THEIRS, t)
        found.taken.append(Taken(side, subject, "added", MISSING, value))
        return value
    keeper = THEIRS if m is MISSING else MINE  # the side that still has it
    kept = t if m is MISSING else m
    if kept == b and item_id not in touched[keeper]:
        deleter = MINE if keeper == THEIRS else THEIRS
        found.taken.append(Taken(deleter, subject, "deleted", b, MISSING))
        return MISSING
    what = f"deleted in {'mine' if keeper == THEIRS else 'theirs'}, changed in {keeper}"
    found.conflicts.append(Conflict(("item", item_id), subject, what, b, m, t))
    return m


def _link_subject(key: LinkKey, name: Any) -> str:
    verb = "supports" if key[0] == "supports" else "conflicts with"
    return f"{name(key[1])} {verb} {name(key[2])}"


def _merge_links(
    base: Side, mine: Side, theirs: Side, name: Any, found: Found
) -> dict[LinkKey, dict[str, Any]]:
    out: dict[LinkKey, dict[str, Any]] = {}
    for key in dict.fromkeys([*mine.links, *theirs.links, *base.links]):
        b = base.links.get(key, MISSING)
        m = mine.links.get(key, MISSING)
        t = theirs.links.get(key, MISSING)
        if m == t:
            value = m
        elif m is MISSING or t is MISSING:
            subject = "Link: " + _link_subject(key, name)
            if b is MISSING or (t if m is MISSING else m) == b:
                side = (
                    (THEIRS if m == b else MINE)
                    if b is not MISSING
                    else (MINE if t is MISSING else THEIRS)
                )
                value = t if side == THEIRS else m
                what = "added" if b is MISSING else "deleted"
                found.taken.append(Taken(side, subject, what, b, value))
            else:
                value = m
                keeper = THEIRS if m is MISSING else MINE
                what = f"deleted in {'mine' if keeper == THEIRS else 'theirs'}, changed in {keeper}"
                found.conflicts.append(Conflict(("link", key), subject, what, b, m, t))
        else:
            subject = "Link: " + _link_subject(key, name)
            value = merge_fields(
                "link", {} if b is MISSING else b, m, t, ("link", key), subject, found
            )
        if value is not MISSING:
            out[key] = value
    return out


def record_subject(collection: str, key: str, value: Any, name: Any) -> str:
    """A record named for people: whose rating, which snapshot, which member."""
    title = value.get("name") if isinstance(value, dict) else None
    if collection == "ratings":
        program, _, member = key.partition("|")
        return f"Rating of {name(program)} by {member}"
    if collection == "members":
        return f"Cabinet member {key}"
    if collection == "decision_log" and isinstance(value, dict):
        return f"Decision log: {value.get('name') or name(str(value.get('item_id', '')))}"
    label = collection.replace("_", " ").capitalize().rstrip("s")
    return f"{label} “{title or key}”"


def _merge_records(
    base: Side, mine: Side, theirs: Side, name: Any, found: Found
) -> dict[RecordKey, Any]:
    out: dict[RecordKey, Any] = {}
    for rkey in dict.fromkeys([*mine.records, *theirs.records, *base.records]):
        b = base.records.get(rkey, MISSING)
        m = mine.records.get(rkey, MISSING)
        t = theirs.records.get(rkey, MISSING)
        m_value = mine.values.get(rkey, MISSING)
        t_value = theirs.values.get(rkey, MISSING)
        shown = m_value if m_value is not MISSING else t_value
        if m == t:
            value = m_value
        elif m == b or t == b:
            side = THEIRS if m == b else MINE
            value = t_value if side == THEIRS else m_value
            old = MISSING if b is MISSING else "before"
            subject = record_subject(*rkey, shown, name)
            what = "added" if b is MISSING else "deleted" if value is MISSING else "changed"
            found.taken.append(Taken(side, subject, what, old, value))
        else:
            value = m_value
            subject = record_subject(*rkey, shown, name)
            found.conflicts.append(
                Conflict(("record", *rkey), subject, "changed on both sides", b, m_value, t_value)
            )
        if value is not MISSING:
            out[rkey] = value
    return out
