"""Decisions: one undo step sets the item's fields and logs the decision, changed minds too."""

from __future__ import annotations

import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.district import DistrictError
from coherence_planner.domain.retreat.decisions import (
    LOG_COLUMNS,
    decide,
    decision_log,
    filter_log,
    log_rows,
    tally,
    unlogged_decisions,
)
from tests.factories import b, g, make, p, s, sup

ELA = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}


def district():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1")],
        strategies=[s("S1")],
        programs=[
            p("P1", evidence_tier=3, annual_cost=100, fte=1, **ELA),
            p("P2", evidence_tier=1, annual_cost=50, fte=0.5, **ELA),
        ],
        policies=[b("B1", code="BP 1")],
        links=[sup("P1", "G1"), sup("P2", "G1"), sup("S1", "G1"), sup("B1", "G1")],
    )


def test_decide_sets_fields_and_logs_and_undo_restores_both() -> None:
    d = district()
    cmd = decide(d, "P1", "keep", "Teachers trust it", "Dr. Ruiz", "2026-11-20")
    cmd.do(d)
    item = d.get("P1")
    assert (item.decision, item.decision_rationale, item.decided_by, item.decided_on) == (  # type: ignore[attr-defined]
        "keep",
        "Teachers trust it",
        "Dr. Ruiz",
        "2026-11-20",
    )
    [entry] = decision_log(d)
    assert (entry.item_id, entry.decision, entry.previous, entry.who) == (
        "P1",
        "keep",
        "undecided",
        "Dr. Ruiz",
    )
    cmd.undo(d)
    assert d.get("P1").decision == "undecided"  # type: ignore[attr-defined]
    assert decision_log(d) == []


def test_decisions_the_log_cannot_explain_are_listed_so_the_log_matches_the_tally() -> None:
    d = make(
        programs=[p("P1", decision="keep"), p("P2"), p("P3", decision="sunset")],
        policies=[b("B1", decision="remove", status="retired")],  # not live: not counted
    )
    decide(d, "P3", "sunset", "Grant ends", "Dr. Ruiz", "2026-11-20").do(d)
    assert [(e.item_id, e.decision, e.who) for e in unlogged_decisions(d)] == [("P1", "keep", "")]
    counted = sum(n for decision, n in tally(d).counts.items() if decision != "undecided")
    assert counted == len(unlogged_decisions(d)) + len(decision_log(d)) == 2
    d.get("P3").decision = "modify"  # type: ignore[attr-defined]  # changed outside the log
    assert [e.item_id for e in unlogged_decisions(d)] == ["P1", "P3"]


def test_keep_changes_which_competing_program_is_kept() -> None:
    d = district()
    assert analyse(d).competing[0].kept == ("P2",)
    decide(d, "P1", "keep", "", "A", "2026-11-20").do(d)
    assert analyse(d).competing[0].kept == ("P1",)


def test_changed_mind_keeps_both_entries_in_order_with_what_was_replaced() -> None:
    d = district()
    decide(d, "P1", "remove", "Weak evidence", "A", "2026-11-20").do(d)
    decide(d, "P1", "modify", "Pilot it at two schools", "B", "2026-11-21").do(d)
    log = decision_log(d)
    assert [(e.decision, e.previous, e.who) for e in log] == [
        ("remove", "undecided", "A"),
        ("modify", "remove", "B"),
    ]
    assert d.get("P1").decision == "modify"  # type: ignore[attr-defined]


def test_filters_combine() -> None:
    d = district()
    decide(d, "P1", "remove", "Weak evidence", "A", "2026-11-20").do(d)
    decide(d, "B1", "keep", "Board asked", "B", "2026-11-21").do(d)
    decide(d, "P2", "expand", "Strong evidence", "A", "2026-11-22").do(d)
    log = decision_log(d)
    assert [e.item_id for e in filter_log(log, who="A")] == ["P1", "P2"]
    assert [e.item_id for e in filter_log(log, who="A", since="2026-11-21")] == ["P2"]
    assert [e.item_id for e in filter_log(log, decision="keep")] == ["B1"]
    assert [e.item_id for e in filter_log(log, text="EVIDENCE", until="2026-11-21")] == ["P1"]
    assert [e.item_id for e in filter_log(log, item_id="B1")] == ["B1"]


@pytest.mark.parametrize(
    ("item_id", "decision", "on", "message"),
    [
        ("S1", "keep", "2026-11-20", "S1 is a strategy"),
        ("P9", "keep", "2026-11-20", "no item with id 'P9'"),
        ("P1", "drop", "2026-11-20", "must be one of"),
        ("P1", "keep", "20 Nov", "must be a date"),
    ],
)
def test_bad_decisions_are_refused_naming_the_problem(
    item_id: str, decision: str, on: str, message: str
) -> None:
    d = district()
    with pytest.raises(DistrictError, match=message):
        decide(d, item_id, decision, "", "A", on)
    assert decision_log(d) == []


def test_rows_and_tally_for_reports() -> None:
    d = district()
    decide(d, "P1", "sunset", "Grant ends", "A", "2026-11-20").do(d)
    decide(d, "P2", "remove", "=cmd", "A", "2026-11-20").do(d)
    rows = log_rows(d)
    assert list(rows[0]) == list(LOG_COLUMNS)
    assert rows[0]["Decision"] == "Sunset" and rows[0]["Was"] == "Undecided"
    t = tally(d)
    assert t.counts["sunset"] == 1 and t.counts["remove"] == 1 and t.counts["undecided"] == 1
    assert (t.freed_cost, t.freed_fte) == (150, 1.5)
