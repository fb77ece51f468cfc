"""Formulas without stored results: a workbook written by a script (issue 23).

An office suite saves each formula's result beside it; a file written by a program often
holds only the formula (`<f>SUM(H7:J7)</f><v/>`), and a reader of stored values sees an
empty cell: the money would silently be $0. Here the common arithmetic a budget sheet uses
is computed from the sheet's own cells: numbers, cell references, + - * / ^, comparisons,
SUM, IF, MIN, MAX, ROUND, ABS and AVERAGE over ranges. A formula beyond that (another
sheet, a lookup) is never guessed at: its cells are named in a note, so the planner can
open and save the file in Excel or LibreOffice, which stores every result.

The sheet's XML is scanned as bytes in chunks, as sheet_xml.py does (never parsed, so
nothing in it is expanded); shared formulas are moved to each cell they are copied to.
"""

from __future__ import annotations

import operator
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from coherence_planner.storage.spreadsheets.sheet import Row, Sheet, column_letter
from coherence_planner.storage.spreadsheets.sheet_xml import CHUNK, column_index, overlapping_chunks

Cell = tuple[int, int]  # (row, column), 1-based

_CELL = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]{1,3})(\d+)"[^>/]*>(.*?)</(?:\w+:)?c>', re.DOTALL)
_FORMULA = re.compile(rb"<(?:\w+:)?f(\s[^>]*)?(?:/>|>([^<]*)</(?:\w+:)?f>)")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]+)</(?:\w+:)?v>")
_SHARED = re.compile(rb'\bsi="(\d+)"')
_HIDDEN_COL = re.compile(rb"<(?:\w+:)?col\s[^>]*>")


def hidden_columns(path: Path, member: str) -> set[int]:
    """The columns (1-based) the sheet hides; `<cols>` comes before the sheet's data."""
    with zipfile.ZipFile(path) as archive, archive.open(member) as src:
        head = src.read(CHUNK)
    head = head.split(b"sheetData", 1)[0]
    hidden: set[int] = set()
    for match in _HIDDEN_COL.finditer(head):
        tag = match.group(0)
        if not re.search(rb'\shidden="(1|true)"', tag):
            continue
        low = re.search(rb'\smin="(\d+)"', tag)
        high = re.search(rb'\smax="(\d+)"', tag)
        if low and high:
            hidden.update(range(int(low.group(1)), min(int(high.group(1)), 200) + 1))
    return hidden


def formulas_without_results(path: Path, member: str) -> dict[Cell, str]:
    """Each cell holding a formula and no stored result, with its formula (no "=")."""
    found: dict[Cell, str] = {}
    masters: dict[bytes, tuple[str, Cell]] = {}
    copies: list[tuple[Cell, bytes]] = []
    for data in overlapping_chunks(path, member):
        for match in _CELL.finditer(data):
            formula = _FORMULA.search(match.group(3))
            if formula is None:
                continue
            cell = (int(match.group(2)), column_index(match.group(1).decode()))
            text = (formula.group(2) or b"").decode("utf-8", "replace")
            shared = _SHARED.search(formula.group(1) or b"")
            if shared and text:
                masters[shared.group(1)] = (_unescape(text), cell)
            if _VALUE.search(match.group(3)):
                continue  # a stored result: read as it is
            if text:
                found[cell] = _unescape(text)
            elif shared:
                copies.append((cell, shared.group(1)))
    for cell, index in copies:
        if index in masters:
            found[cell] = _moved(*masters[index], cell)
    return found


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


_REF = re.compile(r"(?<![A-Za-z_!])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])")


def _moved(formula: str, origin: Cell, cell: Cell) -> str:
    """A shared formula as copied from `origin` to `cell` (relative references move)."""
    rows, cols = cell[0] - origin[0], cell[1] - origin[1]

    def move(match: re.Match[str]) -> str:
        col_abs, letters, row_abs, number = match.groups()
        col = column_index(letters) if col_abs else column_index(letters) + cols
        row = int(number) if row_abs else int(number) + rows
        return f"{col_abs}{column_letter(col)}{row_abs}{row}"

    return _REF.sub(move, formula)


