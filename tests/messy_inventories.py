"""Three inventories shaped like the ones districts really keep, written by code.

None of them was designed around the importer: they copy what a district's business office,
its finance system and an outside consultant hand a planner (title blocks, merged two-row
headers, fund bands with subtotals and a grand total, split funding, a ledger with one line
per object code, European decimals, Excel date serials, "approx. 120", goal references
written five ways). Each comes with what the spreadsheet *means*, written out by hand from
the rows, so a test can compare what the import made against it to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font


@dataclass(frozen=True)
class Meaning:
    """What a person reading the spreadsheet would say is in it."""

    district: str
    programs: dict[str, Decimal]  # program name -> annual cost (the sum of its lines)
    goals: list[str] = field(default_factory=list)  # goal names, in order
    links: dict[str, set[str]] = field(default_factory=dict)  # program -> goal names it serves

    @property
    def total(self) -> Decimal:
        return sum(self.programs.values(), Decimal(0))


# ----------------------------------------------------------------------------- ESSER / Title


ESSER_GOALS = ["Early Literacy", "Math Proficiency", "Attendance and Engagement"]

ESSER_MEANING = Meaning(
    district="Maple Valley Unified School District",
    programs={
        "Read 180 Intervention": Decimal("124500.00"),  # Title I-A line + ESSER III line
        "Instructional Coaches": Decimal("210000.00"),
        "Family Literacy Nights": Decimal("12487.50"),
        "High-Dosage Tutoring": Decimal("350000.00"),
        "Attendance Outreach Team": Decimal("95000.00"),
        "Summer Bridge": Decimal("60000.00"),
        "SEL Curriculum (Second Step)": Decimal("28000.00"),
    },
    goals=ESSER_GOALS,
    links={
        "Read 180 Intervention": {"Early Literacy"},
        "Instructional Coaches": {"Early Literacy", "Math Proficiency"},
        "Family Literacy Nights": {"Early Literacy"},
        "High-Dosage Tutoring": {"Math Proficiency"},
        "Attendance Outreach Team": {"Attendance and Engagement"},
        "Summer Bridge": {"Early Literacy", "Attendance and Engagement"},
        "SEL Curriculum (Second Step)": set(ESSER_GOALS),
    },
)


def write_esser_workbook(path: Path) -> Path:
    """A business office's ESSER III / Title spending plan, with a Goals sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Spending Plan 26-27"
    ws["A1"] = "Maple Valley Unified School District"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:I1")
    ws["A2"] = "ESSER III and Title Spending Plan, 2026-27 (Board approved June 2026)"
    ws.merge_cells("A2:I2")
    # A two-row header: "Funding" spans three columns above Source / Budget / FTE; the
    # other headers are merged down over both rows.
    top = {
        "A4": "Program / Activity",
        "B4": "Description",
        "C4": "Funding",
        "F4": "Goal(s)",
        "G4": "Sites",
        "H4": "MTSS Tier",
        "I4": "Evidence",
    }
    for ref, text in top.items():
        ws[ref] = text
    for col in "ABFGHI":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("C4:E4")
    ws["C5"], ws["D5"], ws["E5"] = "Source", "Budget 2026-27", "FTE"

    rows: list[list[Any] | str] = [
        "TITLE I, PART A - IMPROVING BASIC PROGRAMS",
        [
            "Read 180 Intervention",
            "Reading intervention for grades 6-8",
            "Title I-A",
            84500,
            1.0,
            "Goal 1",
            "Title I schools (Lincoln, Jefferson, Adams)",
            "Tier 2",
            "Moderate",
        ],
        [
            "Instructional Coaches",
            "Literacy and math coaching for K-5 teachers",
            "Title I-A",
            210000,
            2.0,
            "Goals 1 & 2",
            "All elementary",
            "Universal",
            "Demonstrates a Rationale",
        ],
        [
            "Family Literacy Nights",
            "Four evenings a year at each school",
            "Title I-A",
            12487.5,
            None,
            "1",
            "District-wide",
            None,
            "N",
        ],
        ["Subtotal - Title I-A", None, None, "=SUM(D7:D9)", "=SUM(E7:E9)"],
        "ESSER III",
        [
            "Read 180 Intervention",
            "Second teacher for the intervention block",
            "ESSER III",
            40000,
            0.5,
            "Goal 1",
            "Title I schools (Lincoln, Jefferson, Adams)",
            "Tier 2",
            "Moderate",
        ],
        [
            "High-Dosage Tutoring",
            "Three sessions a week, grades 4-8",
            "ESSER III",
            350000,
            4.0,
            "Goal 2: Math Proficiency",
            "Lincoln; Adams; Roosevelt Middle",
            "Tier 2",
            "Strong",
        ],
        [
            "Attendance Outreach Team",
            "Home visits for chronically absent students",
            "ESSER III",
            95000,
            1.5,
            "3",
            "All sites",
            "Intensive",
            "Y",
        ],
        [
            "Summer Bridge",
            "Four weeks before grades K and 6",
            "ESSER III",
            60000,
            None,
            "1,3",
            "All elementary",
            "Targeted",
            "Promising",
        ],
        ["Subtotal - ESSER III", None, None, "=SUM(D12:D15)", "=SUM(E12:E15)"],
        "TITLE IV-A",
        [
            "SEL Curriculum (Second Step)",
            "Core SEL lessons, K-8",
            "Title IV-A",
            28000,
            None,
            "All goals",
            "All elementary",
            "Core",
            "Strong",
        ],
        ["Subtotal - Title IV-A", None, None, "=SUM(D18:D18)", "=SUM(E18:E18)"],
        [],
        ["GRAND TOTAL - ALL FUNDS", None, None, "=D10+D16+D19", "=E10+E16+E19"],
        "* Budgeted amounts, not actuals. Source: Business Services, March 2026.",
    ]
    for number, row in enumerate(rows, start=6):
        if isinstance(row, str):
            ws.cell(number, 1, row).font = Font(bold=True)
            if not row.startswith("*"):
                ws.merge_cells(f"A{number}:I{number}")
            continue
        for col, value in enumerate(row, start=1):
            ws.cell(number, col, value)
    for number in range(7, 22):
        ws.cell(number, 4).number_format = "#,##0.00"

    goals = wb.create_sheet("Goals")
    goals["A1"] = "Maple Valley USD Strategic Plan - Student Goals"
    goals.append([])
    goals.append(["Goal #", "Goal", "Measure"])
    goals.append([1, "Early Literacy", "Grade 3 ELA proficiency"])
    goals.append([2, "Math Proficiency", "Grade 8 math proficiency"])
    goals.append([3, "Attendance and Engagement", "Chronic absence rate"])
    wb.save(path)
    return path


