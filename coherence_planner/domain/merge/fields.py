"""Three-way merge of one thing's fields: an item, a link, the district, a list entry.

A field one side changed (and the other left as the base had it) takes that side's value;
a field both changed to the same value takes it; a field both changed differently is a
conflict, whose result is mine until the person chooses. Indicators (by name) and
improvement cycles (by start date) merge entry by entry, so one office updating an
indicator and another adding one are not a conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from coherence_planner.domain.merge.conflicts import MINE, MISSING, THEIRS, Conflict, Taken, Where
from coherence_planner.domain.progress.diff import field_label

# Fields holding a list of objects, merged entry by entry, and what names an entry.
KEYED_LISTS: dict[str, str] = {"indicators": "name", "cycles": "start"}
DECISION_FIELDS = frozenset(("decision", "decision_rationale", "decided_by", "decided_on"))
_PART_LABELS = frozenset(
    field_label("program", name)[0] for name in DECISION_FIELDS if name != "decision"
)


@dataclass
class Found:
    """What merging found: changes taken from one side, and conflicts."""

    taken: list[Taken] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


Who = Callable[[str, dict[str, Any]], str]  # (side, that side's fields) -> who changed it


def entry_key(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, dict) else None


def _keyed(entries: Any, key: str) -> dict[Any, dict[str, Any]] | None:
    """A list of objects by their key, or None when it cannot be (not objects, a key missing
    or used twice): such a list merges as one value."""
    if not isinstance(entries, list):
        return None if entries is not MISSING else {}
    found: dict[Any, dict[str, Any]] = {}
    for entry in entries:
        name = entry_key(entry, key)
        if not isinstance(entry, dict) or name in (None, "") or name in found:
            return None
        found[name] = entry
    return found


def merge_fields(
    kind: str,
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    where: Where,
    subject: str,
    found: Found,
    who: Who | None = None,
) -> dict[str, Any]:
    """The merged fields (a conflict's field holds mine), its findings added to `found`."""
    out: dict[str, Any] = {}
    for name in dict.fromkeys([*mine, *theirs, *base]):
        b, m, t = base.get(name, MISSING), mine.get(name, MISSING), theirs.get(name, MISSING)
        if m == t:
            value = m
        elif m == b or t == b:
            side, value = (THEIRS, t) if m == b else (MINE, m)
            label, type_ = field_label(kind, name)
            found.taken.append(Taken(side, subject, label, b, value, type_))
        elif name in KEYED_LISTS and _mergeable(name, b, m, t):
            value = _merge_entries(kind, name, b, m, t, (*where, name), subject, found)
        else:
            value = m
            label, type_ = field_label(kind, name)
            mine_who = who(MINE, mine) if who and name in DECISION_FIELDS else ""
            theirs_who = who(THEIRS, theirs) if who and name in DECISION_FIELDS else ""
            found.conflicts.append(
                Conflict((*where, name), subject, label, b, m, t, type_, mine_who, theirs_who)
            )
        if value is not MISSING:
            out[name] = value
    _decide_together(where, mine, theirs, out, found)
    return out


def _decide_together(
    where: Where, mine: dict[str, Any], theirs: dict[str, Any], out: dict[str, Any], found: Found
) -> None:
    """A decision both sides took differently is one conflict: its rationale, who and when
    follow the decision chosen, never the other side's (a "keep" with "sunset"'s reason)."""
    place = (*where, "decision")
    decision = next((c for c in found.conflicts if c.where == place), None)
    if decision is None:
        return
    parts = DECISION_FIELDS - {"decision"}
    found.conflicts = [
        c for c in found.conflicts if not (c.where[:-1] == where and c.where[-1] in parts)
    ]
    found.taken = [
        t for t in found.taken if not (t.subject == decision.subject and t.what in _PART_LABELS)
    ]
    together = []
    for name in sorted(parts):
        _put(out, name, mine.get(name, MISSING))
        together.append((name, theirs.get(name, MISSING)))
    at = found.conflicts.index(decision)
    found.conflicts[at] = replace(decision, together=tuple(together))


def _put(table: dict[str, Any], name: str, value: Any) -> None:
    if value is MISSING:
        table.pop(name, None)
    else:
        table[name] = value


def _mergeable(name: str, *values: Any) -> bool:
    return all(_keyed(v, KEYED_LISTS[name]) is not None for v in values)


def _merge_entries(
    kind: str, name: str, b: Any, m: Any, t: Any, where: Where, subject: str, found: Found
) -> list[Any]:
    key = KEYED_LISTS[name]
    base, mine, theirs = (_keyed(v, key) or {} for v in (b, m, t))
    label = field_label(kind, name)[0]
    out: list[Any] = []
    for entry in dict.fromkeys([*mine, *theirs, *base]):
        be, me, te = (d.get(entry, MISSING) for d in (base, mine, theirs))
        place = f"{subject}, {label.lower()} “{entry}”"
        if me == te:
            value = me
        elif me is MISSING or te is MISSING or be is MISSING:
            # Added or deleted on one side: whole entries, not their fields.
            if me == be or te == be:
                side, value = (THEIRS, te) if me == be else (MINE, me)
                found.taken.append(Taken(side, place, label, be, value))
            else:
                value = me
                what = "deleted on one side, changed on the other"
                found.conflicts.append(Conflict((*where, entry, None), place, what, be, me, te))
        else:
            value = _merge_entry(be, me, te, (*where, entry), place, found)
        if value is not MISSING:
            out.append(value)
    return out


def _merge_entry(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    where: Where,
    place: str,
    found: Found,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in dict.fromkeys([*mine, *theirs, *base]):
        b, m, t = base.get(name, MISSING), mine.get(name, MISSING), theirs.get(name, MISSING)
        label = name.replace("_", " ").capitalize()
        if m == t:
            value = m
        elif m == b or t == b:
            side, value = (THEIRS, t) if m == b else (MINE, m)
            found.taken.append(Taken(side, place, label, b, value))
        else:
            value = m
            found.conflicts.append(Conflict((*where, name), place, label, b, m, t))
        if value is not MISSING:
            out[name] = value
    return out
