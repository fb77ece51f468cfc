"""Planning what a sheet's layout says (layouts.py): the goals its goal rows or its tab
title name, and the goal each program row serves by where it stands.

A row's own goal column wins: the layout only links the rows that name no goal themselves.
"""

from __future__ import annotations

from coherence_planner.domain.model.items import Link
from coherence_planner.storage.spreadsheets import layouts
from coherence_planner.storage.spreadsheets import values as V
from coherence_planner.storage.spreadsheets.header_words import LINKS, ColumnMapping
from coherence_planner.storage.spreadsheets.link_planning import LinkPlanner
from coherence_planner.storage.spreadsheets.planner_base import header_for, row_key
from coherence_planner.storage.spreadsheets.reading import Row, Sheet


class LayoutPlanner(LinkPlanner):
    """Goals from goal rows and tab titles, and the links a row's place implies."""

    def read_layout(self, sheet: Sheet, kind: str, columns: ColumnMapping) -> set[int]:
        """Recognise the sheet's layout; create the goals of its goal rows. Returns the
        numbers of the goal rows, which are not items of the sheet's kind."""
        if kind == "goal":
            return set()
        layouts.fill_merged_down(sheet)
        blocks = layouts.goal_blocks(sheet, header_for(columns, "name"))
        if blocks.goals:
            self.layouts[sheet.name] = layouts.describe(layouts.BLOCKS, blocks)
            goal_of: dict[int, str] = {}
            for number, (goal_number, name) in blocks.goals.items():
                row = next(r for r in sheet.rows if r.number == number)
                goal_id = self.resolve(name, ("goal",))
                if goal_id is None:
                    goal_id = self.new_id("goal")
                    self.create_from(sheet.place(row), "goal", goal_id, name)
                goal_of[goal_number] = goal_id
                self.goal_rows.append((goal_id, name, goal_number))
                self.layout_rows.add(row_key(sheet, row))
            for row in sheet.rows:
                if row.number in blocks.member:
                    self.placed.append((sheet, row, columns, goal_of[blocks.member[row.number]]))
            return set(blocks.goals)
        tab = layouts.tab_goal(sheet) if header_for(columns, LINKS) is None else None
        if tab is not None and kind != "goal":
            self.layouts[sheet.name] = layouts.describe(layouts.TABS, tab=tab)
            self.tab_goals[sheet.name] = (sheet, columns, *tab)
        else:
            self.layouts[sheet.name] = layouts.describe(layouts.FLAT)
        return set()

    def tab_goal_rows(self) -> None:
        """The goals the tabs' titles name, numbered as the titles number them; a goal a
        goals sheet already lists by that number or name is that goal."""
        known = {number: goal_id for goal_id, _, number in self.goal_rows if number is not None}
        for sheet, columns, number, name in self.tab_goals.values():
            goal_id = known.get(number) or self.resolve(name, ("goal",))
            if goal_id is None:
                goal_id = self.new_id("goal")
                self.create_from(f"{sheet.place()} (its title)", "goal", goal_id, name)
                self.goal_rows.append((goal_id, name, number))
                known[number] = goal_id
            for row in sheet.rows:
                self.placed.append((sheet, row, columns, goal_id))

    def on_two_tabs(self, sheet: Sheet, other_place: str) -> bool:
        """A program listed again on another goal's tab is the same program serving both."""
        other = other_place.split(", sheet ", 1)[-1].split(", row ", 1)[0].strip("'\"")
        return sheet.name in self.tab_goals and other in self.tab_goals and other != sheet.name

    def layout_links(self) -> None:
        """Link each placed row's item to its block's or tab's goal, unless its own goal
        column names one."""
        for sheet, row, columns, goal_id in self.placed:
            source = self.row_items.get(row_key(sheet, row))
            if source is None or _names_a_goal(sheet, row, columns):
                continue
            self.add_link(sheet, row, None, Link(source, goal_id))


def _names_a_goal(sheet: Sheet, row: Row, columns: ColumnMapping) -> bool:
    header = header_for(columns, LINKS)
    if header is None:
        return False
    text = str(V.parse_text(sheet.cell(row, header))[0]).strip()
    return bool(text) and not V.is_blank(text)
