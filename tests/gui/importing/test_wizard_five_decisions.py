"""A planner turns a corpus inventory into a plan in the wizard in at most five decisions
and no spreadsheet edit (issue 23): the file, Next (the guessed mapping is right), one click
confirming the guessed program types, one confirming the lines required by law, and Import
under the plan's suggested name. The goals are the sheet's shaded rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl

from coherence_planner.domain.analysis.coherence import analyse
from tests.gui.importing.test_import_wizard import open_import

LEFT = Qt.MouseButton.LeftButton
CORPUS = Path(__file__).parents[2] / "data" / "import_corpus"


def click_link(dialog: Any, href: str) -> None:
    """A click on a link of the preview's summary (a QTextBrowser's anchor)."""
    dialog.preview_page.understood.anchorClicked.emit(QUrl(href))


def test_the_shaded_goal_plan_in_five_decisions_with_its_guesses_confirmed(
    qtbot: Any, window: Any, dialogs: Any, messages: Any, tmp_path: Path
) -> None:
    decisions: list[str] = []
    decisions.append("import the strategic plan's workbook")
    dialog = open_import(qtbot, window, dialogs, CORPUS / "strategic_initiatives_shaded.xlsx")

    decisions.append("the guessed mapping is right: Next")
    qtbot.mouseClick(dialog.next_button, LEFT)
    preview = dialog.preview_page
    assert preview.layout_chooser.sentence.text() == (
        "<b>Layout.</b> Goals are the shaded rows; the rows under each are its actions."
    )
    words = preview.summary.text()
    assert "Programs serving no goal" not in words
    assert "Mental Health Clinicians: student support (guessed — confirm)" in words
    assert 'href="confirm:type"' in preview.summary.html()
    # Each goal is shown coming from its own row of the sheet.
    new_items = preview.changes.invisibleRootItem().child(0)
    rows = {new_items.child(i).text(0): new_items.child(i).text(2) for i in range(3)}
    assert rows["Goal: Every Learner Reads, Writes and Reasons"] == "Initiatives, row 5"

    decisions.append("confirm the guessed program types")
    click_link(dialog, "confirm:type")
    decisions.append("confirm the lines required by law")
    click_link(dialog, "confirm:required")
    words = preview.summary.text()
    assert "Mental Health Clinicians: student support (confirmed)" in words
    assert "Homeless Student Services (McKinney-Vento): " in words
    assert "(guessed — confirm)" not in words
    assert 'href="confirm:' not in preview.summary.html()
    new_items = preview.changes.invisibleRootItem().child(0)
    changes = [new_items.child(i).text(1) for i in range(new_items.childCount())]
    assert "new, student support (confirmed)" in changes
    assert not any("guessed" in change for change in changes)

    decisions.append("import, keeping the plan's suggested name")
    dialogs.answer(tmp_path / "Maple Hollow School District")
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert len(decisions) <= 5
    assert messages.shown == []

    district = window.session.district
    assert district.name == "Maple Hollow School District"
    programs = {p.name: p for p in district.items_of("program")}
    goals = {g.id: g.name for g in district.items_of("goal")}
    assert len(programs) == 15 and len(goals) == 3
    served = {link.src: goals[link.dst] for link in district.links.values() if link.dst in goals}
    assert served[programs["Parent University"].id] == "Families and Community as Partners"
    # Confirmed: the values are a person's, and the notes no longer ask to confirm them.
    clinicians = programs["Mental Health Clinicians"]
    assert clinicians.type == "student-support" and clinicians.guessed == []
    assert "Type guessed" not in clinicians.notes
    homeless = programs["Homeless Student Services (McKinney-Vento)"]
    assert homeless.required and homeless.guessed == []
    assert analyse(district) is not None