# ----------------------------------------------------------------------------- finance CSV


FINANCE_MEANING = Meaning(
    district="Maple Valley USD",
    programs={
        "Reading Intervention": Decimal("109025.50"),
        "Instructional Coaching": Decimal("214500.00"),
        "High-Dosage Tutoring": Decimal("325000.00"),  # includes a -25,000 transfer line
        "Family Engagement": Decimal("8250.75"),
    },
)

_FINANCE_LINES = [
    ("010", "3010", "1100", "Certificated Teacher Salaries", "5120", "Reading Intervention", 84500),
    ("010", "3010", "3101", "STRS Benefits", "5120", "Reading Intervention", 21125),
    ("010", "3010", "4300", "Materials and Supplies", "5120", "Reading Intervention", 3400.50),
    ("010", "3010", "5800", "Professional Services", "5310", "Instructional Coaching", 120000),
    (
        "010",
        "4035",
        "1100",
        "Certificated Teacher Salaries",
        "5310",
        "Instructional Coaching",
        90000,
    ),
    ("010", "4035", "5200", "Travel and Conferences", "5310", "Instructional Coaching", 4500),
    ("010", "3213", "5800", "Professional Services", "5400", "High-Dosage Tutoring", 350000),
    ("010", "3213", "5800", "Budget Transfer Out", "5400", "High-Dosage Tutoring", -25000),
    ("010", "0000", "4300", "Materials and Supplies", "5500", "Family Engagement", 8250.75),
]


def _us(amount: float) -> str:
    return f"{amount:,.2f}"


def _eu(amount: float) -> str:
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def write_finance_csv(path: Path, european: bool = False) -> Path:
    """A finance system's budget detail export: one line per object code, a report total.

    `european` writes the same report as a European install does: semicolons and
    "52.800,00".
    """
    sep, money = (";", _eu) if european else (",", _us)

    def line(cells: list[str]) -> str:
        return sep.join(f'"{c}"' if sep in c or '"' in c else c for c in cells)

    total = sum(amount for *_, amount in _FINANCE_LINES)
    out = [
        line(["Maple Valley USD - Budget Detail Report", "", "", "", "", "", ""]),
        line(["Fiscal Year 2026-27   Run date 03/14/2026   Page 1", "", "", "", "", "", ""]),
        line(
            [
                "Fund",
                "Resource",
                "Object Code",
                "Object Description",
                "Program",
                "Program Description",
                "Amount",
            ]
        ),
    ]
    for fund, resource, obj, obj_desc, prog, prog_desc, amount in _FINANCE_LINES:
        out.append(line([fund, resource, obj, obj_desc, prog, prog_desc, money(amount)]))
    out.append(line(["", "", "", "", "", "Report Total", money(total)]))
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8-sig" if european else "cp1252")
    return path


# ----------------------------------------------------------------------------- consultant


CONSULTANT_GOALS = [
    "Every student reads on grade level by grade 3",
    "Every student ready for algebra by grade 9",
    "Every student attends and belongs",
]

