"""The XMP metadata of a tagged PDF: what the information dictionary says (title, author,
subject, keywords, the programs that made it, the dates), and the PDF/UA identification,
without which a PDF/UA-1 validator (veraPDF, PAC) fails the file at its first rule
(ISO 14289-1, 5) whatever its tags. What it claims is held by tests/pdf_tags_check.py on
every PDF the suite prints."""

from __future__ import annotations

import re
from typing import Any
from xml.sax import saxutils

_DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
_PDF = 'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
_XMP = 'xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
_UA = 'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
# What XML 1.0 cannot hold at all, escaped or not (a name may carry any of it).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    return saxutils.escape(_NOT_XML.sub("", text))


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


def _date(stamp: Any) -> str:
    """reportlab's time stamp (the one its information dictionary's dates are written from)
    in ISO 8601."""
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "-" if stamp.dhh < 0 else "+"
    return (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        f"{sign}{abs(stamp.dhh):02d}:{stamp.dmm:02d}"
    )


def xmp_packet(info: Any, stamp: Any, title: str) -> bytes:
    """The XMP packet for reportlab's information dictionary `info` written at `stamp`, with
    `title` (the document's, which PDF/UA reads from here)."""
    date = _date(stamp)
    fields = [
        f"<dc:creator {_DC}><rdf:Seq><rdf:li>{escape(str(info.author))}</rdf:li></rdf:Seq>"
        "</dc:creator>",
        f"<dc:description {_DC}>{_alt(str(info.subject))}</dc:description>",
        f"<dc:title {_DC}>{_alt(title)}</dc:title>",
        f"<pdf:Keywords {_PDF}>{escape(str(info.keywords))}</pdf:Keywords>",
        f"<pdf:Producer {_PDF}>{escape(str(info.producer))}</pdf:Producer>",
        f"<xmp:CreateDate {_XMP}>{date}</xmp:CreateDate>",
        f"<xmp:CreatorTool {_XMP}>{escape(str(info.creator))}</xmp:CreatorTool>",
        f"<xmp:ModifyDate {_XMP}>{date}</xmp:ModifyDate>",
        f"<pdfuaid:part {_UA}>1</pdfuaid:part>",
    ]
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f' <rdf:Description rdf:about="">{"".join(fields)}</rdf:Description></rdf:RDF>\n'
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return text.encode("utf-8")
