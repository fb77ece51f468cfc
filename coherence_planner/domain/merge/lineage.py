"""A plan's lineage: its plan id and a short history of revisions, so that two copies of one
plan can find the version they last shared (the base of a three-way merge).

Where it lives, so that every way of copying a plan carries it:

- `district.extra["lineage"]` = {"plan_id", "revision", "history"}: the id given when the
  plan first recorded a revision, the id of its last revision, and up to HISTORY_KEPT
  revision ids, newest first. It is a field of the district object, so a file copy, Save
  As and the JSON export and import all carry it unchanged (district-format.md keeps
  unknown district fields).
- the app records in collection "revisions" (`.coherence` files only): key = a revision
  id, value = {"at", "by", "note", "content"}; content is the plan as it was (zlib and
  base64 of its canonical JSON), the base a later merge starts from. Only CONTENT_KEPT are
  kept: 2,000 programs pack into about 100 KB.

A revision id is a digest of the plan's content (items, links, district fields and a digest
of each app record, never the lineage itself), so two copies that hold the same plan name
the same revision without having met.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
import zlib
from dataclasses import dataclass, field
from typing import Any

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import Batch, Changes, Command, DeleteRecord, PutRecord
from coherence_planner.domain.model.district import District

LINEAGE = "lineage"
REVISIONS = "revisions"
HISTORY_KEPT = 40
CONTENT_KEPT = 8


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(value: Any, text: str | None = None) -> str:
    """A short name for a JSON value's content (`text`: its canonical form, when made)."""
    text = canonical(value) if text is None else text
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def plan_content(district: District) -> dict[str, Any]:
    """What a revision holds: the interchange form of the plan without its lineage, and a
    digest of every app record (a record merges as one value, so its digest is enough)."""
    data = codec.district_to_dict(district)
    data["district"].pop(LINEAGE, None)
    data["records"] = {
        name: {key: digest(value) for key, value in table.items()}
        for name, table in district.records.items()
        if name != REVISIONS
    }
    return data


@dataclass(frozen=True)
class Lineage:
    plan_id: str
    revision: str
    history: tuple[str, ...] = field(default=())  # newest first, revision included

    def to_json(self) -> dict[str, Any]:
        return {"plan_id": self.plan_id, "revision": self.revision, "history": list(self.history)}


def lineage_of(district: District) -> Lineage | None:
    """The plan's lineage, or None for a plan that never recorded one (or a damaged one)."""
    raw = district.extra.get(LINEAGE)
    if not isinstance(raw, dict):
        return None
    plan_id, revision, history = raw.get("plan_id"), raw.get("revision"), raw.get("history")
    if not (isinstance(plan_id, str) and plan_id and isinstance(revision, str)):
        return None
    kept = tuple(h for h in history if isinstance(h, str)) if isinstance(history, list) else ()
    return Lineage(plan_id, revision, kept or (revision,))


def pack(content: dict[str, Any], text: str | None = None) -> str:
    text = canonical(content) if text is None else text
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def unpack(text: str) -> dict[str, Any] | None:
    """The content a revision stored, or None when it is damaged."""
    try:
        value = json.loads(zlib.decompress(base64.b64decode(text.encode("ascii"))))
    except (ValueError, zlib.error, UnicodeError):
        return None
    return value if isinstance(value, dict) else None


def stored_revisions(district: District) -> dict[str, dict[str, Any]]:
    """Revision id -> its record ({"at", "by", "note", "content"}), the ones this file keeps."""
    return {k: v for k, v in district.records_of(REVISIONS).items() if isinstance(v, dict)}


class SetLineage:
    """Replace the district's lineage (a field of the district object); undo puts it back."""

    def __init__(self, lineage: Lineage, text: str = "Record a revision") -> None:
        self.new = lineage.to_json()
        self.old: Any = None
        self.text = text

    def do(self, district: District) -> Changes:
        self.old = district.extra.get(LINEAGE)
        district.extra = {**district.extra, LINEAGE: dict(self.new)}
        return Changes(district=True)

    def undo(self, district: District) -> Changes:
        extra = {k: v for k, v in district.extra.items() if k != LINEAGE}
        if self.old is not None:
            extra[LINEAGE] = self.old
        district.extra = extra
        return Changes(district=True)


def revision_commands(
    district: District,
    *,
    at: str,
    by: str,
    note: str,
    content: dict[str, Any] | None = None,
    parents: tuple[str, ...] = (),
    imported: dict[str, dict[str, Any]] | None = None,
    new_plan_id: str | None = None,
) -> list[Command]:
    """The commands that record the plan's content as its newest revision (none when that is
    its last revision already and nothing else is asked). `content` is the plan's content
    after any command run before these (a merge); `parents` are other revisions it descends
    from (the other side of a merge); `imported` are revision records to keep from another
    copy (its base contents); `new_plan_id` is the id a plan with none takes (the other
    copy's, in a merge). The oldest contents beyond CONTENT_KEPT are dropped."""
    content = plan_content(district) if content is None else content
    text = canonical(content)  # made once: it is most of the time a revision takes
    revision = digest(content, text)
    old = lineage_of(district)
    if old is not None and old.revision == revision and not parents and not imported:
        return []
    plan_id = old.plan_id if old else (new_plan_id or uuid.uuid4().hex)
    history = [revision, *(old.history if old else ()), *parents]
    history = list(dict.fromkeys(history))[:HISTORY_KEPT]
    stored = stored_revisions(district)
    imported = imported or {}
    available = [key for key in history if key in stored or key == revision or key in imported]
    kept = set(available[:CONTENT_KEPT])
    commands: list[Command] = []
    for key, value in imported.items():
        if key in kept and key not in stored:
            commands.append(PutRecord(REVISIONS, key, value, "Keep a revision"))
    if revision not in stored:
        value = {"at": at, "by": by, "note": note, "content": pack(content, text)}
        commands.append(PutRecord(REVISIONS, revision, value, "Record a revision"))
    for key in stored:
        if key not in kept:
            commands.append(DeleteRecord(REVISIONS, key, "Forget an old revision"))
    commands.append(SetLineage(Lineage(plan_id, revision, tuple(history))))
    return commands


class RecordRevision:
    """Record the plan as it is when this runs (after the commands before it in a batch, such
    as a merge's) as its newest revision; undo forgets it again."""

    def __init__(
        self,
        *,
        at: str,
        by: str,
        note: str,
        parents: tuple[str, ...] = (),
        imported: dict[str, dict[str, Any]] | None = None,
        new_plan_id: str | None = None,
    ) -> None:
        self.text = "Record a revision"
        self._args: dict[str, Any] = {
            "at": at,
            "by": by,
            "note": note,
            "parents": parents,
            "imported": imported,
            "new_plan_id": new_plan_id,
        }
        self._done: list[Command] = []

    def do(self, district: District) -> Changes:
        self._done = revision_commands(district, **self._args)
        return Batch(self.text, self._done).do(district)

    def undo(self, district: District) -> Changes:
        return Batch(self.text, self._done).undo(district)


def record_revision(district: District, *, at: str, by: str, note: str) -> Command | None:
    """One command recording the plan as it is now, or None when it is recorded already."""
    commands = revision_commands(district, at=at, by=by, note=note)
    return Batch("Record a revision", commands) if commands else None
