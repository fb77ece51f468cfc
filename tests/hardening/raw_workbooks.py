"""Workbooks written as raw XML in a zip: an 8-million-cell sheet in a second or two, where
openpyxl would take minutes to write it. Just what a reader needs (content types, the
workbook, its relationships and the sheets); no styles, as some generators leave them out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def write_workbook(
    path: Path, sheets: list[tuple[str, Iterable[bytes]]], after_rows: bytes = b""
) -> Path:
    """sheets: (title, the <row> elements of its sheetData, in chunks of bytes);
    `after_rows`: what each sheet holds after its sheetData (an extLst, say)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_TYPE}"/>{overrides}'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{title}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (title, _) in enumerate(sheets, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>',
        )
        links = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_PKG}">{links}</Relationships>'
        )
        for i, (_, rows) in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as member:
                member.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
                for chunk in rows:
                    member.write(chunk)
                member.write(b"</sheetData>" + after_rows + b"</worksheet>")
    return path


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def program_rows(
    count: int, header: tuple[str, str] = ("Program Name", "Annual Cost")
) -> Iterable[bytes]:
    """A header row, then `count` programs with a cost, in chunks of 5,000 rows."""
    yield f'<row r="1">{text_cell("A1", header[0])}{text_cell("B1", header[1])}</row>'.encode()
    for start in range(2, count + 2, 5000):
        yield "".join(
            f'<row r="{n}">{text_cell(f"A{n}", f"Program {n}")}<c r="B{n}"><v>{n}</v></c></row>'
            for n in range(start, min(start + 5000, count + 2))
        ).encode()


def number_rows(rows: int, columns: int) -> Iterable[bytes]:
    """`rows` rows of `columns` numbers each, without cell references (as some tools write)."""
    row = b"<c><v>1</v></c>" * columns
    for number in range(1, rows + 1):
        yield b'<row r="%d">%s</row>' % (number, row)
