"""Working out an import plan: matching rows to items, reading cells, resolving links.

`plan_import` is the entry point; see plan.py for what a plan holds and how it is applied.
Rows are matched by the id column when it has a value, else by name (case-insensitive,
spaces trimmed) within the kind. Item sheets are read before link columns, the Links sheet
and the Indicators sheet, so a link may name an item the same import creates.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from coherence_planner.domain import fields as F
from coherence_planner.domain import vocab
from coherence_planner.domain.district import District
from coherence_planner.domain.items import ITEM_CLASSES, Indicator, Item, Link, LinkKey
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.mapping import (
    ID,
    INDICATOR_SHEET,
    LINK_SHEET,
    LINKS,
    ColumnMapping,
    SheetMapping,
    check_mapping,
    guess_mapping,
    unmapped_headers,
)
from coherence_planner.storage.spreadsheets.plan import (
    ImportPlan,
    ImportProblem,
    ItemUpdate,
    LinkUpdate,
    NewItem,
    NewLink,
)
from coherence_planner.storage.spreadsheets.reading import Row, Sheet

_TOTALS = re.compile(r"(?i)\s*(grand\s+|sub\s*)?totals?\s*:?\s*")


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


# ----------------------------------------------------------------------------- planning


class _Planner:
    """Holds the indexes one plan needs: names and ids, existing and planned."""

    def __init__(self, district: District, plan: ImportPlan) -> None:
        self.district = district
        self.plan = plan
        self.planned: dict[str, Item] = {}  # id -> item created by this plan
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for item in district.ordered_items():
            self.by_name.setdefault((item.kind, _fold(item.name)), []).append(item.id)
        self.seen_rows: dict[tuple[str, str], str] = {}  # (kind, id) -> place of its row
        self.next_number: dict[str, int] = {}
        self.link_keys: set[LinkKey] = set(district.links)

    # -- ids --------------------------------------------------------------------------
    def new_id(self, kind: str) -> str:
        """District.new_id, counting ids already taken by this plan."""
        first = self.district.new_id(kind)
        prefix = first.rstrip("0123456789")
        number = max(int(first[len(prefix) :]), self.next_number.get(kind, 0))
        while f"{prefix}{number}" in self.district.items or f"{prefix}{number}" in self.planned:
            number += 1
        self.next_number[kind] = number + 1
        return f"{prefix}{number}"

    def item(self, item_id: str) -> Item | None:
        return self.district.items.get(item_id) or self.planned.get(item_id)

    def problem(
        self, sheet: Sheet, message: str, row: Row | None = None, header: str | None = None
    ) -> None:
        key = (sheet.file, sheet.name, row.number) if row is not None else None
        self.plan.problems.append(ImportProblem(sheet.place(row, header), message, key, header))

    # -- item rows --------------------------------------------------------------------
    def item_sheet(self, sheet: Sheet, kind: str, columns: ColumnMapping) -> None:
        if "name" not in columns.values() and ID not in columns.values():
            self.problem(sheet, "no column holds the name; map one column to Name")
            return
        specs = {s.name: s for s in F.fields_of(kind)}
        names_in_sheet: dict[str, int] = {}
        for row in sheet.rows:
            values: dict[str, Any] = {}
            ok = True
            for header, target in columns.items():
                if target in (ID, LINKS) or header not in sheet.headers:
                    continue
                raw = sheet.cell(row, header)
                if V.is_blank(raw) and target != "name":
                    continue
                value, error = V.parse_field(specs[target], raw)
                if error:
                    self.problem(sheet, error, row, header)
                    ok = False
                    continue
                values[target] = value
            id_header = _header_for(columns, ID)
            given_id = V.parse_text(sheet.cell(row, id_header))[0] if id_header else ""
            if given_id and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", given_id):
                self.problem(
                    sheet, f"{given_id!r} is not an id (letters, digits, - _ .)", row, id_header
                )
                continue
            if not ok and "name" not in values and not given_id:
                continue
            name = values.get("name")
            if name is not None and not given_id and _TOTALS.fullmatch(name):
                self.plan.notes.append(
                    f"{sheet.place(row)}: skipped ({name!r} looks like a totals row)"
                )
                continue
            if name is not None:
                folded = _fold(name)
                if folded in names_in_sheet:
                    self.problem(
                        sheet,
                        f"{name!r} appears twice in this sheet (also row "
                        f"{names_in_sheet[folded]}); keep one row",
                        row,
                    )
                    continue
                names_in_sheet[folded] = row.number
            target_id = self.match(sheet, kind, row, given_id, name, id_header)
            if target_id is None:
                continue
            existing = self.district.items.get(target_id) if target_id else None
            if existing is None:
                if name is None:
                    self.problem(sheet, "the name is empty", row, _header_for(columns, "name"))
                    continue
                if ok:
                    self.create(sheet, kind, row, target_id or self.new_id(kind), values)
            elif ok:
                self.update(sheet, row, existing, values)

    def match(
        self,
        sheet: Sheet,
        kind: str,
        row: Row,
        given_id: str,
        name: str | None,
        id_header: str | None,
    ) -> str | None:
        """The id this row is about, "" for a new item without an id, or None after a problem.

        New ids are allocated only when the item is created, so rows with problems do not
        use up numbers.
        """
        if given_id:
            other = self.item(given_id)
            if other is not None and other.kind != kind:
                self.problem(
                    sheet,
                    f"id {given_id} belongs to the {other.kind} {other.name!r}",
                    row,
                    id_header,
                )
                return None
            where = self.seen_rows.get((kind, given_id))
            if where is not None:
                self.problem(
                    sheet, f"id {given_id} is used again (first at {where})", row, id_header
                )
                return None
            self.seen_rows[(kind, given_id)] = sheet.place(row)
            return given_id
        if name is None:
            self.problem(sheet, "the name is empty", row)
            return None
        found = self.by_name.get((kind, _fold(name)), [])
        if len(found) > 1:
            self.problem(
                sheet,
                f"{len(found)} {vocab.KIND_PLURALS[kind].lower()} are named "
                f"{name!r} ({', '.join(found)}); add an ID column to choose",
                row,
            )
            return None
        if found:
            if (kind, found[0]) in self.seen_rows:
                self.problem(sheet, f"{name!r} is also at {self.seen_rows[(kind, found[0])]}", row)
                return None
            self.seen_rows[(kind, found[0])] = sheet.place(row)
            return found[0]
        return ""

    def create(
        self, sheet: Sheet, kind: str, row: Row, item_id: str, values: dict[str, Any]
    ) -> None:
        item = ITEM_CLASSES[kind](id=item_id, **values)
        self.planned[item_id] = item
        self.seen_rows[(kind, item_id)] = sheet.place(row)
        self.by_name.setdefault((kind, _fold(item.name)), []).append(item_id)
        self.plan.creates.append(
            NewItem(item, sheet.place(row), (sheet.file, sheet.name, row.number))
        )

    def update(self, sheet: Sheet, row: Row, item: Item, values: dict[str, Any]) -> None:
        changes = {
            name: (copy.deepcopy(getattr(item, name)), value)
            for name, value in values.items()
            if getattr(item, name) != value
        }
        if changes:
            self.plan.updates.append(
                ItemUpdate(
                    item.id,
                    item.name,
                    changes,
                    sheet.place(row),
                    (sheet.file, sheet.name, row.number),
                )
            )

    # -- links ------------------------------------------------------------------------
    def resolve(self, text: str, kinds: tuple[str, ...]) -> str | None:
        """An item id from an id or a name (names searched in `kinds`, in that order)."""
        text = " ".join(text.split())
        if self.item(text) is not None:
            return text
        for kind in kinds:
            found = self.by_name.get((kind, _fold(text)), [])
            if len(found) == 1:
                return found[0]
        return None

    def add_link(self, sheet: Sheet, row: Row, header: str | None, link: Link) -> None:
        src, dst = self.item(link.src), self.item(link.dst)
        assert src is not None and dst is not None
        if link.src == link.dst:
            self.problem(sheet, f"{src.name!r} cannot be linked to itself", row, header)
            return
        if link.kind == "supports" and src.kind == "goal":
            self.problem(
                sheet, f"{src.name!r} is a goal; a goal cannot support another item", row, header
            )
            return
        if link.key in self.district.links:
            current = self.district.links[link.key]
            changes = {
                name: (getattr(current, name), getattr(link, name))
                for name in ("strength", "rationale")
                if getattr(link, name) != getattr(current, name)
                and (name != "rationale" or link.rationale)
            }
            if changes and header is None:
                self.plan.link_updates.append(
                    LinkUpdate(
                        link.key, changes, sheet.place(row), (sheet.file, sheet.name, row.number)
                    )
                )
            return
        if link.key in self.link_keys:
            return
        self.link_keys.add(link.key)
        self.plan.links.append(
            NewLink(
                link,
                f"{src.name} → {dst.name}",
                sheet.place(row),
                (sheet.file, sheet.name, row.number),
            )
        )

    def supports_column(self, sheet: Sheet, kind: str, columns: ColumnMapping) -> None:
        header = _header_for(columns, LINKS)
        if header is None:
            return
        for row in sheet.rows:
            source = self.row_item(sheet, kind, row, columns)
            if source is None:
                continue
            for ref in _references(sheet.cell(row, header), self):
                target = self.resolve(ref, ("goal", "strategy", "program", "policy"))
                if target is None:
                    self.problem(sheet, f"no goal or strategy is named {ref!r}", row, header)
                    continue
                self.add_link(sheet, row, header, Link(source, target))

    def row_item(self, sheet: Sheet, kind: str, row: Row, columns: ColumnMapping) -> str | None:
        """The id a row of an item sheet was matched to (None when the row had a problem)."""
        id_header = _header_for(columns, ID)
        if id_header:
            given = V.parse_text(sheet.cell(row, id_header))[0]
            if given and self.item(given) is not None:
                return str(given)
        name_header = _header_for(columns, "name")
        if name_header:
            name = V.parse_name(sheet.cell(row, name_header))[0]
            if name:
                found = self.by_name.get((kind, _fold(name)), [])
                if len(found) == 1:
                    return found[0]
        return None

    def link_sheet(self, sheet: Sheet, columns: ColumnMapping) -> None:
        ends = {end: _header_for(columns, end) for end in ("from", "to")}
        if None in ends.values():
            self.problem(sheet, "a links sheet needs a From and a To column")
            return
        all_kinds = vocab.ITEM_KINDS
        for row in sheet.rows:
            ids: list[str] = []
            for end, header in ends.items():
                assert header is not None
                text = V.parse_text(sheet.cell(row, header))[0]
                found = self.resolve(text, all_kinds) if text else None
                if found is None:
                    self.problem(
                        sheet,
                        f"no item has the id or name {text!r}"
                        if text
                        else f"the {end} item is missing",
                        row,
                        header,
                    )
                ids.append(found or "")
            kind = _word(sheet, row, columns, "kind", vocab.LINK_KINDS, vocab.DEFAULT_LINK_KIND)
            strength = _word(
                sheet, row, columns, "strength", vocab.STRENGTHS, vocab.DEFAULT_STRENGTH
            )
            rationale_header = _header_for(columns, "rationale")
            rationale = (
                V.parse_long_text(sheet.cell(row, rationale_header))[0] if rationale_header else ""
            )
            if kind is None or strength is None:
                self.problem(
                    sheet,
                    "kind must be supports or conflicts, and strength strong, moderate or weak",
                    row,
                )
                continue
            if all(ids):
                self.add_link(sheet, row, None, Link(ids[0], ids[1], kind, strength, rationale))

    # -- indicators -------------------------------------------------------------------
    def indicator_sheet(self, sheet: Sheet, columns: ColumnMapping) -> None:
        goal_header = _header_for(columns, "goal")
        if goal_header is None:
            self.problem(sheet, "an indicators sheet needs a Goal column")
            return
        by_goal: dict[str, list[Indicator]] = {}
        first_row: dict[str, Row] = {}
        bad_goals: set[str] = set()
        for row in sheet.rows:
            ref = V.parse_text(sheet.cell(row, goal_header))[0]
            goal = self.resolve(ref, ("goal",)) if ref else None
            if goal is None or self.item(goal) is None or self.item(goal).kind != "goal":  # type: ignore[union-attr]
                self.problem(sheet, f"no goal has the id or name {ref!r}", row, goal_header)
                continue
            values: dict[str, Any] = {}
            for spec in F.INDICATOR_FIELDS:
                header = _header_for(columns, spec.name)
                if header is None:
                    continue
                raw = sheet.cell(row, header)
                if spec.type == F.TEXT:
                    value, error = V.parse_text(raw)
                elif spec.type == F.YEAR:
                    value, error = V.parse_year(raw)
                else:
                    value, error = V.parse_signed_number(raw)
                if error:
                    self.problem(sheet, error, row, header)
                    bad_goals.add(goal)
                values[spec.name] = value
            by_goal.setdefault(goal, []).append(Indicator(**values))
            first_row.setdefault(goal, row)
        for goal_id, indicators in by_goal.items():
            if goal_id in bad_goals:
                continue
            row = first_row[goal_id]
            planned = self.planned.get(goal_id)
            if planned is not None:
                planned.indicators = indicators  # type: ignore[attr-defined]
                continue
            existing = self.district.items[goal_id]
            current = getattr(existing, "indicators", [])
            if [
                (i.name, i.unit, i.baseline, i.target, i.current, i.target_year) for i in current
            ] != [
                (i.name, i.unit, i.baseline, i.target, i.current, i.target_year) for i in indicators
            ]:
                for kept, new in zip(current, indicators, strict=False):
                    new.extra = dict(kept.extra)
                self.plan.updates.append(
                    ItemUpdate(
                        goal_id,
                        existing.name,
                        {"indicators": (copy.deepcopy(current), indicators)},
                        sheet.place(row),
                        (sheet.file, sheet.name, row.number),
                    )
                )


def _header_for(columns: ColumnMapping, target: str) -> str | None:
    for header, mapped in columns.items():
        if mapped == target:
            return header
    return None


def _word(
    sheet: Sheet,
    row: Row,
    columns: ColumnMapping,
    target: str,
    choices: tuple[str, ...],
    default: str,
) -> str | None:
    header = _header_for(columns, target)
    if header is None:
        return default
    text = str(V.parse_text(sheet.cell(row, header))[0]).strip().lower()
    if not text:
        return default
    return text if text in choices else None


def _references(raw: object, planner: _Planner) -> Iterator[str]:
    """Names or ids in a link cell: the whole cell if it names an item, else its parts."""
    text = " ".join(str(V.parse_text(raw)[0]).split())
    if not text or V.is_blank(text):
        return
    kinds = ("goal", "strategy", "program", "policy")
    if planner.resolve(text, kinds) is not None:
        yield text
        return
    parts = [p.strip() for p in re.split(r"[;|\n\r]+", text) if p.strip()]
    for part in parts:
        if planner.resolve(part, kinds) is not None or "," not in part:
            yield part
        else:
            yield from (p.strip() for p in part.split(",") if p.strip())


def guess_mappings(sheets: list[Sheet]) -> dict[str, SheetMapping]:
    """The mapping `plan_import` uses when given none: each sheet's guessed kind and columns.

    The mapping dialog starts from this; a sheet whose kind is not guessed maps to None.
    """
    out: dict[str, SheetMapping] = {}
    for sheet in sheets:
        columns = guess_mapping(sheet.headers, sheet.kind) if sheet.kind else {}
        out[sheet.name] = SheetMapping(kind=sheet.kind, columns=columns)
    return out


def plan_import(
    sheets: list[Sheet],
    mappings: dict[str, SheetMapping] | None,
    district: District,
    source: str = "",
) -> ImportPlan:
    """Work out what importing these sheets into `district` would do; changes nothing.

    `mappings` is keyed by sheet name ("*" applies to any sheet without its own entry, which
    is how a mapping file names the one table of a CSV). A sheet with no entry uses its
    guessed kind and `guess_mapping`. Item sheets are read first (goals, strategies,
    programs, policies), then link columns, the Links sheet and the Indicators sheet, so a
    link may name an item created by the same import.
    """
    plan = ImportPlan(source=source)
    planner = _Planner(district, plan)
    chosen: list[tuple[Sheet, str, ColumnMapping]] = []
    for sheet in sheets:
        entry = (mappings or {}).get(sheet.name) or (mappings or {}).get("*")
        kind = entry["kind"] if entry is not None else sheet.kind
        if kind is None:
            plan.notes.append(
                f"{sheet.place()}: skipped (not a list of goals, strategies, "
                "programs, policies, links or indicators)"
            )
            continue
        if not sheet.rows:
            plan.notes.append(f"{sheet.place()}: no rows")
            continue
        columns = (
            dict(entry["columns"]) if entry is not None else guess_mapping(sheet.headers, kind)
        )
        for problem in check_mapping(kind, columns, sheet.place()):
            plan.problems.append(ImportProblem(sheet.place(), problem.split(": ", 1)[-1]))
        missing = [h for h in columns if h not in sheet.headers]
        for header in missing:
            plan.problems.append(
                ImportProblem(
                    sheet.place(),
                    f"the mapping names a column {header!r} that this sheet does not have",
                )
            )
        ignored = unmapped_headers(sheet.headers, columns)
        if ignored:
            plan.notes.append(
                f"{sheet.place()}: columns not imported: {', '.join(repr(h) for h in ignored)}"
            )
        chosen.append((sheet, kind, columns))
    if plan.problems:
        return plan
    order = {kind: i for i, kind in enumerate(vocab.ITEM_KINDS)}
    item_sheets = sorted((c for c in chosen if c[1] in order), key=lambda c: order[c[1]])
    for sheet, kind, columns in item_sheets:
        planner.item_sheet(sheet, kind, columns)
    for sheet, kind, columns in item_sheets:
        planner.supports_column(sheet, kind, columns)
    for sheet, kind, columns in chosen:
        if kind == LINK_SHEET:
            planner.link_sheet(sheet, columns)
        elif kind == INDICATOR_SHEET:
            planner.indicator_sheet(sheet, columns)
    return plan
