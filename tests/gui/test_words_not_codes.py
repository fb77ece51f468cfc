"""Words, never codes: every text the presenter, the inspector, the scenarios, the ratings
and the theme matrix show for the sample district names items by their names. No bare item
id ("P27", "G1", "S14", "B5") anywhere a person reads, and no name cut short with an
ellipsis where a sentence is read aloud. Column headers may be short names (the full name is
their tooltip), but never ids.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QListWidget, QTableWidget

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.geometry import line_of_sight
from coherence_planner.domain.retreat import scenarios as S
from coherence_planner.domain.retreat.decisions import decide
from tests.gui.helpers import wait_for_analysis
from tests.wording import bare_ids, cut_names

# The presenter's lists end with "…and 3 more": a count of what is not shown, not a cut name.
MORE = re.compile(r"…and [\d,]+ more")


def plain(text: str) -> str:
    """A label's text as a person reads it (rich text without its markup)."""
    if "<" not in text:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def label_texts(*labels: QLabel) -> list[str]:
    return [plain(label.text()) for label in labels if label.text()]


def header_texts(table: QTableWidget) -> list[str]:
    texts = []
    for c in range(table.columnCount()):
        head = table.horizontalHeaderItem(c)
        if head is not None:
            texts.append(head.text())
    return texts


def cell_texts(table: QTableWidget) -> list[str]:
    texts = []
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            cell = table.item(r, c)
            if cell is not None and cell.text():
                texts.append(cell.text())
    return texts


def list_texts(widget: QListWidget) -> list[str]:
    return [widget.item(r).text() for r in range(widget.count())]


class Reading:
    """What a person read, by where they read it; sentences and headers checked apart."""

    def __init__(self, district: Any) -> None:
        self.district = district
        self.problems: list[str] = []
        self.seen = 0

    def sentences(self, where: str, texts: list[str]) -> None:
        for text in texts:
            self.seen += 1
            for found in bare_ids(text, self.district):
                self.problems.append(f"{where}: id {found}")
            for cut in cut_names(MORE.sub("", text)):
                self.problems.append(f"{where}: cut name …{cut}")

    def headers(self, where: str, texts: list[str]) -> None:
        for text in texts:
            self.seen += 1
            for found in bare_ids(text, self.district):
                self.problems.append(f"{where} header: id {found}")


def test_every_text_names_items_in_words(qtbot: Any, window: Any, sample_plan: Path) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    session = window.session
    district = session.district
    reading = Reading(district)
    analysis = analyse(district)
    candidates = [c.id for c in analysis.removal_candidates]
    assert candidates, "the sample must have removal candidates for the presenter to show"
    # A decision to stop one, so the closing slide lists what stops.
    session.push(decide(district, candidates[0], "remove", "", "Dr. Ruiz", "2026-11-22"))

    # The presenter: every slide of the agenda.
    presenter = window.retreat.presenter
    presenter.resize(1366, 768)
    presenter.start()
    assert len(presenter.steps) > 8
    for index in range(len(presenter.steps)):
        presenter.go(index)
        p = presenter
        reading.sentences(
            f"presenter step {index + 1}",
            label_texts(p.title, p.where, p.left_body, p.right_body, p.reason, p.message),
        )

    # The inspector: every item's title and its findings.
    inspector = window.inspector
    for item_id in district.items:
        session.select([item_id])
        assert inspector.item_id == item_id
        reading.sentences(f"inspector {item_id}", label_texts(inspector.title, inspector.findings))

    # Scenarios: one that retires every candidate and a strategy, one that leaves a goal
    # with nothing serving it (the loud warning).
    scenarios = window.retreat.scenarios
    window.show_view(scenarios)
    goal = district.items_of("goal")[0].id
    reach = sorted(line_of_sight(district, analysis, goal) - {goal})
    strategy = district.items_of("strategy")[-1].id
    session.push(
        S.save_scenario(district, S.Scenario("Stop the candidates", (*candidates, strategy)))
    )
    session.push(S.save_scenario(district, S.Scenario("Stop early reading", tuple(reach))))
    scenarios.refresh()
    for name in ("Stop the candidates", "Stop early reading"):
        scenarios.select_scenario(name)
        scenarios.compare.setCurrentIndex(scenarios.compare.findData("Stop the candidates"))
        reading.sentences(
            f"scenario {name}",
            [*label_texts(scenarios.warning, scenarios.details), *list_texts(scenarios.items)],
        )
        reading.headers(f"scenario {name}", header_texts(scenarios.table))
    assert scenarios.warning.text(), "a scenario that leaves a goal unsupported warns"

    # Ratings: two members rate every program; the ranking and the chart's points.
    ratings = window.retreat.ratings
    ratings.refresh()
    assert ratings.add_member("Dr. Ruiz", "Superintendent")
    assert ratings.add_member("Ms. Chen")
    for n, program in enumerate(p for p in district.items_of("program") if p.live):
        ratings.select_program(program.id)
        for member, shift in (("Dr. Ruiz", 0), ("Ms. Chen", 1)):
            ratings.set_score(member, "implementation", 1 + (n + shift) % 4)
            ratings.set_score(member, "impact", 1 + (n * 3 + shift) % 4)
        reading.sentences(
            f"ratings of {program.id}",
            [ratings.program.currentText(), *label_texts(ratings.spread, ratings.cabinet)],
        )
    ratings._load_disagreement()
    reading.sentences("ratings ranking", cell_texts(ratings.disagreement))
    points = [t.get_text() for ax in ratings.canvas.figure.axes for t in ax.texts]
    assert len(points) > 4
    reading.sentences("quadrant chart", points)

    # The theme matrix: by goals and by strategies, every header, the summary, each note.
    matrix = window.theme_matrix
    window.show_view(matrix)
    matrix.refresh()
    for button in (matrix.by_goals, matrix.by_strategies):
        button.setChecked(True)
        assert matrix.table.columnCount() > 3
        reading.headers(f"theme matrix {matrix.by}", header_texts(matrix.table))
        reading.sentences(f"theme matrix {matrix.by}", label_texts(matrix.summary))
        for r in range(matrix.table.rowCount()):
            matrix.table.selectRow(r)
            reading.sentences(f"theme note {matrix.by}", label_texts(matrix.note))

    assert reading.seen > 300
    assert not reading.problems, "\n".join(reading.problems)
