"""A large plan's report summarises: tables by goal, strategy and missing fact, the removal
candidates in full, no item-by-item appendix unless asked for; a small plan's report lists
everything. (How long a 10,000-program report takes is in benchmarks/bench_report.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.reports.book.scale import LARGE_PLAN, report_scale
from coherence_planner.reports.paper import ExportError
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from tests.unit.reports.helpers import pdf_text

APPENDIX = "Appendix: every item"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, str, int]:
    district = district_from_dict(generate(2000, 1))
    out = tmp_path_factory.mktemp("large") / "report.pdf"
    pages = export_pdf(district, out, PdfOptions())
    return district, pdf_text(out), pages


@pytest.mark.slow
def test_a_2000_program_report_summarises_and_keeps_every_removal_candidate(
    large: tuple[object, str, int],
) -> None:
    district, text, pages = large
    analysis = analyse(district)  # type: ignore[arg-type]
    assert pages < 120  # it was 549 pages listing every item
    assert "so this report summarises" in text
    assert "Every item is listed in the plan's Excel workbook" in text
    assert APPENDIX not in text
    assert "Removal candidates" in text and "Competing group" in text
    squeezed = text.replace(" ", "")
    for candidate in analysis.removal_candidates:
        assert candidate.name.replace(" ", "") in squeezed, candidate.name
    # Missing facts by fact, each goal's support by strategy.
    assert "Missing fact" in text and "Linked to the goal without a strategy" in text
    # Words, never codes: no program, strategy or goal id anywhere in the summary.
    assert not re.findall(r"\b[PSG]\d+\b", text)


@pytest.mark.slow
def test_a_large_report_can_still_list_every_item(tmp_path: Path) -> None:
    district = district_from_dict(generate(LARGE_PLAN + 50, 2))
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions(appendix=True))
    text = pdf_text(out)
    assert "so this report summarises" in text and "The appendix lists every item" in text
    assert APPENDIX in text
    last = district.items_of("program")[-1]
    assert last.name in text


def test_a_plan_of_a_few_hundred_programs_is_listed_in_full(tmp_path: Path) -> None:
    district = district_from_dict(generate(LARGE_PLAN // 3, 3))
    scale = report_scale(district)
    assert not scale.summarised and scale.appendix
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions())
    text = pdf_text(out)
    assert "summarises" not in text and APPENDIX in text


def test_the_appendix_is_part_of_the_report_not_the_map(tmp_path: Path) -> None:
    district = district_from_dict(generate(20, 1))
    with pytest.raises(ExportError, match="appendix is part of the report"):
        export_pdf(district, tmp_path / "map.pdf", PdfOptions("map", appendix=True))
    assert not (tmp_path / "map.pdf").exists()
