"""The file written with the structure's small objects packed into compressed object streams
(PDF 1.5+), which reportlab's open-source edition does not write.

A report's structure tree is tens of thousands of small dictionaries (41,000 at 10,000
programs): each written as an indirect object of its own, they would triple the file (a
10,000-program report 6.5 MB against 2.0 MB packed). So this is reportlab's own
PDFDocument.format, object by object, except that the structure's objects go into object
streams of 100, and the cross-reference table is a stream (the only kind that can point
into an object stream)."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFFile, PDFIndirectObject
from reportlab.pdfbase.pdfdoc import format as pdf_format

PER_STREAM = 100  # objects per object stream (as qpdf packs them)
_ENTRY = struct.Struct(">BIH")  # type, offset or object stream, generation or index
_W = b"[ 1 4 2 ]"


class Packable:
    """A mixin: the objects that go into object streams (no streams; generation 0)."""

    __slots__ = ()


def _object(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n%s\nendobj\n" % (number, body)


def _stream(number: int, keys: bytes, data: bytes) -> bytes:
    data = zlib.compress(data)
    head = b"<< %s /Filter /FlateDecode /Length %d >>" % (keys, len(data))
    return _object(number, head + b"\nstream\n" + data + b"\nendstream")


def format_packed(doc: Any) -> bytes:
    """`doc` (reportlab's PDFDocument, unencrypted) written as PDFDocument.format writes it,
    the Packable objects in object streams."""
    doc.encrypt.prepare(doc)
    if doc.encrypt.info():
        raise ValueError("an encrypted PDF cannot be packed")  # (the app never encrypts)
    root, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
    out = doc.__accum__ = PDFFile(doc._pdfVersion)  # objects may ask where they are
    entries: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    packed: list[tuple[int, bytes]] = []
    number = 0
    # Objects are registered while others are written: numbers grow during the loop.
    while (number := number + 1) in doc.numberToId:
        name = doc.numberToId[number]
        obj = doc.idToObject[name]
        if isinstance(obj, Packable):
            packed.append((number, pdf_format(obj, doc, toplevel=1)))
            continue
        offset = out.add(PDFIndirectObject(name, obj).format(doc))
        doc.idToOffset[name] = offset
        entries[number] = (1, offset, 0)
    del doc.__accum__
    for start in range(0, len(packed), PER_STREAM):
        chunk = packed[start : start + PER_STREAM]
        index, bodies, at = [], [], 0
        for n, (obj_number, body) in enumerate(chunk):
            index.append(b"%d %d" % (obj_number, at))
            bodies.append(body)
            at += len(body) + 1
            entries[obj_number] = (2, number, n)
        head = b" ".join(index) + b"\n"
        keys = b"/Type /ObjStm /N %d /First %d" % (len(chunk), len(head))
        entries[number] = (1, out.offset, 0)
        out.add(_stream(number, keys, head + b"\n".join(bodies) + b"\n"))
        number += 1
    # The cross-reference stream, its own entry included; then where it starts.
    entries[number] = (1, out.offset, 0)
    table = b"".join(_ENTRY.pack(*entries[n]) for n in range(number + 1))
    trailer = b"/Type /XRef /Size %d /W %s /Root %s /Info %s /ID %s" % (
        number + 1,
        _W,
        pdf_format(root, doc),
        pdf_format(info, doc),
        doc.ID().split(b"%")[0].strip(),
    )
    start = out.offset
    out.add(_stream(number, trailer, table))
    out.add(b"startxref\n%d\n%%%%EOF\n" % start)
    return out.format(doc)  # type: ignore[no-any-return]
