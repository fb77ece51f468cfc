"""`coherence-planner import SRC --into FILE` says the layout it read (issue 23), in the same
sentence the wizard's preview says, on the line right after "Created …"."""

from __future__ import annotations

from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets import plan_import, read_spreadsheet

CORPUS = Path(__file__).resolve().parents[2] / "data" / "import_corpus"


@pytest.mark.parametrize(
    ("inventory", "sentence"),
    [
        (
            "strategic_initiatives_shaded.xlsx",
            "Goals are the shaded rows; the rows under each are its actions.",
        ),
        (
            "google_tracker.xlsx",
            "Each tab is one goal, named above its table; every row on a tab serves that "
            "goal, and a program on two tabs is one program serving both.",
        ),
        (
            "holdout/campus_improvement_plan.xlsx",
            "Each goal has its own table: its “Goal N:” line above a header row that "
            "repeats, and the rows under it are its actions.",
        ),
        (
            "erp_munis_account_detail.csv",
            "A flat list: one program a row, its goals (if any) in a column.",
        ),
    ],
)
def test_the_layout_sentence_follows_the_created_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], inventory: str, sentence: str
) -> None:
    plan = tmp_path / "plan.coherence"
    assert main(["import", str(CORPUS / inventory), "--into", str(plan)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Created plan.coherence")
    assert lines[1] == f"  Layout: {sentence}"
    assert sum(line.startswith("  Layout:") for line in lines) == 1


def test_the_command_says_what_the_wizard_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One way to say it: the line is the plan's found_layout(), which the preview shows too.
    source = CORPUS / "google_tracker.xlsx"
    plan = plan_import(read_spreadsheet(source), None, District(name="x"), source=source.name)
    _, sentence = plan.found_layout()
    assert main(["import", str(source), "--into", str(tmp_path / "p.coherence")]) == 0
    assert f"  Layout: {sentence}" in capsys.readouterr().out.splitlines()


def test_updating_a_plan_says_the_layout_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(CORPUS / "strategic_initiatives_shaded.xlsx")
    plan = str(tmp_path / "plan.coherence")
    assert main(["import", source, "--into", plan]) == 0
    capsys.readouterr()
    assert main(["import", source, "--into", plan]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Imported into plan.coherence")
    assert lines[1] == "  Layout: Goals are the shaded rows; the rows under each are its actions."