class Unsupported(Exception):
    """A formula this module does not compute (it is named to the person instead)."""


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)|(?P<str>\"(?:[^\"]|\"\")*\")|"
    r"(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<func>[A-Z][A-Z0-9.]*)\s*\(|"
    r"(?P<ref>\$?[A-Z]{1,3}\$?\d+)|(?P<op><>|<=|>=|[-+*/^(),=<>&]))"
)


def _tokens(formula: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    position, text = 0, formula.strip().lstrip("=")
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            if text[position:].strip() == "":
                break
            raise Unsupported(text[position:])
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        position = match.end()
    return out


def _ref_cell(ref: str) -> Cell:
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", ref)
    if match is None:
        raise Unsupported(ref)
    return int(match.group(2)), column_index(match.group(1))


_FUNCTIONS: dict[str, Callable[[list[float]], float]] = {
    "SUM": sum,
    "MIN": lambda xs: min(xs, default=0.0),
    "MAX": lambda xs: max(xs, default=0.0),
    "AVERAGE": lambda xs: sum(xs) / len(xs) if xs else 0.0,
    "ABS": lambda xs: abs(xs[0]),
    "ROUND": lambda xs: round(xs[0], int(xs[1]) if len(xs) > 1 else 0),
}


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "<>": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}


class _Parser:
    """Recursive descent over one formula's tokens; cells are read through `value`."""

    def __init__(self, tokens: list[tuple[str, str]], value: Callable[[Cell], Any]) -> None:
        self.tokens, self.at, self.value = tokens, 0, value

    def peek(self) -> str:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        if self.at >= len(self.tokens):
            raise Unsupported("the formula ends too soon")
        self.at += 1
        return self.tokens[self.at - 1]

    def expect(self, text: str) -> None:
        if self.take()[1] != text:
            raise Unsupported(f"expected {text}")

    def parse(self) -> Any:
        result = self.comparison()
        if self.at != len(self.tokens):
            raise Unsupported(self.peek())
        return result

    def comparison(self) -> Any:
        left = self.additive()
        if self.peek() in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            right = self.additive()
            return _COMPARE[op](*_comparable(left, right))
        return left

    def additive(self) -> Any:
        result = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            right = _number(self.term())
            result = _number(result) + right if op == "+" else _number(result) - right
        return result

    def term(self) -> Any:
        result = self.power()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            right = _number(self.power())
            if op == "/" and right == 0:
                raise Unsupported("a division by zero")
            result = _number(result) * right if op == "*" else _number(result) / right
        return result

    def power(self) -> Any:
        result = self.unary()
        while self.peek() == "^":
            self.take()
            result = _number(result) ** _number(self.unary())
        return result

    def unary(self) -> Any:
        if self.peek() in ("-", "+"):
            op = self.take()[1]
            operand = _number(self.unary())
            return -operand if op == "-" else operand
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            found = self.value(_ref_cell(text))
            return "" if found is None else found
        if kind == "func":
            return self.call(text.upper())
        if text == "(":
            result = self.comparison()
            self.expect(")")
            return result
        raise Unsupported(text)

    def call(self, name: str) -> Any:
        if name == "IF":
            condition = self.comparison()
            self.expect(",")
            then = self.comparison()
            otherwise: Any = False
            if self.peek() == ",":
                self.take()
                otherwise = self.comparison()
            self.expect(")")
            return then if _truthy(condition) else otherwise
        if name not in _FUNCTIONS:
            raise Unsupported(name)
        numbers: list[float] = []
        while True:
            if self.at < len(self.tokens) and self.tokens[self.at][0] == "range":
                numbers.extend(self.range_numbers(self.take()[1]))
            else:
                argument = self.comparison()
                if argument != "":
                    numbers.append(_number(argument))
            if self.peek() == ",":
                self.take()
                continue
            self.expect(")")
            return _FUNCTIONS[name](numbers)

    def range_numbers(self, text: str) -> list[float]:
        first, last = (_ref_cell(part) for part in text.split(":"))
        out: list[float] = []
        for row in range(min(first[0], last[0]), max(first[0], last[0]) + 1):
            for col in range(min(first[1], last[1]), max(first[1], last[1]) + 1):
                found = self.value((row, col))
                if isinstance(found, int | float) and not isinstance(found, bool):
                    out.append(float(found))  # SUM skips text and blanks, as Excel does
        return out


