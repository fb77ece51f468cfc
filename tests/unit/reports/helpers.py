"""Reading back the PDFs the reports write: pages, sizes, words."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from coherence_planner.domain.model.district import District
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


HOSTILE_MEMBER = "Dr. <b>Ruiz</b> & =SUM(A1)"
HOSTILE_SCENARIO = "Lean <i>cut</i> & =1+1"


def retreat_district(*, snapshot: bool = True) -> District:
    """The sample district after a retreat, made through the domain functions: a snapshot
    first, then a decision, a chosen scenario and ratings by two members (one with a
    hostile name), so the report and the workbook have every retreat table to show."""
    import datetime as dt

    from coherence_planner.domain.analysis.coherence import analyse
    from coherence_planner.domain.progress.snapshots import take_snapshot
    from coherence_planner.domain.retreat import ratings as R
    from coherence_planner.domain.retreat.decisions import decide
    from coherence_planner.domain.retreat.scenarios import (
        Scenario,
        apply_as_decisions,
        save_scenario,
        with_removal_candidates,
    )
    from coherence_planner.storage.sample import sample_district

    d = sample_district()
    if snapshot:
        when = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
        take_snapshot(d, "Before the retreat", when).do(d)
    decide(d, "P14", "sunset", "Pilot ended; tutoring covers it", "Dr. Okafor", "2026-11-21").do(d)
    sc = with_removal_candidates(Scenario(HOSTILE_SCENARIO), analyse(d))
    save_scenario(d, sc).do(d)
    apply_as_decisions(d, sc, "Dr. Okafor", "2026-11-22").do(d)
    R.add_member(d, "Dr. Okafor", "Superintendent").do(d)
    R.add_member(d, HOSTILE_MEMBER, "CFO").do(d)
    R.rate(d, "P1", "Dr. Okafor", {"implementation": 4, "impact": 4, "fit": 5}).do(d)
    R.rate(d, "P1", HOSTILE_MEMBER, {"implementation": 2, "impact": 3, "fit": "dk"}).do(d)
    R.rate(d, "P2", "Dr. Okafor", {"implementation": 3, "impact": 1}).do(d)
    R.rate(d, "P2", HOSTILE_MEMBER, {"implementation": 3, "impact": 2}).do(d)
    return d
