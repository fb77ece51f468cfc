"""The presenter's agenda: opening, goals, orphans, candidates, close; goal briefs."""

from __future__ import annotations

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.retreat import agenda as A
from tests.factories import g, make, p, s, sup

ELA = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}


def test_agenda_order_and_goal_brief() -> None:
    d = make(
        goals=[
            g("G1", indicators=[{"name": "Reading", "unit": "%", "baseline": 40, "target": 60}]),
            g("G2"),
            g("G3", status="retired"),
        ],
        strategies=[s("S1")],
        programs=[
            p("P1", annual_cost=100, evidence_tier=1, **ELA),
            p("P2", annual_cost=50, **ELA),
            p("P3", annual_cost=7),
        ],
        links=[sup("P1", "S1"), sup("P2", "S1"), sup("S1", "G1")],
    )
    a = analyse(d)
    steps = A.build_agenda(d, a)
    assert [(st.kind, st.item_id) for st in steps] == [
        (A.OPENING, ""),
        (A.GOAL, "G1"),
        (A.GOAL, "G2"),
        (A.ORPHANS, ""),
        (A.CANDIDATE, "P2"),
        (A.CANDIDATE, "P3"),
        (A.CLOSE, ""),
    ]
    brief = A.goal_brief(d, a, "G1")
    assert [(ln.item_id, ln.programs, ln.cost) for ln in brief.lines] == [("S1", 2, 150)]
    assert brief.indicators == ["Reading: 40 → ? % (target 60)"]
    assert [grp.kept for grp in brief.competing] == [("P1",)]
    assert (brief.programs, brief.unsupported) == (2, False)
    assert A.goal_brief(d, a, "G2").unsupported
