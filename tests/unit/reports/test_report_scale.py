"""A large district's report finishes in reasonable time (numbers go in the report)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.codec import district_from_dict
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.unit.reports.helpers import pdf_text


@pytest.mark.slow
def test_a_2000_program_report_finishes(tmp_path: Path) -> None:
    district = district_from_dict(generate(2000, 1))
    out = tmp_path / "big.pdf"
    started = time.perf_counter()
    pages = export_pdf(district, out, PdfOptions())
    elapsed = time.perf_counter() - started
    print(f"2,000-program report: {pages} pages in {elapsed:.1f} s")
    assert pages > 300
    assert elapsed < 120
    text = pdf_text(out)
    assert "far too many to print readably" in text
    assert district.items["P2000"].name.split()[0] in text
