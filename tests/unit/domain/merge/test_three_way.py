"""Each kind of change and conflict a merge meets, on two copies of one small plan."""

from __future__ import annotations

import pytest

from coherence_planner.domain.merge import (
    MINE,
    THEIRS,
    MergeError,
    merge_command,
    merge_plans,
)
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import (
    AddItem,
    AddLink,
    PutRecord,
    RemoveItems,
    RemoveLink,
    SetDistrictFields,
    SetItemFields,
    SetLinkFields,
)
from coherence_planner.domain.model.items import Indicator, Link, Program
from tests.unit.domain.merge.helpers import AT, copies, merged_into


def test_one_sided_field_changes_arrive_from_both_sides() -> None:
    mine, theirs = copies()
    SetItemFields(mine, "P1", {"owner": "Dana"}).do(mine)
    SetItemFields(theirs, "P2", {"annual_cost": 75, "fte": 1.5}).do(theirs)
    merged = merged_into(mine, theirs)
    assert merged.prepared.base.found
    assert merged.conflicts == []
    assert mine.items["P1"].owner == "Dana"
    assert (mine.items["P2"].annual_cost, mine.items["P2"].fte) == (75, 1.5)
    lines = [t.line() for t in merged.taken if t.side == THEIRS]
    assert "Tutoring lab: Annual cost: $50 → $75" in lines


def test_same_field_changed_differently_is_a_conflict_with_both_values() -> None:
    mine, theirs = copies()
    SetItemFields(mine, "P1", {"annual_cost": 120}).do(mine)
    SetItemFields(theirs, "P1", {"annual_cost": 150}).do(theirs)
    merged = merge_plans(mine, theirs)
    [conflict] = merged.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == (100, 120, 150)
    assert conflict.line() == "Phonics block: Annual cost: mine $120; theirs $150"
    with pytest.raises(MergeError):
        merge_command(mine, merged, {}, at=AT, by="me")
    merge_command(mine, merged, {conflict.key: THEIRS}, at=AT, by="me").do(mine)
    assert mine.items["P1"].annual_cost == 150


def test_same_change_on_both_sides_is_no_conflict() -> None:
    mine, theirs = copies()
    for side in (mine, theirs):
        SetItemFields(side, "P1", {"annual_cost": 130}).do(side)
    assert merge_plans(mine, theirs).conflicts == []


def test_items_added_and_deleted_on_one_side() -> None:
    mine, theirs = copies()
    AddItem(Program("P9", "Chess club")).do(theirs)
    AddLink(theirs, Link("P9", "S1")).do(theirs)
    RemoveItems(theirs, ["P3"]).do(theirs)
    AddItem(Program("P8", "Summer bridge")).do(mine)
    merged = merged_into(mine, theirs)
    assert merged.conflicts == []
    assert {"P8", "P9"} <= set(mine.items) and "P3" not in mine.items
    assert ("supports", "P9", "S1") in mine.links
    assert ("conflicts", "P1", "P3") not in mine.links


def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() -> None:
    mine, theirs = copies()
    RemoveItems(mine, ["P2"]).do(mine)
    SetItemFields(theirs, "P2", {"annual_cost": 60}).do(theirs)
    merged = merge_plans(mine, theirs)
    [conflict] = merged.conflicts
    assert conflict.what == "deleted in mine, changed in theirs"
    assert conflict.subject == "Tutoring lab"
    merge_command(mine, merged, {conflict.key: THEIRS}, at=AT, by="me").do(mine)
    assert mine.items["P2"].annual_cost == 60


def test_a_link_added_to_an_item_the_other_side_deleted_is_a_conflict() -> None:
    mine, theirs = copies()
    RemoveItems(mine, ["P3"]).do(mine)
    AddLink(theirs, Link("P3", "S1")).do(theirs)
    merged = merge_plans(mine, theirs)
    assert [c.subject for c in merged.conflicts] == ["Reading club"]
    merge_command(mine, merged, {}, prefer=MINE, at=AT, by="me").do(mine)
    assert "P3" not in mine.items and ("supports", "P3", "S1") not in mine.links


def test_links_added_removed_and_changed() -> None:
    mine, theirs = copies()
    RemoveLink(theirs, ("supports", "P2", "S1")).do(theirs)
    SetLinkFields(mine, ("supports", "P1", "S1"), {"strength": "strong"}).do(mine)
    SetLinkFields(theirs, ("supports", "S1", "G1"), {"rationale": "the core"}).do(theirs)
    merged_into(mine, theirs)
    assert ("supports", "P2", "S1") not in mine.links
    assert mine.links[("supports", "P1", "S1")].strength == "strong"
    assert mine.links[("supports", "S1", "G1")].rationale == "the core"


def test_link_field_conflict_is_named_by_its_items() -> None:
    mine, theirs = copies()
    SetLinkFields(mine, ("supports", "P1", "S1"), {"strength": "strong"}).do(mine)
    SetLinkFields(theirs, ("supports", "P1", "S1"), {"strength": "weak"}).do(theirs)
    [conflict] = merge_plans(mine, theirs).conflicts
    assert conflict.subject == "Link: Phonics block supports Tiered literacy"


