"""The report is laid out once (issue 29): the contents know their page numbers from that one
pass, and the charts are drawn once and reused by the next build."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.platypus import BaseDocTemplate

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.book.pdf import write_report_pdf
from coherence_planner.reports.charts import vector
from coherence_planner.reports.paper import Sheet
from coherence_planner.storage.sample import sample_district


def test_one_layout_pass_and_contents_that_agree_with_the_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passes = []
    begin = BaseDocTemplate.handle_documentBegin

    def counted(self):  # type: ignore[no-untyped-def]
        passes.append(1)
        return begin(self)

    monkeypatch.setattr(BaseDocTemplate, "handle_documentBegin", counted)
    district = sample_district()
    out = io.BytesIO()
    write_report_pdf(district, analyse(district), out, sheet=Sheet("letter", False))
    assert len(passes) == 1
    reader = PdfReader(io.BytesIO(out.getvalue()))
    contents = " ".join(reader.pages[1].extract_text().split())
    assert len(reader.pages[1].get("/Annots", [])) >= 10  # each entry links to its page
    for entry in reader.outline:
        if isinstance(entry, list):
            continue
        page = reader.get_destination_page_number(entry) + 1
        listed = re.search(re.escape(entry.title) + r"[ .]*?(\d+)", contents)
        assert listed is not None, entry.title
        assert int(listed.group(1)) == page, entry.title


def test_charts_are_drawn_once_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    district = sample_district()
    analysis = analyse(district)
    write_report_pdf(district, analysis, io.BytesIO(), sheet=Sheet("letter", False))
    drawn = []
    record = vector.record
    monkeypatch.setattr(vector, "record", lambda figure: drawn.append(1) or record(figure))
    # Another paper: the same charts, scaled; nothing is drawn again.
    write_report_pdf(district, analysis, io.BytesIO(), sheet=Sheet("tabloid", False))
    assert drawn == []
