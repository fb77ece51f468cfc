"""What every sheet's planning shares: the plan being built, the indexes of names and ids
(existing and planned), new ids, problems and warnings at their place, and resolving an
item from a name or an id. Item sheets (item_planning.py), link columns and the Links sheet
(link_planning.py) and the Indicators sheet (indicator_planning.py) build on it."""

from __future__ import annotations

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import ITEM_CLASSES, Item, LinkKey
from coherence_planner.storage.spreadsheets.goal_refs import GoalNumbers
from coherence_planner.storage.spreadsheets.header_words import ColumnMapping
from coherence_planner.storage.spreadsheets.plan import ImportPlan, ImportProblem, NewItem, RowKey
from coherence_planner.storage.spreadsheets.reading import Row, Sheet


def fold_name(name: str) -> str:
    """A name as rows are matched by: case-insensitive, spaces trimmed and single."""
    return " ".join(name.split()).casefold()


def row_key(sheet: Sheet, row: Row) -> RowKey:
    """The key a plan knows a row by (plan.py: `RowKey`)."""
    return (sheet.file, sheet.name, row.number)


class PlannerBase:
    """Holds the indexes one plan needs: names and ids, existing and planned."""

    def __init__(self, district: District, plan: ImportPlan) -> None:
        self.district = district
        self.plan = plan
        self.planned: dict[str, Item] = {}  # id -> item created by this plan
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for item in district.ordered_items():
            self.by_name.setdefault((item.kind, fold_name(item.name)), []).append(item.id)
        self.seen_rows: dict[tuple[str, str], str] = {}  # (kind, id) -> place of its row
        self.next_number: dict[str, int] = {}
        self.link_keys: set[LinkKey] = set(district.links)
        self.row_items: dict[RowKey, str] = {}  # row -> the item it was read into
        self.goal_rows: list[tuple[str, str, int | None]] = []  # goals sheet: id, name, number
        self.numbers = GoalNumbers()
        self.created_goal_numbers: dict[int, str] = {}
        self.created_goal_names: set[str] = set()  # ids of goals made from names in a column
        self.skipped_lines: dict[str, list[str]] = {}  # sheet -> texts of rows skipped
        # The layout each sheet was read as (layouts.py), in one sentence; the rows read as
        # goals by their place (goal rows); the rows whose place names their goal (a goal's
        # block, a goal's tab: sheet, row, columns, goal id); the tabs titled by one goal.
        self.layouts: dict[str, tuple[str, str]] = {}  # sheet -> (layout, its sentence)
        self.chosen_layout: str | None = None  # the layout the planner chose, else guessed
        self.layout_rows: set[RowKey] = set()
        self.placed: list[tuple[Sheet, Row, ColumnMapping, str]] = []
        self.tab_goals: dict[str, tuple[Sheet, ColumnMapping, int, str]] = {}
        # A goal-reference text -> (the plan's creates and numbered goals when it was
        # resolved, what each of its references resolved to): link_planning.references.
        self.resolved_references: dict[
            str, tuple[tuple[int, int], list[tuple[list[str], str]]]
        ] = {}

    def warn(self, sheet: Sheet, message: str, row: Row, header: str | None = None) -> None:
        key = row_key(sheet, row)
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
        key = row_key(sheet, row) if row is not None else None
        self.plan.problems.append(ImportProblem(sheet.place(row, header), message, key, header))

    def resolve(self, text: str, kinds: tuple[str, ...]) -> str | None:
        """An item id from an id or a name (names searched in `kinds`, in that order)."""
        if self.item(text) is not None:  # an id as written: it may hold any spaces
            return text
        text = " ".join(text.split())
        if self.item(text) is not None:
            return text
        for kind in kinds:
            found = self.by_name.get((kind, fold_name(text)), [])
            if len(found) == 1:
                return found[0]
        return None

    def create_from(
        self, place: str, kind: str, item_id: str, name: str, row: RowKey | None = None
    ) -> None:
        """An item no row of its own makes: a goal a sheet names (`row`: its goal row)."""
        item = ITEM_CLASSES[kind](id=item_id, name=name)
        self.planned[item_id] = item
        self.by_name.setdefault((kind, fold_name(name)), []).append(item_id)
        self.plan.creates.append(NewItem(item, place, row or ("", place, 0)))


def header_for(columns: ColumnMapping, target: str) -> str | None:
    """The header mapped to `target`, or None when no column is."""
    for header, mapped in columns.items():
        if mapped == target:
            return header
    return None