CONSULTANT_MEANING = Meaning(
    district="Riverbend School District",
    programs={
        "i-Ready Diagnostic": Decimal("52500"),
        "Wilson Reading System": Decimal("42000"),
        "Math Coaching Cycles": Decimal("96000"),
        "Check & Connect Mentoring": Decimal("90000"),
        "Designated ELD": Decimal("180000"),
        "PBIS": Decimal("30000"),
        "Summer Reading Academy": Decimal("75000"),
    },
    goals=CONSULTANT_GOALS,
    links={
        "i-Ready Diagnostic": set(CONSULTANT_GOALS[:2]),
        "Wilson Reading System": {CONSULTANT_GOALS[0]},
        "Math Coaching Cycles": {CONSULTANT_GOALS[1]},
        "Check & Connect Mentoring": {CONSULTANT_GOALS[2]},
        "Designated ELD": {CONSULTANT_GOALS[0], CONSULTANT_GOALS[2]},
        "PBIS": set(CONSULTANT_GOALS),
        "Summer Reading Academy": {CONSULTANT_GOALS[0]},
    },
)

CONSULTANT_HEADERS = [
    "#",
    "Activity / Initiative",
    "Project Description",
    "Goal Served",
    "Tier",
    "Evidence (ESSA)",
    "Start Date",
    "Students Served",
    "Schools",
    "Cost per Student",
    "Annual Cost",
    "Required?",
    "Keep/Modify/Stop",
    "Consultant Notes",
]

CONSULTANT_ROWS: list[list[Any]] = [
    [
        1,
        "i-Ready Diagnostic",
        "Universal screener for reading and math, three times a year",
        "1/2",
        "Universal",
        "Y",
        44805,
        "all",
        "District-wide",
        12.5,
        52500,
        "N",
        "Keep",
        None,
    ],
    [
        2,
        "Wilson Reading System",
        "Structured literacy intervention for grades 2-5",
        "Goal 1",
        "Intensive",
        "Demonstrates a Rationale",
        "Ongoing",
        "approx. 120",
        "Title I schools (Lincoln, Jefferson, Adams)",
        350,
        42000,
        "N",
        "Modify",
        "Narrow to grades 2-3 and train two more interventionists",
    ],
    [
        3,
        "Math Coaching Cycles",
        "Six-week coaching cycles for grades 3-8 math teachers",
        "2",
        "Core",
        "N",
        45170,
        None,
        "All middle schools",
        None,
        96000,
        "N",
        "Keep",
        None,
    ],
    [
        4,
        "Check & Connect Mentoring",
        "Mentors for chronically absent students",
        "Goal 3",
        "Tier 2",
        "Promising",
        2024,
        "approx. 60",
        "Lincoln, Adams",
        1500,
        90000,
        "N",
        "Stop",
        "Overlaps with the attendance team; fold into it",
    ],
    [
        5,
        "Designated ELD",
        "State-mandated daily English language development",
        "1,3",
        "Core",
        "Moderate",
        "Ongoing",
        210,
        "All sites",
        None,
        180000,
        "Y",
        "Keep",
        None,
    ],
    [
        6,
        "PBIS",
        "Positive behavior interventions and supports",
        "All goals",
        "2/3",
        "Y",
        45536,
        "all",
        "All elementary",
        None,
        30000,
        "N",
        "Modify",
        "Add a Tier 3 coordinator",
    ],
    [
        7,
        "Summer Reading Academy",
        "Four-week summer intervention for readers below benchmark",
        "Goal 1: Every student reads on grade level by grade 3",
        "Targeted",
        "Moderate",
        45383,
        "approx. 200",
        "All elementary",
        375,
        75000,
        "N",
        "Stop",
        "Low attendance in 2025",
    ],
]


def write_consultant_workbook(path: Path) -> Path:
    """A consultant's initiative review: a legend line instead of a goals sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Read Me"
    ws["A1"] = "How to use this workbook"
    ws["A3"] = "Fill one row per initiative on the Initiative Inventory sheet."
    inv = wb.create_sheet("Initiative Inventory")
    inv["A1"] = "Riverbend School District"
    inv["A2"] = "Initiative Inventory and Review - prepared by Coherent Schools Consulting"
    inv["A3"] = (
        "Goals: 1 = Every student reads on grade level by grade 3; "
        "2 = Every student ready for algebra by grade 9; 3 = Every student attends and belongs"
    )
    inv.append([])
    inv.append(CONSULTANT_HEADERS)
    for row in CONSULTANT_ROWS:
        inv.append(row)
    last = 5 + len(CONSULTANT_ROWS)
    inv.append([None, "TOTAL", None, None, None, None, None, None, None, None, f"=SUM(K6:K{last})"])
    inv.append([])
    inv.append(["Source: district initiative survey, spring 2026. Costs are estimates."])
    wb.save(path)
    return path
