"""A blank inventory workbook to fill in: the columns the import expects, one example row
per kind, and a short instructions sheet. It is written with the export's own code, so a
filled-in template imports with no mapping to adjust.
"""

from __future__ import annotations

from pathlib import Path

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Link, Policy, Program, Strategy
from coherence_planner.storage.spreadsheets.writing import build_workbook, save_workbook

INSTRUCTIONS = (
    "How to fill in this inventory",
    "",
    "One row per item on the Goals, Strategies, Programs and Policies sheets. Only Name is "
    "required; leave a cell blank when you do not know.",
    "Leave ID blank for new rows; the app gives each new item an ID. Keep the IDs of rows "
    "that came from the app, so a re-import updates them instead of adding copies.",
    "Grades: K-3, 6-8, PK, Kindergarten, 9th-12th, or K, 1, 2. Blank means every grade.",
    "Money: 120000, $120,000, 1.2M or 12k. FTE: 1.5. Years: 2027, June 2027 or 2026-27.",
    "MTSS tier: 1, 2, 3 (or Tier II). ESSA evidence: Strong, Moderate, Promising, "
    "Rationale, or None.",
    "Lists (subjects, students, schools): separate entries with commas or semicolons.",
    "Links: one row per link. From supports To (a program supports a strategy or a goal). "
    "Name items by ID or by their exact name. Kind is supports or conflicts.",
    "Delete the example rows before importing.",
)


def example_district() -> District:
    """The example rows: one goal, strategy, program and policy, linked up."""
    district = District()
    district.add_item(Goal(id="G1", name="Every student reads on grade level by grade 3"))
    district.add_item(
        Strategy(id="S1", name="Tiered literacy support", themes=["effective-use-of-data"])
    )
    district.add_item(
        Program(
            id="P1",
            name="Phonics intervention block",
            type="intervention",
            tier=2,
            grades=["K-3"],
            subjects=["ela"],
            populations=["below-benchmark"],
            annual_cost=120000,
            fte=1.5,
            students_served=300,
            funding_source="Title I",
            funding_ends=2027,
            evidence_tier=2,
            owner="Director of Literacy",
        )
    )
    district.add_item(Policy(id="B1", name="Instructional minutes", code="BP 6142"))
    district.add_link(Link("P1", "S1"))
    district.add_link(Link("S1", "G1", strength="strong"))
    district.add_link(Link("B1", "G1", strength="weak"))
    return district


def write_template(path: str | Path) -> None:
    """Write the template workbook (atomically): instructions first, then the kinds."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = build_workbook(example_district(), None)  # write-only: style cells as added
    sheet = workbook.create_sheet("Instructions", 0)
    sheet.column_dimensions["A"].width = 110
    title, wrapped = Font(bold=True, size=14), Alignment(wrap_text=True, vertical="top")
    for number, line in enumerate(INSTRUCTIONS, start=1):
        cell = WriteOnlyCell(sheet, line)
        if number == 1:
            cell.font = title
        elif number >= 3:
            cell.alignment = wrapped
        sheet.append([cell])
    workbook.active = 0
    save_workbook(workbook, path)
