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
    assert "A guessed type, not yet confirmed" in text
