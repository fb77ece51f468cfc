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
from coherence_planner.storage.spreadsheets.planner_base import fold_name, header_for, row_key
from coherence_planner.storage.spreadsheets.reading import Row, Sheet


class LayoutPlanner(LinkPlanner):
    """Goals from goal rows and tab titles, and the links a row's place implies."""

    def read_layout(self, sheet: Sheet, kind: str, columns: ColumnMapping) -> set[int] | None:
        """Recognise the sheet's layout (or read it in the one the planner chose) and
        create the goals of its goal rows. Returns the numbers of the goal rows, which are
        not items of the sheet's kind; None when the sheet cannot be read in the chosen
        layout (a problem then says what to change, and nothing of it is imported)."""
        if kind == "goal":
            return set()
        self._block_lines_left_out(sheet)
        layouts.fill_merged_down(sheet)
        layouts.fill_block_goals(sheet, header_for(columns, LINKS))
        chosen = self.chosen_layout
        blocks = layouts.GoalBlocks()
        if chosen in (None, layouts.BLOCKS):
            least = 1 if chosen == layouts.BLOCKS else 2
            # A sheet with a goal column of its own marks headings by their look, not goals.
            styled = header_for(columns, LINKS) is None
            blocks = layouts.goal_blocks(sheet, header_for(columns, "name"), least, styled)
        if blocks.goals:
            self._goal_rows(sheet, columns, blocks)
            return set(blocks.goals)
        if chosen == layouts.BLOCKS:
            self.problem(sheet, _no_goal_rows(sheet, header_for(columns, "name")))
            return None
        tab = None
        if chosen == layouts.TABS or (chosen is None and header_for(columns, LINKS) is None):
            tab = layouts.tab_goal(sheet)
        if tab is not None:
            self.layouts[sheet.name] = (layouts.TABS, layouts.describe(layouts.TABS))
            self.tab_goals[sheet.name] = (sheet, columns, *tab)
            return set()
        if chosen == layouts.TABS:
            above = f"rows 1 to {sheet.header_row - 1}" if sheet.header_row > 1 else "nothing"
            self.problem(
                sheet,
                f"the title above the table ({above}) names no goal, and neither does the "
                "tab's name; put a line “Goal 1: its name” above the table, or choose "
                "another layout",
            )
            return None
        self.layouts[sheet.name] = (layouts.FLAT, layouts.describe(layouts.FLAT))
        return set()

    def _block_lines_left_out(self, sheet: Sheet) -> None:
        """A header row said again over each block, and the lines above it that name no
        goal (an objective, a band's title), are no items: the preview names each one."""
        for start, lines in sheet.block_leads.items():
            if start != sheet.header_row:
                header = "  ".join(h for h in sheet.raw_headers if h)
                self.plan.left_out.append(
                    ((sheet.file, sheet.name, start), header, "the header row again")
                )
            for number, text in lines:
                if layouts.goal_title(text) is None:
                    self.plan.left_out.append(
                        ((sheet.file, sheet.name, number), text, "a line above a block's header")
                    )

    def _goal_rows(self, sheet: Sheet, columns: ColumnMapping, blocks: layouts.GoalBlocks) -> None:
        """The goals of a sheet's goal rows, and the rows of each one's block."""
        self.layouts[sheet.name] = (layouts.BLOCKS, layouts.describe(layouts.BLOCKS, blocks))
        goal_of: dict[int, str] = {}
        # Looked up once, not per goal: a sheet has a goal per 10-40 actions, and searching
        # every row for each goal grew with the square of the rows (issue 29).
        rows_by_number = {r.number: r for r in sheet.rows}
        members: dict[int, list[int]] = {}
        for member, goal_number in blocks.member.items():
            members.setdefault(goal_number, []).append(member)
        for number, (goal_number, name) in blocks.goals.items():
            # A goal line above a repeated header is no data row (header_repeats.py).
            row = rows_by_number.get(number) or Row(number, ())
            goal_id = self.resolve(name, ("goal",))
            if goal_id is None:
                goal_id = self.new_id("goal")
                self.create_from(sheet.place(row), "goal", goal_id, name, row_key(sheet, row))
            goal_of[goal_number] = goal_id
            self.goal_rows.append((goal_id, name, goal_number))
            self.layout_rows.add(row_key(sheet, row))
            self.plan.goal_blocks[row_key(sheet, row)] = (name, members.get(goal_number, []))
        for row in sheet.rows:
            if row.number in blocks.member:
                self.placed.append((sheet, row, columns, goal_of[blocks.member[row.number]]))

    def goal_code(self, sheet: Sheet, columns: ColumnMapping, row: Row, goal_id: str) -> None:
        """A goals sheet's code column ("SP1", "G-2"): the programs' goal column may name
        the goal by it, so the code finds the goal as its name does."""
        header = layouts.code_header(sheet, columns)
        if header is None:
            return
        code = str(V.parse_text(sheet.cell(row, header))[0]).strip()
        if code and not code.isdigit():
            self.by_name.setdefault(("goal", fold_name(code)), []).append(goal_id)

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


def _no_goal_rows(sheet: Sheet, name_header: str | None) -> str:
    """Why a sheet read as goals above their actions has none, and what to change."""
    rows = f"rows {sheet.rows[0].number} to {sheet.rows[-1].number}" if sheet.rows else "no rows"
    column = f"the {name_header!r} column" if name_header else "the name column"
    return (
        f"no goal rows were found ({rows}): a goal row starts “Goal 1:” in {column}, or is "
        "numbered 1 above its actions numbered 1.1, 1.2; write the goal rows so, or choose "
        "another layout"
    )


def _names_a_goal(sheet: Sheet, row: Row, columns: ColumnMapping) -> bool:
    header = header_for(columns, LINKS)
    if header is None:
        return False
    text = str(V.parse_text(sheet.cell(row, header))[0]).strip()
    return bool(text) and not V.is_blank(text)
