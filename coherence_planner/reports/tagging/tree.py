"""The structure of a PDF as it is drawn: elements (H1, P, Table, Figure…) holding the marked
content of the pages (each a page's, or a form's, MCID) and the link annotations they own.

The canvas (marks.py) builds it while drawing; structure.py writes it into the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence: `mcid` in page `page`'s content, or in the form XObject
    `form` drawn on that page."""

    page: int
    mcid: int
    form: str | None = None


@dataclass(frozen=True)
class Annot:
    """The `index`th annotation of page `page` (reportlab keeps them in drawing order)."""

    page: int
    index: int


@dataclass(eq=False)
class Node:
    """A structure element. `alt` is a figure's words; `title` a heading's text (so a checker
    can set headings against the bookmarks); `scope` a header cell's (Column or Row)."""

    role: str
    kids: list[Node | Mark | Annot] = field(default_factory=list)
    alt: str | None = None
    title: str | None = None
    scope: str | None = None
    page: int | None = None  # the page of its first content (the element's /Pg)

    def add(self, kid: Node | Mark | Annot) -> None:
        self.kids.append(kid)
        if self.page is None and not isinstance(kid, Node):
            self.page = kid.page
