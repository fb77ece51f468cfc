"""Send a district back out as a workbook (every kind, links, indicators, findings, the
retreat's tables) or CSV.

The workbook is the import's own format: its headers are the field labels of fields.py, its
values are spelt the way `values.py` reads them, and its IDs let a re-import update in place,
so export -> import into an empty district gives the same district. Text that a spreadsheet
would run as a formula (starting with = + - @, tab or CR) is written with a leading "'",
which the import takes off again. Files are written to a temp file and moved into place.
The Findings and retreat sheets (decision log, chosen scenario, ratings, initiative load) are
for reading; the import skips them with a note.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item
from coherence_planner.domain.retreat.tables import retreat_tables
from coherence_planner.storage.atomic import write_atomically
from coherence_planner.storage.spreadsheets.values import needs_guard

MONEY_FORMAT = '"$"#,##0'
MONEY_CENTS_FORMAT = '"$"#,##0.00'
LINK_HEADERS = ("From ID", "From name", "To ID", "To name", "Kind", "Strength", "Rationale")
INDICATOR_HEADERS = (
    "Goal ID",
    "Goal name",
    "Indicator",
    "Unit",
    "Baseline",
    "Current",
    "Target",
    "Target year",
    "Baseline year",
    "Current year",
)
FINDING_HEADERS = (
    "ID",
    "Kind",
    "Name",
    "Orphan",
    "Why orphan",
    "Competing group",
    "Kept",
    "Removal candidate",
    "Removal reasons",
    "Annual cost",
    "FTE",
    "Decision",
)


def neutralise(value: Any) -> Any:
    """Text a spreadsheet could read as a formula gets a leading "'" (values.needs_guard);
    the import removes it again, so export then import gives back the same text."""
    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def item_columns(kind: str, guessed: bool = False) -> list[F.FieldSpec]:
    """The fields a sheet of this kind holds, in fields.py order (indicators have a sheet;
    improvement cycles are not in spreadsheets). The Guessed column only when `guessed`:
    when some item of the sheet has a guess to keep, so a plan without guesses exports as
    it always did."""
    return [
        spec
        for spec in F.fields_of(kind)
        if spec.type not in F.NESTED_TYPES and (guessed or spec.type != F.GUESSED)
    ]


def item_headers(kind: str, guessed: bool = False) -> list[str]:
    return ["ID", *(spec.label for spec in item_columns(kind, guessed))]


def has_guesses(items: Iterable[Item]) -> bool:
    return any(item.guessed for item in items)


def cell_value(spec: F.FieldSpec, value: Any) -> Any:
    """A field's value as a cell shows it (and as `values.parse_field` reads it back)."""
    if value is None:
        return None
    if spec.type == F.GUESSED:
        return ", ".join(F.FIELD_LABELS[name] for name in value)
    if spec.type == F.GRADES:
        tokens: set[str] = set()
        for entry in value:
            tokens.update(vocab.expand_grade(entry))
        return ", ".join(vocab.compact_grades(tokens))
    if isinstance(value, list):
        return ", ".join(value)
    if spec.type == F.BOOL:
        return "yes" if value else "no"
    if spec.name == "evidence_tier":
        return vocab.EVIDENCE_LABELS[value]
    return value


def item_row(item: Item, guessed: bool = False) -> list[Any]:
    return [
        item.id,
        *(cell_value(spec, getattr(item, spec.name)) for spec in item_columns(item.kind, guessed)),
    ]


def _names(district: District, item_id: str) -> str:
    item = district.items.get(item_id)
    return item.name if item else ""


def link_rows(district: District) -> list[list[Any]]:
    return [
        [
            ln.src,
            _names(district, ln.src),
            ln.dst,
            _names(district, ln.dst),
            ln.kind,
            ln.strength,
            ln.rationale,
        ]
        for ln in district.ordered_links()
    ]


def indicator_rows(district: District) -> list[list[Any]]:
    rows = []
    for goal in district.items_of("goal"):
        for ind in getattr(goal, "indicators", []):
            rows.append(
                [
                    goal.id,
                    goal.name,
                    ind.name,
                    ind.unit,
                    ind.baseline,
                    ind.current,
                    ind.target,
                    ind.target_year,
                    ind.baseline_year,
                    ind.current_year,
                ]
            )
    return rows


def finding_rows(district: District, analysis: Analysis) -> list[list[Any]]:
    """One row per item the analysis says something about, in document order."""
    orphans = {f.id: f.reason for f in analysis.orphans}
    group_of: dict[str, int] = {}
    kept: set[str] = set()
    for number, group in enumerate(analysis.competing, start=1):
        for member in group.members:
            group_of[member] = number
        kept.update(group.kept)
    removal = {c.id: c.reasons for c in analysis.removal_candidates}
    rows = []
    for item in district.ordered_items():
        if item.id not in orphans and item.id not in group_of and item.id not in removal:
            continue
        in_group = item.id in group_of
        rows.append(
            [
                item.id,
                vocab.KIND_LABELS[item.kind],
                item.name,
                "yes" if item.id in orphans else "",
                orphans.get(item.id, ""),
                group_of.get(item.id),
                ("yes" if item.id in kept else "no") if in_group else "",
                "yes" if item.id in removal else "",
                "; ".join(removal.get(item.id, [])),
                getattr(item, "annual_cost", None),
                getattr(item, "fte", None),
                getattr(item, "decision", ""),
            ]
        )
    return rows


# ----------------------------------------------------------------------------- xlsx


_BAD_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]+")


