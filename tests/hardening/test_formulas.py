"""Audit case 9: formula-like text in CSV and xlsx exports (OWASP "CSV Injection").

The audit's gaps: a leading space, no-break space, zero-width space, BOM or line feed before
`=`, the full-width `＝ ＋ － ＠`, the small `﹦`, and `|` passed unprefixed; and `'=1+1`
re-imported as `=1+1`. Each is now guarded, and export then import gives the same text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from coherence_planner.cli.spreadsheets import import_spreadsheet
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.storage.document import Document
from coherence_planner.storage.spreadsheets import write_csv, write_xlsx
from coherence_planner.storage.spreadsheets.values import looks_like_formula

HOSTILE = [
    "=1+1",
    " =1+1",
    "\u00a0=1+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    "\n=1+1",
    "\uff1d1+1",
    "\uff0bcmd",
    "\uff0d1",
    "\uff20SUM(A1)",
    "\ufe661+1",
    "|calc",
    "+1 for parents",
    "-Dr. Ñ",
    "@mention",
    "\t=1",
    "\r=1",
]
ORDINARY = ["'=1+1", "''=1+1", "'quoted", "'", "Reading = fun", "1+1=2", "Ña"]


@pytest.mark.parametrize("text", HOSTILE, ids=ascii)
def test_every_formula_start_is_caught(text: str) -> None:
    assert looks_like_formula(text)


def district_with(names: list[str]) -> District:
    district = District(name="D")
    for n, name in enumerate(names, start=1):
        # Names lose surrounding white space on import; notes keep it.
        district.add_item(Program(id=f"P{n}", name=f"Program {n}", notes=name))
    return district


def cells(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return [cell for row in csv.reader(handle) for cell in row]
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    return [str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_no_exported_cell_starts_a_formula(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out.{suffix}"
    district = district_with(HOSTILE)
    if suffix == "csv":
        write_csv(district, path)
    else:
        write_xlsx(district, None, path)
    for cell in cells(path):
        assert not looks_like_formula(cell), ascii(cell)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_text(tmp_path: Path, suffix: str) -> None:
    texts = [t for t in HOSTILE + ORDINARY if t.strip() == t or t.startswith(("\u200b", "\ufeff"))]
    district = district_with(texts)
    path = tmp_path / f"out.{suffix}"
    if suffix == "csv":
        write_csv(district, path)
    else:
        write_xlsx(district, None, path)
    plan = tmp_path / "back.coherence"
    import_spreadsheet(path, plan)
    with Document.open(plan) as doc:
        back = {item.name: item.notes for item in doc.district.items.values()}
    for item in district.items.values():
        assert back[item.name] == item.notes, (ascii(item.notes), ascii(back[item.name]))
