"""Reading an item's field values from its row, or from the several rows of one program.

A program can be written on several lines: once per fund ("Read 180" on a Title I line and
an ESSER line), or once per object code in a finance export. Its money, FTE and students
are the sums of its lines, its funding sources are joined, its lists (grades, schools) are
merged, and any other field takes the first line that fills it in.

Every cell is read, and every cell that cannot be read is a warning naming its row and
column, so one pass shows all of a row's problems; the field is then left empty. Numbers
are read with the decimal convention of their column (values.decimal_comma).
"""

from __future__ import annotations

import re
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.header_words import ID, LINKS, PROPOSAL, ColumnMapping
from coherence_planner.storage.spreadsheets.plan import ImportProblem
from coherence_planner.storage.spreadsheets.reading import Row, Sheet

_SUMMED = (F.MONEY, F.NUMBER, F.COUNT)
_LISTS = (F.SLUGS, F.GRADES, F.NAMES, F.THEMES)
_JOINED = frozenset({"funding_source"})
_NUMBER_HEADER = re.compile(r"(?i)^\W*(goal\s*)?(#|no\.?|num(ber)?|n[o°])\W*$|^\W*goal\s*#\W*$")

# "Strategy 1: Lexia Core5 Reading", "Action 2.3 - Tutoring": a plan's numbering of its
# rows, which the row's place already says; the program is the name after it.
_ROW_NUMBERING = re.compile(
    r"(?i)^\s*(?:strategy|action|activity|initiative|project)\s*(?:#|no\.?)?\s*"
    r"\d{1,3}(?:\.\d{1,3})*\s*[:.)\-–—]\s*(?=\S*[^\W\d_])"
)


def without_numbering(name: str) -> str:
    """The name without a leading "Strategy 1:" (and the like); unchanged otherwise."""
    return _ROW_NUMBERING.sub("", name, count=1)


class RowReader:
    """Reads the mapped cells of one sheet's rows for one kind of item."""

    def __init__(
        self, sheet: Sheet, kind: str, columns: ColumnMapping, known_schools: list[str]
    ) -> None:
        self.sheet = sheet
        self.known_schools = known_schools
        specs = {s.name: s for s in F.fields_of(kind)}
        self.fields = [
            (header, specs[target])
            for header, target in columns.items()
            if target not in (ID, LINKS, PROPOSAL) and header in sheet.headers and target in specs
        ]
        self.comma = {
            header: V.decimal_comma([sheet.cell(r, header) for r in sheet.rows])
            for header, spec in self.fields
            if spec.type in _SUMMED
        }
        # Where each field's cell is in a row, and each (field, cell) already read: a
        # column repeats its values down 10,000 rows (tiers, sites, "Goals 1 & 2"), and
        # reading them once each was a fifth of an import (issue 29).
        self._columns = [
            (header, spec, sheet.headers.index(header)) for header, spec in self.fields
        ]
        self._read: dict[tuple[str, type, object, bool], V.Parsed] = {}
        self.cost_header = next((h for h, s in self.fields if s.name == "annual_cost"), None)
        self.name_header = next((h for h, s in self.fields if s.name == "name"), None)
        self.number_header = next(
            (h for h in sheet.headers if h not in columns and _NUMBER_HEADER.match(h)), None
        )

    def amount(self, row: Row) -> float | None:
        """The row's annual cost as read (signed), or None."""
        if self.cost_header is None:
            return None
        raw = self.sheet.cell(row, self.cost_header)
        value, error = V.parse_money(raw, comma_decimals=self.comma[self.cost_header], signed=True)
        return None if error else value

    def name(self, row: Row) -> str | None:
        if self.name_header is None:
            return None
        value, _ = V.parse_field(F.COMMON_FIELDS[0], self.sheet.cell(row, self.name_header))
        return without_numbering(str(value)) if value is not None else None

    def name_problem(self, row: Row) -> str:
        """Why the row has no usable name (empty, or text a plan may not hold)."""
        if self.name_header is None:
            return "the name is empty"
        _, error = V.parse_field(F.COMMON_FIELDS[0], self.sheet.cell(row, self.name_header))
        return error or "the name is empty"

    def goal_number(self, row: Row) -> int | None:
        """A goals sheet's "Goal #" for this row, when it has one."""
        if self.number_header is None:
            return None
        raw = self.sheet.cell(row, self.number_header)
        text = V.parse_text(raw)[0]
        match = re.fullmatch(r"(?i)(?:goal\s*)?#?\s*(\d{1,2})", str(text).strip())
        return int(match.group(1)) if match else None

    def values(self, rows: list[Row]) -> tuple[dict[str, Any], list[ImportProblem]]:
        """The item's values from its rows, and a warning for each cell not read."""
        values: dict[str, Any] = {}
        warnings: list[ImportProblem] = []
        several = len(rows) > 1
        for header, spec, index in self._columns:
            read: list[tuple[Row, Any]] = []
            for row in rows:
                raw = row.cells[index] if index < len(row.cells) else None
                if spec.name != "name" and V.is_blank(raw):
                    continue
                value, error = self._parsed(header, spec, raw, several)
                if error:
                    if spec.name != "name":  # the name's problem is the caller's
                        warnings.append(self._warning(row, header, error))
                    continue
                read.append((row, value))
            if read:
                combined = self._combine(spec, [v for _, v in read])
                if spec.type == F.MONEY and combined is not None and combined < 0:
                    rows_text = ", ".join(str(r.number) for r, _ in read)
                    warnings.append(
                        self._warning(
                            read[0][0],
                            header,
                            f"the lines of this program (rows {rows_text}) add up to "
                            f"{combined:,.2f}; a cost must be 0 or more, so it was left empty",
                        )
                    )
                    continue
                values[spec.name] = combined
        if isinstance(values.get("name"), str):
            values["name"] = without_numbering(values["name"])
        return values, warnings

    def _parsed(self, header: str, spec: F.FieldSpec, raw: object, several: bool) -> V.Parsed:
        """The cell read for its field, once per distinct value of the column (by type too:
        1, 1.0 and True are equal keys but not the same cell). A list is copied, so no two
        items share one."""
        key = (header, type(raw), raw, several)
        parsed = self._read.get(key)
        if parsed is None:
            parsed = self._read[key] = V.parse_field(
                spec,
                raw,
                comma_decimals=self.comma.get(header, False),
                signed=several,
                known_schools=self.known_schools,
            )
        value, error = parsed
        return (list(value), error) if isinstance(value, list) else parsed

    def _warning(self, row: Row, header: str, message: str) -> ImportProblem:
        return ImportProblem(
            self.sheet.place(row, header),
            f"{message}; imported without it",
            (self.sheet.file, self.sheet.name, row.number),
            header,
        )

    @staticmethod
    def _combine(spec: F.FieldSpec, found: list[Any]) -> Any:
        if len(found) == 1:
            return found[0]
        if spec.type in _SUMMED:
            numbers = [v for v in found if v is not None]
            return F.clean_number(round(sum(numbers), 6)) if numbers else None
        if spec.type in _LISTS:
            merged: list[Any] = []
            for value in found:
                if spec.type == F.NAMES and not value:
                    return []  # one line is district-wide: so is the program
                merged.extend(v for v in value if v not in merged)
            return merged
        if spec.name in _JOINED:
            parts: list[str] = []
            for value in found:
                parts.extend(p for p in str(value).split("; ") if p and p not in parts)
            return "; ".join(parts)
        return next((v for v in found if v not in (None, "")), found[0])
