"""What an import would do to a district, worked out before anything changes.

`planning.plan_import` reads mapped sheets against the district and lists the items to create, the
field changes to existing items, the links to add, and every problem with its sheet, row and
column. The person (or the CLI) reviews the plan; `ImportPlan.to_command` turns it into one
`Batch` command, so the import is one undo step and one storage transaction. A plan with
problems refuses to become a command unless the caller asks to skip the problem rows.
A warning is a cell that could not be read on a row that is imported anyway (the field is
left empty) or a goal reference that could not be resolved (that link is left out); it
never stops the import, and the preview and the command line show every one.

Rows are matched to existing items by the id column when it has a value, else by name
(case-insensitive, spaces trimmed) within the kind, so importing the same sheet again plans
nothing, and an edited sheet updates in place. A blank cell never erases what the district
already holds; it gives the default only to a new item.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.commands import (
    AddItem,
    AddLink,
    Batch,
    Command,
    SetItemFields,
    SetLinkFields,
)
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item, Link, LinkKey
from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.spreadsheets.proposals import Proposal, save_proposals

RowKey = tuple[str, str, int]  # (file, sheet name, row number)


@dataclass(frozen=True)
class ImportProblem:
    """Something the import cannot do, and where: a row's problem names its row."""

    place: str
    message: str
    row: RowKey | None = None
    column: str | None = None  # the header, so a dialog can mark the cell

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass
class NewItem:
    item: Item
    place: str
    row: RowKey


@dataclass
class ItemUpdate:
    """Field changes to an existing item: field name -> (old value, new value)."""

    item_id: str
    name: str
    changes: dict[str, tuple[Any, Any]]
    place: str
    row: RowKey


@dataclass
class NewLink:
    link: Link
    description: str
    place: str
    row: RowKey


@dataclass
class LinkUpdate:
    """Strength or rationale of an existing link: field -> (old, new)."""

    key: LinkKey
    changes: dict[str, tuple[Any, Any]]
    place: str
    row: RowKey


