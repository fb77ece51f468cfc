"""Named snapshots kept inside the plan: taken by one undoable command, read back whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.model.district import DistrictError
from coherence_planner.domain.progress.diff import diff_districts
from coherence_planner.domain.progress.snapshots import (
    delete_snapshot,
    find_snapshot,
    snapshot_district,
    snapshots,
    take_snapshot,
)
from coherence_planner.storage.document import Document
from tests.factories import g, make, p, sup

WHEN = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


def district():
    return make(goals=[g("G1")], programs=[p("P1", annual_cost=10)], links=[sup("P1", "G1")])


def test_take_undo_and_compare() -> None:
    d = district()
    take = take_snapshot(d, "  Before the  2026 retreat ", WHEN)
    take.do(d)
    [info] = snapshots(d)
    assert (info.key, info.name, info.taken_at) == (
        "before-the-2026-retreat",
        "Before the 2026 retreat",
        "2026-11-22T09:30:00+00:00",
    )
    SetItemFields(d, "P1", {"annual_cost": 20}).do(d)
    then = snapshot_district(d, info.key)
    assert then.items["P1"].annual_cost == 10
    diff = diff_districts(then, d)
    assert [(f.field, f.old, f.new) for c in diff.changed for f in c.fields] == [
        ("annual_cost", 10, 20)
    ]
    take.undo(d)
    assert snapshots(d) == []


def test_a_snapshot_holds_no_other_snapshots() -> None:
    d = district()
    take_snapshot(d, "One", WHEN).do(d)
    take_snapshot(d, "Two", WHEN + dt.timedelta(days=1)).do(d)
    assert [s.name for s in snapshots(d)] == ["One", "Two"]
    assert snapshot_district(d, "two").records == {}
    assert "records" not in d.record("snapshots", "two")["district"]


@pytest.mark.parametrize(
    ("name", "message"), [("  ", "needs a name"), ("x" * 121, "at most 120"), ("one", "already")]
)
def test_bad_names_are_refused(name: str, message: str) -> None:
    d = district()
    take_snapshot(d, "One", WHEN).do(d)
    with pytest.raises(DistrictError, match=message):
        take_snapshot(d, name, WHEN)


def test_same_slug_gets_its_own_key() -> None:
    d = district()
    take_snapshot(d, "Fall!", WHEN).do(d)
    take_snapshot(d, "Fall?", WHEN).do(d)
    assert sorted(d.records_of("snapshots")) == ["fall", "fall-2"]


def test_find_by_name_case_or_key() -> None:
    d = district()
    take_snapshot(d, "Before the retreat", WHEN).do(d)
    assert find_snapshot(d, "Before the retreat").key == "before-the-retreat"
    assert find_snapshot(d, "before THE retreat").key == "before-the-retreat"
    assert find_snapshot(d, "before-the-retreat").name == "Before the retreat"
    assert find_snapshot(d, "After") is None


def test_delete_is_undoable_and_unknown_is_refused() -> None:
    d = district()
    take_snapshot(d, "One", WHEN).do(d)
    delete = delete_snapshot(d, "one")
    delete.do(d)
    assert snapshots(d) == []
    delete.undo(d)
    assert [s.name for s in snapshots(d)] == ["One"]
    with pytest.raises(DistrictError, match="no snapshot"):
        delete_snapshot(d, "nope")
    with pytest.raises(DistrictError, match="no snapshot"):
        snapshot_district(d, "nope")


def test_snapshots_persist_in_the_document(tmp_path: Path) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, district()) as doc:
        doc.apply(take_snapshot(doc.district, "Before", WHEN))
    with Document.open(path) as doc:
        then = snapshot_district(doc.district, "before")
        assert codec.district_to_dict(then) == codec.district_to_dict(district())


def test_compare_with_latest_snapshot() -> None:
    from coherence_planner.domain.progress.snapshots import compare_with_latest

    d = district()
    assert compare_with_latest(d) is None
    take_snapshot(d, "Fall", WHEN).do(d)
    SetItemFields(d, "P1", {"annual_cost": 11}).do(d)
    take_snapshot(d, "Winter", WHEN + dt.timedelta(days=60)).do(d)
    SetItemFields(d, "P1", {"annual_cost": 12}).do(d)
    diff = compare_with_latest(d)
    assert diff is not None
    assert diff.label_a == "snapshot “Winter” (2027-01-21)"
    assert [(f.old, f.new) for c in diff.changed for f in c.fields] == [(11, 12)]
