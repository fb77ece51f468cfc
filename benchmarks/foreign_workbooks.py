"""Workbooks the app did not write, at any size, for benchmarks/bench_import_scale.py.

Each is written with plain openpyxl in a shape districts keep (the small, hand-made versions
are in tests/messy_inventories.py and tests/data/import_corpus/), grown to `rows` data rows:

- `spending`: a business office's spending plan: title lines, a two-row merged header,
  a bold funding-source line above each block and a `=SUM` subtotal below it, program names
  with descriptions, money, FTE, goal references ("Goals 1 & 2"), sites, tier and evidence,
  and a Goals sheet;
- `actions`: an LCAP's goals and actions: a "Goal N: ..." row above its actions "N.M", money
  in four fund columns and a `=SUM` total per row;
- `ledger`: a finance system's account detail: one line per fund, resource and object code
  with the object's description, five lines per program, a report total at the end.

Names repeat the way real inventories' do (the same program under two funding sources), and
every value is deterministic for a given size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

WORDS = [
    "Reading",
    "Literacy",
    "Math",
    "Tutoring",
    "Attendance",
    "Outreach",
    "Coaching",
    "Family",
    "Nights",
    "Summer",
    "Bridge",
    "Counseling",
    "Wellness",
    "Science",
    "Lab",
    "Arts",
    "Music",
    "Robotics",
    "Mentoring",
    "Career",
    "Pathways",
    "Dual",
    "Enrollment",
    "Early",
    "College",
    "Newcomer",
    "English",
    "Learner",
    "Support",
    "Behavior",
    "Restorative",
    "Practices",
    "Library",
    "Digital",
    "Devices",
    "Transportation",
    "Nutrition",
    "Preschool",
    "Kindergarten",
    "Readiness",
]
SOURCES = ("Title I-A", "ESSER III", "Title IV-A", "LCFF Base", "Title II-A", "IDEA Part B")
TIERS = ("Tier 1", "Tier 2", "Tier 3", "Universal", "Targeted", "Intensive", None)
EVIDENCE = ("Strong", "Moderate", "Promising", "Demonstrates a Rationale", None)
SITES = ("All elementary", "Lincoln; Adams", "District-wide", "Title I schools", "All sites")
OBJECTS = (
    ("1100", "Certificated Teacher Salaries"),
    ("2100", "Classified Instructional Aide Salaries"),
    ("3101", "STRS Benefits"),
    ("4300", "Materials and Supplies"),
    ("5200", "Travel and Conferences"),
    ("5800", "Professional Services"),
)


GOALS = (
    ("Goal #", "Goal", "Measure"),
    (1, "Early Literacy", "Grade 3 ELA proficiency"),
    (2, "Math Proficiency", "Grade 8 math proficiency"),
    (3, "Attendance and Engagement", "Chronic absence rate"),
)


def _book(title: str, *lines: list[Any]) -> tuple[Workbook, Worksheet]:
    """A new workbook whose first sheet is `title`, starting with `lines`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for line in lines:
        ws.append(line)
    return wb, ws


