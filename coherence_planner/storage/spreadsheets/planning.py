"""Working out an import plan: matching rows to items, reading cells, resolving links.

`plan_import` is the entry point; see plan.py for what a plan holds and how it is applied.
Rows are matched by the id column when it has a value, else by name (case-insensitive,
spaces trimmed) within the kind. Item sheets are read before link columns, the Links sheet
and the Indicators sheet, so a link may name an item the same import creates.
"""

from __future__ import annotations

import copy
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import ITEM_CLASSES, Indicator, Item, Link, LinkKey
from coherence_planner.domain.retreat.scenarios import COLLECTION as SCENARIOS
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.goal_refs import (
    GoalNumbers,
    Reference,
    legend,
    split_references,
)
from coherence_planner.storage.spreadsheets.guessing import (
    district_name,
    guess_columns,
    guess_type,
    type_note,
)
from coherence_planner.storage.spreadsheets.header_guess import is_report_sheet, unmapped_headers
from coherence_planner.storage.spreadsheets.header_words import (
    ID,
    INDICATOR_SHEET,
    LINK_SHEET,
    LINKS,
    PROPOSAL,
    PROPOSAL_KINDS,
    ColumnMapping,
)
from coherence_planner.storage.spreadsheets.mapping import SheetMapping, check_mapping
from coherence_planner.storage.spreadsheets.nonitems import classify, describe
from coherence_planner.storage.spreadsheets.plan import (
    ImportPlan,
    ImportProblem,
    ItemUpdate,
    LinkUpdate,
    NewItem,
    NewLink,
    RowKey,
)
from coherence_planner.storage.spreadsheets.proposals import (
    STOPPING,
    Proposal,
    proposals_scenario,
    read_proposal,
)
from coherence_planner.storage.spreadsheets.reading import Row, Sheet
from coherence_planner.storage.spreadsheets.row_values import RowReader


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
        self.row_items: dict[RowKey, str] = {}  # row -> the item it was read into
        self.goal_rows: list[tuple[str, str, int | None]] = []  # goals sheet: id, name, number
        self.numbers = GoalNumbers()
        self.created_goal_numbers: dict[int, str] = {}
        self.skipped_lines: dict[str, list[str]] = {}  # sheet -> texts of rows skipped

    def warn(self, sheet: Sheet, message: str, row: Row, header: str | None = None) -> None:
        key = (sheet.file, sheet.name, row.number)
        self.plan.warnings.append(ImportProblem(sheet.place(row, header), message, key, header))

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
        """Plan the items of one sheet: rows that are not items skipped (nonitems.py), rows
        with one name or id combined into one item, every unreadable cell a warning."""
        if "name" not in columns.values() and ID not in columns.values():
            self.problem(sheet, "no column holds the name; map one column to Name")
            return
        reader = RowReader(sheet, kind, columns, self.district.school_names())
        kept, skipped = classify(sheet, columns, reader.amount)
        self.skipped_lines[sheet.name] = [s.label for s in skipped]
        if skipped:
            what = vocab.KIND_PLURALS[kind].lower()
            one = vocab.KIND_LABELS[kind].lower()
            self.plan.notes.append(f"{sheet.place()}: {describe(skipped, what, one)}")
            self.plan.left_out.extend(
                ((sheet.file, sheet.name, s.row.number), s.label, s.reason) for s in skipped
            )
        id_header = _header_for(columns, ID)
        groups: dict[tuple[str, str], list[Row]] = {}
        for row in kept:
            given_id = V.parse_text(sheet.cell(row, id_header))[0] if id_header else ""
            # Any id a plan's JSON may hold (codec: one line of text), so that a plan's own
            # export imports with its ids; only the surrounding spaces are trimmed.
            id_problem = F.text_problem(given_id, F.MAX_LINE) if given_id else None
            if id_problem:
                self.problem(sheet, f"the id {id_problem}", row, id_header)
                continue
            name = reader.name(row)
            if not given_id and name is None:
                self.problem(sheet, reader.name_problem(row), row, _header_for(columns, "name"))
                self.report_references(sheet, row, columns)
                continue
            key = ("id", given_id) if given_id else ("name", _fold(str(name)))
            groups.setdefault(key, []).append(row)
        for (by, value), rows in groups.items():
            self.item_rows(sheet, kind, columns, reader, rows, value if by == "id" else "")

    def item_rows(
        self,
        sheet: Sheet,
        kind: str,
        columns: ColumnMapping,
        reader: RowReader,
        rows: list[Row],
        given_id: str,
    ) -> None:
        """One item from one row, or from several rows of the same program combined."""
        values, warnings = reader.values(rows)
        self.plan.warnings.extend(warnings)
        first = rows[0]
        name = values.get("name")
        if len(rows) > 1:
            numbers = ", ".join(str(r.number) for r in rows[:-1]) + f" and {rows[-1].number}"
            self.plan.notes.append(
                f"{sheet.place()}: rows {numbers} are one {kind} ({name or given_id!r}): "
                "amounts, FTE and students added, funding sources joined"
            )
            keys = [(sheet.file, sheet.name, r.number) for r in rows]
            self.plan.combined.append((keys, str(name or given_id)))
        id_header = _header_for(columns, ID)
        target_id = self.match(sheet, kind, first, given_id, name, id_header)
        if target_id is None:
            return
        existing = self.district.items.get(target_id) if target_id else None
        why = " ".join(str(values.get("decision_rationale") or values.get("notes", "")).split())
        if existing is None:
            if name is None:
                self.problem(sheet, reader.name_problem(first), first, _header_for(columns, "name"))
                return
            if kind == "program" and "type" not in columns.values():
                self.guess_program_type(values)
            target_id = target_id or self.new_id(kind)
            self.create(sheet, kind, first, target_id, values)
        else:
            self.update(sheet, first, existing, values)
        for row in rows:
            self.row_items[(sheet.file, sheet.name, row.number)] = target_id
        cost = values.get("annual_cost", getattr(existing, "annual_cost", None))
        if isinstance(cost, int | float):
            self.plan.amounts.append(((sheet.file, sheet.name, first.number), target_id, cost))
        if kind == "goal":
            self.goal_rows.append((target_id, str(name or ""), reader.goal_number(first)))
        proposal_header = _header_for(columns, PROPOSAL)
        if proposal_header is not None and kind in PROPOSAL_KINDS:
            required = bool(values.get("required", getattr(existing, "required", False)))
            self.proposal(sheet, rows, proposal_header, target_id, name or given_id, why, required)

    def guess_program_type(self, values: dict[str, Any]) -> None:
        """No type column: the type the name suggests, said in the notes to be confirmed
        and listed in the item's `guessed`, so it competes with nothing until a person
        confirms it (coherence-rules.md, rule 4, version 2.1)."""
        guessed = guess_type(values["name"], values.get("description", ""))
        if guessed is None:
            return
        values["type"] = guessed
        values["guessed"] = [*(n for n in values.get("guessed", []) if n != "type"), "type"]
        values["notes"] = "\n".join(n for n in (values.get("notes", ""), type_note(guessed)) if n)
        self.plan.guessed_types.append((values["name"], guessed))

    def proposal(
        self,
        sheet: Sheet,
        rows: list[Row],
        header: str,
        item_id: str,
        name: str,
        why: str,
        required: bool,
    ) -> None:
        for row in rows:
            decision, error = read_proposal(sheet.cell(row, header))
            if error is not None:
                self.warn(sheet, error, row, header)
            elif decision is not None:
                self.plan.proposals.append(
                    Proposal(item_id, name, decision, why, sheet.place(row), required)
                )
                if decision in STOPPING and required:
                    self.plan.notes.append(
                        f"{sheet.place(row)}: the sheet proposes to stop {name!r}, but it is "
                        "required by law, so it is not among the proposed removals"
                    )
                return

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
            if getattr(item, name) != value and not _only_gains_type_note(item, name, value)
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
        if self.item(text) is not None:  # an id as written: it may hold any spaces
            return text
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
            source = self.row_items.get((sheet.file, sheet.name, row.number))
            if source is None:
                continue
            for target in self.references(sheet, row, header):
                self.add_link(sheet, row, header, Link(source, target))

    def report_references(self, sheet: Sheet, row: Row, columns: ColumnMapping) -> None:
        """Check a problem row's goal references too, so every problem shows at once."""
        header = _header_for(columns, LINKS)
        if header is not None:
            self.references(sheet, row, header)

    def references(self, sheet: Sheet, row: Row, header: str) -> list[str]:
        """The ids a link cell names; each reference that names nothing is a warning."""
        text = " ".join(str(V.parse_text(sheet.cell(row, header))[0]).split())
        if not text or V.is_blank(text):
            return []
        kinds = ("goal", "strategy", "program", "policy")
        out: list[str] = []
        for ref in split_references(text, lambda t: self.resolve(t, kinds) is not None):
            found, message = self.resolve_reference(ref, kinds)
            if message:
                self.warn(sheet, f"{message}; that link was left out", row, header)
            out.extend(i for i in found if i not in out)
        return out

    def resolve_reference(self, ref: Reference, kinds: tuple[str, ...]) -> tuple[list[str], str]:
        if ref.every_goal:
            goals = self.all_goals()
            return goals, "" if goals else f"{ref.text!r} names every goal, but there are none"
        if ref.numbers:
            found = [self.goal_number(n) for n in ref.numbers]
            if all(found):
                return [g for g in found if g], ""
            by_name = self.resolve(ref.name, kinds) if ref.name else None
            if by_name is not None:
                return [by_name], ""
            missing = ", ".join(str(n) for n, g in zip(ref.numbers, found, strict=True) if not g)
            known = sorted(self.numbers.by_number)
            listed = f"; the goals are numbered {known[0]} to {known[-1]}" if known else ""
            return [g for g in found if g], f"there is no goal {missing}{listed}"
        target = self.resolve(ref.name, kinds)
        if target is None:
            return [], f"no goal or strategy is named {ref.name!r}"
        return [target], ""

    def all_goals(self) -> list[str]:
        """Every goal, in the order of their numbers when the goals are numbered."""
        goals = [i.id for i in self.district.items_of("goal")] + [
            i for i, item in self.planned.items() if item.kind == "goal"
        ]
        numbered = [g for _, g in sorted(self.numbers.by_number.items()) if g in goals]
        return numbered + [g for g in goals if g not in numbered]

    def goal_number(self, number: int) -> str | None:
        """The goal a number means; with no list of goals at all, a new "Goal N"."""
        if self.numbers.by_number:
            return self.numbers.by_number.get(number)
        if self.all_goals() and not self.created_goal_numbers:
            return None
        if number not in self.created_goal_numbers:
            goal_id = self.new_id("goal")
            name = f"Goal {number}"
            self.created_goal_numbers[number] = goal_id
            self.create_from(self.numbers.source or self.plan.source, "goal", goal_id, name)
            self.plan.created_goals.append(name)
        return self.created_goal_numbers[number]

    def number_goals(self, sheets: list[tuple[Sheet, str, ColumnMapping]]) -> None:
        """Learn which goal each number means: goals sheet, legend line, the plan's goals."""
        self.numbers.number_goals(self.goal_rows, "the goals sheet")
        if self.numbers.by_number:
            return
        for sheet, _, columns in sheets:
            if LINKS not in columns.values():
                continue
            entries = legend([*sheet.preamble, *self.skipped_lines.get(sheet.name, [])])
            if not entries:
                continue
            ordered: list[tuple[str, str, int | None]] = []
            for number, name in entries.items():
                goal_id = self.resolve(name, ("goal",))
                if goal_id is None:
                    goal_id = self.new_id("goal")
                    self.create_from(f"{sheet.place()} (legend)", "goal", goal_id, name)
                ordered.append((goal_id, name, number))
            self.numbers.number_goals(ordered, f"the legend on {sheet.place()}")
            return
        existing: list[tuple[str, str, int | None]] = [
            (g.id, g.name, None) for g in self.district.items_of("goal")
        ]
        self.numbers.number_goals(existing, "the plan's goals")

    def drop_unchanged_proposals(self) -> None:
        """Importing the same worksheet again proposes nothing new: leave the scenario be."""
        if not self.plan.proposals:
            return
        wanted = proposals_scenario(self.plan.proposals, self.plan.source)
        if self.district.record(SCENARIOS, wanted.name) == wanted.as_record():
            self.plan.proposals = []

    def create_from(self, place: str, kind: str, item_id: str, name: str) -> None:
        item = ITEM_CLASSES[kind](id=item_id, name=name)
        self.planned[item_id] = item
        self.by_name.setdefault((kind, _fold(name)), []).append(item_id)
        self.plan.creates.append(NewItem(item, place, ("", place, 0)))

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
                value, error = V.parse_field(spec, sheet.cell(row, header))
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
            keys = [spec.name for spec in F.INDICATOR_FIELDS]
            if [[getattr(i, k) for k in keys] for i in current] != [
                [getattr(i, k) for k in keys] for i in indicators
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


def _only_gains_type_note(item: Item, name: str, value: Any) -> bool:
    """True when the item's notes are the sheet's plus the type-guess sentence the first
    import added: importing the same sheet again must not take that sentence away."""
    if name != "notes" or not isinstance(value, str):
        return False
    note = type_note(str(getattr(item, "type", "")))
    return bool(item.notes == "\n".join(n for n in (value, note) if n))


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


def guess_mappings(sheets: list[Sheet]) -> dict[str, SheetMapping]:
    """The mapping `plan_import` uses when given none: each sheet's guessed kind and columns.

    The mapping dialog starts from this; a sheet whose kind is not guessed maps to None.
    """
    out: dict[str, SheetMapping] = {}
    for sheet in sheets:
        columns = guess_columns(sheet, sheet.kind) if sheet.kind else {}
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
    plan = ImportPlan(source=source, district_name=district_name(sheets))
    planner = _Planner(district, plan)
    chosen: list[tuple[Sheet, str, ColumnMapping]] = []
    for sheet in sheets:
        entry = (mappings or {}).get(sheet.name) or (mappings or {}).get("*")
        kind = entry["kind"] if entry is not None else sheet.kind
        if kind is None:
            plan.notes.append(
                f"{sheet.place()}: skipped (a report sheet of the export, for reading only)"
                if is_report_sheet(sheet.name)
                else f"{sheet.place()}: skipped (not a list of goals, strategies, "
                "programs, policies, links or indicators)"
            )
            continue
        if not sheet.rows:
            plan.notes.append(f"{sheet.place()}: no rows")
            continue
        columns = dict(entry["columns"]) if entry is not None else guess_columns(sheet, kind)
        unusable = [
            *(p.split(": ", 1)[-1] for p in check_mapping(kind, columns, sheet.place())),
            *(
                f"the mapping names a column {header!r} that this sheet does not have"
                for header in columns
                if header not in sheet.headers
            ),
        ]
        if unusable:
            # This sheet is left out; the others are still read (so the plan shows what
            # they would import when this sheet's problems are skipped).
            plan.problems.extend(ImportProblem(sheet.place(), message) for message in unusable)
            continue
        ignored = [
            h
            for h in unmapped_headers(sheet.headers, columns)
            if not (kind == "goal" and RowReader(sheet, kind, columns, []).number_header == h)
        ]
        if ignored:
            plan.notes.append(
                f"{sheet.place()}: columns not imported: {', '.join(repr(h) for h in ignored)}"
            )
        chosen.append((sheet, kind, columns))
    order = {kind: i for i, kind in enumerate(vocab.ITEM_KINDS)}
    item_sheets = sorted((c for c in chosen if c[1] in order), key=lambda c: order[c[1]])
    for sheet, kind, columns in item_sheets:
        planner.item_sheet(sheet, kind, columns)
    planner.number_goals(item_sheets)
    for sheet, kind, columns in item_sheets:
        planner.supports_column(sheet, kind, columns)
    if plan.created_goals:
        plan.notes.append(
            f"no list of goals was found, so {_listing(plan.created_goals)} "
            f"{'were' if len(plan.created_goals) > 1 else 'was'} created for the goal numbers "
            "the sheet uses; rename them after the import"
        )
    planner.drop_unchanged_proposals()
    plan.read_rows = set(planner.row_items) | {
        (sheet.file, sheet.name, row.number)
        for sheet, kind, _ in chosen
        if kind in (LINK_SHEET, INDICATOR_SHEET)
        for row in sheet.rows
    }
    for sheet, kind, columns in chosen:
        if kind == LINK_SHEET:
            planner.link_sheet(sheet, columns)
        elif kind == INDICATOR_SHEET:
            planner.indicator_sheet(sheet, columns)
    return plan


def _listing(names: list[str]) -> str:
    quoted = [f"{n!r}" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
