"""A PDF written to a stream goes into the stream, never into a file named after it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.book.pdf import write_report_pdf
from coherence_planner.reports.map.pdf import write_map_pdf
from coherence_planner.reports.paper import Sheet
from coherence_planner.reports.pdf_meta import pdf_target
from tests.factories import g, make, p, sup


@pytest.mark.parametrize("kind", ["printed map", "tiled map", "report"])
def test_writing_to_a_stream_leaves_the_working_folder_empty(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stream turned into a file name lands in the working folder: the repository, in a test.
    monkeypatch.chdir(tmp_path)
    district = make(
        goals=[g("G1", name="Readers by grade 3")],
        programs=[p("P1", name="Phonics groups")],
        links=[sup("P1", "G1")],
    )
    stream = io.BytesIO()
    sheet = Sheet("letter", True)
    if kind == "report":
        write_report_pdf(district, analyse(district), stream, sheet=sheet)
    else:
        tile = (1, 1) if kind == "tiled map" else None
        write_map_pdf(district, analyse(district), stream, sheet=sheet, tile=tile)
    assert stream.getvalue().startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == []


def test_a_path_is_a_file_name_and_anything_else_is_refused(tmp_path: Path) -> None:
    assert pdf_target(tmp_path / "map.pdf") == str(tmp_path / "map.pdf")
    with pytest.raises(TypeError, match="path or a binary stream"):
        pdf_target(str(tmp_path / "map.pdf"))  # type: ignore[arg-type]
