"""The report's type and tables: one set of paragraph styles, one table builder.

Tables are built from Paragraph cells so long names wrap inside their column, repeat their
header row on every page they run onto, and split between rows, never inside one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from coherence_planner.domain import map_style as palette
from coherence_planner.reports.fonts import FONT, FONT_BOLD, register_fonts
from coherence_planner.reports.markup import esc, soft_breaks

BODY_PT = 9.5


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_PT, leading=BODY_PT * 1.3)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "muted": ParagraphStyle(
            "muted", parent=body, textColor=colors.HexColor(palette.MUTED_TEXT)
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "num": ParagraphStyle("num", parent=body, fontSize=8, leading=10, alignment=2),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor(palette.BLUE),
        ),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=28, leading=34),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=16, leading=22),
        "warning": ParagraphStyle(
            "warning", parent=body, textColor=colors.HexColor(palette.VERMILLION)
        ),
        "toc0": ParagraphStyle(
            "toc0", parent=body, fontName=FONT_BOLD, leftIndent=0, spaceBefore=4
        ),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=8.5, leading=11, leftIndent=14),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of user text, escaped: it prints literally whatever it contains."""
    return Paragraph(esc(text), styles()[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of the report's own markup (callers escape every user part with esc)."""
    return Paragraph(text, styles()[style])


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],  # str (user text, escaped here) or Paragraph
    widths: Sequence[float],
    *,
    align_right: Sequence[int] = (),
) -> Table:
    """A table with a repeated header; string cells are user text and are escaped."""
    head = [Paragraph(esc(h), styles()["head"]) for h in header]
    body = [
        [
            c if isinstance(c, Paragraph) else Paragraph(soft_breaks(str(c)), styles()["cell"])
            for c in row
        ]
        for row in rows
    ]
    result = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6EEF5")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(palette.BLUE)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for column in align_right:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    result.setStyle(TableStyle(commands))
    return result


def right(text: str) -> Paragraph:
    """A right-aligned number cell."""
    return Paragraph(esc(text), styles()["num"])
