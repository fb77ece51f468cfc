"""The structure tree written into a finished PDF with pikepdf (reportlab's open-source
edition writes none): StructTreeRoot, the ParentTree that maps each page's (and form's) MCIDs
and each link annotation back to its element, the document's language and title shown."""

from __future__ import annotations

import io
import warnings
from collections import defaultdict
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from coherence_planner.reports.tagging.marks import Tagger
from coherence_planner.reports.tagging.tree import Annot, Mark, Node

Owners = dict[tuple[int, str | None], dict[int, pikepdf.Object]]


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.owners: Owners = defaultdict(dict)  # (page, form) -> MCID -> element
        self.nums: dict[int, pikepdf.Object] = {}
        self.next_key = len(self.pages)
        self.forms: dict[tuple[int, str], pikepdf.Object] = {}

    def form(self, page: int, name: str) -> pikepdf.Object:
        if (page, name) not in self.forms:
            self.forms[(page, name)] = self.pages[page].Resources.XObject[Name("/" + name)]
        return self.forms[(page, name)]

    def element(self, node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        # Every key but the kids at once: each assignment is a call into qpdf, and a
        # 2,000-program report has about 10,000 elements.
        keys: dict[str, Any] = {"/Type": Name.StructElem, "/S": Name("/" + node.role), "/P": parent}
        home = node.page
        if home is not None:
            keys["/Pg"] = self.pages[home]
        if node.alt is not None:
            keys["/Alt"] = pikepdf.String(node.alt)
        if node.title is not None:
            keys["/T"] = pikepdf.String(node.title)
        if node.scope is not None:
            keys["/A"] = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        elem = self.pdf.make_indirect(Dictionary(keys))
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(self.element(kid, elem))
            elif isinstance(kid, Mark):
                kids.append(self.mark(kid, home, elem))
            else:
                kids.append(self.annotation(kid, elem))
        elem.K = kids
        return elem

    def mark(self, mark: Mark, home: int | None, elem: pikepdf.Object) -> pikepdf.Object | int:
        self.owners[(mark.page, mark.form)][mark.mcid] = elem
        if mark.form is None and mark.page == home:
            return mark.mcid  # on the element's own page: the MCID alone
        ref = Dictionary(Type=Name.MCR, Pg=self.pages[mark.page], MCID=mark.mcid)
        if mark.form is not None:
            ref.Stm = self.form(mark.page, mark.form)
        return ref

    def annotation(self, annot: Annot, elem: pikepdf.Object) -> pikepdf.Object:
        page = self.pages[annot.page]
        target = page.Annots[annot.index]
        target.StructParent = self.next_key
        self.nums[self.next_key] = elem
        self.next_key += 1
        page.Tabs = Name.S  # the tab order follows the structure (PDF/UA)
        return Dictionary(Type=Name.OBJR, Obj=target, Pg=page)

    def parent_tree(self) -> pikepdf.Object:
        for (page, form), owners in sorted(
            self.owners.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        ):
            row = Array([owners.get(n, None) for n in range(max(owners) + 1)])
            if form is None:
                key = page
            else:
                key = self.next_key
                self.next_key += 1
                self.form(page, form).StructParents = key
            self.nums[key] = self.pdf.make_indirect(row)
        for n, page_obj in enumerate(self.pages):
            page_obj.StructParents = n
            self.nums.setdefault(n, self.pdf.make_indirect(Array()))
        flat: list[Any] = []
        for key in sorted(self.nums):
            flat += [key, self.nums[key]]
        return self.pdf.make_indirect(Dictionary(Nums=Array(flat)))


def write_structure(data: bytes, tags: Tagger, lang: str, title: str) -> bytes:
    """`data`, a PDF drawn on a TaggedCanvas, with the structure `tags` recorded."""
    pdf = pikepdf.open(io.BytesIO(data))
    writer = _Writer(pdf)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = writer.element(tags.root, root)
    root.K = Array([document])
    root.ParentTree = writer.parent_tree()
    root.ParentTreeNextKey = writer.next_key
    catalog = pdf.Root
    catalog.StructTreeRoot = root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = pikepdf.String(lang)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        # The XMP says what the information dictionary says (author, subject…), and the
        # title, which PDF/UA reads from the XMP.
        with warnings.catch_warnings():  # (reportlab's /Trapped has no XMP equivalent)
            warnings.simplefilter("ignore", UserWarning)
            meta.load_from_docinfo(pdf.docinfo)
        meta["dc:title"] = title
        # The PDF/UA identification: without it a PDF/UA-1 validator (veraPDF, PAC) fails the
        # file at its first rule (ISO 14289-1, 5) whatever its tags. What it claims is held
        # by tests/pdf_tags_check.py on every PDF the suite prints.
        meta["pdfuaid:part"] = "1"
    out = io.BytesIO()
    # Thousands of small element dictionaries: packed into compressed object streams they
    # take a third of the room (a 200-program report: 1.08 MB loose, 0.36 MB packed, the
    # untagged file 0.27 MB), and the file is written faster.
    # PDF 1.7 (ISO 32000-1), the version PDF/UA-1 builds on.
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.7")
    return out.getvalue()
