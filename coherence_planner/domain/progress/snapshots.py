"""Named snapshots of the district, kept inside the plan ("Before the 2026 retreat").

A snapshot is an app record in the collection "snapshots": key = a slug of its name,
value = {"name", "taken_at", "district": the interchange dict of the items and links}.
Taking one is a single undoable command; comparing two goes through `diff.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import DeleteRecord, PutRecord
from coherence_planner.domain.model.district import District, DistrictError
from coherence_planner.domain.progress.diff import DistrictDiff, diff_districts

COLLECTION = "snapshots"
MAX_NAME = 120


@dataclass(frozen=True)
class SnapshotInfo:
    key: str
    name: str
    taken_at: str  # ISO date-time, UTC


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return slug[:60] or "snapshot"


def snapshots(district: District) -> list[SnapshotInfo]:
    """The plan's snapshots, oldest first (by when they were taken, then name)."""
    found = []
    for key, value in district.records_of(COLLECTION).items():
        if isinstance(value, dict):
            found.append(
                SnapshotInfo(key, str(value.get("name", key)), str(value.get("taken_at", "")))
            )
    found.sort(key=lambda s: (s.taken_at, s.name))
    return found


def find_snapshot(district: District, name: str) -> SnapshotInfo | None:
    """A snapshot by its name (exactly, then ignoring case) or by its key."""
    every = snapshots(district)
    exact = [s for s in every if s.name == name]
    folded = [s for s in every if s.name.casefold() == name.casefold()]
    keyed = [s for s in every if s.key == name]
    for hits in (exact, folded, keyed):
        if hits:
            return hits[0]
    return None


def take_snapshot(district: District, name: str, when: dt.datetime) -> PutRecord:
    """The command that stores the district as it is now under `name`.

    Refuses an empty or overlong name, or one already used (a snapshot is never replaced
    silently; delete the old one first).
    """
    name = " ".join(name.split())
    if not name:
        raise DistrictError("a snapshot needs a name")
    if len(name) > MAX_NAME:
        raise DistrictError(f"a snapshot name must be at most {MAX_NAME} characters")
    if any(s.name.casefold() == name.casefold() for s in snapshots(district)):
        raise DistrictError(f"a snapshot named {name!r} already exists")
    key, n = _slug(name), 2
    taken = district.records_of(COLLECTION)
    base = key
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    value = {
        "name": name,
        "taken_at": when.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "district": codec.district_to_dict(district),
    }
    return PutRecord(COLLECTION, key, value, f"Take snapshot “{name}”")


def delete_snapshot(district: District, key: str) -> DeleteRecord:
    value = district.record(COLLECTION, key)
    if value is None:
        raise DistrictError(f"no snapshot {key!r}")
    return DeleteRecord(COLLECTION, key, f"Delete snapshot “{value.get('name', key)}”")


def snapshot_district(district: District, key: str) -> District:
    """The district a snapshot holds, read back through the codec (InvalidDistrict if the
    stored data is damaged)."""
    value: Any = district.record(COLLECTION, key)
    if not isinstance(value, dict) or "district" not in value:
        raise DistrictError(f"no snapshot {key!r}")
    return codec.district_from_dict(value["district"])


def compare_with_latest(district: District) -> DistrictDiff | None:
    """The plan now against its most recent snapshot (the report's comparison section), or
    None when it has no snapshot."""
    every = snapshots(district)
    if not every:
        return None
    latest = every[-1]
    return diff_districts(
        snapshot_district(district, latest.key),
        district,
        label_a=f"snapshot “{latest.name}” ({latest.taken_at[:10]})",
        label_b="the plan now",
    )
