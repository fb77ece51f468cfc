"""One pass over a worksheet's XML: its values row by row, and the cells that stand out.

Read-only openpyxl builds an element tree for every cell and a rich-text object for every
inline string, and its rows carry no styles, so the import read each sheet twice (values
through openpyxl, styles by a byte scan, cell_styles.py): two thirds of reading a 10,000-row
sheet (issue 29). Here one expat parser streams the sheet once, keeping only what the import
uses: each row's values, as openpyxl's `iter_rows(values_only=True)` gives them (the same
types, dates and shared strings, rows padded where the sheet skips some), and the marked
cells (bold, shaded, indented) by their style numbers.

The workbook itself (its sheets, styles, shared strings and date formats) is still opened by
openpyxl through defusedxml. This parser refuses entity declarations and external entities
as defusedxml does, so an XML bomb in a sheet is refused by name (workbooks._read_error).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden

from coherence_planner.storage.spreadsheets.cell_styles import MAX_MARKED_CELLS, PLAIN, Mark
from coherence_planner.storage.spreadsheets.sheet_xml import column_index
from coherence_planner.storage.spreadsheets.tables import MAX_COLUMNS, trimmed

CHUNK = 256 * 1024
_DIGITS = "0123456789"


def _no_entities(name: str, *args: Any) -> None:
    """An entity declared in a sheet (the way to an XML bomb) stops the reading."""
    raise EntitiesForbidden(name, None, None, None, None, None)


def _no_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


class SheetValues:
    """The rows of one worksheet of a read-only openpyxl workbook `ws`, read by `rows()`;
    once they are read, `marks` holds row -> column -> Mark for the cells not plain (empty
    when more than MAX_MARKED_CELLS are: a sheet banded all over says nothing)."""

    def __init__(self, ws: Any, styles: list[Mark]) -> None:
        book = ws.parent
        self._archive: zipfile.ZipFile = book._archive
        self._member: str = ws._worksheet_path
        self._strings: Any = ws._shared_strings
        self._dates: set[int] = set(book._date_formats)
        self._durations: set[int] = set(book._timedelta_formats)
        self._epoch = book.epoch
        self._styles = styles if any(mark != PLAIN for mark in styles) else []
        self.marks: dict[int, dict[int, Mark]] = {}
        self._marked = 0
        self._columns: dict[str, int] = {}
        # Parser state: the sheet's data, the row and the cell being read.
        self._in_data = False
        self._row: list[tuple[int, Any]] | None = None
        self._row_number = 0
        self._column = 0
        self._type = "n"
        self._style = 0
        self._text: list[str] | None = None
        self._value: str | None = None
        self._inline: list[str] | None = None
        self._phonetic = 0
        self._done: list[tuple[int, list[tuple[int, Any]]]] = []

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values without the empty ones at the end), every row from 1 on."""
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._chars
        parser.EntityDeclHandler = _no_entities
        parser.UnparsedEntityDeclHandler = _no_entities
        parser.ExternalEntityRefHandler = _no_external
        expected = 1
        with self._archive.open(self._member) as src:
            while True:
                chunk = src.read(CHUNK)
                parser.Parse(chunk, not chunk)
                done, self._done = self._done, []
                for number, cells in done:
                    if number < expected:
                        continue  # a row out of order: openpyxl's reader skips it too
                    while expected < number:  # rows the sheet leaves out are empty
                        yield expected, ()
                        expected += 1
                    yield number, _values(cells)
                    expected += 1
                if not chunk:
                    return

    def _chars(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if self._row is not None:
            if name == "c":
                self._cell(attrs)
            elif name == "v":
                self._text = []
            elif name == "is":
                self._inline = []
            elif name == "t" and self._inline is not None and not self._phonetic:
                self._text = []
            elif name == "rPh":
                self._phonetic += 1
        elif name == "row" and self._in_data:
            self._row = []
            number = attrs.get("r")
            if number is None:
                self._row_number += 1
            else:
                self._row_number = _row_number(number)
            self._column = 0
        elif name == "sheetData":
            self._in_data = True

    def _cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip(_DIGITS)
            column = self._columns.get(letters)
            if column is None:
                column = self._columns[letters] = _column_index(letters)
            self._column = column
        else:
            self._column += 1
        self._type = attrs.get("t", "n")
        style = attrs.get("s")
        self._style = int(style) if style else 0
        self._value = None
        if self._styles and self._style < len(self._styles):
            mark = self._styles[self._style]
            if mark != PLAIN:
                self._mark(mark)

    def _mark(self, mark: Mark) -> None:
        if self._marked > MAX_MARKED_CELLS:
            return
        cells = self.marks.setdefault(self._row_number, {})
        if self._column not in cells:
            self._marked += 1
            cells[self._column] = mark
        if self._marked > MAX_MARKED_CELLS:
            self.marks = {}

    def _end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if self._row is None:
            if name == "sheetData":
                self._in_data = False
            return
        if name == "v":
            self._value = "".join(self._text or ())
            self._text = None
        elif name == "t" and self._text is not None:
            if self._inline is not None:
                self._inline.append("".join(self._text))
            self._text = None
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "c":
            value = self._cell_value()
            if value is not None and self._column <= MAX_COLUMNS:
                self._row.append((self._column, value))
            self._inline = None
        elif name == "row":
            self._done.append((self._row_number, self._row))
            self._row = None

    def _cell_value(self) -> Any:
        """The cell's value as read-only openpyxl gives it with cached values."""
        kind, text = self._type, self._value
        if kind == "inlineStr":
            return "".join(self._inline) if self._inline is not None else None
        if not text:
            return None
        if kind == "n":
            number = _number(text)
            if self._style in self._dates:
                return self._date(number)
            return number
        if kind == "s":
            return self._strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(text)
        return text  # "str" (a formula's text), "e" (an error such as #N/A)

    def _date(self, number: float) -> Any:
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(number, self._epoch, timedelta=self._style in self._durations)
        except (OverflowError, ValueError):
            return "#VALUE!"  # a serial number no date has: openpyxl's reading of it


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if not value.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(value)


def _column_index(letters: str) -> int:
    # A cell reference here is the sheet's own text, not a pattern's match: checked first.
    if not letters or not letters.isalpha() or len(letters) > 3:
        raise ValueError(f"{letters!r} is not a column of a spreadsheet")
    return column_index(letters.upper())


def _values(cells: list[tuple[int, Any]]) -> tuple[Any, ...]:
    """A row's values by column, without the empty ones at the end."""
    if not cells:
        return ()
    width = max(column for column, _ in cells)
    values: list[Any] = [None] * width
    for column, value in cells:
        values[column - 1] = value
    return trimmed(tuple(values))
