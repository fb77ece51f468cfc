"""A checker for tagged PDFs (issue 31), for the tests: what a screen reader needs, read with
pikepdf from the file itself.

`problems(pdf)` lists, in words, each thing that fails:
- the document: /MarkInfo Marked, /Lang, a title in the information and in the XMP
  metadata (dc:title), the PDF/UA identification (pdfuaid:part 1), /ViewerPreferences
  DisplayDocTitle;
- untagged content: text or painting in a page's content stream (or a form it draws
  outside marked content) that is in no marked-content sequence; or nothing tagged as
  content at all (every mark an artifact);
- the structure: a Figure without /Alt, a Table without a TH, headings out of order (the
  first not H1, or a level skipped on the way down), MCIDs in the structure tree that are
  not in the content or content MCIDs no element claims, a ParentTree that does not lead an
  MCID back to its element;
- the bookmarks: each outline entry must be a heading of its level, in the same order.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PAINTING = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}
HEADINGS = {f"/H{n}": n for n in range(1, 7)}
MAX_PROBLEMS = 20  # a broken PDF says what is wrong without a thousand lines of it


@dataclass
class _Found:
    problems: list[str] = field(default_factory=list)
    # (page number, form object id or None) -> MCIDs marked in that content stream
    content: dict[tuple[int, int | None], set[int]] = field(default_factory=dict)

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


def problems(pdf: Path | bytes) -> list[str]:
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    with pikepdf.open(io.BytesIO(data)) as doc:
        found = _Found()
        _document(doc, found)
        for number, page in enumerate(doc.pages, 1):
            _content(page.obj, number, None, found, page.obj)
        if "/StructTreeRoot" not in doc.Root:
            found.add("no structure tree (StructTreeRoot)")
            return found.problems
        _structure(doc, found)
        return found.problems


def _document(doc: pikepdf.Pdf, found: _Found) -> None:
    root = doc.Root
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        found.add("not marked as tagged (MarkInfo Marked)")
    if not str(root.get("/Lang", "")).strip():
        found.add("no document language (Lang)")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        found.add("the viewer shows the file name, not the title (DisplayDocTitle)")
    if not str(doc.docinfo.get("/Title", "")).strip():
        found.add("no title in the document information")
    meta = doc.open_metadata()
    if not str(meta.get("dc:title", "")).strip():
        found.add("no title in the XMP metadata (dc:title)")
    if str(meta.get("pdfuaid:part", "")).strip() != "1":
        found.add("no PDF/UA identification in the XMP metadata (pdfuaid:part 1)")


def _content(
    stream: pikepdf.Object, page: int, form: int | None, found: _Found, page_obj: pikepdf.Object
) -> None:
    """Walk one content stream: every text and painting operator must be inside marked
    content; a form drawn outside marked content is walked the same way."""
    where = f"page {page}" + (" (in a form)" if form is not None else "")
    marks = found.content.setdefault((page, form), set())
    depth = 0
    resources = stream.get("/Resources", page_obj.get("/Resources", pikepdf.Dictionary()))
    for operands, operator in pikepdf.parse_content_stream(stream):
        op = str(operator)
        if op in ("BMC", "BDC"):
            depth += 1
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                mcid = operands[1].get("/MCID")
                if mcid is not None:
                    marks.add(int(mcid))
        elif op == "EMC":
            depth -= 1
            if depth < 0:
                found.add(f"{where}: EMC without a BMC or BDC")
                depth = 0
        elif depth == 0 and op in TEXT_SHOWING:
            found.add(f"{where}: untagged text {_shown(operands)!r}")
        elif depth == 0 and op in PAINTING:
            found.add(f"{where}: untagged drawing ({op})")
        elif depth == 0 and op == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.get("/Subtype") == Name.Form:
                _content(xobject, page, xobject.objgen[0], found, page_obj)
            else:
                found.add(f"{where}: untagged image")
    if depth:
        found.add(f"{where}: a marked-content sequence is never closed")


def _shown(operands: list[pikepdf.Object]) -> str:
    texts = []
    for operand in operands:
        if isinstance(operand, pikepdf.Array):
            texts += [bytes(o).decode("latin-1") for o in operand if isinstance(o, pikepdf.String)]
        elif isinstance(operand, pikepdf.String):
            texts.append(bytes(operand).decode("latin-1"))
    return "".join(texts)[:40]


def _elements(elem: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """Every structure element under `elem`, in the tree's (reading) order, itself first."""
    yield elem
    kids = elem.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (Name.MCR, Name.OBJR):
            yield from _elements(kid)


