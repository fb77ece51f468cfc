"""Audit cases 4 and 5: the longest names a plan may hold print, and quickly.

Case 4: the report crashed when reportlab split a long goal heading across pages
(`Heading.__init__() got an unexpected keyword argument 'bulletText'`). Case 5: the map's
footer was fitted one character at a time: 77 s for a 24,000-character district name.
Names are now at most fields.MAX_LINE characters, but the printing must not depend on it.
"""

from __future__ import annotations

import time
from pathlib import Path

from reportlab.platypus import Paragraph

from coherence_planner.cli import main
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.fonts import ellipsize, text_width
from coherence_planner.storage.interchange import write_json

LONG = "Every student reads with understanding by the end of third grade, "


def test_a_heading_too_long_for_the_page_splits_instead_of_crashing() -> None:
    heading = Heading((LONG * 60)[:3000], 1)
    _, height = heading.wrap(400, 10_000)
    parts = heading.split(400, height / 3)
    assert len(parts) == 2 and all(isinstance(p, Paragraph) for p in parts)
    assert parts[0].level == 1 and parts[0].plain == heading.plain  # still in the contents


def test_report_with_the_longest_goal_name_prints(tmp_path: Path) -> None:
    district = District(name="D")
    for n in range(1, 4):
        district.add_item(Goal(id=f"G{n}", name=(LONG * 20)[: F.MAX_LINE]))
    source = tmp_path / "d.json"
    write_json(district, source)
    assert main(["export", str(source), str(tmp_path / "report.pdf")]) == 0
    assert (tmp_path / "report.pdf").stat().st_size > 0


def test_fitting_a_huge_footer_takes_no_time() -> None:
    text = "Riverside Unified " * 6000  # 108,000 characters: over 10 minutes before
    started = time.perf_counter()
    fitted = ellipsize(text, 500, 7)
    assert time.perf_counter() - started < 0.5
    assert fitted.endswith("…") and 480 < text_width(fitted, 7) <= 500
    assert text.startswith(fitted[:-1])


def test_map_pdf_with_the_longest_district_name(tmp_path: Path) -> None:
    district = District(name=("Riverside Unified " * 100)[: F.MAX_LINE])
    district.add_item(Goal(id="G1", name="Readers"))
    source = tmp_path / "d.json"
    write_json(district, source)
    started = time.perf_counter()
    # Tiled: a 1,000-character title is wider than one page's readable map.
    out = tmp_path / "map.pdf"
    assert main(["export", str(source), str(out), "--map", "--tile", "2x1"]) == 0
    assert time.perf_counter() - started < 20
