"""Which cells are bold, shaded or indented: how a plan written for people marks its goals.

A strategic plan formatted for a board packet often says which rows are goals only by their
look: the goal's row bold and shaded, its initiatives indented beneath, no "Goal 1:" and no
number (layouts.styled_blocks). Read-only openpyxl streams values without styles, so the
styles are read here: the workbook's style table (already parsed by openpyxl when it opened
the workbook) says which style numbers are bold, shaded or indented, and the one pass over
the sheet's XML that reads its values (sheet_values.py) says which cells carry them.
Only the marked cells are kept, so a sheet of plain rows costs nothing to remember.
"""

from __future__ import annotations

from typing import Any, NamedTuple

MAX_MARKED_CELLS = 200_000  # a whole sheet banded in colour says nothing about its rows


class Mark(NamedTuple):
    """How a cell stands out: bold type, a fill colour, and its indent level."""

    bold: bool = False
    shaded: bool = False
    indent: int = 0


PLAIN = Mark()


def _shaded(fill: Any) -> bool:
    """A solid fill of some colour other than white (a pattern of dots is decoration)."""
    if getattr(fill, "patternType", None) != "solid":
        return False
    color = getattr(fill, "fgColor", None)
    if color is None:
        return False
    if getattr(color, "type", None) == "rgb":
        rgb = str(color.rgb or "").upper()
        return bool(rgb) and not rgb.endswith("FFFFFF")
    if getattr(color, "type", None) == "theme":
        # Theme colour 0 untinted is the page's own background ("Background 1", white).
        return not (color.theme == 0 and not color.tint)
    return getattr(color, "type", None) == "indexed" and color.indexed not in (9, 64, 65)


def style_marks(workbook: Any) -> list[Mark]:
    """The mark of each of the workbook's cell style numbers (PLAIN where none)."""
    fonts = getattr(workbook, "_fonts", [])
    fills = getattr(workbook, "_fills", [])
    alignments = getattr(workbook, "_alignments", [])
    marks: list[Mark] = []
    for style in getattr(workbook, "_cell_styles", []):
        font = fonts[style.fontId] if style.fontId < len(fonts) else None
        fill = fills[style.fillId] if style.fillId < len(fills) else None
        align = alignments[style.alignmentId] if style.alignmentId < len(alignments) else None
        marks.append(
            Mark(
                bold=bool(getattr(font, "b", False)),
                shaded=_shaded(fill),
                indent=int(getattr(align, "indent", 0) or 0),
            )
        )
    return marks
