"""The structure tree written by reportlab itself as it writes the file (its open-source
edition writes none): StructTreeRoot, the ParentTree that maps each page's (and form's) MCIDs
and each link annotation back to its element, the document's language, title and XMP.

Each element is a small reportlab object that writes itself from its tree node when reportlab
writes the file, straight to bytes: nothing is held twice, no copy of the finished PDF is
reopened. (The tree was once written after the layout by reopening the PDF with pikepdf: at
10,000 programs its 41,000 elements cost 70-80 MB of peak memory and 1-7 s.)"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream, PDFString

from coherence_planner.reports.tagging.marks import Tagger
from coherence_planner.reports.tagging.packing import Packable, format_packed
from coherence_planner.reports.tagging.tree import Annot, Mark, Node
from coherence_planner.reports.tagging.xmp import xmp_packet

TRUE = "true"  # (a PDF boolean, written as is)
PDF_1_7 = (1, 7)  # ISO 32000-1, the version PDF/UA-1 builds on


class _Element(Packable, PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """One structure element, written from its node when the file is written."""

    __slots__ = ("__InternalName__", "node", "parent", "writer")

    def __init__(self, writer: _Writer, node: Node, parent: int) -> None:
        self.writer, self.node, self.parent = writer, node, parent

    def format(self, document: Any) -> bytes:
        node, writer = self.node, self.writer
        out = [b"<< /Type /StructElem /S /%s /P %d 0 R" % (node.role.encode(), self.parent)]
        home = node.page
        if home is not None:
            out.append(b" /Pg %d 0 R" % writer.page_numbers[home])
        if node.alt is not None:
            out.append(b" /Alt " + PDFString(node.alt).format(document))
        if node.title is not None:
            out.append(b" /T " + PDFString(node.title).format(document))
        if node.scope is not None:
            out.append(b" /A << /O /Table /Scope /%s >>" % node.scope.encode())
        out.append(b" /K [ " + b" ".join(writer.kids(node)) + b" ] >>")
        return b"".join(out)


class _Row(Packable, PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """A ParentTree entry: the element owning each MCID of one content stream."""

    def __init__(self, owners: dict[int, int]) -> None:
        self.owners = owners

    def format(self, document: Any) -> bytes:
        owners = self.owners
        size = max(owners) + 1 if owners else 0
        row = [b"%d 0 R" % owners[n] if n in owners else b"null" for n in range(size)]
        return b"[ " + b" ".join(row) + b" ]"


class _Writer:
    """Registers the elements with the reportlab document `doc` (so each has its object
    number), and puts the ParentTree's keys on its pages, forms and link annotations."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.pages = doc.Pages.pages
        self.page_numbers = [self.number(doc.Reference(page)) for page in self.pages]
        self.next_key = len(self.pages)
        # (page, form) -> MCID -> the object number of the element that owns it
        self.owners: dict[tuple[int, str | None], dict[int, int]] = defaultdict(dict)
        self.parent_rows: dict[int, bytes] = {}  # ParentTree key -> what it leads to
        self.elements: dict[int, int] = {}  # id(node) -> its element's object number
        self.links: dict[tuple[int, int], int] = {}  # (page, index) -> the link's number
        self.tabs: set[int] = set()  # pages with a link that belongs to an element

    def number(self, ref: Any) -> int:
        return int(self.doc.idToObjectNumberAndVersion[ref.name][0])

    def register(self, root: Node, parent: int) -> int:
        """Register every element (depth first, the reading order), note which element owns
        each MCID and each link, and key the links in that order; the root's number."""
        stack: list[tuple[Node, int]] = [(root, parent)]
        while stack:
            node, parent = stack.pop()
            number = self.number(self.doc.Reference(_Element(self, node, parent)))
            self.elements[id(node)] = number
            for kid in node.kids:
                if isinstance(kid, Mark):
                    self.owners[(kid.page, kid.form)][kid.mcid] = number
                elif isinstance(kid, Annot):
                    self._key_link(kid, number)
            stack += [(kid, number) for kid in reversed(node.kids) if isinstance(kid, Node)]
        return self.elements[id(root)]

    def _key_link(self, annot: Annot, owner: int) -> None:
        key = self.next_key
        self.next_key += 1
        self.parent_rows[key] = b"%d 0 R" % owner
        ref = self.pages[annot.page].Annots[annot.index]
        self.links[(annot.page, annot.index)] = self.number(ref)
        target = self.doc.idToObject[ref.name]
        target.permitted = (*target.permitted, "StructParent")
        target.otherkw["StructParent"] = key
        self.tabs.add(annot.page)

    def kids(self, node: Node) -> list[bytes]:
        home, out = node.page, []
        for kid in node.kids:
            if isinstance(kid, Node):
                out.append(b"%d 0 R" % self.elements[id(kid)])
            elif isinstance(kid, Mark):
                if kid.form is None and kid.page == home:
                    out.append(b"%d" % kid.mcid)  # on the element's own page: the MCID alone
                    continue
                page = self.page_numbers[kid.page]
                stm = b"" if kid.form is None else b" /Stm %d 0 R" % self._form_number(kid.form)
                out.append(b"<< /Type /MCR /Pg %d 0 R /MCID %d%s >>" % (page, kid.mcid, stm))
            else:
                link, page = self.links[(kid.page, kid.index)], self.page_numbers[kid.page]
                out.append(b"<< /Type /OBJR /Obj %d 0 R /Pg %d 0 R >>" % (link, page))
        return out

    def _form_number(self, form: str) -> int:
        return int(self.doc.idToObjectNumberAndVersion[form][0])

    def parent_tree(self) -> Any:
        """The number tree: each page's row, each form's, each link's element."""
        forms = sorted((k for k in self.owners if k[1] is not None), key=lambda k: (k[0], k[1]))
        for page, form in forms:
            key = self.next_key
            self.next_key += 1
            self.parent_rows[key] = self._row(self.owners[(page, form)])
            _key_form(self.doc.idToObject[form], key)
        for n, page_obj in enumerate(self.pages):
            page_obj.__NoDefault__ = [*page_obj.__NoDefault__, "StructParents", "Tabs"]
            page_obj.StructParents = n
            page_obj.Tabs = PDFName("S") if n in self.tabs else None  # tab order: the structure
            self.parent_rows[n] = self._row(self.owners.get((n, None), {}))
        flat = b" ".join(
            b"%d %s" % (key, self.parent_rows[key]) for key in sorted(self.parent_rows)
        )
        return self.doc.Reference(_Bytes(b"<< /Nums [ " + flat + b" ] >>"))

    def _row(self, owners: dict[int, int]) -> bytes:
        return b"%d 0 R" % self.number(self.doc.Reference(_Row(owners)))


