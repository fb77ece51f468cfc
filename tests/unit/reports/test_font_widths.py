"""The widths read from the font file equal reportlab's stringWidth (issue 29: the map's SVG
export and the window measure text without importing reportlab)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from coherence_planner.reports import font_widths
from coherence_planner.reports.fonts import FONT, FONT_BOLD, register_fonts

register_fonts()
COVERED = sorted(font_widths._face(False).every_width())
CHARS = st.one_of(
    st.sampled_from([chr(c) for c in COVERED]),
    st.characters(),  # characters DejaVu Sans lacks too (CJK, emoji): the missing width
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(CHARS, max_size=40),
    size=st.sampled_from([6.0, 7.5, 8, 9.5, 10, 11.5, 13.5, 24]),
    bold=st.booleans(),
)
def test_widths_equal_reportlabs(text: str, size: float, bold: bool) -> None:
    expected = pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)
    assert font_widths.text_width(text, size, bold) == expected


def test_every_character_of_the_font_has_reportlabs_width() -> None:
    for bold, name in ((False, FONT), (True, FONT_BOLD)):
        face = pdfmetrics.getFont(name).face
        ours = font_widths._face(bold)
        assert ours.missing == face.defaultWidth
        assert ours.every_width() == {c: w for c, w in face.charWidths.items()}


def test_the_font_draws_the_characters_reportlab_has_widths_for() -> None:
    drawn = pdfmetrics.getFont(FONT).face.charWidths
    for code in [*range(0x80, 0x3000), 0x1F600, 0x4E2D, 0xFFFF, 0x10FFFF]:
        assert font_widths.draws(chr(code)) == (code in drawn), hex(code)
