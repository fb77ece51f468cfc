"""Marked content as it is drawn: the canvas keeps everything it draws inside a marked-content
sequence, real content (`/P <</MCID 3>> BDC … EMC`) or page furniture (`/Artifact BMC … EMC`).

Whatever no one tags is an artifact: rules, backgrounds, running footers, page numbers, a
table's header repeated on a continuation page. So no drawing code can leave text untagged,
and only what a reader should hear needs a line of code (`content`).

Inside tagged content a nested `content` joins the outer element: a chart's labels are part
of its Figure, a map drawn into the report is one Figure, not a hundred paragraphs."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from coherence_planner.reports.tagging.tree import Annot, Mark, Node

ARTIFACT = "/Artifact BMC"
END = "EMC"


@dataclass
class _Stream:
    """The content stream being drawn: a page's, or a form's (`form` names it)."""

    form: str | None
    next_mcid: int = 0
    open: Node | None = None  # the element whose marked content is open


@dataclass
class Tagger:
    """The structure drawn so far; `code` gives the canvas's current operator list."""

    code: Callable[[], list[str]]
    root: Node = field(default_factory=lambda: Node("Document"))
    page: int = 0
    form_pages: dict[str, int] = field(default_factory=dict)  # form -> the page that draws it
    _stream: _Stream = field(default_factory=lambda: _Stream(None))
    _saved: list[_Stream] = field(default_factory=list)
    _parents: list[Node] = field(default_factory=list)
    _link: Node | None = None
    _shared: dict[object, Node] = field(default_factory=dict)

    @property
    def parent(self) -> Node:
        return self._parents[-1] if self._parents else self.root

    @property
    def inside(self) -> bool:
        """Whether tagged content is open (what is drawn now belongs to it)."""
        return self._stream.open is not None

    # -- streams: each starts and ends as an artifact --------------------------------------
    def start_stream(self) -> None:
        self.code().append(ARTIFACT)

    def end_stream(self) -> None:
        self._stream.open = None
        self.code().append(END)

    def next_page(self) -> None:
        self.page += 1
        self._stream = _Stream(None)

    def enter_form(self, name: str) -> None:
        self._saved.append(self._stream)
        self._stream = _Stream(name)

    def leave_form(self) -> None:
        self._stream = self._saved.pop()

    # -- the structure -----------------------------------------------------------------
    def group(self, role: str, parent: Node | None = None) -> Node:
        """A grouping element (Table, TR, TOC, L…) added under `parent` (the current one)."""
        node = Node(role)
        (parent or self.parent).add(node)
        return node

    def shared(self, role: str, key: object = None) -> Node:
        """The document's one element of `role` (its TOC; with `key`, that list), made
        under the current parent by the first who asks."""
        if (role, key) not in self._shared:
            self._shared[(role, key)] = self.group(role)
        return self._shared[(role, key)]

    @contextlib.contextmanager
    def within(self, node: Node) -> Iterator[Node]:
        """Elements made inside go under `node`."""
        self._parents.append(node)
        try:
            yield node
        finally:
            self._parents.pop()

    def leaf(self, role: str) -> contextlib.AbstractContextManager[Node]:
        """Tagged content of a new `role` element under the current parent; the element is
        added only if something is drawn (a paragraph that did not fit leaves nothing)."""
        return self.content(Node(role), attach=self.parent)

    @contextlib.contextmanager
    def content(self, node: Node, attach: Node | None = None) -> Iterator[Node]:
        """What is drawn inside is `node`'s marked content. `attach`: the parent to add the
        node to once something is drawn (None: it is in the tree already)."""
        stream = self._stream
        if stream.open is not None:
            yield stream.open or node
            return
        code = self.code()
        mcid = stream.next_mcid
        code += [END, f"/{node.role} <</MCID {mcid}>> BDC"]
        start = len(code)
        stream.open = node
        try:
            yield node
        finally:
            stream.open = None
            code = self.code()
            if len(code) == start and code[-1].endswith("BDC"):
                del code[-2:]  # nothing drawn: the artifact goes on, the MCID is reused
            else:
                code += [END, ARTIFACT]
                stream.next_mcid += 1
                page = self.page if stream.form is None else self.form_pages[stream.form]
                node.add(Mark(page, mcid, stream.form))
                if attach is not None:
                    attach.add(node)

    @contextlib.contextmanager
    def bare(self) -> Iterator[None]:
        """Neither content nor artifact: for drawing a form that tags its own content."""
        if self.inside:
            yield
            return
        self.code().append(END)
        try:
            yield
        finally:
            self.code().append(ARTIFACT)

    @contextlib.contextmanager
    def linking(self, node: Node) -> Iterator[None]:
        """Link annotations made inside belong to `node` (a Link element)."""
        self._link = node
        try:
            yield
        finally:
            self._link = None

    def annotation(self, index: int) -> None:
        if self._link is not None:
            self._link.add(Annot(self.page, index))


def tagged(canvas: object, role: str) -> contextlib.AbstractContextManager[object]:
    """What `canvas` draws inside is a new `role` element (on a canvas that does not tag,
    or inside tagged content, it is simply drawn)."""
    tags = getattr(canvas, "tags", None)
    return contextlib.nullcontext() if tags is None else tags.leaf(role)
