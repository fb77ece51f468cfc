"""Paper sizes, orientation and the tiling grid that people ask for by name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, LEGAL, LETTER, TABLOID, landscape, portrait

PAPERS: dict[str, tuple[str, tuple[float, float]]] = {
    "letter": ("Letter (8.5 × 11 in)", LETTER),
    "legal": ("Legal (8.5 × 14 in)", LEGAL),
    "tabloid": ("Tabloid (11 × 17 in)", TABLOID),
    "a4": ("A4 (210 × 297 mm)", A4),
    "a3": ("A3 (297 × 420 mm)", A3),
}
MAX_TILES = 12  # per side; a 12 x 12 poster is already a wall


class ExportError(ValueError):
    """An export request that cannot be printed as asked; the message says what to do."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of paper: its name and its size in points, orientation applied."""

    paper: str
    landscape: bool

    @property
    def size(self) -> tuple[float, float]:
        if self.paper not in PAPERS:
            known = ", ".join(PAPERS)
            raise ExportError(f"paper {self.paper!r} is not one of {known}")
        width, height = (
            landscape(PAPERS[self.paper][1]) if self.landscape else portrait(PAPERS[self.paper][1])
        )
        return float(width), float(height)

    @property
    def label(self) -> str:
        name = PAPERS[self.paper][0].split(" (")[0]
        return f"{name} {'landscape' if self.landscape else 'portrait'}"


def parse_tile(text: str) -> tuple[int, int]:
    """ "2x3" -> (2 columns, 3 rows); refuses anything else with the reason."""
    match = re.fullmatch(r"\s*(\d{1,3})\s*[xX×]\s*(\d{1,3})\s*", text)
    if not match:
        raise ExportError(f"--tile {text!r}: write columns x rows, for example 2x3")
    cols, rows = int(match.group(1)), int(match.group(2))
    if not (1 <= cols <= MAX_TILES and 1 <= rows <= MAX_TILES):
        raise ExportError(f"--tile {text}: columns and rows must each be 1 to {MAX_TILES}")
    return cols, rows
