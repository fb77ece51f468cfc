"""The board's copy, accessible (issue 31): the sample's report and map, on Letter and
Tabloid and as a poster, are tagged PDFs a screen reader can read (tests/pdf_tags_check.py),
and their figures say in words what they show."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.wording import money_short
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.pdf_tags_check import problems
from tests.unit.reports.helpers import HOSTILE, UNICODE, hostile_district, retreat_district

TODAY = dt.date(2026, 3, 9)
PRINTS = {
    "report-letter": PdfOptions("report", "letter"),
    "report-tabloid": PdfOptions("report", "tabloid"),
    "map-letter": PdfOptions("map", "letter"),
    "map-tabloid": PdfOptions("map", "tabloid"),
    "poster": PdfOptions("map", "letter", tile=(2, 2)),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tagged")
    district = sample_district()
    analysis = analyse(district)
    out = {}
    for name, options in PRINTS.items():
        out[name] = folder / f"{name}.pdf"
        export_pdf(district, out[name], options, analysis=analysis, today=TODAY)
    return out


@pytest.mark.parametrize("name", PRINTS)
def test_the_sample_prints_pass_the_checker(printed: dict[str, Path], name: str) -> None:
    assert problems(printed[name]) == []


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
@pytest.mark.parametrize("name", PRINTS)
def test_pdfinfo_says_tagged(printed: dict[str, Path], name: str) -> None:
    info = subprocess.run(
        ["pdfinfo", str(printed[name])], capture_output=True, text=True, check=True
    ).stdout
    assert "Tagged:          yes" in info


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    out = []
    stack = [pdf.Root.StructTreeRoot.K[0]]
    while stack:
        elem = stack.pop()
        out.append(elem)
        kids = [k for k in elem.K if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        stack += reversed(kids)
    return out


def _roles(path: Path) -> list[tuple[str, str]]:
    """Each element's role and its Alt (or heading text), in reading order."""
    with pikepdf.open(path) as pdf:
        return [(str(e.S)[1:], str(e.get("/Alt", e.get("/T", "")))) for e in _elements(pdf)]


def test_the_language_and_the_title_are_the_documents(printed: dict[str, Path]) -> None:
    with pikepdf.open(printed["report-letter"]) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        title = str(pdf.docinfo.Title)
        assert title == "Riverside Unified School District — coherence report"
        assert str(pdf.open_metadata()["dc:title"]) == title


def test_the_spending_chart_says_the_spend_by_goal_in_numbers(printed: dict[str, Path]) -> None:
    district = sample_district()
    by_goal = analyse(district).resources.by_goal
    total = sum(by_goal.values())
    alts = [alt for role, alt in _roles(printed["report-letter"]) if role == "Figure"]
    spend = next(a for a in alts if a.startswith("Program spending attributed to each goal:"))
    for goal_id, amount in by_goal.items():
        name = district.items[goal_id].label
        assert f"{name}, {money_short(amount)} ({amount / total:.0%})" in spend


def test_each_figure_of_the_report_says_what_it_shows(printed: dict[str, Path]) -> None:
    district = sample_district()
    goals = [g.label for g in district.items_of("goal") if g.live]
    alts = [alt for role, alt in _roles(printed["report-letter"]) if role == "Figure"]
    # The money flow, the two spending charts, the cost scatter, the map's pages (each goal
    # in words), the goals' progress, the ratings and the load heat map.
    for start in (
        "Program spending, $",
        "Program spending attributed to each goal: ",
        "Where the program money goes, from programs through strategies to goals: ",
        "Cost per student against evidence tier, for 60 programs (11 of them removal ",
        "Coherence map. Goal: ",
        "Programs per school and grade band, for 11 schools; a cell above 6 programs",
    ):
        assert any(a.startswith(start) for a in alts), start
    maps = " ".join(a for a in alts if a.startswith("Coherence map."))
    served = {g for goals_of in analyse(district).goals_of.values() for g in goals_of}
    for goal in district.items_of("goal"):
        if goal.live and goal.id in served:
            assert f"Goal: {goal.label}" in maps
    progress = [a for a in alts if a.startswith("Progress toward")]
    assert progress and all(any(g in a for g in goals) for a in progress)


def test_tables_have_their_header_once_however_many_pages_they_run_on(
    printed: dict[str, Path],
) -> None:
    with pikepdf.open(printed["report-letter"]) as pdf:
        tables = [e for e in _elements(pdf) if e.S == "/Table"]
        for table in tables:
            rows = list(table.K)
            heads = [r for r in rows if any(c.S == "/TH" for c in r.K)]
            assert len(heads) == 1 and heads[0] == rows[0]
            assert all(c.A.Scope == "/Column" for c in rows[0].K)
        # The appendix of every item runs over pages: one Table, its header not repeated.
        assert max(len(t.K) for t in tables) > 40


def test_the_paper_map_reads_goal_by_goal(printed: dict[str, Path]) -> None:
    district = sample_district()
    live_goals = [g for g in district.items_of("goal") if g.live]
    for name in ("map-letter", "map-tabloid", "poster"):
        roles = [role for role, _ in _roles(printed[name])]
        assert roles[:3] == ["Document", "H1", "P"]  # the title, then the subtitle
        # Each goal once (a continued lane's repeated card is an artifact), and the band
        # of items linked to no goal.
        assert roles.count("H2") == len(live_goals) + 1
        first = roles.index("H2")
        assert "H3" in roles[first:] and "H3" not in roles[:first]


def test_after_a_retreat_the_removed_items_are_a_list_and_the_ratings_a_figure(
    tmp_path: Path,
) -> None:
    out = tmp_path / "retreat.pdf"
    export_pdf(retreat_district(), out, PdfOptions(), today=TODAY)
    assert problems(out) == []
    with pikepdf.open(out) as pdf:
        lists = [e for e in _elements(pdf) if e.S == "/L"]
        assert len(lists) == 1
        items = list(lists[0].K)
        assert items and all(i.S == "/LI" and i.K[0].S == "/LBody" for i in items)
    alts = [alt for role, alt in _roles(out) if role == "Figure"]
    assert any(a.startswith("Programs by rated implementation and impact. ") for a in alts)


def test_hostile_names_stay_words_in_the_tags(tmp_path: Path) -> None:
    """Markup, ampersands and any script in names pass through to the figures' words."""
    out = tmp_path / "hostile.pdf"
    export_pdf(hostile_district(), out, PdfOptions(), today=TODAY)
    assert problems(out) == []
    alts = " ".join(alt for role, alt in _roles(out) if role == "Figure")
    assert UNICODE in alts and HOSTILE in alts
