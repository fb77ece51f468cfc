"""What each flowable of the report is to a screen reader, and the tables' cells.

The report's frame (TaggedFrame) wraps each flowable it places in the element `element_for`
names: a section heading is H1 or H2 (the level of its bookmark), a chart or a map drawing a
Figure with the words it carries in `alt`, any other paragraph a P; paragraphs sharing a
`list_key` are the items (LI, LBody) of one list (L). A table tags its own rows and cells
(TableTags), the contents their entries and links (book/contents.py); what draws nothing
leaves nothing."""

from __future__ import annotations

import contextlib
from typing import Any

from reportlab.platypus import Flowable, Frame, Paragraph, Table

from coherence_planner.reports.tagging.tree import Node

# Paragraph styles that are headings without being in the bookmarks ("Contents").
HEADING_STYLES = {"h1": "H1", "h2": "H2"}


def element_for(flowable: Flowable) -> Node | None:
    """The element a flowable's drawing is, or None when it tags itself (or draws nothing
    a reader needs)."""
    if getattr(flowable, "tags_itself", False) or isinstance(flowable, Table):
        return None
    alt = getattr(flowable, "alt", None)
    if alt is not None:
        return Node("Figure", alt=alt)
    level = getattr(flowable, "level", None)
    if isinstance(flowable, Paragraph):
        if level is not None and hasattr(flowable, "contents_entry"):
            return Node(f"H{level + 1}", title=flowable.contents_entry.text)
        role = HEADING_STYLES.get(flowable.style.name, "P")
        return Node(role, title=flowable.getPlainText() if role != "P" else None)
    return Node("P")


class TaggedFrame(Frame):  # type: ignore[misc]  # reportlab is untyped
    """A frame whose flowables are drawn as the elements `element_for` says."""

    def add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> Any:
        tags = getattr(canv, "tags", None)
        node = None if tags is None else element_for(flowable)
        if tags is None or node is None:
            return super().add(flowable, canv, trySplit=trySplit)
        key = getattr(flowable, "list_key", None)
        if key is None:
            with tags.content(node, attach=tags.parent):
                return super().add(flowable, canv, trySplit=trySplit)
        body = Node("LBody")
        with tags.content(body):
            placed = super().add(flowable, canv, trySplit=trySplit)
        if body.kids:  # drawn: an item of its list, the list made with its first item
            tags.shared("L", key).add(Node("LI", kids=[body]))
        return placed


class TableTags:
    """One Table element for every page's piece of a long table: a header row of TH cells
    (scope Column), then a TR of TD cells per row. The header row repeated at the top of a
    continuation page is an artifact, so a reader hears the headers once."""

    def __init__(self) -> None:
        self._node: Node | None = None
        self._tags: Any = None  # the canvas's tagger the node belongs to (one per build)
        self._row: Node | None = None
        self._head = False
        self._cell: contextlib.ExitStack | None = None

    def piece(self, continued: bool) -> Any:
        """The render callback of one piece (reportlab's Table renderCB)."""

        def event(table: Table, name: str, *args: Any) -> None:
            self._event(table, name, continued, args)

        return event

    def _event(self, table: Table, name: str, continued: bool, args: tuple[Any, ...]) -> None:
        tags = getattr(table.canv, "tags", None)
        if tags is None:
            return
        if name == "startTable" and (self._node is None or self._tags is not tags):
            self._node, self._tags = tags.group("Table"), tags
        elif name == "startRow":
            self._head = args[0] == 0
            skip = self._head and continued
            self._row = None if skip or self._node is None else tags.group("TR", self._node)
        elif name == "startCell" and self._row is not None:
            cell = Node("TH", scope="Column") if self._head else Node("TD")
            self._row.add(cell)
            self._cell = contextlib.ExitStack()
            self._cell.enter_context(tags.content(cell))
        elif name == "endCell" and self._cell is not None:
            self._cell.close()
            self._cell = None