def sheet_title(title: str, taken: Iterable[str]) -> str:
    """`title` as an Excel sheet name: no \\ / ? * [ ] :, no apostrophe at either end, at
    most 31 characters, and not a name already in the workbook (case ignored)."""
    name = " ".join(_BAD_SHEET_CHARS.sub(" - ", title).split())[:31].strip().strip("'")
    name = name or "Sheet"
    used = {t.casefold() for t in taken}
    candidate, n = name, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def _add_sheet(
    workbook: Any,
    title: str,
    headers: Iterable[str],
    rows: list[list[Any]],
    money_columns: Iterable[int] = (),
    note: str = "",
) -> None:
    """One sheet of a write-only workbook: the layout first (widths, frozen header, filter),
    then the rows, streamed; only header and money cells carry a style."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(title)
    headers = [str(h) for h in headers]
    for i, header in enumerate(headers):
        longest = max([len(header)] + [len(str(r[i])) for r in rows[:500] if r[i] is not None])
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(longest + 2, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 2)}"
    bold, top = Font(bold=True), Alignment(vertical="top", wrap_text=True)
    head = []
    for header in headers:
        cell = WriteOnlyCell(ws, neutralise(header))
        cell.font, cell.alignment = bold, top
        head.append(cell)
    if note:
        head[0].comment = Comment(note, "Coherence Planner")
    ws.append(head)
    money = sorted(set(money_columns))
    for row in rows:
        values: list[Any] = [neutralise(v) for v in row]
        for col in money:
            value = values[col]
            if isinstance(value, int | float):
                cell = WriteOnlyCell(ws, value)
                whole = float(value).is_integer()
                cell.number_format = MONEY_FORMAT if whole else MONEY_CENTS_FORMAT
                values[col] = cell
        ws.append(values)


def build_workbook(district: District, analysis: Analysis | None) -> Any:
    """The export workbook in memory: one sheet per kind, Links, Indicators (when any),
    Findings (when `analysis`, from `coherence.analyse(district)`, is given), then one sheet
    per retreat table (`retreat_tables`: decision log, chosen scenario, ratings, load)."""
    from openpyxl import Workbook

    # Write-only: rows stream to the file as they are added (the export's floor, measured in
    # benchmarks/bench_spreadsheets.py); a workbook held in memory cell by cell took twice as
    # long. Add sheets and rows only; save once.
    workbook = Workbook(write_only=True)
    for kind in vocab.ITEM_KINDS:
        items = district.items_of(kind)
        guessed = has_guesses(items)
        specs = item_columns(kind, guessed)
        money = [i + 1 for i, spec in enumerate(specs) if spec.type == F.MONEY]
        _add_sheet(
            workbook,
            vocab.KIND_PLURALS[kind],
            item_headers(kind, guessed),
            [item_row(item, guessed) for item in items],
            money,
        )
    _add_sheet(workbook, "Links", LINK_HEADERS, link_rows(district))
    indicators = indicator_rows(district)
    if indicators:
        _add_sheet(workbook, "Indicators", INDICATOR_HEADERS, indicators)
    if analysis is not None:
        _add_sheet(
            workbook,
            "Findings",
            FINDING_HEADERS,
            finding_rows(district, analysis),
            money_columns=[FINDING_HEADERS.index("Annual cost")],
        )
    for table in retreat_tables(district, analysis):
        _add_sheet(
            workbook,
            sheet_title(table.title, workbook.sheetnames),
            table.columns,
            [list(row) for row in table.rows],
            note=table.note,
        )
    return workbook


def save_workbook(workbook: Any, path: str | Path) -> None:
    """Save an openpyxl workbook atomically (temp file beside the target, then replace)."""

    def write(tmp: Path) -> None:
        # Zipped in memory, written in one go: on a full disk the write fails with ENOSPC,
        # instead of a half-closed ZipFile that printed a second traceback when collected.
        buffer = io.BytesIO()
        workbook.save(buffer)
        tmp.write_bytes(buffer.getvalue())

    try:
        write_atomically(Path(path), write)
    except BaseException:
        # Whether the save failed or never ran (a read-only folder refuses the temporary
        # file first), the sheets' streams may still be open; each printed a traceback
        # when collected at exit (73 lines in the audit).
        _discard(workbook)
        raise


def _discard(workbook: Any) -> None:
    """Close the sheets of a write-only workbook whose save failed: each still holds a
    stream into a temporary file, which would otherwise be written to (and complain) when
    the workbook is collected. Mirrors what openpyxl's own save does per sheet."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def write_xlsx(district: District, analysis: Analysis | None, path: str | Path) -> None:
    """Export the district as a workbook (see `build_workbook`), atomically."""
    save_workbook(build_workbook(district, analysis), path)


# ----------------------------------------------------------------------------- csv


def write_csv(district: District, path: str | Path, kind: str = "program") -> None:
    """One kind of item as CSV (UTF-8 with a BOM so Excel reads accents; comma-separated).

    A CSV file holds one table, so links, indicators and findings need the .xlsx export.
    """
    if kind not in vocab.ITEM_KINDS:
        raise ValueError(f"kind must be one of {', '.join(vocab.ITEM_KINDS)}; got {kind!r}")

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            items = district.items_of(kind)
            guessed = has_guesses(items)
            writer.writerow(item_headers(kind, guessed))
            for item in items:
                writer.writerow(
                    ["" if v is None else neutralise(v) for v in item_row(item, guessed)]
                )

    write_atomically(Path(path), write)