def _name(n: int) -> str:
    a, b, c = WORDS[n % len(WORDS)], WORDS[(n // 7) % len(WORDS)], n // 49
    return f"{a} {b} {c}" if c else f"{a} {b}"


def _money(n: int) -> float:
    return float(1000 + (n * 7919) % 400_000) + (n % 4) * 0.25


def write_spending(path: Path, rows: int) -> Path:
    wb, ws = _book("Spending Plan 26-27")
    ws.append(["Maple Valley Unified School District"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["ESSER III and Title Spending Plan, 2026-27 (Board approved June 2026)"])
    ws.append([])
    ws.append(
        [
            "Program / Activity",
            "Description",
            "Funding",
            None,
            None,
            "Goal(s)",
            "Sites",
            "MTSS Tier",
            "Evidence",
        ]
    )
    ws.append([None, None, "Source", "Budget 2026-27", "FTE"])
    for col in "ABFGHI":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("C4:E4")
    block = 25
    n = 0
    last = 5  # the last row written (ws.max_row walks every cell: quadratic over a sheet)
    while n < rows:
        source = SOURCES[(n // block) % len(SOURCES)]
        ws.append([source.upper()])
        first = last + 2
        last = first + min(block, rows - n) - 1
        for _ in range(min(block, rows - n)):
            goals = ("Goal 1", "Goals 1 & 2", "2", "1,3", "Goal 3: Attendance")[n % 5]
            ws.append(
                [
                    _name(n),
                    f"{WORDS[(n * 3) % len(WORDS)]} support for grades {n % 9}-{n % 9 + 3}",
                    source,
                    _money(n),
                    (n % 5) * 0.5 or None,
                    goals,
                    SITES[n % len(SITES)],
                    TIERS[n % len(TIERS)],
                    EVIDENCE[n % len(EVIDENCE)],
                ]
            )
            n += 1
        ws.append([f"Subtotal - {source}", None, None, f"=SUM(D{first}:D{last})"])
        last += 1
    ws.append(["* Budgeted amounts, not actuals. Source: Business Services."])
    goals = wb.create_sheet("Goals")
    for line in GOALS:
        goals.append(list(line))
    wb.save(path)
    return path


def write_actions(path: Path, rows: int) -> Path:
    wb, ws = _book("Action Tables")
    ws.append(["2025-26 Local Control and Accountability Plan (LCAP)"])
    ws.append(["Sierra Vista Unified School District"])
    ws.append(["Goals and Actions - Total Planned Expenditures Table"])
    ws.append([])
    ws.append(
        [
            "Goal #",
            "Action #",
            "Action Title / Goal Description",
            "Student Group(s)",
            "Contributing to Increased or Improved Services?",
            "LCFF Funds",
            "Other State Funds",
            "Local Funds",
            "Federal Funds",
            "Total Funds",
        ]
    )
    per_goal = 40
    n = 0
    goal = 0
    r = 5  # the last row written (ws.max_row walks every cell: quadratic over a sheet)
    while n < rows:
        goal += 1
        ws.append([goal, None, f"Goal {goal}: {WORDS[goal % len(WORDS)]} for every student."])
        r += 1
        for action in range(1, min(per_goal, rows - n) + 1):
            r += 1
            money = _money(n)
            ws.append(
                [
                    None,
                    f"{goal}.{action}",
                    _name(n),
                    ("All", "EL, FY, LI", "LI")[n % 3],
                    ("Yes", "No")[n % 2],
                    round(money / 2, 2),
                    None if n % 3 else round(money / 4, 2),
                    round(money / 4, 2),
                    None if n % 4 else round(money / 8, 2),
                    f"=SUM(F{r}:I{r})",
                ]
            )
            n += 1
    wb.save(path)
    return path


def write_ledger(path: Path, rows: int) -> Path:
    wb, ws = _book("Account Detail")
    ws.append(["Budget Detail by Program - Fiscal Year 2026-27"])
    ws.append([])
    ws.append(
        [
            "Fund",
            "Resource",
            "Object",
            "Object Description",
            "Goal",
            "Program",
            "Program Name",
            "Budget",
        ]
    )
    lines_per_program = 5  # 100,000 lines make 20,000 programs: within one plan
    total = 0.0
    for n in range(rows):
        program = n // lines_per_program
        code, description = OBJECTS[n % len(OBJECTS)]
        amount = _money(n) / 10
        total += amount
        ws.append(
            [
                "010",
                ("3010", "4035", "3213", "0000")[program % 4],
                code,
                description,
                f"{1000 + (program % 3) * 1000}",
                f"{5000 + program}",
                _name(program),
                amount,
            ]
        )
    ws.append(["Report Total", None, None, None, None, None, None, round(total, 2)])
    wb.save(path)
    return path


SHAPES: dict[str, Callable[[Path, int], Path]] = {
    "spending": write_spending,
    "actions": write_actions,
    "ledger": write_ledger,
}
