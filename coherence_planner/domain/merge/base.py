"""Finding the base of a merge: the newest revision both copies share.

Two copies of one plan share the revisions made before they parted (and two plans share the
revisions of their last merge); the newest whose content either file still keeps is the base. Either side's plan as it
is now counts too, so merging a copy that has not changed since it was made is exact.
Without a shared revision (two plans made apart, or an old file with no lineage) the base
is empty: every item is new on both sides, matched by id and then by name (sides.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.merge.lineage import (
    Lineage,
    digest,
    lineage_of,
    plan_content,
    stored_revisions,
    unpack,
)
from coherence_planner.domain.merge.sides import Side, side_from_content, side_from_district
from coherence_planner.domain.model.district import District


@dataclass(frozen=True)
class Base:
    side: Side
    found: bool  # False: no shared revision, merged against an empty plan
    revision: str  # "" when not found
    at: str  # when the base was recorded, when known
    by: str
    why: str  # in words, for the person


@dataclass
class Prepared:
    """Both sides read once, the base found: everything the three-way merge needs."""

    base: Base
    mine: Side
    theirs: Side
    mine_revision: str
    theirs_revision: str
    mine_lineage: Lineage | None
    theirs_lineage: Lineage | None
    revisions: dict[str, dict[str, Any]]  # every revision record either file keeps


def _empty(why: str) -> Base:
    return Base(Side(), False, "", "", "", why)


def prepare(mine: District, theirs: District, base: District | None = None) -> Prepared:
    """Read both sides and find their base: `base` when given (the command line's BASE),
    else the newest revision they share, else an empty plan."""
    mine_content, theirs_content = plan_content(mine), plan_content(theirs)
    mine_rev, theirs_rev = digest(mine_content), digest(theirs_content)
    mine_side = side_from_district(mine, mine_content)
    theirs_side = side_from_district(theirs, theirs_content)
    mine_lin, theirs_lin = lineage_of(mine), lineage_of(theirs)
    store = {**stored_revisions(theirs), **stored_revisions(mine)}
    now = {mine_rev: mine_side, theirs_rev: theirs_side}
    if base is not None:
        content = plan_content(base)
        given = Base(side_from_district(base, content), True, digest(content), "", "", "")
    else:
        given = _find(mine_lin, theirs_lin, store, now, (mine_rev, theirs_rev))
    return Prepared(
        given, mine_side, theirs_side, mine_rev, theirs_rev, mine_lin, theirs_lin, store
    )


def _find(
    mine: Lineage | None,
    theirs: Lineage | None,
    store: dict[str, dict[str, Any]],
    now: dict[str, Side],
    current: tuple[str, str],
) -> Base:
    # A revision id names content, so a shared one is a shared version even between plans
    # that met only in an earlier merge (each keeps its own plan id).
    mine_now, theirs_now = current
    theirs_known = {theirs_now, *(theirs.history if theirs else ())}
    for revision in (mine_now, *(mine.history if mine else ())):
        if revision not in theirs_known:
            continue
        if revision in now:
            side = now[revision]  # shared, not copied: the merge never changes a side
            as_base = Side(side.items, side.links, side.district, side.records)
            return Base(as_base, True, revision, "", "", "")
        record = store.get(revision)
        content = unpack(str(record.get("content", ""))) if record else None
        if content is not None and record is not None:
            at, by = str(record.get("at", "")), str(record.get("by", ""))
            return Base(side_from_content(content), True, revision, at, by, "")
    if mine is None or theirs is None:
        return _empty("one of the plans has no history, so every difference is compared")
    if mine.plan_id != theirs.plan_id:
        return _empty("the plans were made apart, so every difference is compared")
    return _empty("the version both copies started from is no longer kept")
