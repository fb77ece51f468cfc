"""The report after a retreat: decisions, the chosen scenario, ratings, load, themes with
their prompts, goal progress, improvement cycles and the changes since the last snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from coherence_planner.domain.progress.themes import theme_prompts
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.helpers import HOSTILE_MEMBER, HOSTILE_SCENARIO, pdf_text, retreat_district

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("retreat") / "report.pdf"
    export_pdf(retreat_district(), out, PdfOptions(), today=TODAY)
    return out, pdf_text(out)


def test_one_decision_log_with_every_entry(report: tuple[Path, str]) -> None:
    _, text = report
    assert text.count("Decision log (") == 2  # the contents line and the heading, once each
    assert "Pilot ended; tutoring covers it" in text
    assert "Dr. Okafor" in text and "2026-11-21" in text


def test_chosen_scenario_prints_its_name_literally_with_what_it_frees(
    report: tuple[Path, str],
) -> None:
    _, text = report
    assert f"Chosen scenario: {HOSTILE_SCENARIO}" in text
    assert "It removes" in text and "Money freed" in text and "FTE freed" in text
    assert "Goals left unsupported by it" in text


def test_ratings_name_the_members_and_their_scores(report: tuple[Path, str]) -> None:
    _, text = report
    assert "Ratings" in text and "Scores by member" in text
    assert HOSTILE_MEMBER in text  # printed literally, not as bold markup
    assert "3 (2-4)" in text  # P1's mean implementation with its range


def test_load_themes_cycles_and_snapshot_sections(report: tuple[Path, str]) -> None:
    _, text = report
    for heading in (
        "Initiative load",
        "Overloaded cells",
        "Themes",
        "Guiding prompts",
        "Improvement cycles",
        "Since the last snapshot",
        "What changed",
    ):
        assert heading in text, heading
    for _category, _label, prompt in theme_prompts()[:3]:
        assert " ".join(prompt.split()[:5]) in text
    assert "Grade-level teams look at one common" in text  # S11's running cycle focus
    assert "Before the retreat" in text
    assert "off track" in text and "on track" in text  # indicator status


def test_goals_carry_a_progress_chart_and_bookmarks_still_work(report: tuple[Path, str]) -> None:
    out, _ = report
    reader = PdfReader(str(out))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    for heading in ("Decision log (13 decisions)", "Ratings", "Themes", "Since the last snapshot"):
        assert heading in titles, heading
    goals_page = next(
        reader.get_destination_page_number(o)
        for o in reader.outline
        if not isinstance(o, list) and o.title == "Goals"
    )
    # The progress charts are drawn as vectors: their axis titles are text on the pages.
    charts = sum(
        reader.pages[n].extract_text().count("Year of results")
        for n in range(goals_page, goals_page + 4)
    )
    assert charts >= 3


def test_no_snapshot_no_section(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    export_pdf(sample_district(), out, PdfOptions(), today=TODAY)
    text = pdf_text(out)
    assert "Since the last snapshot" not in text
    assert "No decisions have been recorded yet." in text or "Decision log" in text