class ImportRefused(KnownError):
    """`to_command` on a plan with problems; `problems` lists them all."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        head = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(
            "",
            f"nothing was imported: {len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}: {head}{more}",
        )


@dataclass
class ImportPlan:
    """Everything an import would do, for review; nothing is applied until `to_command`."""

    creates: list[NewItem] = field(default_factory=list)
    updates: list[ItemUpdate] = field(default_factory=list)
    links: list[NewLink] = field(default_factory=list)
    link_updates: list[LinkUpdate] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)  # imported anyway
    notes: list[str] = field(default_factory=list)  # unmapped columns, skipped sheets and rows
    proposals: list[Proposal] = field(default_factory=list)  # Keep/Modify/Stop, as a scenario
    guessed_types: list[tuple[str, str]] = field(default_factory=list)  # (program name, type)
    # Lines marked required because their names say the law requires them: (name, why).
    guessed_required: list[tuple[str, str]] = field(default_factory=list)
    # Which money was imported and how it squares with the sheet's own totals, in lines a
    # planner reads (money_mapping.explain_money), and the other money columns a click can
    # choose instead: (sheet name, header, how the preview names it).
    money_said: list[str] = field(default_factory=list)
    cost_alternatives: list[tuple[str, str, str]] = field(default_factory=list)
    created_goals: list[str] = field(default_factory=list)  # "Goal 1"... made for bare numbers
    district_name: str | None = None  # from a title block, for naming a new plan
    # What the preview tells the planner in plain words (each sentence is in `notes` too):
    # Rows skipped as not items: (row, what it says, why: "a total", "a heading", "a note").
    left_out: list[tuple[RowKey, str, str]] = field(default_factory=list)
    # Rows of one item added together (money, FTE, students): (its rows, its name).
    combined: list[tuple[list[RowKey], str]] = field(default_factory=list)
    # The annual cost each program or policy read from the sheet has (first row, id, amount):
    # the preview adds them up to the cent, so the planner can check the sheet's total.
    amounts: list[tuple[RowKey, str, float]] = field(default_factory=list)
    read_rows: set[RowKey] = field(default_factory=set)  # rows read into items or links
    source: str = ""
    # The layout each sheet was read as, in one sentence (layouts.py), by sheet name.
    layouts: dict[str, str] = field(default_factory=dict)
    layout_kinds: dict[str, str] = field(default_factory=dict)  # layouts.FLAT, BLOCKS, TABS
    # Each goal row of goals above their actions: the goal's name and the numbers of its
    # action rows. The amount a goal row carries is its subtotal, which reconcile.py checks.
    goal_blocks: dict[RowKey, tuple[str, list[int]]] = field(default_factory=dict)
    # The guessed fields the planner confirmed in the preview ("type", "required").
    confirmed: set[str] = field(default_factory=set)
    # Planning stopped once the new items passed what one plan holds (PlanTooLarge): the
    # plan is a part of the import, refused whatever is skipped.
    cut_short: bool = False

    @property
    def rows_read(self) -> int:
        """How many rows became items or links (0: the import found nothing to import)."""
        return len(self.read_rows)

    @property
    def is_empty(self) -> bool:
        """True when the import would change nothing (for example, the same sheet again)."""
        return not (self.creates or self.updates or self.links or self.link_updates)

    def programs_serving_no_goal(self) -> list[str]:
        """The names of the new programs no new link makes serve a goal or a strategy."""
        serving = {nl.link.src for nl in self.links if nl.link.kind == "supports"}
        return [
            c.item.name
            for c in self.creates
            if c.item.kind == "program" and c.item.id not in serving
        ]

    def found_layout(self) -> tuple[str | None, str]:
        """The layout most sheets of programs were read in, and its sentence (layouts.py).

        The one sentence both the wizard's preview and the command line say about the layout.
        """
        if not self.layout_kinds:
            return None, ""
        key = Counter(self.layout_kinds.values()).most_common(1)[0][0]
        sentence = next(self.layouts[s] for s, k in self.layout_kinds.items() if k == key)
        return key, sentence

    def problem_rows(self) -> set[RowKey]:
        return {p.row for p in self.problems if p.row is not None}

    def without_problem_rows(self) -> ImportPlan:
        """The plan minus every row that has a problem (and links to items those rows made).

        Problems that belong to no row (a sheet without a name column) leave nothing to
        import from that sheet already, so the result has no problems and can be applied;
        its notes say which sheets were left out and why.
        """
        bad = self.problem_rows()
        left_out_sheets = [
            f"{p.place}: left out, because {p.message}" for p in self.problems if p.row is None
        ]
        skipped_rows = (
            [f"{len(bad)} row{'s' if len(bad) != 1 else ''} with problems skipped"] if bad else []
        )
        creates = [c for c in self.creates if c.row not in bad]
        kept_ids = {c.item.id for c in creates}
        dropped_ids = {c.item.id for c in self.creates if c.row in bad}
        dropped_names = {c.item.name for c in self.creates if c.row in bad}
        links = [
            nl
            for nl in self.links
            if nl.row not in bad and not {nl.link.src, nl.link.dst} & dropped_ids
        ]
        assert not (dropped_ids & kept_ids)
        return ImportPlan(
            creates=creates,
            updates=[u for u in self.updates if u.row not in bad],
            links=links,
            link_updates=[u for u in self.link_updates if u.row not in bad],
            problems=[],
            warnings=[w for w in self.warnings if w.row not in bad],
            notes=[*self.notes, *left_out_sheets, *skipped_rows],
            proposals=[p for p in self.proposals if p.item_id not in dropped_ids],
            guessed_types=[g for g in self.guessed_types if g[0] not in dropped_names],
            guessed_required=[g for g in self.guessed_required if g[0] not in dropped_names],
            money_said=self.money_said,
            cost_alternatives=self.cost_alternatives,
            created_goals=self.created_goals,
            district_name=self.district_name,
            left_out=self.left_out,
            combined=self.combined,
            amounts=[a for a in self.amounts if a[0] not in bad],
            read_rows=self.read_rows - bad,
            source=self.source,
            layouts=self.layouts,
            layout_kinds=self.layout_kinds,
            goal_blocks=self.goal_blocks,
            confirmed=self.confirmed,
            cut_short=self.cut_short,
        )

    def summary(self) -> str:
        parts = [
            f"{len(self.creates)} new item{'s' if len(self.creates) != 1 else ''}",
            f"{len(self.updates)} updated",
            f"{len(self.links)} new link{'s' if len(self.links) != 1 else ''}",
        ]
        if self.problems:
            parts.append(f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}")
        if self.warnings:
            parts.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")
        return ", ".join(parts)

    def to_command(self, district: District, skip_problem_rows: bool = False) -> Batch:
        """One Batch (one undo step, one transaction) doing the whole plan.

        Raises ImportRefused when the plan has problems, unless `skip_problem_rows`.
        """
        plan = self
        if self.problems:
            if not skip_problem_rows:
                raise ImportRefused(self.problems)
            plan = self.without_problem_rows()
        too_many = (
            too_large(district, len(self.creates), plan.source, at_least=True)
            if plan.cut_short
            else too_many_items(district, len(plan.creates), plan.source)
        )
        if too_many is not None:  # skipping problem rows never lets a plan pass its size
            raise ImportRefused([too_many])
        commands: list[Command] = [AddItem(c.item) for c in plan.creates]
        for update in plan.updates:
            values = {name: new for name, (_, new) in update.changes.items()}
            commands.append(SetItemFields(district, update.item_id, values))
        # Links name items this batch creates, so their text is worked out from the plan.
        names = {c.item.id: c.item.name for c in plan.creates}
        for new in plan.links:
            src = names.get(new.link.src) or _name_in(district, new.link.src)
            dst = names.get(new.link.dst) or _name_in(district, new.link.dst)
            commands.append(AddLink(district, new.link, text=f"Link {src} to {dst}"))
        for lu in plan.link_updates:
            commands.append(
                SetLinkFields(district, lu.key, {k: new for k, (_, new) in lu.changes.items()})
            )
        if plan.proposals:
            commands.append(save_proposals(plan.proposals, plan.source))
        source = f" from {plan.source}" if plan.source else ""
        return Batch(f"Import{source} ({plan.summary()})", commands)


class PlanTooLarge(Exception):
    """Planning passed what one plan holds: the rest of the sheet need not be planned."""


def too_many_items(district: District, creates: int, source: str) -> ImportProblem | None:
    """The problem of an import that would give the plan more items than one plan holds.

    The rows of a sheet are not its items (account lines, subtotals and headings make none,
    limits.py), so the plan's size is checked here, on the items the import would create.
    """
    if len(district.items) + creates <= F.MAX_ITEMS:
        return None
    return too_large(district, creates, source)


def too_large(
    district: District, creates: int, source: str, *, at_least: bool = False
) -> ImportProblem:
    """The sentence of too_many_items; `at_least` when planning stopped there (PlanTooLarge)
    and `creates` is the count so far."""
    already = f" to the plan's {len(district.items):,}" if district.items else ""
    count = f"at least {creates:,}" if at_least else f"{creates:,}"
    return ImportProblem(
        source or "the spreadsheet",
        f"the import would add {count} goals, strategies, programs and policies{already}, "
        f"more than the {F.MAX_ITEMS:,} items one plan holds; split the file, and import "
        "the parts into separate plans",
    )


def _name_in(district: District, item_id: str) -> str:
    item = district.items.get(item_id)
    return item.name if item else item_id
