"""Lineage: the plan id and revisions travel with a copy, and the base is found from them;
with no shared revision the merge runs against an empty plan, matching by id then name."""

from __future__ import annotations

from coherence_planner.domain.merge import lineage_of, merge_plans, record_revision
from coherence_planner.domain.merge.lineage import CONTENT_KEPT, REVISIONS, stored_revisions
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import AddItem, SetItemFields
from coherence_planner.domain.model.items import Program
from tests.factories import make, p
from tests.unit.domain.merge.helpers import AT, base_plan, copies, merged_into, shared


def test_a_revision_gives_the_plan_an_id_and_keeps_its_content() -> None:
    plan = base_plan()
    lineage = lineage_of(plan)
    assert lineage is not None and lineage.history == (lineage.revision,)
    assert set(stored_revisions(plan)) == {lineage.revision}
    assert record_revision(plan, at=AT, by="ann", note="again") is None  # nothing changed


def test_the_lineage_travels_through_the_interchange_format() -> None:
    plan = base_plan()
    again = codec.district_from_dict(codec.district_to_dict(plan))
    assert lineage_of(again) == lineage_of(plan)


def test_base_found_when_only_one_side_keeps_the_content() -> None:
    mine, theirs = copies()
    theirs.records.pop(REVISIONS)  # an exported-and-imported copy keeps the id only
    SetItemFields(mine, "P1", {"annual_cost": 120}).do(mine)
    SetItemFields(theirs, "P2", {"annual_cost": 60}).do(theirs)
    merged = merge_plans(mine, theirs)
    assert merged.prepared.base.found and merged.conflicts == []


def test_only_the_newest_contents_are_kept() -> None:
    plan = base_plan()
    for n in range(CONTENT_KEPT + 3):
        SetItemFields(plan, "P1", {"annual_cost": 200 + n}).do(plan)
        shared(plan)
    assert len(stored_revisions(plan)) == CONTENT_KEPT
    assert len(lineage_of(plan).history) == CONTENT_KEPT + 4  # type: ignore[union-attr]


def test_merging_again_starts_from_the_last_merge() -> None:
    mine, theirs = copies()
    SetItemFields(theirs, "P1", {"annual_cost": 150}).do(theirs)
    merged_into(mine, theirs)
    SetItemFields(mine, "P1", {"annual_cost": 160}).do(mine)  # mine moves on after the merge
    again = merge_plans(mine, theirs)
    assert again.conflicts == [] and mine.items["P1"].annual_cost == 160


def test_plans_made_apart_match_items_by_id_then_by_name() -> None:
    mine = make(programs=[p("P1", name="Phonics block"), p("P2", name="Tutoring lab")])
    theirs = make(
        programs=[
            p("P1", name="Phonics block", owner="Ann"),
            p("P7", name="Tutoring Lab"),  # the same program, by name, under another id
            p("P2", name="Chess club"),  # a new program whose id mine uses already
        ]
    )
    merged = merge_plans(mine, theirs)
    assert not merged.prepared.base.found
    assert merged.renamed == {"P7": "P2", "P2": "P8"}  # P8: after every id either uses
    conflicts = {(c.subject, c.what) for c in merged.conflicts}
    assert ("Phonics block", "Owner") in conflicts  # both "added" it, with different owners
    assert ("Tutoring lab", "Name") in conflicts


def test_a_copy_merged_with_itself_changes_nothing() -> None:
    mine, _ = copies()
    AddItem(Program("P9", "Chess club")).do(mine)
    before = codec.district_to_dict(mine)
    merged = merged_into(mine, mine.copy())
    assert merged.conflicts == [] and not [t for t in merged.taken if t.side == "theirs"]
    assert codec.district_to_dict(mine)["programs"] == before["programs"]


def test_the_comparison_of_two_copies_ignores_their_lineage() -> None:
    from coherence_planner.domain.progress.diff import diff_districts

    mine, theirs = copies()
    SetItemFields(theirs, "P1", {"annual_cost": 1}).do(theirs)
    shared(theirs)  # theirs now names a newer revision
    assert diff_districts(mine, theirs).district == ()


def test_plans_made_apart_share_a_base_after_their_first_merge() -> None:
    mine = make(programs=[p("P1", name="Phonics block")])
    theirs = make(programs=[p("P1", name="Phonics block"), p("P2", name="Tutoring lab")])
    shared(theirs)
    merged_into(mine, theirs)
    assert lineage_of(mine).plan_id == lineage_of(theirs).plan_id  # type: ignore[union-attr]
    SetItemFields(theirs, "P2", {"annual_cost": 70}).do(theirs)
    SetItemFields(mine, "P2", {"owner": "Ann"}).do(mine)
    again = merge_plans(mine, theirs)
    assert again.prepared.base.found and again.conflicts == []
