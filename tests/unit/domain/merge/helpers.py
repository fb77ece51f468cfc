"""Two copies of one plan for merge tests: a base with a recorded revision, copied twice."""

from __future__ import annotations

from coherence_planner.domain.merge import Merged, merge_command, merge_plans, record_revision
from coherence_planner.domain.model.district import District
from tests.factories import con, g, make, p, s, sup

AT = "2026-12-01T09:00:00+00:00"


def base_plan() -> District:
    district = make(
        goals=[
            g(
                "G1",
                name="Every student reads by grade 3",
                indicators=[
                    {"name": "Grade 3 reading", "unit": "%", "baseline": 52, "target": 70},
                    {"name": "Attendance", "unit": "%", "baseline": 90, "target": 95},
                ],
            )
        ],
        strategies=[
            s(
                "S1",
                name="Tiered literacy",
                cycles=[{"start": "2026-09-01", "end": "2026-12-01", "focus": "Screening"}],
            )
        ],
        programs=[
            p("P1", name="Phonics block", annual_cost=100, owner="Ann"),
            p("P2", name="Tutoring lab", annual_cost=50),
            p("P3", name="Reading club", annual_cost=10),
        ],
        links=[sup("P1", "S1"), sup("S1", "G1"), sup("P2", "S1"), con("P1", "P3")],
    )
    shared(district)
    return district


def shared(district: District) -> None:
    """Record the plan's revision, as a copy made now would carry it."""
    command = record_revision(district, at=AT, by="ann", note="copied")
    assert command is not None
    command.do(district)


def copies() -> tuple[District, District]:
    base = base_plan()
    return base.copy(), base.copy()


def merged_into(mine: District, theirs: District, prefer: str | None = None) -> Merged:
    """Merge `theirs` into `mine` (mine changes), settling conflicts for `prefer`."""
    merged = merge_plans(mine, theirs)
    merge_command(mine, merged, {}, prefer=prefer, at=AT, by="me").do(mine)
    return merged
