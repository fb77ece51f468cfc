"""Issue 24: reading a workbook called the project's own bugs "damaged" (an `except
Exception` around the sheet-building code), against errors.py's contract that any
exception other than a KnownError is a bug for the crash dialog; and openpyxl's warnings
(a line with a site-packages path) reached the person on ordinary workbooks.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest

from coherence_planner.storage.spreadsheets import workbooks
from coherence_planner.storage.spreadsheets.reading import SpreadsheetError, read_spreadsheet
from tests.hardening.raw_workbooks import program_rows, write_workbook


def inventory(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Programs"
    workbook.active.append(["Program Name", "Annual Cost"])
    workbook.active.append(["Reading Recovery", 1000])
    workbook.save(path)
    return path


class OurBug(RuntimeError):
    """Stands for a mistake in this project's code."""


def broken(*args: object, **kwargs: object) -> None:
    raise OurBug("a bug in the sheet-building code")


@pytest.mark.parametrize("where", ["merge_subheader", "scan_sheet", "build_sheet"])
def test_a_bug_in_our_code_is_not_called_a_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = inventory(tmp_path / "inventory.xlsx")
    monkeypatch.setattr(workbooks, where, broken)
    with pytest.raises(OurBug):
        read_spreadsheet(path)


def test_a_damaged_sheet_is_still_called_damaged(tmp_path: Path) -> None:
    rows = [
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Program Name</t></is></c></row>',
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Reading</is></c></row>',
    ]  # unclosed <t>
    path = write_workbook(tmp_path / "broken.xlsx", [("Programs", rows)])
    with pytest.raises(SpreadsheetError, match=r"broken.xlsx, sheet 'Programs' is damaged"):
        read_spreadsheet(path)


def test_library_warnings_never_reach_the_person(tmp_path: Path) -> None:
    # Excel's own extensions (here: its conditional formatting) make openpyxl warn
    # "... extension is not supported and will be removed" while the rows are read.
    extension = (
        b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas'
        b'.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext>'
        b"</extLst>"
    )
    path = write_workbook(tmp_path / "plain.xlsx", [("Programs", program_rows(3))], extension)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (sheet,) = read_spreadsheet(path)
    assert len(sheet.rows) == 3
    assert [str(w.message) for w in caught] == []
