"""Lines the law requires, proposed as required at import with why, to confirm (issue 23)."""

from __future__ import annotations

from pathlib import Path

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.storage.document import Document


def imported(tmp_path: Path, text: str) -> tuple[dict[str, tuple[bool, list[str]]], str]:
    source = tmp_path / "budget.csv"
    source.write_text(text, encoding="utf-8")
    said = import_spreadsheet(source, tmp_path / "plan.coherence", replace=True)
    with Document.open(tmp_path / "plan.coherence") as doc:
        items = {
            i.name: (i.required, list(i.guessed))
            for i in doc.district.items.values()
            if i.kind == "program"
        }
    return items, said


def test_lines_the_law_requires_are_proposed_as_required_and_marked_guessed(
    tmp_path: Path,
) -> None:
    items, said = imported(
        tmp_path,
        "Activity,Budget\n"
        "McKinney-Vento Homeless Reservation,45600\n"
        "Equitable Services - Private Schools (Title I),35550\n"
        "Parent & Family Engagement 1% Reservation,12000\n"
        "Family Engagement Liaisons,80000\n"
        "Indirect Costs (Title I),30000\n"
        "IDEA Part B Special Education Services,500000\n"
        "Section 504 Coordination,46650\n"
        "K-2 Dyslexia Screener (state-mandated),20000\n"
        "Lexia Core5 Reading,93800\n"
        "Idea Lab Makerspace,5000\n",  # IDEA the law is written in capitals
    )
    required = {name for name, (flag, _) in items.items() if flag}
    assert required == set(items) - {
        "Family Engagement Liaisons",
        "Lexia Core5 Reading",
        "Idea Lab Makerspace",
    }
    assert all("required" in guessed for name, (_, guessed) in items.items() if name in required)
    assert (
        "marked required by law from their names, to confirm: McKinney-Vento Homeless "
        "Reservation (McKinney-Vento: services for homeless students)"
    ) in said
    # A Required column is the district's own word, not a guess.
    items, said = imported(
        tmp_path, "Activity,Budget,Required\nMcKinney-Vento Liaison,45600,No\nTutoring,100,Yes\n"
    )
    assert {name: (flag, "required" in guessed) for name, (flag, guessed) in items.items()} == {
        "McKinney-Vento Liaison": (False, False),
        "Tutoring": (True, False),
    }
    assert "marked required by law" not in said
