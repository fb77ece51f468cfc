"""Planning item sheets (goals, strategies, programs, policies): matching rows to items,
combining a program's rows, creating and updating items, and the proposals of a worksheet."""

from __future__ import annotations

import copy
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import ITEM_CLASSES, Item
from coherence_planner.domain.retreat.scenarios import COLLECTION as SCENARIOS
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.guessing import guess_type, type_note
from coherence_planner.storage.spreadsheets.header_words import (
    ID,
    PROPOSAL,
    PROPOSAL_KINDS,
    ColumnMapping,
)
from coherence_planner.storage.spreadsheets.layout_planning import LayoutPlanner
from coherence_planner.storage.spreadsheets.nonitems import classify, describe
from coherence_planner.storage.spreadsheets.plan import ItemUpdate, NewItem, PlanTooLarge
from coherence_planner.storage.spreadsheets.planner_base import fold_name, header_for, row_key
from coherence_planner.storage.spreadsheets.proposals import (
    STOPPING,
    Proposal,
    proposals_scenario,
    read_proposal,
)
from coherence_planner.storage.spreadsheets.reading import Row, Sheet
from coherence_planner.storage.spreadsheets.required_lines import propose_required
from coherence_planner.storage.spreadsheets.row_values import RowReader


class ItemPlanner(LayoutPlanner):
    """Item sheets: goals, strategies, programs and policies, one item per row or per
    group of rows of one program, and the proposals a worksheet's decision column makes."""

    def item_sheet(self, sheet: Sheet, kind: str, columns: ColumnMapping) -> None:
        """Plan the items of one sheet: rows that are not items skipped (nonitems.py), rows
        with one name or id combined into one item, every unreadable cell a warning."""
        if "name" not in columns.values() and ID not in columns.values():
            self.problem(sheet, "no column holds the name; map one column to Name")
            return
        goal_rows = self.read_layout(sheet, kind, columns)
        if goal_rows is None:
            return
        reader = RowReader(sheet, kind, columns, self.district.school_names())
        kept, skipped = classify(sheet, columns, reader.amount)
        kept = [r for r in kept if r.number not in goal_rows]
        skipped = [s for s in skipped if s.row.number not in goal_rows]
        self.skipped_lines[sheet.name] = [s.label for s in skipped]
        if skipped:
            what = vocab.KIND_PLURALS[kind].lower()
            one = vocab.KIND_LABELS[kind].lower()
            self.plan.notes.append(f"{sheet.place()}: {describe(skipped, what, one)}")
            self.plan.left_out.extend((row_key(sheet, s.row), s.label, s.reason) for s in skipped)
        id_header = header_for(columns, ID)
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
                self.problem(sheet, reader.name_problem(row), row, header_for(columns, "name"))
                self.report_references(sheet, row, columns)
                continue
            key = ("id", given_id) if given_id else ("name", fold_name(str(name)))
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
            keys = [row_key(sheet, r) for r in rows]
            self.plan.combined.append((keys, str(name or given_id)))
        id_header = header_for(columns, ID)
        target_id = self.match(sheet, kind, first, given_id, name, id_header)
        if target_id is None:
            return
        if target_id in self.planned:  # listed again on another goal's tab (on_two_tabs)
            for row in rows:
                self.row_items[row_key(sheet, row)] = target_id
            return
        existing = self.district.items.get(target_id) if target_id else None
        why = " ".join(str(values.get("decision_rationale") or values.get("notes", "")).split())
        if existing is None:
            if name is None:
                self.problem(sheet, reader.name_problem(first), first, header_for(columns, "name"))
                return
            if kind == "program" and "type" not in columns.values():
                self.guess_program_type(values)
            if kind == "program" and "required" not in columns.values():
                law = propose_required(values)  # required_lines.py (issue 23)
                if law:
                    self.plan.guessed_required.append((values["name"], law))
            target_id = target_id or self.new_id(kind)
            self.create(sheet, kind, first, target_id, values)
        else:
            self.update(sheet, first, existing, values)
        for row in rows:
            self.row_items[row_key(sheet, row)] = target_id
        cost = values.get("annual_cost", getattr(existing, "annual_cost", None))
        if isinstance(cost, int | float):
            self.plan.amounts.append((row_key(sheet, first), target_id, cost))
        if kind == "goal":
            self.goal_rows.append((target_id, str(name or ""), reader.goal_number(first)))
            self.goal_code(sheet, columns, first, target_id)
        proposal_header = header_for(columns, PROPOSAL)
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
        found = self.by_name.get((kind, fold_name(name)), [])
        if len(found) > 1:
            self.problem(
                sheet,
                f"{len(found)} {vocab.KIND_PLURALS[kind].lower()} are named "
                f"{name!r} ({', '.join(found)}); add an ID column to choose",
                row,
            )
            return None
        if found:
            if (kind, found[0]) in self.seen_rows and self.on_two_tabs(
                sheet, self.seen_rows[(kind, found[0])]
            ):
                self.plan.notes.append(
                    f"{sheet.place(row)}: {name!r} is also on the tab at "
                    f"{self.seen_rows[(kind, found[0])]}: one {kind}, serving both tabs' goals"
                )
                return found[0]
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
        self.by_name.setdefault((kind, fold_name(item.name)), []).append(item_id)
        self.plan.creates.append(NewItem(item, sheet.place(row), row_key(sheet, row)))
        if len(self.plan.creates) + len(self.district.items) > F.MAX_ITEMS:
            # Known now: the rest of a 100,000-row sheet took 10-20 s more to plan (issue 29).
            raise PlanTooLarge

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
                    row_key(sheet, row),
                )
            )

    def drop_unchanged_proposals(self) -> None:
        """Importing the same worksheet again proposes nothing new: leave the scenario be."""
        if not self.plan.proposals:
            return
        wanted = proposals_scenario(self.plan.proposals, self.plan.source)
        if self.district.record(SCENARIOS, wanted.name) == wanted.as_record():
            self.plan.proposals = []


def _only_gains_type_note(item: Item, name: str, value: Any) -> bool:
    """True when the item's notes are the sheet's plus the type-guess sentence the first
    import added: importing the same sheet again must not take that sentence away."""
    if name != "notes" or not isinstance(value, str):
        return False
    note = type_note(str(getattr(item, "type", "")))
    return bool(item.notes == "\n".join(n for n in (value, note) if n))
