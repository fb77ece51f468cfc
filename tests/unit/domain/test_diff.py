"""The district diff: items field by field, links, decisions, findings and spend."""

from __future__ import annotations

import json

from coherence_planner.domain.model import codec
from coherence_planner.domain.progress.diff import diff_districts
from coherence_planner.domain.progress.diff_words import (
    diff_lines,
    diff_summary_rows,
    render_text,
)
from tests.factories import con, g, make, p, s, sup


def before():
    return make(
        goals=[g("G1", indicators=[{"name": "ELA", "baseline": 40, "current": 42, "target": 60}])],
        strategies=[s("S1", themes=["effective-use-of-data"])],
        programs=[
            p("P1", annual_cost=1000, type="intervention"),
            p("P2", annual_cost=500, type="intervention"),
            p("P3", annual_cost=200),
            p("P4", annual_cost=50),
        ],
        links=[
            sup("P1", "S1", strength="weak"),
            sup("P2", "S1"),
            sup("P4", "S1"),
            sup("S1", "G1"),
            con("P1", "P3", rationale="same block"),
        ],
    )


def after():
    return make(
        goals=[g("G1", indicators=[{"name": "ELA", "baseline": 40, "current": 47, "target": 60}])],
        strategies=[s("S1", themes=["effective-use-of-data"], name="Tiered support")],
        programs=[
            p("P1", annual_cost=1200, type="intervention", decision="keep", decided_by="Cabinet"),
            p("P2", annual_cost=500, type="intervention", decision="sunset"),
            p("P4", annual_cost=50),
            p("P5", name="New tutoring", annual_cost=300, decision="expand"),
        ],
        links=[
            sup("P1", "S1", strength="strong"),
            sup("P2", "S1"),
            sup("S1", "G1"),
            sup("P5", "G1"),
        ],
    )


def test_identical_plans_have_no_changes() -> None:
    diff = diff_districts(before(), before())
    assert diff.identical
    assert not (diff.added or diff.removed or diff.changed or diff.decisions)
    assert all(not f.appeared and not f.disappeared for f in diff.findings)
    assert "The two plans are the same." in render_text(diff)


def test_items_added_removed_and_changed_field_by_field() -> None:
    diff = diff_districts(before(), after())
    assert [r.id for r in diff.added] == ["P5"]
    assert [r.id for r in diff.removed] == ["P3"]
    changed = {c.id: {f.field: (f.old, f.new) for f in c.fields} for c in diff.changed}
    assert changed["S1"] == {"name": ("Strategy S1", "Tiered support")}
    assert changed["P1"] == {
        "annual_cost": (1000, 1200),
        "decision": ("undecided", "keep"),
        "decided_by": ("", "Cabinet"),
    }
    assert changed["P2"] == {"decision": ("undecided", "sunset")}
    old_inds, new_inds = changed["G1"]["indicators"]
    assert old_inds[0]["current"] == 42 and new_inds[0]["current"] == 47
    assert "P4" not in changed
    labels = {f.field: f.label for c in diff.changed for f in c.fields}
    assert labels["annual_cost"] == "Annual cost"


def test_a_changed_kind_is_a_removal_and_an_addition() -> None:
    a = make(goals=[g("X1")])
    b = make(strategies=[s("X1")])
    diff = diff_districts(a, b)
    assert [(r.id, r.kind) for r in diff.added] == [("X1", "strategy")]
    assert [(r.id, r.kind) for r in diff.removed] == [("X1", "goal")]
    assert diff.changed == ()


def test_links_added_removed_and_changed() -> None:
    diff = diff_districts(before(), after())
    assert [(r.src, r.dst) for r in diff.links_added] == [("P5", "G1")]
    removed = {(r.kind, r.src, r.dst) for r in diff.links_removed}
    assert removed == {("supports", "P4", "S1"), ("conflicts", "P1", "P3")}
    assert len(diff.links_changed) == 1
    change = diff.links_changed[0]
    assert (change.link.src, change.link.dst) == ("P1", "S1")
    assert [(f.field, f.old, f.new) for f in change.fields] == [("strength", "weak", "strong")]


def test_a_conflict_written_the_other_way_round_is_not_a_change() -> None:
    a = make(programs=[p("P1"), p("P2")], links=[con("P1", "P2")])
    b = make(programs=[p("P1"), p("P2")], links=[con("P2", "P1")])
    diff = diff_districts(a, b)
    assert diff.identical


def test_decisions_taken_include_new_items_with_a_decision() -> None:
    diff = diff_districts(before(), after())
    taken = {(d.id, d.old, d.new) for d in diff.decisions}
    assert taken == {
        ("P1", "undecided", "keep"),
        ("P2", "undecided", "sunset"),
        ("P5", None, "expand"),
    }
    p1 = next(d for d in diff.decisions if d.id == "P1")
    assert p1.decided_by == "Cabinet"


