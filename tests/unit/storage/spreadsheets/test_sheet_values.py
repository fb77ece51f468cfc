"""The one-pass sheet reader (sheet_values.py) against read-only openpyxl, on the cells a
workbook may hold, and its refusal of entities (issue 29)."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import coherence_planner.storage.spreadsheets  # noqa: F401  (openpyxl through defusedxml)
from coherence_planner.storage.spreadsheets.reading import SpreadsheetError, read_spreadsheet
from coherence_planner.storage.spreadsheets.sheet_values import SheetValues
from coherence_planner.storage.spreadsheets.tables import MAX_COLUMNS, trimmed

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROWS = (
    # A header, then a row of every kind of cell: shared string, number, float, bool, error,
    # a formula's text, a date by its style, an ISO date, rich and phonetic inline text.
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Cost</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Started</t></is></c></row>'
    '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>120000</v></c><c r="C2" s="1">'
    '<v>45000</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c>'
    '<c r="F2" t="str"><f>A2</f><v>Read Well</v></c><c r="G2" t="d"><v>2026-08-01</v></c>'
    '<c r="H2" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r>'
    '<rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c></row>'
    # Rows left out (3, 4), cells without a reference, an empty value, a formula without a
    # stored result, empty strings at the end, a cell past the last column read.
    '<row r="5"><c t="inlineStr"><is><t>No ref</t></is></c><c><v>2.5E3</v></c><c><v></v></c>'
    '<c r="D5"><f>B5*2</f></c><c r="E5" t="inlineStr"><is><t></t></is></c>'
    f'<c r="{openpyxl.utils.get_column_letter(MAX_COLUMNS + 1)}5"><v>9</v></c></row>'
    # A row without a number (the next one), then one out of order (openpyxl skips it).
    '<row><c r="A6" t="inlineStr"><is><t>Next</t></is></c><c r="C6" s="1"><v>1e9</v></c></row>'
    '<row r="3"><c r="A3"><v>1</v></c></row>'
)


def _workbook(path: Path, rows: str, doctype: str = "") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = dt.datetime(2026, 1, 1)  # style 1: a date
    wb.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    # openpyxl writes strings inline; an office suite keeps them in a shared table.
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{MAIN}"><si><t>Program Name</t></si>'
        "<si><r><t>Read </t></r><r><t>Well</t></r></si></sst>"
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument'
        b'/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?>{doctype}<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        f"{rows.replace('<', '<x:').replace('<x:/', '</x:')}</x:sheetData></x:worksheet>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


def _openpyxl_rows(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.active
    ws.reset_dimensions()
    rows = ws.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
    with warnings.catch_warnings():  # "marked as a date but ... outside the limits"
        warnings.simplefilter("ignore")
        out = [(n, trimmed(tuple(cells))) for n, cells in enumerate(rows, start=1)]
    wb.close()
    return out


def test_values_are_read_as_read_only_openpyxl_reads_them(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "cells.xlsx", ROWS)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ours = list(SheetValues(wb.active, []).rows())
    wb.close()
    assert ours == _openpyxl_rows(path)
    assert ours[1][1][:8] == (
        "Read Well",
        120000,
        dt.datetime(2023, 3, 15),
        True,
        "#N/A",
        "Read Well",
        dt.date(2026, 8, 1),
        "Rich text",
    )
    assert ours[4][1] == ("No ref", 2500.0)
    assert ours[5] == (6, ("Next", None, "#VALUE!"))  # no date has that serial number
    assert len(ours) == 6


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entities_in_a_sheet_are_refused_by_name(tmp_path: Path, doctype: str) -> None:
    path = _workbook(tmp_path / "entities.xlsx", ROWS, doctype)
    with pytest.raises(SpreadsheetError, match=r"entities.xlsx.*XML entity definitions"):
        read_spreadsheet(path)
