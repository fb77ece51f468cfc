"""Read an .xlsx workbook into plain sheets of rows, safely (reading.py holds the sheets,
the tables and CSV).

A workbook someone emails the cabinet is untrusted input. Before openpyxl sees it we look at
its first bytes (an encrypted workbook is an OLE file, not a zip) and at the zip's own table
of contents (declared sizes and compression ratios), so a zip bomb is refused before anything
is inflated; then its sheets, rows and cells are counted from the XML (limits.py), so an
oversize workbook is refused in well under 2 s. openpyxl parses with defusedxml, which
refuses entity declarations (billion laughs); we check it is active.

Only the libraries' own errors for a damaged file (DAMAGED) become "is damaged"; an
exception out of this project's code is a bug and reaches the crash dialog (errors.py).
Library warnings ("Unknown extension is not supported", with a site-packages path) are
about openpyxl, not the person's file, and are silenced while reading.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from coherence_planner.storage.spreadsheets.cell_styles import style_marks
from coherence_planner.storage.spreadsheets.formulas import (
    compute_missing,
    formulas_without_results,
    hidden_columns,
)
from coherence_planner.storage.spreadsheets.header_rows import merge_subheader
from coherence_planner.storage.spreadsheets.limits import MAX_ROWS, count_workbook
from coherence_planner.storage.spreadsheets.sheet import Sheet, set_headers
from coherence_planner.storage.spreadsheets.sheet_values import SheetValues
from coherence_planner.storage.spreadsheets.sheet_xml import scan_sheet
from coherence_planner.storage.spreadsheets.tables import (
    HEADER_SEARCH_ROWS,
    ITEM_KINDS,
    MAX_COLUMNS,
    OLE_MAGIC,
    ZIP_MAGIC,
    ReadProgress,
    RowBudget,
    SpreadsheetError,
    build_sheet,
    guessed_kind,
    header_text,
    no_progress,
    reporting,
    trimmed,
)

MAX_MEMBER_BYTES = 300 * 1024 * 1024  # declared uncompressed size of any one zip member
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members bigger than RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
MAX_MEMBERS = 10_000

# What openpyxl, the XML parser and zipfile raise for a damaged workbook (openpyxl passes
# the parser's errors on, and raises KeyError for a missing part, TypeError and ValueError
# for a value of the wrong kind; defusedxml's refusals are ValueErrors).
DAMAGED: tuple[type[BaseException], ...] = (
    ParseError,
    ExpatError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
)


def check_workbook_file(path: Path) -> None:
    """Refuse what openpyxl must not be given: encrypted, non-zip, or zip-bomb files."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise SpreadsheetError(f"{path.name} cannot be opened ({exc.strerror}).") from exc
    if head.startswith(OLE_MAGIC):
        if path.suffix.lower() == ".xls":
            raise SpreadsheetError(
                f"{path.name} is an old-style .xls workbook; open it in Excel and save it "
                "as .xlsx, then import that."
            )
        raise SpreadsheetError(
            f"{path.name} is password-protected; save an unprotected copy and import that."
        )
    if not head.startswith(ZIP_MAGIC):
        raise SpreadsheetError(f"{path.name} is damaged or is not an Excel .xlsx workbook.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise SpreadsheetError(
            f"{path.name} is damaged (its zip structure cannot be read: {exc})."
        ) from exc
    if len(members) > MAX_MEMBERS:
        raise SpreadsheetError(f"{path.name} holds {len(members):,} parts; refusing to read it.")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > RATIO_FLOOR and ratio > MAX_RATIO
        ):
            raise SpreadsheetError(
                f"{path.name} would unpack {info.filename} to "
                f"{info.file_size // (1024 * 1024):,} MB (compressed {ratio:,.0f} to 1); it "
                "looks like a zip bomb, so it was not opened."
            )
    if total > MAX_TOTAL_BYTES:
        raise SpreadsheetError(
            f"{path.name} would unpack to {total // (1024 * 1024):,} MB; it was not opened."
        )


def _fill_merged_headers(
    sheet: Sheet,
    raw_headers: list[str],
    above: list[tuple[int, tuple[Any, ...]]],
    ranges: list[tuple[int, int, int, int]],
) -> None:
    """A blank header cell inside a merged range takes the range's top-left value."""
    rows = {number: cells for number, cells in above}
    rows[sheet.header_row] = tuple(raw_headers)
    filled = list(raw_headers)
    for c1, r1, c2, r2 in ranges:
        if not r1 <= sheet.header_row <= r2:
            continue
        top = rows.get(r1, ())
        value = header_text(top[c1 - 1]) if c1 - 1 < len(top) else ""
        for col in range(c1, c2 + 1):
            while len(filled) < col:
                filled.append("")
            if not filled[col - 1]:
                filled[col - 1] = value
    set_headers(sheet, filled)


