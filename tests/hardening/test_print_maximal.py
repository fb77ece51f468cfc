"""Issue 24: every field at its maximum length prints in every PDF, SVG and PNG export.

The district of maximal.py (every name, owner, code, id, school, indicator, cycle note and
link reason at 1,000 characters, half of them one unbroken word) crashed the report with
reportlab's LayoutError (a table row taller than a page), ran its cover title over three
pages, printed its name over the page numbers, and let SVG card lines run across the map.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from coherence_planner.cli import main
from coherence_planner.reports.fonts import text_width
from tests.hardening.maximal import maximal_json

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maximal") / "district.json"
    path.write_text(json.dumps(maximal_json(longest=8_000, keep=3)), encoding="utf-8")
    return path


def _export(source: Path, name: str, *options: str) -> Path:
    out = source.parent / name
    assert main(["export", str(source), str(out), *options]) == 0
    assert out.stat().st_size > 0
    return out


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("report-a4-landscape.pdf", ("--paper", "a4", "--landscape", "--appendix")),
        ("map.pdf", ("--map",)),
        ("poster.pdf", ("--map", "--tile", "3x2")),
        ("map.png", ()),
        ("plan.xlsx", ()),
    ],
)
def test_every_export_is_written(source: Path, name: str, options: tuple[str, ...]) -> None:
    _export(source, name, *options)


def _page_text(pdf: Path, page: int) -> str:
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@needs_poppler
def test_the_report_cuts_the_name_where_room_is_fixed_and_prints_it_whole(source: Path) -> None:
    pdf = _export(source, "report.pdf", "--appendix")
    # The cover holds the cut title and the whole name; the contents follow on page 2.
    assert "Contents" in _page_text(pdf, 2)
    footer = _page_text(pdf, 3).rstrip().splitlines()[-1]
    assert re.search(r"…\s+Page 3$", footer), footer  # cut before the page number
    whole = json.loads(source.read_text())["goals"][0]["name"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "(shortened for print; see the plan)" in text
    assert whole[-40:] in re.sub(r"\s+", " ", text)  # the appendix prints the name whole


def test_svg_card_lines_stay_inside_their_cards(source: Path) -> None:
    svg = ElementTree.parse(_export(source, "map.svg"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    cards = svg.findall(".//s:g[@data-item-id]", ns)
    assert cards
    for card in cards:
        rect = card.find("s:rect", ns)
        assert rect is not None
        right = float(rect.get("x", 0)) + float(rect.get("width", 0))
        for text in card.findall("s:text", ns):
            size = float(text.get("font-size", 0))
            bold = text.get("font-weight") == "bold"
            end = float(text.get("x", 0)) + text_width(text.text or "", size, bold)
            assert end <= right, (text.text, end, right)


def test_dollar_signs_in_names_do_not_reach_matplotlib_as_mathematics(tmp_path: Path) -> None:
    """A school or indicator unit like "$\\oops$" failed the chart's draw (mathtext)."""
    data = maximal_json(longest=100, keep=2)
    data["goals"][0]["name"] = "$\\oops$ goal"
    for indicator in data["goals"][0]["indicators"]:
        indicator["unit"] = "$\\oops$"
    for program in data["programs"]:
        program["schools"] = ["$\\oops$ Elementary", "Second $\\frac{$ school"]
    source = tmp_path / "district.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    _export(source, "report.pdf")
