"""The PDF preview lists every page at once and draws their pictures a slice at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QListWidgetItem
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from coherence_planner.ui.printing import preview
from coherence_planner.ui.printing.preview import MAX_THUMBS, PagePreview

PAGES = MAX_THUMBS + 20


def black_pages(path: Path, count: int) -> Path:
    """A PDF whose every page is black, so a drawn page and a blank sheet differ."""
    canvas = Canvas(str(path), pagesize=letter)
    for _ in range(count):
        canvas.rect(0, 0, *letter, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return path


def drawn(item: QListWidgetItem) -> bool:
    """True when the item shows the page's picture (black), not the blank sheet (white)."""
    image = item.icon().pixmap(QSize(180, 180)).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2).lightness() < 50


def test_pages_show_at_once_and_fill_in_between_turns_of_the_event_loop(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(preview, "SLICE_MS", 0)  # one page per slice
    view = PagePreview()
    qtbot.addWidget(view)
    view.resize(640, 420)
    view.show()
    qtbot.waitExposed(view)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(0)

    assert view.show_pdf(black_pages(tmp_path / "pages.pdf", PAGES)) == PAGES
    # Every page is listed at once; the first is drawn before show_pdf returns.
    assert view.count() == PAGES
    assert view.rendered_count() == 1 and drawn(view.item(0))
    assert not drawn(view.item(1))

    qtbot.waitUntil(lambda: view.rendered_count() == MAX_THUMBS, timeout=10_000)
    timer.stop()
    assert len(ticks) > 3  # the window answered between slices
    assert all(drawn(view.item(row)) for row in range(MAX_THUMBS))
    qtbot.wait(100)
    # Pages past the first MAX_THUMBS wait until they are scrolled into view.
    assert view.rendered_count() == MAX_THUMBS
    assert not drawn(view.item(PAGES - 1))
    view.scrollToBottom()
    qtbot.waitUntil(lambda: drawn(view.item(PAGES - 1)), timeout=10_000)
    assert view.rendered_count() < PAGES


def test_a_missing_or_damaged_file_shows_no_pages(qtbot: Any, tmp_path: Path) -> None:
    view = PagePreview()
    qtbot.addWidget(view)
    assert view.show_pdf(tmp_path / "gone.pdf") == 0
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4 not really")
    assert view.show_pdf(damaged) == 0
    assert view.count() == 0 and view.rendered_count() == 0