def test_indicators_merge_entry_by_entry() -> None:
    mine, theirs = copies()
    goal = mine.items["G1"]
    mine_inds = [codec.indicator_to_dict(i) for i in goal.indicators]  # type: ignore[attr-defined]
    ours = [Indicator(**{**mine_inds[0], "current": 58}), Indicator(**mine_inds[1])]
    SetItemFields(mine, "G1", {"indicators": ours}).do(mine)
    theirs_inds = [Indicator(**d) for d in mine_inds] + [Indicator("Grade 5 math", "%")]
    theirs_inds[1] = Indicator(**{**mine_inds[1], "target": 97})
    SetItemFields(theirs, "G1", {"indicators": theirs_inds}).do(theirs)
    merged = merged_into(mine, theirs)
    assert merged.conflicts == []
    result = {i.name: i for i in mine.items["G1"].indicators}  # type: ignore[attr-defined]
    assert result["Grade 3 reading"].current == 58
    assert result["Attendance"].target == 97
    assert "Grade 5 math" in result


def test_indicator_changed_on_both_sides_is_a_conflict_on_that_indicator() -> None:
    mine, theirs = copies()
    for side, value in ((mine, 60), (theirs, 61)):
        inds = [codec.indicator_to_dict(i) for i in side.items["G1"].indicators]  # type: ignore[attr-defined]
        inds[0]["current"] = value
        SetItemFields(side, "G1", {"indicators": [Indicator(**d) for d in inds]}).do(side)
    [conflict] = merge_plans(mine, theirs).conflicts
    assert conflict.subject == "Every student reads by grade 3, indicators “Grade 3 reading”"
    assert (conflict.mine, conflict.theirs) == (60, 61)


def test_cycles_merge_and_conflict_by_start_date() -> None:
    mine, theirs = copies()
    first = dict(mine.items["S1"].cycles[0])  # type: ignore[attr-defined]
    SetItemFields(mine, "S1", {"cycles": [{**first, "evidence": "Screener data"}]}).do(mine)
    new = {"start": "2027-01-10", "end": "2027-03-01", "focus": "Fluency"}
    SetItemFields(theirs, "S1", {"cycles": [first, new]}).do(theirs)
    merged_into(mine, theirs)
    cycles = mine.items["S1"].cycles  # type: ignore[attr-defined]
    assert [c["start"] for c in cycles] == ["2026-09-01", "2027-01-10"]
    assert cycles[0]["evidence"] == "Screener data"


def test_ratings_and_snapshots_are_records_merged_by_name() -> None:
    mine, theirs = copies()
    PutRecord("ratings", "P1|Ann", {"impact": 3}, "Rate").do(mine)
    PutRecord("ratings", "P1|Ann", {"impact": 2}, "Rate").do(theirs)
    PutRecord("snapshots", "fall", {"name": "Fall", "taken_at": AT, "district": {}}, "S").do(theirs)
    merged = merge_plans(mine, theirs)
    [conflict] = merged.conflicts
    assert conflict.subject == "Rating of Phonics block by Ann"
    assert conflict.line().endswith("mine impact 3; theirs impact 2")
    assert any(t.subject == "Snapshot “Fall”" for t in merged.taken)
    merge_command(mine, merged, {}, prefer=THEIRS, at=AT, by="me").do(mine)
    assert mine.record("ratings", "P1|Ann") == {"impact": 2}
    assert mine.record("snapshots", "fall")["name"] == "Fall"


def test_district_fields_merge() -> None:
    mine, theirs = copies()
    SetDistrictFields({"notes": "Retreat on Friday"}).do(theirs)
    merged_into(mine, theirs)
    assert mine.notes == "Retreat on Friday"


def test_the_merge_is_one_step_that_undoes_completely() -> None:
    mine, theirs = copies()
    before = codec.district_to_dict(mine), dict(mine.records)
    SetItemFields(theirs, "P1", {"annual_cost": 1}).do(theirs)
    RemoveItems(theirs, ["P3"]).do(theirs)
    AddItem(Program("P9", "Chess club")).do(theirs)
    merged = merge_plans(mine, theirs)
    step = merge_command(mine, merged, {}, at=AT, by="me")
    step.do(mine)
    assert "P3" not in mine.items
    step.undo(mine)
    assert (codec.district_to_dict(mine), dict(mine.records)) == before


def test_a_decision_conflict_is_one_conflict_saying_who_decided_when() -> None:
    mine, theirs = copies()
    SetItemFields(
        mine, "P2", {"decision": "keep", "decided_by": "Cabinet", "decision_rationale": "works"}
    ).do(mine)
    SetItemFields(
        theirs, "P2", {"decision": "sunset", "decided_by": "Board", "decided_on": "2026-12-03"}
    ).do(theirs)
    merged = merge_plans(mine, theirs)
    [conflict] = merged.conflicts  # one, not one per field of the decision
    assert (conflict.mine_who, conflict.theirs_who) == ("Cabinet", "Board, 2026-12-03")
    assert conflict.line() == (
        "Tutoring lab: Decision: mine keep (Cabinet); theirs sunset (Board, 2026-12-03)"
    )
    merge_command(mine, merged, {conflict.key: THEIRS}, at=AT, by="me").do(mine)
    program = mine.items["P2"]
    assert (program.decision, program.decided_by, program.decided_on) == (  # type: ignore[attr-defined]
        "sunset",
        "Board",
        "2026-12-03",
    )
    assert program.decision_rationale == ""  # type: ignore[attr-defined]


def test_a_merged_item_stays_the_same_object_through_undo() -> None:
    mine, theirs = copies()
    program = mine.items["P1"]
    SetItemFields(theirs, "P1", {"annual_cost": 1}).do(theirs)
    step = merge_command(mine, merge_plans(mine, theirs), {}, at=AT, by="me")
    step.do(mine)
    assert mine.items["P1"] is program and program.annual_cost == 1  # type: ignore[attr-defined]
    step.undo(mine)
    assert mine.items["P1"] is program and program.annual_cost == 100  # type: ignore[attr-defined]
