"""The board's copy names items in words: no program, strategy, goal or policy id anywhere
before the appendix (the one place a planner matches codes), in a report with every
retreat section (decisions, a chosen scenario, ratings, a snapshot)."""

from __future__ import annotations

import re
from pathlib import Path

from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.unit.reports.helpers import pdf_text, retreat_district

APPENDIX = "Appendix: every item"


def test_the_report_names_items_in_words_before_its_appendix(tmp_path: Path) -> None:
    district = retreat_district()
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions())
    text = pdf_text(out)
    body = text[text.index("Summary") : text.rindex(APPENDIX)]
    ids = sorted(set(re.findall(r"\b[GSPB]\d+\b", body)) & set(district.items))
    assert not ids, ids