def _structure(doc: pikepdf.Pdf, found: _Found) -> None:
    tree = doc.Root.StructTreeRoot
    page_number = {page.obj.objgen: n for n, page in enumerate(doc.pages, 1)}
    parents = _parent_tree(tree)
    claimed: dict[tuple[int, int | None], set[int]] = {}
    headings: list[tuple[int, str]] = []
    for top in _as_list(tree.get("/K")):
        for elem in _elements(top):
            role = str(elem.get("/S"))
            if role == "/Figure" and not str(elem.get("/Alt", "")).strip():
                found.add("a Figure without alternative text (Alt)")
            if role == "/Table" and not any(str(e.get("/S")) == "/TH" for e in _elements(elem)):
                found.add("a Table without header cells (TH)")
            if role in HEADINGS:
                headings.append((HEADINGS[role], str(elem.get("/T", ""))))
            _claims(elem, page_number, parents, claimed, found)
    if not any(claimed.values()):
        found.add("nothing is tagged as content: every mark is an artifact")
    _heading_order(headings, found)
    _outline(doc, headings, found)
    for key in sorted(set(found.content) | set(claimed), key=lambda k: (k[0], k[1] or 0)):
        marked, owned = found.content.get(key, set()), claimed.get(key, set())
        where = f"page {key[0]}" + (" (in a form)" if key[1] is not None else "")
        for mcid in sorted(marked - owned)[:3]:
            found.add(f"{where}: MCID {mcid} is in the content but no element claims it")
        for mcid in sorted(owned - marked)[:3]:
            found.add(f"{where}: the structure claims MCID {mcid}, which is not in the content")


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _parent_tree(tree: pikepdf.Object) -> dict[int, pikepdf.Object]:
    out: dict[int, pikepdf.Object] = {}
    stack = [tree.get("/ParentTree")] if "/ParentTree" in tree else []
    while stack:
        node = stack.pop()
        nums = list(node.get("/Nums", []))
        for n in range(0, len(nums), 2):
            out[int(nums[n])] = nums[n + 1]
        stack += list(node.get("/Kids", []))
    return out


def _claims(
    elem: pikepdf.Object,
    page_number: dict[tuple[int, int], int],
    parents: dict[int, pikepdf.Object],
    claimed: dict[tuple[int, int | None], set[int]],
    found: _Found,
) -> None:
    """Record the MCIDs `elem` claims; each must lead back to `elem` through the ParentTree."""
    pg = elem.get("/Pg")
    for kid in _as_list(elem.get("/K")):
        stream_obj = None
        if isinstance(kid, int | pikepdf.Object) and not isinstance(kid, pikepdf.Dictionary):
            mcid, page_obj = int(kid), pg
        elif kid.get("/Type") == Name.MCR:
            mcid, page_obj = int(kid.MCID), kid.get("/Pg", pg)
            stream_obj = kid.get("/Stm")
        else:
            continue
        if page_obj is None:
            found.add(f"MCID {mcid} of a {elem.get('/S')} element has no page")
            continue
        page = page_number[page_obj.objgen]
        form = stream_obj.objgen[0] if stream_obj is not None else None
        claimed.setdefault((page, form), set()).add(mcid)
        owner = stream_obj if stream_obj is not None else page_obj
        row = parents.get(int(owner.get("/StructParents", -1)))
        if row is None or mcid >= len(row) or row[mcid].objgen != elem.objgen:
            found.add(f"page {page}: the ParentTree does not lead MCID {mcid} to its element")


def _heading_order(headings: list[tuple[int, str]], found: _Found) -> None:
    if headings and headings[0][0] != 1:
        found.add(f"the first heading is H{headings[0][0]}, not H1")
    for (before, _), (level, title) in itertools.pairwise(headings):
        if level > before + 1:
            found.add(f"H{level} {title!r} follows an H{before}: a level is skipped")


def _outline(doc: pikepdf.Pdf, headings: list[tuple[int, str]], found: _Found) -> None:
    """Each bookmark, in order, is a heading of its level with its words."""
    with doc.open_outline() as outline:
        marks = list(_bookmarks(outline.root, 1))
    rest = iter(headings)
    for level, title in marks:
        if not any(h == (level, title) for h in rest):
            found.add(f"the bookmark {title!r} (level {level}) is not a heading H{level}")
            return


def _bookmarks(items: list[pikepdf.OutlineItem], level: int) -> Iterator[tuple[int, str]]:
    for item in items:
        yield level, str(item.title)
        yield from _bookmarks(list(item.children), level + 1)