def _number(value: Any) -> float:
    if value in ("", None):
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError as exc:
        raise Unsupported(f"{value!r} is not a number") from exc


def _comparable(left: Any, right: Any) -> tuple[Any, Any]:
    if isinstance(left, str) or isinstance(right, str):
        return str(left if left is not None else ""), str(right if right is not None else "")
    return _number(left), _number(right)


def _truthy(value: Any) -> bool:
    return bool(value) if not isinstance(value, str) else value.upper() == "TRUE"


def compute_missing(
    sheet: Sheet,
    formulas: dict[Cell, str],
    above: Sequence[tuple[int, tuple[Any, ...]]] = (),
) -> None:
    """Fill the sheet's cells whose formulas have no stored result, and name in
    `sheet.reading_notes` the cells that cannot be computed. `above` holds the rows above
    the table (a rate or an allocation in the title block a formula may refer to)."""
    if not formulas:
        return
    # Rows by number, the table's over the title block's: a formula reads a few cells, and
    # a dictionary of every cell of a 10,000-row sheet was most of this (issue 29).
    lines: dict[int, tuple[Any, ...]] = dict(above)
    lines.update((line.number, line.cells) for line in sheet.rows)
    computed: dict[Cell, Any] = {}
    failed: dict[Cell, str] = {}
    busy: set[Cell] = set()

    def read(cell: Cell) -> Any:
        if cell in formulas:
            return evaluate(cell)
        number, col = cell
        values = lines.get(number, ())
        return values[col - 1] if 0 < col <= len(values) else None

    def evaluate(cell: Cell) -> Any:
        if cell in computed:
            return computed[cell]
        if cell in failed or cell in busy:
            raise Unsupported("depends on a cell that cannot be computed")
        busy.add(cell)
        try:
            result = _Parser(_tokens(formulas[cell]), read).parse()
        except Unsupported:
            failed[cell] = formulas[cell]
            raise
        finally:
            busy.discard(cell)
        if isinstance(result, float) and result.is_integer():
            result = int(result)
        computed[cell] = result
        return result

    for cell in sorted(formulas):
        try:
            evaluate(cell)
        except (Unsupported, RecursionError, OverflowError, ValueError, TypeError):
            failed.setdefault(cell, formulas[cell])
    _fill(sheet, computed)
    if computed:
        sheet.reading_notes.append(
            f"{sheet.place()}: {len(computed)} formula{'s' if len(computed) != 1 else ''} had "
            "no stored result (a file written by a program, not saved by Excel); their values "
            "were computed from the cells they refer to"
        )
    if failed:
        cells = [f"{column_letter(c)}{r}" for r, c in sorted(failed)]
        shown = ", ".join(cells[:8]) + (f" and {len(cells) - 8} more" if len(cells) > 8 else "")
        example = next(iter(failed.values()))
        sheet.reading_notes.append(
            f"{sheet.place()}: cells {shown} hold formulas with no stored result that were "
            f"not computed (such as ={example}), so they were read as empty; open the file "
            "in Excel or LibreOffice, save it, and import it again"
        )


def _fill(sheet: Sheet, computed: dict[Cell, Any]) -> None:
    if not computed:
        return
    by_row: dict[int, dict[int, Any]] = {}
    for (number, col), result in computed.items():
        by_row.setdefault(number, {})[col] = result
    rows: list[Row] = []
    for row in sheet.rows:
        filled = by_row.get(row.number)
        if not filled:
            rows.append(row)
            continue
        cells = list(row.cells)
        for col, result in filled.items():
            if col - 1 < len(cells) and cells[col - 1] in (None, ""):
                cells[col - 1] = result
        rows.append(Row(row.number, tuple(cells)))
    sheet.rows = rows
