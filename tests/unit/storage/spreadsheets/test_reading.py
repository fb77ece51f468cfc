"""Reading real-world inventories, and refusing hostile files quickly with a clear message."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from coherence_planner.storage.spreadsheets.reading import (
    SpreadsheetError,
    read_spreadsheet,
)


def messy_workbook(path: Path) -> Path:
    """A district's inventory as it arrives: title rows, merged two-row header, blank rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Programs"
    ws["A1"] = "Riverside USD — Program Inventory 2026-27"
    ws.merge_cells("A1:E1")
    ws["A2"] = "Prepared by the Office of Curriculum"
    ws["A3"] = "Program Name"
    ws.merge_cells("A3:A4")
    ws["B3"] = "Details"
    ws.merge_cells("B3:D3")
    ws["B4"], ws["C4"], ws["D4"], ws["E4"] = "Grade Band", "Annual Cost ($)", "ESSA Tier", "Site(s)"
    ws.append(["Read Well", "K-3", "$120,000", "Tier 1 (Strong)", "Lincoln; Adams"])
    ws.append([])
    ws.append(["Math Boost", "Grades 6-8", 45000, "Promising", None])
    ws.append([None, None, None, None, None])
    ws.append(["Peer Tutors", "9th-12th", "12k", "n/a", "All"])
    policies = wb.create_sheet("Policies")
    policies.append(["Policy", "Code", "Adopted"])
    policies.append(["Instructional minutes", "BP 6142", 2019])
    wb.create_sheet("Notes")["A1"] = "call vendor about renewal"
    wb.save(path)
    return path


def test_messy_workbook_finds_headers_rows_and_kinds(tmp_path: Path) -> None:
    programs, policies, notes = read_spreadsheet(messy_workbook(tmp_path / "inventory.xlsx"))
    assert programs.kind == "program"
    assert programs.header_row == 4
    assert programs.headers == [
        "Program Name",
        "Grade Band",
        "Annual Cost ($)",
        "ESSA Tier",
        "Site(s)",
    ]
    assert [r.number for r in programs.rows] == [5, 7, 9]
    assert programs.cell(programs.rows[0], "Annual Cost ($)") == "$120,000"
    assert programs.place(programs.rows[1], "Grade Band") == (
        "inventory.xlsx, sheet 'Programs', row 7, column 'Grade Band'"
    )
    assert policies.kind == "policy"
    assert notes.kind is None


def test_a_wrong_dimension_record_does_not_cut_rows(tmp_path: Path) -> None:
    path = tmp_path / "dim.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Program Name", "Cost"])
    for i in range(20):
        wb.active.append([f"P{i}", i])
    wb.save(path)
    _rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:B3"/>', xml, count=1
        ),
    )
    (sheet,) = read_spreadsheet(path)
    assert len(sheet.rows) == 20


def _rewrite_member(path: Path, member: str, change: object) -> None:
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    changed = change(parts[member])  # type: ignore[operator]
    assert changed != parts[member], "the test meant to change this part"
    parts[member] = changed
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


# ----------------------------------------------------------------------------- csv


