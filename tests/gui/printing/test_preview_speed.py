"""The print preview's first pages come before the charts (issue 27, finding 10): with no
matplotlib chart drawn yet (the ratings' quadrant), the report's pages are shown with a box
where each such chart goes, then the same pages with the charts; a paper change redraws no
chart. The sample's charts are all drawn as vectors without matplotlib, so its first build
is the whole report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.charts import vector
from coherence_planner.ui.printing.dialog import PdfExportDialog
from tests.gui.conftest import sample_district
from tests.unit.reports.helpers import retreat_district

WAIT = 120_000


def _words(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_pages_first_then_charts_then_a_paper_change_redraws_none(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(vector, "_records", type(vector._records)())  # nothing drawn yet
    district = retreat_district()  # rated programs: the quadrant is a matplotlib chart
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    drafts: list[tuple[int, Path]] = []
    box.job.drafted.connect(lambda pages, path: drafts.append((pages, path)))
    with qtbot.waitSignal(box.job.finished, timeout=WAIT):
        box.show()
    assert len(drafts) == 1
    pages, sketch = drafts[0]
    assert pages == box.preview.count()  # the final PDF has the draft's pages
    assert "Drawing the chart" in _words(sketch)
    final = box._temp / "preview.pdf"
    assert "Drawing the chart" not in _words(final)
    recorded = []
    record = vector.record
    monkeypatch.setattr(vector, "record", lambda figure: recorded.append(1) or record(figure))
    with qtbot.waitSignal(box.job.finished, timeout=WAIT):
        box.paper.setCurrentIndex(box.paper.findData("tabloid"))
    assert recorded == []
    assert len(drafts) == 1  # every chart was drawn: no draft this time


def test_the_samples_preview_is_built_once_with_every_chart(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(vector, "_records", type(vector._records)())  # nothing drawn yet
    district = sample_district()
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    drafts: list[object] = []
    box.job.drafted.connect(lambda pages, path: drafts.append(path))
    with qtbot.waitSignal(box.job.finished, timeout=WAIT):
        box.show()
    assert drafts == []
    assert "Drawing the chart" not in _words(box._temp / "preview.pdf")
