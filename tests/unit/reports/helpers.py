"""Reading back the PDFs the reports write: pages, sizes, words."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from coherence_planner.domain.district import District
from tests.factories import b, con, g, make, p, s, sup

HOSTILE = '<img src="http://example.invalid/x.png"/>'
AMPERSAND = "A & B <draft>"
UNICODE = "Ñandú Δέλτα Школа ≥ 95% café"


def pdf_text(path: Path) -> str:
    """All the words of a PDF, whitespace normalised."""
    reader = PdfReader(str(path))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_sizes(path: Path) -> list[tuple[float, float]]:
    reader = PdfReader(str(path))
    return [(float(pg.mediabox.width), float(pg.mediabox.height)) for pg in reader.pages]


def missing_words(text: str, phrase: str) -> list[str]:
    """Words of `phrase` (punctuation kept) not found in the PDF text."""
    return [w for w in re.split(r"\s+", phrase.strip()) if w and w not in text]


def hostile_district() -> District:
    """A small district whose names would break or abuse reportlab's markup."""
    return make(
        goals=[g("G1", name=UNICODE, indicators=[{"name": AMPERSAND, "baseline": 1, "target": 2}])],
        strategies=[s("S1", name=AMPERSAND)],
        programs=[
            p("P1", name=HOSTILE, annual_cost=1000, students_served=10, grades=["K"]),
            p("P2", name="Orphan $5 a day $ program", annual_cost=500),
            p(
                "P3",
                name="Rival <b>bold</b> & co",
                annual_cost=900,
                students_served=10,
                grades=["K"],
            ),
        ],
        policies=[b("B1", name="BP 1 <script>alert(1)</script>")],
        links=[
            sup("S1", "G1"),
            sup("P1", "S1"),
            sup("P3", "S1"),
            sup("B1", "G1"),
            con("P1", "B1", rationale="Clashes & <overlaps>"),
        ],
        name="Distrito <Escolar> & Co — Łódź",
    )
