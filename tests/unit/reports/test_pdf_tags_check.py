"""The tagged-PDF checker (tests/pdf_tags_check.py) fails on each thing it looks for: a small
tagged page passes, and each deliberately broken copy of it fails with its own sentence."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from coherence_planner.reports.fonts import FONT, register_fonts
from coherence_planner.reports.script_canvas import ScriptCanvas
from coherence_planner.reports.tagging.tree import Node
from tests.pdf_tags_check import problems


def _tagged_page() -> bytes:
    """A page with a heading, a paragraph, a figure, a table and a subheading, tagged."""
    register_fonts()
    out = io.BytesIO()
    canvas = ScriptCanvas(out, pagesize=letter)
    canvas.setTitle("A tagged page")
    tags = canvas.tags
    canvas.setFont(FONT, 12)
    with tags.content(Node("H1", title="Heading"), attach=tags.parent):
        canvas.drawString(72, 720, "Heading")
    canvas.bookmarkPage("h")
    canvas.addOutlineEntry("Heading", "h", 0)
    with tags.leaf("P"):
        canvas.drawString(72, 700, "A paragraph.")
    with tags.leaf("P"):
        pass  # draws nothing: leaves no element and no MCID
    canvas.line(72, 690, 540, 690)  # a rule: an artifact, untouched
    with tags.content(Node("Figure", alt="A grey square"), attach=tags.parent):
        canvas.rect(72, 600, 80, 80, fill=1)
    table = tags.group("Table")
    for n, (role, words) in enumerate((("TH", "Name"), ("TD", "Reading"))):
        cell = Node(role, scope="Column" if role == "TH" else None)
        tags.group("TR", table).add(cell)
        with tags.content(cell):
            canvas.drawString(72, 580 - 14 * n, words)
    with tags.content(Node("H2", title="Below"), attach=tags.parent):
        canvas.drawString(72, 540, "Below")
    canvas.bookmarkPage("b")
    canvas.addOutlineEntry("Below", "b", 1)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def good() -> bytes:
    return _tagged_page()


def _broken(good: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(good)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _elem(pdf: pikepdf.Pdf, role: str) -> pikepdf.Object:
    document = pdf.Root.StructTreeRoot.K[0]
    return next(e for e in document.K if str(e.S) == "/" + role)


def test_a_tagged_page_passes(good: bytes) -> None:
    assert problems(good) == []
    with pikepdf.open(io.BytesIO(good)) as pdf:
        roles = [str(e.S) for e in pdf.Root.StructTreeRoot.K[0].K]
    assert roles == ["/H1", "/P", "/Figure", "/Table", "/H2"]


def test_an_untagged_pdf_fails(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pagesize=letter)
    canvas.drawString(72, 720, "Hello")
    canvas.save()
    found = problems(path)
    assert "page 1: untagged text 'Hello'" in found
    assert "no structure tree (StructTreeRoot)" in found
    assert "not marked as tagged (MarkInfo Marked)" in found


def test_a_pdf_of_artifacts_only_fails() -> None:
    register_fonts()
    out = io.BytesIO()
    canvas = ScriptCanvas(out, pagesize=letter)
    canvas.setTitle("Nothing tagged")
    canvas.setFont(FONT, 12)
    canvas.drawString(72, 720, "Heard by no one")
    canvas.showPage()
    canvas.save()
    assert problems(out.getvalue()) == ["nothing is tagged as content: every mark is an artifact"]


def _del_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.Lang


def _del_display_title(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.ViewerPreferences


def _del_title(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo.Title


def _del_xmp_title(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        del meta["dc:title"]


def _del_ua_part(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        del meta["pdfuaid:part"]


def _draw_outside(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].contents_add(b"72 72 m 100 100 l S", prepend=False)


def _text_outside(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].contents_add(b"BT /F1 12 Tf 72 72 Td (Loose) Tj ET", prepend=False)


def _stray_emc(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].contents_add(b"EMC", prepend=False)


def _no_alt(pdf: pikepdf.Pdf) -> None:
    del _elem(pdf, "Figure").Alt


def _no_th(pdf: pikepdf.Pdf) -> None:
    _elem(pdf, "Table").K[0].K[0].S = Name.TD


def _first_not_h1(pdf: pikepdf.Pdf) -> None:
    _elem(pdf, "H1").S = Name.H2


def _skipped_level(pdf: pikepdf.Pdf) -> None:
    _elem(pdf, "H2").S = Name.H3


def _claims_missing_mcid(pdf: pikepdf.Pdf) -> None:
    _elem(pdf, "P").K.append(9)


def _unclaimed_mcid(pdf: pikepdf.Pdf) -> None:
    _elem(pdf, "P").K = pikepdf.Array()


def _wrong_parent(pdf: pikepdf.Pdf) -> None:
    row = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
    row[0], row[1] = row[1], row[0]


def _renamed_heading(pdf: pikepdf.Pdf) -> None:
    _elem(pdf, "H1").T = pikepdf.String("Another heading")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_del_lang, "no document language (Lang)"),
        (_del_display_title, "the viewer shows the file name, not the title (DisplayDocTitle)"),
        (_del_title, "no title in the document information"),
        (_del_xmp_title, "no title in the XMP metadata (dc:title)"),
        (_del_ua_part, "no PDF/UA identification in the XMP metadata (pdfuaid:part 1)"),
        (_draw_outside, "page 1: untagged drawing (S)"),
        (_text_outside, "page 1: untagged text 'Loose'"),
        (_stray_emc, "page 1: EMC without a BMC or BDC"),
        (_no_alt, "a Figure without alternative text (Alt)"),
        (_no_th, "a Table without header cells (TH)"),
        (_first_not_h1, "the first heading is H2, not H1"),
        (_skipped_level, "H3 'Below' follows an H1: a level is skipped"),
        (_claims_missing_mcid, "page 1: the structure claims MCID 9, which is not in the content"),
        (_unclaimed_mcid, "page 1: MCID 1 is in the content but no element claims it"),
        (_wrong_parent, "page 1: the ParentTree does not lead MCID 0 to its element"),
        (_renamed_heading, "the bookmark 'Heading' (level 1) is not a heading H1"),
    ],
)
def test_each_broken_copy_fails(
    good: bytes, change: Callable[[pikepdf.Pdf], None], expected: str
) -> None:
    assert expected in problems(_broken(good, change))
