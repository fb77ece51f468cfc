"""Issue 26: a plan with names in Chinese, Japanese, Korean, Arabic, Hebrew, Greek, Cyrillic
and Vietnamese prints every name, in the report and on the map: letters DejaVu Sans lacks in
the computer's own fonts (embedded as subsets), right-to-left names in their order.

Runs where the computer has a CJK font (Debian: fonts-noto-cjk, which .ci/run installs)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest

from coherence_planner.domain.model.district import District
from coherence_planner.reports import script_fonts
from coherence_planner.reports.fonts import display, print_problem, runs, text_width
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf, print_problems
from tests.factories import g, make, p, s, sup

NAMES = {
    "Chinese": "阅读干预计划",
    "Japanese": "読解支援プログラム",
    "Korean": "읽기 지원 프로그램",
    "Arabic": "برنامج القراءة",
    "Hebrew": "תוכנית קריאה",
    "Greek": "Πρόγραμμα ανάγνωσης",
    "Cyrillic": "Программа чтения",
    "Vietnamese": "Chương trình đọc hiểu",
}


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout)


needs_cjk = pytest.mark.skipif(not _has_cjk_font(), reason="no CJK font on this computer")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def plan() -> District:
    programs = [p(f"P{n}", name=name, annual_cost=1000) for n, name in enumerate(NAMES.values())]
    return make(
        goals=[g("G1", name="每个学生都能阅读")],
        strategies=[s("S1", name="Đọc sớm")],
        programs=programs,
        links=[sup(x["id"], "S1") for x in programs] + [sup("S1", "G1")],
        name="学区 Unified",
    )


def pdf_words(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    # Arabic is drawn in its joined (presentation) forms; NFKC reads them as letters again.
    return " ".join(unicodedata.normalize("NFKC", text).split())


@needs_cjk
@needs_poppler
@pytest.mark.parametrize("kind", ["report", "map"])
def test_every_name_prints_in_its_script(tmp_path: Path, kind: str) -> None:
    district = plan()
    assert print_problems(district) == []
    out = tmp_path / f"{kind}.pdf"
    export_pdf(district, out, PdfOptions(kind=kind, landscape=kind == "map"))
    words = pdf_words(out)
    for script, name in NAMES.items():
        assert name in words, f"{script} name {name!r} missing from the {kind}"
    assert "每个学生都能阅读" in words
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    # Every font embedded as a subset ("AAAAAA+" names): nothing depends on the reader's fonts.
    assert rows and all(" yes yes " in row for row in rows), fonts
    assert len(rows) >= 3, "a CJK font beside DejaVu Sans and its bold"


def test_right_to_left_names_are_drawn_in_their_order() -> None:
    assert display("Tutoring") == "Tutoring"
    assert display("תוכנית") == "תינכות"
    # Mixed: the English stays left to right, the Hebrew word reads right to left.
    assert display("Grade 3 קריאה") == "Grade 3 האירק"
    arabic = display("مرحبا")
    # Joined forms (Arabic Presentation Forms-B), in drawing order: the last letter first.
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in arabic)
    assert unicodedata.normalize("NFKC", arabic) == "ابحرم"


@needs_cjk
def test_runs_split_text_by_the_font_that_has_its_letters() -> None:
    pieces = runs("Reading 阅读 plan")
    assert [piece for _font, piece in pieces] == ["Reading ", "阅读", " plan"]
    assert pieces[0][0] == pieces[2][0] == "DejaVuSans" != pieces[1][0]
    # Widths are measured in the font that draws each run, not as missing-glyph boxes.
    assert text_width("阅读", 10) == pytest.approx(20, abs=1)


@needs_cjk
def test_a_postscript_outlined_font_is_cut_to_truetype_with_the_letters_asked() -> None:
    from fontTools.ttLib import TTFont

    finder = script_fonts.Finder()
    finder.look_for([ord("阅")])
    source = finder.source_for(ord("阅"))
    assert source is not None
    if not source.postscript:
        pytest.skip("this computer's CJK font is TrueType already")
    import io

    cut = TTFont(
        io.BytesIO(
            script_fonts._truetype_cut(source.path, source.index, frozenset(map(ord, "阅读")))
        )
    )
    assert "glyf" in cut and "CFF " not in cut
    assert {ord("阅"), ord("读")} <= set(cut.getBestCmap())
    assert len(cut.getGlyphOrder()) < 10


def test_without_fontconfig_the_system_font_folders_are_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows and macOS have no fc-list: the finder reads the fonts in the system's folders.
    import matplotlib

    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    folder = tmp_path / "Fonts"
    folder.mkdir()
    shutil.copy(dejavu, folder / "Some Font.ttf")
    (folder / "broken.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(script_fonts.shutil, "which", lambda _name: None)
    monkeypatch.setattr(script_fonts, "_LINUX_FOLDERS", [folder])
    monkeypatch.setattr(script_fonts, "_FOLDERS", {})
    finder = script_fonts.Finder()
    finder.look_for([ord("Ж"), 0xE000])
    found = finder.source_for(ord("Ж"))
    assert found is not None and found.path.endswith("Some Font.ttf")
    assert finder.source_for(0xE000) is None


def test_a_letter_no_font_has_is_named_with_its_code_and_the_font_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NoFonts(script_fonts.Finder):
        def look_for(self, codes: Iterable[int]) -> None:
            pass

    monkeypatch.setattr(script_fonts, "FINDER", NoFonts())
    assert print_problem("Plan \ue000") == (
        "prints [U+E000] as an empty box: no font on this computer has it; install Noto Sans"
    )
    assert print_problem("学校") == (
        "prints 学校 as empty boxes: no font on this computer has them; install Noto Sans CJK"
    )
    assert print_problem("Ελλάδα ≥ Đà Nẵng") is None


@needs_cjk
def test_chart_texts_fall_back_to_a_font_with_their_letters() -> None:
    from matplotlib.figure import Figure

    from coherence_planner.reports.charts.figures import any_script, png_bytes

    figure = Figure()
    axes = figure.add_subplot()
    axes.set_title("每个学生都能阅读")
    axes.set_xlabel("תוכנית")
    any_script(figure)
    any_script(figure)  # twice: right-to-left text is not reversed back
    assert len(axes.title.get_fontfamily()) >= 2
    assert axes.xaxis.label.get_text() == "תינכות"
    assert png_bytes(figure).startswith(b"\x89PNG")


@needs_cjk
@needs_poppler
def test_letters_met_after_an_earlier_cut_of_the_same_font_still_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first document cut Noto Sans CJK to its letters; a second needing more letters
    # registered a larger cut, which reportlab took for the first (same PostScript name):
    # the new letters printed as nothing (seen after the hostile-names corpus). Letters no
    # other test prints, and a finder of its own, so that the first cut is this test's.
    monkeypatch.setattr(script_fonts, "FINDER", script_fonts.Finder())
    first = make(goals=[g("G1", name="鑫 Reading")], name="Rural")
    export_pdf(first, tmp_path / "first.pdf", PdfOptions(kind="map", landscape=True))
    second = make(goals=[g("G1", name="龘鱻 for all")], name="Rural")
    out = tmp_path / "second.pdf"
    export_pdf(second, out, PdfOptions(kind="map", landscape=True))
    assert "龘鱻" in pdf_words(out)
