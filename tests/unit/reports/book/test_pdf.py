"""The cabinet's report: complete, safe, navigable, and all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.paper import ExportError
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.reports.progress import Cancelled
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.helpers import (
    AMPERSAND,
    HOSTILE,
    UNICODE,
    hostile_district,
    missing_words,
    page_sizes,
    pdf_text,
)

TODAY = dt.date(2026, 3, 9)


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    pages = export_pdf(sample_district(), out, PdfOptions(), today=TODAY)
    return out, pages


def test_sample_report_is_a_letter_pdf_with_every_section(sample_report: tuple[Path, int]) -> None:
    out, pages = sample_report
    reader = PdfReader(str(out))
    assert len(reader.pages) == pages >= 12
    # Letter portrait throughout: no page turned sideways in the middle of the book.
    assert set(page_sizes(out)) == {(612.0, 792.0)}
    text = pdf_text(out)
    for heading in (
        "Contents",
        "Summary",
        "Where the money goes",
        "The coherence map",
        "Goals",
        "Findings",
        "Removal candidates",
        "Decision log",
        "Charts",
        "Appendix: every item",
        "Prepared March 9, 2026",
        "School year 2026-27",
    ):
        assert heading in text, heading
    assert f"Page {pages}" in text


def test_the_money_flow_is_the_first_picture_on_a_page_of_its_own(
    sample_report: tuple[Path, int],
) -> None:
    reader = PdfReader(str(sample_report[0]))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    pictures = [n for n, text in enumerate(texts) if "Programs and policies" in text]
    assert len(pictures) == 1
    first = pictures[0]
    assert "Where the money goes" in texts[first]
    page = texts[first]
    for words in ("Programs and policies", "Strategies", "Goals", "No goal", "$12.9M a year"):
        assert words in page, words
    assert "Every student reads on grade level by the end of grade 3" in page
    assert not any("Where the money goes" in text for text in texts[first + 1 :])


def test_every_item_name_and_finding_is_in_the_report(sample_report: tuple[Path, int]) -> None:
    district = sample_district()
    analysis = analyse(district)
    text = pdf_text(sample_report[0])
    for item in district.items.values():
        assert not missing_words(text, item.label), item.id
    for orphan in analysis.orphans:
        assert not missing_words(text, orphan.reason), orphan.id
    for candidate in analysis.removal_candidates:
        for reason in candidate.reasons:
            assert not missing_words(text, reason), candidate.id
    for conflict in analysis.conflicts:
        assert not missing_words(text, conflict.rationale)
    for program_id, reasons in analysis.not_kept_reasons.items():
        assert not missing_words(text, reasons[0]), program_id


def test_report_has_bookmarks_contents_links_and_metadata(
    sample_report: tuple[Path, int],
) -> None:
    reader = PdfReader(str(sample_report[0]))
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles[:5] == [
        "Summary",
        "Where the money goes",
        "The coherence map",
        "Line of sight, goal by goal",
        "Goals",
    ]
    nested = [e for e in reader.outline if isinstance(e, list)]
    assert any(e.title.startswith("Every student reads") for group in nested for e in group)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Riverside Unified School District — coherence report"
    assert meta.author == "Riverside Unified School District"
    assert meta.creator is not None and meta.creator.startswith("Coherence Planner")
    contents_page = reader.pages[1]
    links = [a.get_object() for a in contents_page.get("/Annots", [])]
    assert len(links) >= 10


def test_report_embeds_the_unicode_font(sample_report: tuple[Path, int]) -> None:
    reader = PdfReader(str(sample_report[0]))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages[:3]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts)
    assert not any("Helvetica" in name for name in fonts)


@pytest.mark.parametrize(
    ("paper", "landscape", "size"),
    [("a4", False, (595.2756, 841.8898)), ("tabloid", True, (1224.0, 792.0))],
)
def test_report_on_other_paper(
    tmp_path: Path, paper: str, landscape: bool, size: tuple[float, float]
) -> None:
    out = tmp_path / "r.pdf"
    pages = export_pdf(hostile_district(), out, PdfOptions("report", paper, landscape))
    sizes = page_sizes(out)
    assert len(sizes) == pages
    assert all(s == pytest.approx(size, abs=0.01) for s in sizes)  # one orientation


def test_hostile_names_print_literally_and_fetch_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    export_pdf(hostile_district(), out, PdfOptions())
    text = pdf_text(out)
    assert HOSTILE in text
    assert AMPERSAND in text
    assert "Rival <b>bold</b> & co" in text
    assert "BP 1 <script>alert(1)</script>" in text
    assert "Clashes & <overlaps>" in text
    assert "Distrito <Escolar> & Co — Łódź" in text
    assert not missing_words(text, UNICODE)
    reader = PdfReader(str(out))
    assert not any("/XObject" in pg["/Resources"] and _has_image(pg) for pg in reader.pages[:2])


def _has_image(page) -> bool:  # type: ignore[no-untyped-def]
    xobjects = page["/Resources"]["/XObject"]
    return any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def test_long_tables_split_across_pages_with_repeated_headers(tmp_path: Path) -> None:
    from tests.factories import g, make, p

    district = make(
        goals=[g("G1")],
        programs=[
            p(f"P{n}", name=f"Unlinked program number {n} " + "with a long name " * 4)
            for n in range(1, 121)
        ],
    )
    out = tmp_path / "r.pdf"
    export_pdf(district, out, PdfOptions())
    reader = PdfReader(str(out))
    pages_with_header = [
        n
        for n, pg in enumerate(reader.pages)
        if "Name Kind Why" in " ".join(pg.extract_text().split())
    ]
    assert len(pages_with_header) >= 3
    assert "Unlinked program number 120" in pdf_text(out)


def test_report_refuses_map_only_options(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="apply to the map"):
        export_pdf(hostile_district(), tmp_path / "r.pdf", PdfOptions(tile=(2, 2)))
    assert not list(tmp_path.iterdir())


def test_progress_rises_and_cancel_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old report")
    seen: list[float] = []

    def progress(fraction: float, message: str) -> None:
        seen.append(fraction)
        if fraction > 0.5:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_pdf(sample_district(), out, PdfOptions(), progress=progress)
    assert out.read_bytes() == b"old report"
    assert list(tmp_path.iterdir()) == [out]
    assert seen == sorted(seen)
    assert seen[0] == 0.0
