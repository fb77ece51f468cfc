"""Planning links: an item sheet's supports column (goal numbers, legends, names), and the
Links sheet the export writes."""

from __future__ import annotations

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import Link
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.goal_refs import Reference, legend, split_references
from coherence_planner.storage.spreadsheets.header_words import LINKS, ColumnMapping
from coherence_planner.storage.spreadsheets.plan import LinkUpdate, NewLink
from coherence_planner.storage.spreadsheets.planner_base import PlannerBase, header_for, row_key
from coherence_planner.storage.spreadsheets.reading import Row, Sheet


class LinkPlanner(PlannerBase):
    """Links: the supports column of an item sheet, goal numbers and legends, the Links sheet."""

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
                    LinkUpdate(link.key, changes, sheet.place(row), row_key(sheet, row))
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
                row_key(sheet, row),
            )
        )

    def supports_column(self, sheet: Sheet, kind: str, columns: ColumnMapping) -> None:
        header = header_for(columns, LINKS)
        if header is None:
            return
        for row in sheet.rows:
            source = self.row_items.get(row_key(sheet, row))
            if source is None:
                continue
            for target in self.references(sheet, row, header):
                self.add_link(sheet, row, header, Link(source, target))

    def report_references(self, sheet: Sheet, row: Row, columns: ColumnMapping) -> None:
        """Check a problem row's goal references too, so every problem shows at once."""
        header = header_for(columns, LINKS)
        if header is not None:
            self.references(sheet, row, header)

    def references(self, sheet: Sheet, row: Row, header: str) -> list[str]:
        """The ids a link cell names; each reference that names nothing is a warning."""
        text = " ".join(str(V.parse_text(sheet.cell(row, header))[0]).split())
        if not text or V.is_blank(text):
            return []
        # A column of goal references repeats a few texts ("Goals 1 & 2") down every row:
        # each is split and resolved once, again only when the plan has made items or
        # numbered its goals since (which can change what a text names).
        generation = (len(self.plan.creates), len(self.numbers.by_number))
        cached = self.resolved_references.get(text)
        if cached is None or cached[0] != generation:
            kinds = ("goal", "strategy", "program", "policy")
            refs = split_references(text, lambda t: self.resolve(t, kinds) is not None)
            resolved = [self.resolve_reference(ref, kinds) for ref in refs]
            cached = (len(self.plan.creates), len(self.numbers.by_number)), resolved
            self.resolved_references[text] = cached
        out: list[str] = []
        for found, message in cached[1]:
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
        if target is None and self.no_list_of_goals():
            # Goals known only by the names the column gives ("Student Achievement"): each
            # name is a goal, said in the preview, to rename or merge after the import.
            target = self.new_id("goal")
            self.create_from(self.plan.source, "goal", target, " ".join(ref.name.split()))
            self.created_goal_names.add(target)
            self.plan.created_goals.append(ref.name)
        if target is None:
            return [], f"no goal or strategy is named {ref.name!r}"
        return [target], ""

    def no_list_of_goals(self) -> bool:
        """True when neither the plan nor the file lists any goal, other than the ones this
        import made up from names or numbers."""
        made = self.created_goal_names | set(self.created_goal_numbers.values())
        return (
            not self.numbers.by_number
            and not any(self.district.items_of("goal"))
            and all(i in made for i, item in self.planned.items() if item.kind == "goal")
        )

    def tab_goal_rows(self) -> None:
        """The goals tab titles name (layout_planning.py); none at this level."""

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
        self.tab_goal_rows()
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

    def link_sheet(self, sheet: Sheet, columns: ColumnMapping) -> None:
        ends = {end: header_for(columns, end) for end in ("from", "to")}
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
            rationale_header = header_for(columns, "rationale")
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


def _word(
    sheet: Sheet,
    row: Row,
    columns: ColumnMapping,
    target: str,
    choices: tuple[str, ...],
    default: str,
) -> str | None:
    """The word a link's kind or strength column holds, the default when blank, None
    when it is not one of `choices`."""
    header = header_for(columns, target)
    if header is None:
        return default
    text = str(V.parse_text(sheet.cell(row, header))[0]).strip().lower()
    if not text:
        return default
    return text if text in choices else None