class _Bytes(PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """An object already written."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def _key_form(form: Any, key: int) -> None:
    """Give a form XObject its /StructParents: reportlab makes the form's stream when it
    writes it, unless the form has one already, so it gets one here with the key in it."""
    stream = PDFStream(PDFDictionary({"StructParents": key}), form.stream)
    stream.__Comment__ = "xobject form stream"
    form.Contents = stream


def write_structure(doc: Any, tags: Tagger, lang: str, title: str) -> None:
    """Put the structure `tags` recorded into the reportlab document `doc`, before it is
    written: the elements are written as reportlab writes the file."""
    writer = _Writer(doc)
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    document = writer.register(tags.root, writer.number(root_ref))
    root.dict["K"] = _Bytes(b"[ %d 0 R ]" % document)
    root.dict["ParentTree"] = writer.parent_tree()
    root.dict["ParentTreeNextKey"] = writer.next_key
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": TRUE})
    catalog.Lang = PDFString(lang)
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": TRUE})
    # The XMP says what the information dictionary says, and the title, which PDF/UA reads
    # from the XMP; and the PDF/UA identification (tagging/xmp.py).
    catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp_packet(doc.info, doc._timeStamp, title),
    )
    doc._pdfVersion = max(tuple(doc._pdfVersion), PDF_1_7)
    # The elements packed into object streams, the file a third of the size (packing.py).
    doc.format = lambda: format_packed(doc)