def test_findings_before_and_after() -> None:
    diff = diff_districts(before(), after())
    findings = {f.rule: f for f in diff.findings}
    # P3 was an orphan in a conflict; it is gone. P4 lost its link and became an orphan.
    orphans = findings["orphans"]
    assert [x.ids for x in orphans.appeared] == [("P4",)]
    assert [x.ids for x in orphans.disappeared] == [("P3",)]
    assert (orphans.before, orphans.after) == (1, 1)
    conflicts = findings["conflicts"]
    assert [x.ids for x in conflicts.disappeared] == [("P1", "P3")]
    assert conflicts.after == 0
    # P1 and P2 compete before and after; the cabinet's keep on P1 keeps it kept.
    competing = findings["competing"]
    assert competing.before == competing.after == 1
    removal = findings["removal_candidates"]
    assert {x.ids for x in removal.appeared} == {("P4",)}
    assert orphans.appeared[0].text == "Program P4"  # the name, not "P4 Program P4"


def test_spend_before_and_after() -> None:
    diff = diff_districts(before(), after())
    spend = {line.key: line for line in diff.spend}
    assert (spend["total_cost"].before, spend["total_cost"].after) == (1750, 2050)
    assert (spend["orphan_cost"].before, spend["orphan_cost"].after) == (200, 50)
    assert spend["aligned_cost"].change == 2000 - 1550
    by_goal = {line.key: line for line in diff.spend_by_goal}
    assert (by_goal["G1"].before, by_goal["G1"].after) == (1550, 2000)


def test_json_is_plain_and_complete() -> None:
    data = diff_districts(before(), after(), label_a="2025", label_b="2026").to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["a"] == "2025" and data["identical"] is False
    assert data["items"]["added"] == [{"id": "P5", "kind": "program", "name": "New tutoring"}]
    p1 = next(c for c in data["items"]["changed"] if c["id"] == "P1")
    assert {"field": "annual_cost", "label": "Annual cost", "old": 1000, "new": 1200} in p1[
        "fields"
    ]
    assert data["links"]["changed"][0]["fields"][0]["field"] == "strength"
    assert data["findings"]["orphans"]["appeared"] == [{"ids": ["P4"], "text": "Program P4"}]
    assert data["spend"]["total_cost"] == {"before": 1750, "after": 2050}
    assert data["spend"]["by_goal"]["G1"]["after"] == 2000


def test_text_marks_additions_and_removals_with_signs() -> None:
    diff = diff_districts(before(), after())
    text = render_text(diff)
    assert "+ program New tutoring" in text
    assert "− program Program P3" in text
    assert "~     Annual cost: $1,000 → $1,200" in text
    assert "~     Indicators: ELA: current 42 → 47" in text
    assert "Strength: weak → strong" in text
    assert "Program P1: undecided → keep (Cabinet)" in text
    assert "Total spend: $1,750 → $2,050 (+$300)" in text
    marks = {mark for mark, _ in diff_lines(diff)}
    assert marks <= {"#", "+", "−", "~", " "}


def test_summary_rows_for_the_report() -> None:
    rows = diff_summary_rows(diff_districts(before(), after()))
    assert ("Plan", "Items added", "", "1") in rows
    assert ("Findings", "Orphans", "1", "1") in rows
    assert ("Spend", "Total spend", "$1,750", "$2,050") in rows
    assert all(len(r) == 4 and all(isinstance(c, str) for c in r) for r in rows)


def test_district_fields_and_records_outside_the_comparison() -> None:
    a, b = before(), before()
    b.school_year = "2027-28"
    b.put_record("snapshots", "x", {"name": "x"})
    diff = diff_districts(a, b)
    assert [(c.field, c.old, c.new) for c in diff.district] == [
        ("school_year", "2026-27", "2027-28")
    ]
    assert codec.district_to_dict(a) != codec.district_to_dict(b)


def test_a_competing_group_that_appears_is_named_by_its_programs_names() -> None:
    # Read aloud beside the rest of the comparison: names, never "(keeping P7)".
    def plan(second_type: str):
        return make(
            goals=[g("G1")],
            strategies=[s("S1")],
            programs=[
                p("P1", name="Lexia Core5", annual_cost=1200, type="intervention"),
                p("P2", name="Read Naturally", annual_cost=500, type=second_type),
            ],
            links=[sup("P1", "S1"), sup("P2", "S1"), sup("S1", "G1")],
        )

    diff = diff_districts(plan("curriculum"), plan("intervention"))
    competing = {f.rule: f for f in diff.findings}["competing"]
    texts = [x.text for x in competing.appeared]
    assert len(texts) == 1
    assert texts[0].startswith("Lexia Core5 and Read Naturally: keeping ")
    assert "P1" not in texts[0] and "P2" not in texts[0]
