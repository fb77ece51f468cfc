"""Rows that are not items: totals by words, by formula, by value; headings; notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from coherence_planner.domain.model.district import District
from coherence_planner.storage.spreadsheets import plan_import, read_spreadsheet
from coherence_planner.storage.spreadsheets.sheet_xml import adds_up_other_rows


def workbook(path: Path, rows: list[list[Any]], merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Programs"
    ws.append(["Program", "Annual Cost", "Grades"])
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def names_and_notes(path: Path) -> tuple[list[str], str]:
    plan = plan_import(read_spreadsheet(path), None, District())
    return [c.item.name for c in plan.creates], "\n".join(plan.notes)


def test_total_words_skip_the_row_and_the_note_names_it(tmp_path: Path) -> None:
    rows = [
        ["Read Well", 100, "K-3"],
        ["Math Boost", 200, "6-8"],
        ["Subtotal - Title I-A", 300, None],
        ["Report Total", 300, None],
        [None, "Total", None],  # the word beside a blank name
    ]
    names, notes = names_and_notes(workbook(tmp_path / "w.xlsx", rows))
    assert names == ["Read Well", "Math Boost"]
    assert "row 4 'Subtotal - Title I-A' (a total); row 5 'Report Total' (a total)" in notes
    assert "row 6 'Total' (a total)" in notes


def test_a_sum_formula_row_is_a_total_even_without_a_word_or_a_value(tmp_path: Path) -> None:
    rows = [["Read Well", 100, "K-3"], ["Math Boost", 200, "6-8"], ["Title I-A", "=SUM(B2:B3)"]]
    names, notes = names_and_notes(workbook(tmp_path / "f.xlsx", rows))
    assert names == ["Read Well", "Math Boost"]  # openpyxl stores no cached value: None
    assert "row 4 'Title I-A' (a total (it adds up the rows above))" in notes


def test_a_formula_over_its_own_row_is_not_a_total() -> None:
    assert adds_up_other_rows("=SUM(D7:D9)", 10)
    assert adds_up_other_rows("=SUBTOTAL(9,D7:D9)", 10)
    assert adds_up_other_rows("=D10+D16+D19", 21)
    assert not adds_up_other_rows("=B5+C5", 5)
    assert not adds_up_other_rows("=SUM(B5:E5)", 5)
    assert not adds_up_other_rows("=B5*C5", 5)


def test_a_value_equal_to_the_sum_of_the_rows_above_is_a_total(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "Program,Annual Cost,Grades\n"
        "Read Well,100,K-3\nMath Boost,250.50,6-8\nTitle I,350.50,\n"
        "Coaching,40,K-5\nMentors,40,9-12\nESSER,80,\n"
        "All funds,430.50,\n"
        "Twin,430.50,K\n",  # same amount, but a program: it has grades
        encoding="utf-8",
    )
    names, notes = names_and_notes(path)
    assert names == ["Read Well", "Math Boost", "Coaching", "Mentors", "Twin"]
    assert "row 4 'Title I' (a total (it equals the sum of the 2 rows above))" in notes
    assert "row 7 'ESSER' (a total (it equals the sum of the 2 rows above))" in notes
    assert "row 8 'All funds' (a total (it equals the sum of the 4 rows above))" in notes


def test_headings_and_notes_are_skipped_but_a_bare_program_name_is_kept(tmp_path: Path) -> None:
    rows = [
        ["Title I, Part A", None, None],  # merged across: a band
        ["Read Well", 100, "K-3"],
        ["ESSER III", None, None],  # capitals with a space
        ["Goal 2: Math", None, None],
        ["AVID", None, None],  # a program with nothing filled in yet
        ["* Budgeted amounts, not actuals.", None, None],
        [None, None, None],
        ["Source: business office", None, None],
    ]
    names, notes = names_and_notes(workbook(tmp_path / "h.xlsx", rows, merge="A2:C2"))
    assert names == ["Read Well", "AVID"]
    assert "row 2 'Title I, Part A' (a heading)" in notes
    assert "row 4 'ESSER III' (a heading)" in notes
    assert "row 5 'Goal 2: Math' (a heading)" in notes
    assert "row 7 '* Budgeted amounts, not actuals.' (a note)" in notes
    assert "row 9 'Source: business office' (a note)" in notes
