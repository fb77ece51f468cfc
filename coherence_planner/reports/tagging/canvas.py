"""A reportlab canvas that writes a tagged PDF: marked content while drawing (marks.py), the
structure tree when saved (structure.py)."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from coherence_planner.reports.tagging.marks import ARTIFACT, Tagger
from coherence_planner.reports.tagging.structure import write_structure

DEFAULT_LANG = "en-US"


class TaggedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """Every page and form drawn on it is marked content; `tags` says what is what."""

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # (reportlab's own `lang` is only for the doc template)
        self.lang = lang or DEFAULT_LANG
        self.tags = Tagger(self._operators)
        self.tags.start_stream()

    def _operators(self) -> list[str]:
        code: list[str] = self._code  # (replaced by reportlab at each page and form)
        return code

    def showPage(self) -> None:
        self.tags.end_stream()
        super().showPage()
        self.tags.next_page()
        self.tags.start_stream()

    def beginForm(self, name: str, *args: Any, **kwargs: Any) -> None:
        super().beginForm(name, *args, **kwargs)
        self.tags.enter_form(self._doc.getXObjectName(name))
        self.tags.start_stream()

    def endForm(self, **kwargs: Any) -> None:
        self.tags.end_stream()
        super().endForm(**kwargs)
        self.tags.leave_form()

    def doForm(self, name: str) -> None:
        self.tags.form_pages[self._doc.getXObjectName(name)] = self.tags.page
        super().doForm(name)

    def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage:
            self.tags.annotation(len(self._annotationrefs) - 1)

    def save(self) -> None:
        if self._operators() == [ARTIFACT]:
            del self._operators()[:]  # the page begun after the last one: nothing on it
        if self._operators():
            self.showPage()
        # The structure goes into reportlab's document, which writes it with the pages.
        title = str(self._doc.info.title or "")
        write_structure(self._doc, self.tags, self.lang, title)
        super().save()