def test_windows_1252_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "programs.csv"
    text = (
        "Inventaire des programmes\r\n\r\nProgram Name;Cost;Notes\r\n"
        "Café Club;1.200;déjà vu\r\nSeñor Math;$3,000;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    (sheet,) = read_spreadsheet(path)
    assert sheet.headers == ["Program Name", "Cost", "Notes"]
    assert sheet.header_row == 3
    assert [r.cells for r in sheet.rows] == [
        ("Café Club", "1.200", "déjà vu"),
        ("Señor Math", "$3,000", None),
    ]
    assert sheet.kind == "program"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_utf8_csv_with_or_without_bom_and_tabs(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "inventory.csv"
    path.write_bytes("Program Name\tGrade Band\nLectura – K\tK–5\n".encode(encoding))
    (sheet,) = read_spreadsheet(path)
    assert sheet.headers == ["Program Name", "Grade Band"]
    assert sheet.rows[0].cells == ("Lectura – K", "K–5")


def test_huge_csv_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Program Name,Cost\n" + "".join(f"P{i},{i}\n" for i in range(200_000)))
    start = time.perf_counter()
    with pytest.raises(SpreadsheetError, match=r"big.csv has more than 120,000 rows"):
        read_spreadsheet(path)
    assert time.perf_counter() - start < 5


def test_xlsx_row_cap_names_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Programs"
    wb.active.append(["Program Name"])
    for i in range(120):
        wb.active.append([f"P{i}"])
    wb.save(path)
    # The rows are counted from the XML before reading a row ...
    with pytest.raises(
        SpreadsheetError,
        match=r"many.xlsx, sheet 'Programs' has more than 50 rows",
    ):
        read_spreadsheet(path, max_rows=50)
    # ... whatever the file declares.
    _rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", xml, count=1),
    )
    with pytest.raises(
        SpreadsheetError,
        match=r"many.xlsx, sheet 'Programs' has more than 50 "
        r"rows",
    ):
        read_spreadsheet(path, max_rows=50)


# ----------------------------------------------------------------------------- hostile


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(SpreadsheetError) as err:
        read_spreadsheet(path)
    assert str(err.value) == (
        "locked.xlsx is password-protected; save an unprotected copy and import that."
    )


def test_truncated_workbook(tmp_path: Path) -> None:
    good = messy_workbook(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(SpreadsheetError, match=r"^cut.xlsx is damaged"):
        read_spreadsheet(path)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("hello")
    with pytest.raises(SpreadsheetError, match=r"notes\.xlsx is damaged or is not an Excel"):
        read_spreadsheet(path)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(
        SpreadsheetError,
        match=r"bomb.xlsx would unpack xl/media/image1.bin.*"
        r"zip bomb",
    ):
        read_spreadsheet(path)
    assert time.perf_counter() - start < 10  # a hang guard, not a benchmark


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_billion_laughs(tmp_path: Path, member: str) -> None:
    path = messy_workbook(tmp_path / "laughs.xlsx")
    _rewrite_member(path, member, lambda _: BILLION_LAUGHS)
    with pytest.raises(SpreadsheetError, match=r"laughs.xlsx.*XML entity definitions"):
        read_spreadsheet(path)


def test_openpyxl_reads_with_defusedxml() -> None:
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "inventory.pdf"
    path.write_text("x")
    with pytest.raises(SpreadsheetError, match="not a spreadsheet this app reads"):
        read_spreadsheet(path)


def test_a_far_away_cell_is_refused_without_walking_a_million_rows(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Program Name"])
    wb.active.append(["Read Well"])
    wb.active["A1048576"] = "x"
    wb.save(path)
    _rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", xml, count=1),
    )
    start = time.perf_counter()
    with pytest.raises(SpreadsheetError, match=r"far.xlsx, sheet 'Sheet' runs past row"):
        read_spreadsheet(path)
    assert time.perf_counter() - start < 10  # a hang guard, not a benchmark: CI machines vary


def test_a_two_row_header_under_a_merged_group_is_one_header(tmp_path: Path) -> None:
    from tests.messy_inventories import write_esser_workbook

    plan, goals = read_spreadsheet(write_esser_workbook(tmp_path / "esser.xlsx"))
    assert plan.header_row == 5 and plan.rows[0].number == 6
    assert plan.headers == [
        "Program / Activity",
        "Description",
        "Funding Source",  # "Source" alone names nothing: the group's word joins it
        "Budget 2026-27",  # names the cost on its own
        "FTE",
        "Goal(s)",
        "Sites",
        "MTSS Tier",
        "Evidence",
    ]
    assert plan.preamble[0] == "Maple Valley Unified School District"
    assert plan.aggregate_rows == {10, 16, 19, 21}
    assert goals.headers == ["Goal #", "Goal", "Measure"]
