"""The report's peak memory (issue 29: under 300 MB at 10,000 programs, tagged): the story is
freed as it is laid out, and the tagged PDF is written once, by reportlab, with its
structure tree, never reopened afterwards to add it."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import Flowable

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.book import pdf as report_pdf
from coherence_planner.reports.book.doc import ReportDoc
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.pdf_tags_check import problems

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"

_PROBE = """
import json, sys
from coherence_planner.cli import main
status = main(["export", sys.argv[2], sys.argv[3], "--report"])
with open(sys.argv[1], "w") as out:
    json.dump({"status": status, "modules": sorted(sys.modules)}, out)
"""


def test_the_tagged_report_is_written_once_by_reportlab(tmp_path: Path) -> None:
    # Reopening the finished PDF (pikepdf) to add the structure tree held the file and an
    # object per element in memory at once: at 10,000 programs 70-80 MB of peak memory.
    report, out = tmp_path / "modules.json", tmp_path / "report.pdf"
    subprocess.run(
        [sys.executable, "-c", _PROBE, str(report), str(SAMPLE), str(out)],
        check=True,
        capture_output=True,
    )
    found = json.loads(report.read_text())
    assert found["status"] == 0
    modules = {name.split(".")[0] for name in found["modules"]}
    assert "reportlab" in modules  # the probe really wrote the report
    assert "pikepdf" not in modules
    assert problems(out) == []  # and it is as tagged as before,
    assert b"/StructElem" not in out.read_bytes()  # its elements packed in object streams


def test_the_story_is_freed_as_it_is_laid_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each flowable, once placed, is dropped: its wrapped lines and cells do not live on
    # until the file is written.
    placed: list[weakref.ref[Flowable]] = []
    alive_at_the_end: list[int] = []
    summary, end_build = report_pdf.summary, ReportDoc._endBuild

    def watched_summary(*args: Any) -> list[Flowable]:
        parts = summary(*args)
        placed.extend(weakref.ref(part) for part in parts)
        return parts

    def watched_end(doc: ReportDoc) -> None:
        gc.collect()
        alive_at_the_end.append(sum(ref() is not None for ref in placed))
        end_build(doc)

    monkeypatch.setattr(report_pdf, "summary", watched_summary)
    monkeypatch.setattr(ReportDoc, "_endBuild", watched_end)
    district = sample_district()
    export_pdf(district, tmp_path / "report.pdf", PdfOptions(), analysis=analyse(district))
    assert placed and alive_at_the_end == [0]