def _read_error(where: str, exc: BaseException) -> SpreadsheetError:
    """The message for an exception out of openpyxl, which wraps the parser's own errors."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return SpreadsheetError(
                f"{where} contains XML entity definitions (a way to build an 'XML bomb'); "
                "it was not read."
            )
        cause = cause.__cause__ or cause.__context__
    first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return SpreadsheetError(f"{where} is damaged and cannot be read ({first_line}).")


def read_xlsx(
    path: Path, max_rows: int = MAX_ROWS, progress: ReadProgress = no_progress
) -> list[Sheet]:
    """Every sheet of a workbook, read in read-only (streaming) mode with cached values."""
    check_workbook_file(path)
    try:
        counts = count_workbook(path, lambda sentence: SpreadsheetError(sentence, path))
    except DAMAGED as exc:
        raise _read_error(path.name, exc) from exc
    import openpyxl

    if not openpyxl.DEFUSEDXML or openpyxl.xml.LXML:
        raise SpreadsheetError(
            "openpyxl is not parsing through defusedxml (lxml took its place); "
            "refusing to read workbooks without it."
        )
    _ignore_declared_sizes()
    budget = RowBudget(max_rows, MAX_ROWS)
    # The file is opened here, not by openpyxl, which leaves its own handle open when the
    # workbook fails to load.
    with path.open("rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except DAMAGED as exc:
            raise _read_error(path.name, exc) from exc
        try:
            _refuse_too_many_items(path, workbook.worksheets, counts.rows)
            sheets = [
                _read_worksheet(path, ws, budget, progress, counts.rows)
                for ws in workbook.worksheets
            ]
            title = " ".join(str(workbook.properties.title or "").split())[:200]
            for sheet in sheets:
                sheet.workbook_title = title
            return sheets
        finally:
            workbook.close()


def _ignore_declared_sizes() -> None:
    """Stop read-only openpyxl from looking for each sheet's declared size when it opens a
    workbook. It looks for a <dimension> element, and when a sheet has none it parses the
    whole sheet to find that out (4 s for 40,000 rows, before a limit could be checked); we
    throw the declared size away anyway (reset_dimensions: it may be wrong), and rows and
    cells are counted from the XML beforehand (limits.count_workbook)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = _no_declared_size


def _no_declared_size(self: Any) -> None:
    """The worksheet keeps openpyxl's defaults: no declared last row or column."""


def _counted_rows(ws: Any, counted: dict[str, int]) -> int | None:
    sheet_path = getattr(ws, "_worksheet_path", None)
    return counted.get(str(sheet_path).lstrip("/")) if sheet_path else None


def _refuse_too_many_items(path: Path, worksheets: list[Any], counted: dict[str, int]) -> None:
    """Refuse a workbook whose sheets of items together pass the limit, before reading any
    of them: each sheet's kind from its header (the first rows), its rows as counted."""
    total = 0
    for ws in worksheets:
        rows = _counted_rows(ws, counted)
        if not rows or rows <= HEADER_SEARCH_ROWS:
            continue  # too few to matter; the streamed count still applies
        cells = ws.iter_rows(
            min_row=1, max_row=HEADER_SEARCH_ROWS * 4, max_col=MAX_COLUMNS, values_only=True
        )
        try:
            kind = guessed_kind(
                ws.title, ((n, trimmed(tuple(c))) for n, c in enumerate(cells, start=1))
            )
        except DAMAGED as exc:
            raise _read_error(f"{path.name}, sheet {ws.title!r}", exc) from exc
        if kind in ITEM_KINDS:
            total += rows - 1  # less its header
        if total > MAX_ROWS:
            raise SpreadsheetError(
                f"{path.name} has more than {MAX_ROWS:,} rows of goals, strategies, "
                f"programs and policies (counted up to sheet {ws.title!r}), the most one "
                "import reads; split it, and import the parts one after the other."
            )


def _read_worksheet(
    path: Path, ws: Any, budget: RowBudget, progress: ReadProgress, counted: dict[str, int]
) -> Sheet:
    where = f"{path.name}, sheet {ws.title!r}"
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> must not cut rows off

    sheet_path = getattr(ws, "_worksheet_path", None)
    values = SheetValues(ws, style_marks(ws.parent)) if sheet_path else None

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        if values is None:  # a sheet openpyxl did not find a part for: nothing to read
            return
        cells_read = values.rows()
        while True:
            try:  # only the parser's own reading: its errors mean a damaged sheet
                number, cells = next(cells_read)
            except StopIteration:
                return
            except DAMAGED as exc:
                raise _read_error(where, exc) from exc
            yield number, cells

    sheet, raw_headers, above = build_sheet(
        path.name,
        ws.title,
        reporting(rows(), ws.title, progress),
        budget,
        _counted_rows(ws, counted),
    )
    if sheet_path:
        try:
            marks = scan_sheet(path, sheet_path)
        except DAMAGED as exc:
            raise _read_error(where, exc) from exc
        sheet.merges, sheet.aggregate_rows = marks.merges, marks.aggregate_rows
        sheet.cell_marks = values.marks if values is not None else {}
        if any(not h for h in raw_headers):
            _fill_merged_headers(sheet, raw_headers, above, marks.merges)
        try:
            sheet.hidden_columns = hidden_columns(path, sheet_path)
            compute_missing(sheet, formulas_without_results(path, sheet_path), above)
        except DAMAGED as exc:
            raise _read_error(where, exc) from exc
    merge_subheader(sheet)
    return sheet
