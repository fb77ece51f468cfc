"""The Print / Export PDF dialog: options, preview, progress, cancel, atomic save."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.reports.book.scale import LARGE_PLAN, report_scale
from coherence_planner.reports.pdf_export import PdfOptions
from coherence_planner.ui.printing.dialog import PdfExportDialog, open_pdf_export_dialog
from tests.factories import g, make, p, sup
from tests.gui.conftest import sample_district

WAIT = 60_000


def small():  # type: ignore[no-untyped-def]
    return make(
        goals=[g("G1", name="Readers")],
        programs=[p("P1", name="Phonics"), p("P2", name="Loose")],
        links=[sup("P1", "G1")],
        name="Small / Unified",
    )


@pytest.fixture
def dialog(qtbot: Any, tmp_path: Path) -> PdfExportDialog:
    district = small()
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    return box


def choose(combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_options_follow_the_widgets(dialog: PdfExportDialog) -> None:
    assert dialog.options() == PdfOptions(appendix=True)  # a small plan's report lists all
    assert not dialog.columns.isEnabled()
    dialog.appendix.setChecked(False)
    assert dialog.options() == PdfOptions(appendix=False)
    choose(dialog.what, "goal")
    choose(dialog.paper, "tabloid")
    choose(dialog.orientation, True)
    dialog.tile.setChecked(True)
    dialog.columns.setValue(3)
    assert dialog.options() == PdfOptions("map", "tabloid", True, (3, 2), "G1")
    assert dialog.columns.isEnabled() and dialog.goal.isEnabled()
    assert not dialog.appendix.isEnabled()  # the appendix belongs to the report


def test_an_unreadable_fit_says_so_and_offers_the_smallest_grid(
    qtbot: Any, dialog: PdfExportDialog, tmp_path: Path
) -> None:
    choose(dialog.what, "map")
    # Set for paper (the default) lays the map out for the page: one readable page.
    assert dialog.fit.isChecked()
    assert dialog.hint.text().startswith("1 page; the smallest text prints at")
    assert not dialog.smallest.isEnabled()  # a grid is for the poster
    assert dialog.save_button.isEnabled()
    # Since issue 26 the poster is the map set for paper cut into sheets, not the screen's
    # map, so this small plan on one sheet is readable (the screen's map was not)...
    dialog.tile.setChecked(True)
    dialog.columns.setValue(1)
    dialog.rows.setValue(1)
    assert dialog.hint.text().startswith("1 page; the smallest text prints at")
    # ...while the sample's on one Letter sheet is not: said, Save refused, a grid offered.
    district = sample_district()
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    choose(box.what, "map")
    box.tile.setChecked(True)
    box.columns.setValue(1)
    box.rows.setValue(1)
    assert "names would print below 7 pt" in box.hint.text()
    assert not box.save_button.isEnabled()
    box.smallest.click()
    assert box.tile.isChecked()
    assert (box.columns.value(), box.rows.value()) == (2, 2)
    assert box.hint.text().startswith("4 pages")
    assert box.save_button.isEnabled()


def test_preview_renders_the_pages_then_save_copies_it_atomically(
    qtbot: Any, dialog: PdfExportDialog, dialogs: Any, tmp_path: Path
) -> None:
    with qtbot.waitSignal(dialog.job.finished, timeout=WAIT) as done:
        dialog.preview_button.click()
    pages = done.args[0]
    assert pages >= 8
    assert dialog.preview.count() == pages
    assert f"{pages} pages on Letter portrait" in dialog.status.text()
    target = tmp_path / "packet"
    dialogs.answer(target)
    dialog.save_button.click()
    saved = tmp_path / "packet.pdf"
    assert dialog.saved_path == saved
    assert dialogs.asked == ["Save PDF"]
    assert len(PdfReader(saved).pages) == pages
    assert sorted(x.name for x in tmp_path.iterdir()) == ["packet.pdf"]


def test_the_preview_starts_by_itself_and_follows_the_options(
    qtbot: Any, dialog: PdfExportDialog
) -> None:
    with qtbot.waitSignal(dialog.job.finished, timeout=WAIT) as done:
        dialog.show()  # as File › Print / Export PDF… opens it
    assert done.args[0] == dialog.preview.count() >= 8
    assert "Letter portrait" in dialog.status.text()
    with qtbot.waitSignal(dialog.job.finished, timeout=WAIT):
        choose(dialog.paper, "a4")  # no button pressed: the preview follows
    assert "A4 portrait" in dialog.status.text()
    dialog.close()


def test_save_without_preview_builds_into_place(
    qtbot: Any, dialog: PdfExportDialog, dialogs: Any, tmp_path: Path
) -> None:
    choose(dialog.what, "map")
    choose(dialog.orientation, True)
    target = tmp_path / "map.pdf"
    dialogs.answer(target)
    with qtbot.waitSignal(dialog.job.finished, timeout=WAIT):
        dialog.save_button.click()
    assert dialog.saved_path == target
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == 792.0


def test_cancel_stops_the_export_and_leaves_the_old_file(
    qtbot: Any, tmp_path: Path, dialogs: Any
) -> None:
    district = sample_district()
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    target = tmp_path / "report.pdf"
    target.write_bytes(b"last year's report")
    dialogs.answer(target)
    box.job.progressed.connect(lambda *_: box.cancel_button.click())
    with qtbot.waitSignal(box.job.finished, timeout=WAIT) as done:
        box.save_button.click()
    assert done.args == [-1, "Cancelled; nothing was written."]
    assert box.status.text() == "Cancelled; nothing was written."
    assert box.saved_path is None and box.isVisible() is False
    assert target.read_bytes() == b"last year's report"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["report.pdf"]
    assert box.preview_button.isEnabled()


def test_open_returns_none_when_closed(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    district = small()
    monkeypatch.setattr(PdfExportDialog, "exec", lambda self: self.reject() or 0)
    assert open_pdf_export_dialog(None, district, analyse(district), default_dir=tmp_path) is None


def test_a_large_plans_report_leaves_the_appendix_out_unless_asked(
    qtbot: Any, tmp_path: Path
) -> None:
    district = district_from_dict(generate(LARGE_PLAN + 50, 1))
    assert report_scale(district).summarised
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    assert not box.appendix.isChecked() and box.options().appendix is False
    assert f"{LARGE_PLAN + 50:,} programs" in box.appendix.toolTip()


def test_names_the_pdf_cannot_print_are_said_before_printing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A laptop with no font for Chinese or emoji: the dialog names both, and what to install.
    from coherence_planner.reports import script_fonts

    class NoFonts(script_fonts.Finder):
        def look_for(self, codes: Iterable[int]) -> None:
            pass

    monkeypatch.setattr(script_fonts, "FINDER", NoFonts())
    district = make(
        goals=[g("G1", name="Lectura 读书 para todos")],
        programs=[p("P1", name="Math 🚀 Club"), p("P2", name="Phonics")],
        links=[sup("P1", "G1")],
        name="Small Unified",
    )
    box = PdfExportDialog(district, analyse(district), default_dir=tmp_path)
    qtbot.addWidget(box)
    note = box.font_note.text()  # (not shown: showing starts a preview in a thread)
    assert not box.font_note.isHidden()
    assert note.startswith("2 names will not print as written")
    assert "读书" in note and "Math 🚀 Club" in note and "Phonics" not in note
    assert "install Noto Sans CJK" in note and "install Noto Emoji" in note
    plain = PdfExportDialog(small(), analyse(small()), default_dir=tmp_path)
    qtbot.addWidget(plain)
    assert plain.font_note.isHidden()
