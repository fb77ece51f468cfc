"""The report says what rules 2.1 decide: a required program is "Kept: required by law"
beside the program its group keeps, and a guessed type is a data gap until confirmed."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.factories import g, make, p, sup
from tests.unit.reports.helpers import pdf_text

SCREENING = {"type": "assessment", "tier": 1, "grades": ["K-3"], "subjects": ["ela"]}


def test_the_report_says_a_required_program_is_kept_by_law(tmp_path: Path) -> None:
    district = make(
        goals=[g("G1", name="Reading by grade 3")],
        programs=[
            p("P1", name="Dyslexia screener", required=True, evidence_tier=3, **SCREENING),
            p("P2", name="Reading inventory", decision="keep", evidence_tier=1, **SCREENING),
            p("P3", name="Read Naturally", type="intervention", guessed=["type"]),
        ],
        links=[sup("P1", "G1"), sup("P2", "G1"), sup("P3", "G1")],
    )
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions())
    text = pdf_text(out)
    assert "“Dyslexia screener” is kept: required by law." in text
    assert "Kept: required by law" in text
    assert "Not kept" not in text.replace("Not kept, a year", "")
    assert (
        "A type the import guessed, which competes with nothing until a person confirms it" in text
    )


def test_a_large_plans_candidates_name_their_own_groups_kept_programs() -> None:
    # Two groups; the candidate P4 is in the second (numbered 2 in the groups table),
    # whose kept program is P3. The compact table read group_of (from 0) as if from 1,
    # and named the first group's kept program under the wrong number.
    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.reports.book.findings import _candidates_compact

    reading = {"type": "intervention", "tier": 2, "grades": ["K-3"], "subjects": ["ela"]}
    maths = {"type": "curriculum", "tier": 1, "grades": ["6-8"], "subjects": ["math"]}
    district = make(
        goals=[g("G1")],
        programs=[
            p("P1", name="Phonics block", evidence_tier=1, **reading),
            p("P2", name="Read Naturally", evidence_tier=1, **reading),
            p("P3", name="Algebra core", evidence_tier=1, **maths),
            p("P4", name="Maths lab", evidence_tier=3, annual_cost=5, **maths),
        ],
        links=[sup(x, "G1") for x in ("P1", "P2", "P3", "P4")],
    )
    analysis = analyse(district)
    assert analysis.group_of["P4"] == 1
    flowable = _candidates_compact(district, analysis, 500)
    words = [[getattr(cell, "text", cell) for cell in row] for row in flowable._body]
    [maths_lab] = [row for row in words if row[0] == "Maths lab"]
    assert maths_lab[3] == "Competing group 2 keeps “Algebra core”"


def test_a_large_plans_gaps_count_guessed_types_apart_from_missing_ones() -> None:
    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.domain.analysis.gaps import plan_gaps
    from coherence_planner.reports.book.findings import _gaps_by_fact

    district = make(
        goals=[g("G1")],
        programs=[
            p("P1", name="Read Naturally", type="intervention", guessed=["type"]),
            p("P2", name="Chess club"),
            p("P3", name="Robotics", type="enrichment", guessed=["type"]),
        ],
        links=[sup(x, "G1") for x in ("P1", "P2", "P3")],
    )
    analysis = analyse(district)
    gaps = plan_gaps(district, analysis.goals_of, analysis.might_compete)
    flowable = _gaps_by_fact(district, gaps.programs, 500)
    words = [[getattr(cell, "text", cell) for cell in row] for row in flowable._body]
    assert words[0] == ["No type.", "1 program"]
    assert words[1][0].startswith(
        "A type the import guessed, which competes with nothing until a person confirms it"
    )
    assert words[1][1] == "2 programs"
