"""Recognising how a sheet is laid out, from its structure rather than its header words.

Districts keep their plans in a few shapes (issue 23), and each says which goal a program
serves in its own way:

- a flat list, one program a row, its goals (if any) in a column;
- goals above their actions: a goal row ("Goal 1: Every student reads…", or numbered 1
  above actions numbered 1.1, 1.2), then the rows of its actions, as an LCAP's action
  tables and strategic plans are written; the goal row's amount is its subtotal;
- one tab per goal: the tab's title block names the goal ("Goal 2: Every student feels
  safe…"), and every row on it serves that goal; a program listed on two tabs is one
  program serving both goals;
- an archive tab of ended programs, which are not part of the plan.

Goal numbers merged down a block of rows (a merged cell shows its value on its first row
only) apply to every row of the block. Each recogniser returns plain data; the planners
(item_planning.py, link_planning.py) turn it into goals and links, and `describe` is the
one sentence the preview says about the layout it found.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from coherence_planner.storage.spreadsheets.cell_styles import PLAIN, Mark
from coherence_planner.storage.spreadsheets.header_guess import is_archive_sheet
from coherence_planner.storage.spreadsheets.nonitems import is_total_label
from coherence_planner.storage.spreadsheets.sheet import Row, Sheet
from coherence_planner.storage.spreadsheets.tables import header_text

__all__ = ["is_archive_sheet"]

FLAT, BLOCKS, TABS = "flat", "goal-blocks", "tab-per-goal"

# "Goal 2: Every student feels safe", "GOAL 1 - LITERACY", "Goal #3. Attendance".
_GOAL_TITLE = re.compile(
    r"(?i)^\W*goal\s*(?:#|no\.?)?\s*(?P<number>\d{1,2})\s*[:.\-–—)]\s*(?P<name>\S.*)$"
)
# A sheet named "Goal 1 - Literacy" or "Goal 2".
_GOAL_SHEET = re.compile(r"(?i)^\s*goal\s*#?\s*(?P<number>\d{1,2})\b\s*[-:–—]?\s*(?P<name>.*)$")
# "1", "1.", "1.1", "2.10", as a numbering column or at the start of a name.
_NUMBERING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?$")
_NUMBERED_NAME = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?P<name>\S.*)$")


def goal_title(text: str) -> tuple[int, str] | None:
    """(2, "Every student feels safe") for "Goal 2: Every student feels safe."; else None."""
    match = _GOAL_TITLE.match(" ".join(text.split()))
    if match is None:
        return None
    name = match["name"].strip(" .")
    return (int(match["number"]), name) if re.search(r"[^\W\d_]", name) else None


def tab_goal(sheet: Sheet) -> tuple[int, str] | None:
    """The one goal a tab's title block names, which every row of the tab serves.

    A title line "Goal 2: name" above the table; else the tab's own name "Goal 2 - name".
    Two goal lines above one table name no single goal (that is a legend, or a plan).
    """
    titles = [t for t in (goal_title(line) for line in sheet.preamble) if t is not None]
    if len(titles) == 1:
        return titles[0]
    if titles:
        return None
    match = _GOAL_SHEET.match(sheet.name)
    if match is None:
        return None
    name = match["name"].strip(" .-") or f"Goal {match['number']}"
    return int(match["number"]), name


@dataclass
class GoalBlocks:
    """Goal rows and the action rows beneath each: row number -> goal number."""

    goals: dict[int, tuple[int, str]] = field(default_factory=dict)  # row -> (number, name)
    member: dict[int, int] = field(default_factory=dict)  # row -> its block's goal number
    how: str = ""  # "titled" (Goal N: …), "numbered" (1 above 1.1) or "headed" (a table a goal)


def _numbering(row: Row, name_index: int) -> tuple[str, str]:
    """The row's outline number ("1", "1.2") and its name without the number: the most
    detailed number in the cells left of the name (a goal number filled down beside an
    action number), else one at the start of the name."""
    name = header_text(row.cells[name_index])
    found = ""
    for value in row.cells[:name_index][-4:]:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            continue
        if isinstance(value, float) and not value.is_integer():
            continue  # 1.1 as a number is an amount or a ratio, not an outline number
        match = _NUMBERING.match(header_text(value))
        if (
            match
            and match["number"].count(".") >= found.count(".")
            and (not found or match["number"] != found)
        ):
            found = match["number"]
    if found:
        return found, name
    match = _NUMBERED_NAME.match(name)
    return (match["number"], match["name"]) if match else ("", name)


def goal_blocks(
    sheet: Sheet, name_header: str | None, least: int = 2, styled: bool = True
) -> GoalBlocks:
    """Goal rows with their actions beneath, or an empty GoalBlocks for any other layout.

    A goal row either says so ("Goal 1: …" in the name column) or is numbered N above rows
    numbered N.1, N.2…; every row after it, up to the next goal row, is one of its
    actions. It takes `least` goal rows with actions beneath to make this layout: two,
    unless the planner chose it (one "Goal 2: Math" line over a band is a heading).
    Failing both, goal rows are those that stand out by their look (styled_blocks), when
    `styled` (a sheet with a goal column of its own has headings, not goals, so styled).
    """
    if sheet.block_leads:
        blocks = headed_blocks(sheet)
        return blocks if len(blocks.goals) >= min(least, len(sheet.block_leads)) else GoalBlocks()
    name_index = sheet.headers.index(name_header) if name_header in sheet.headers else None
    if name_index is None:
        return GoalBlocks()
    outline = [(row, *_numbering(row, name_index)) for row in sheet.rows]
    titled: dict[int, tuple[int, str]] = {}
    for row, _, _ in outline:
        found = goal_title(header_text(row.cells[name_index]))
        if found is not None:
            titled[row.number] = found
    how = "titled"
    if not titled:
        how = "numbered"
        for i, (row, number, name) in enumerate(outline):
            if number.isdigit() and any(
                n.startswith(number + ".") for _, n, _ in outline[i + 1 : i + 2]
            ):
                titled[row.number] = (int(number), name.strip(" .:"))
    if not titled and styled:
        return styled_blocks(sheet, name_index, least)
    blocks = GoalBlocks(how=how)
    current: int | None = None
    for row, _, _ in outline:
        if row.number in titled:
            current = titled[row.number][0]
            continue
        if current is not None:
            blocks.member[row.number] = current
    members = set(blocks.member.values())
    blocks.goals = {r: g for r, g in titled.items() if g[0] in members}
    if len(blocks.goals) < least:
        return GoalBlocks()
    return blocks


def _emphasis(mark: Mark, usual: Mark) -> str:
    """How a row's name cell stands out from the usual action row: "shaded", "bold",
    "set left" (less indented), or "" when it does not."""
    if mark.shaded and not usual.shaded:
        return "shaded"
    if mark.bold and not usual.bold:
        return "bold"
    if mark.indent < usual.indent:
        return "set left"
    return ""


def _words_besides(row: Row, name_index: int) -> int:
    """How many cells of words a row fills besides its name."""
    return sum(
        1
        for i, value in enumerate(row.cells)
        if i != name_index and isinstance(value, str) and value.strip()
    )


def styled_blocks(sheet: Sheet, name_index: int, least: int = 2) -> GoalBlocks:
    """Goal rows known only by their look: the rows whose name cell is shaded, bold or set
    left of the indented rows beneath it, as a plan formatted for a board packet marks its
    goals. The usual look is that of most rows (the actions); a goal row stands out from
    it, is no total, and has at least one usual row under it before the next goal row."""
    named = [r for r in sheet.rows if header_text(r.cells[name_index])]
    looks = [sheet.cell_marks.get(r.number, {}).get(name_index + 1, PLAIN) for r in named]
    if not named or not sheet.cell_marks:
        return GoalBlocks()
    usual = Counter(looks).most_common(1)[0][0]
    # A goal row names its goal and may carry a subtotal, but leaves the words of an
    # action (its lead, fund, status) blank: a program set in bold to draw the eye has them.
    words = {r.number: _words_besides(r, name_index) for r in named}
    typical = sorted(words[r.number] for r, look in zip(named, looks, strict=True) if look == usual)
    median = typical[len(typical) // 2] if typical else 0
    standing: list[tuple[Row, str]] = []
    for row, look in zip(named, looks, strict=True):
        how = _emphasis(look, usual)
        if (
            how
            and not is_total_label(header_text(row.cells[name_index]))
            and (median == 0 or words[row.number] < median)
        ):
            standing.append((row, how))
    hows = {how for _, how in standing}
    if len(hows) != 1:
        return GoalBlocks()  # goal rows look alike; two kinds of look are two things
    goal_numbers = {row.number: n for n, (row, _) in enumerate(standing, start=1)}
    blocks = GoalBlocks(how=hows.pop())
    current: int | None = None
    for row in sheet.rows:
        if row.number in goal_numbers:
            current = goal_numbers[row.number]
            continue
        if current is not None:
            blocks.member[row.number] = current
    members = set(blocks.member.values())
    blocks.goals = {
        row.number: (goal_numbers[row.number], header_text(row.cells[name_index]).strip(" .:"))
        for row, _ in standing
        if goal_numbers[row.number] in members
    }
    if len(blocks.goals) < max(least, 2) or len(blocks.goals) != len(standing):
        return GoalBlocks()
    return blocks


# "Goal 2", "Goal #2", "GOAL 2: Safe schools": a cell naming the goal a row serves.
_GOAL_CELL = re.compile(r"(?i)^\W*goal\s*(?:#|no\.?)?\s*(?P<number>\d{1,2})\b")


def headed_blocks(sheet: Sheet) -> GoalBlocks:
    """The goals of a sheet whose header row is repeated over each block
    (header_repeats.py): a block's goal is the "Goal N: …" line above its header, and its
    rows are that goal's actions. A block with no goal line (a "Required Title I
    Reservations" block) ends the block above it; each of its rows serves the goal a cell
    of its own names ("Goal 2"), if any."""
    starts = sorted(sheet.block_leads)
    blocks = GoalBlocks(how="headed")
    goal_of: dict[int, int] = {}
    for start in starts:
        for number, text in sheet.block_leads[start]:
            found = goal_title(text)
            if found is not None:
                blocks.goals[number] = found
                goal_of[start] = found[0]
                break
    numbers = set(goal_of.values())
    for row in sheet.rows:
        at = bisect_left(starts, row.number)  # the block whose header is above the row
        block = starts[at - 1] if at else None
        if block is not None and block in goal_of:
            blocks.member[row.number] = goal_of[block]
            continue
        for value in row.cells:
            match = _GOAL_CELL.match(value) if isinstance(value, str) else None
            if match and int(match["number"]) in numbers:
                blocks.member[row.number] = int(match["number"])
                break
    return blocks


def fill_merged_down(sheet: Sheet) -> None:
    """A value merged down several data rows (a goal number spanning its block) is the
    value of each of those rows, not only of the first."""
    by_number = {row.number: i for i, row in enumerate(sheet.rows)}
    for c1, r1, c2, r2 in sheet.merges:
        if r2 <= r1 or c1 != c2 or r1 not in by_number or c1 > len(sheet.headers):
            continue
        value = sheet.rows[by_number[r1]].cells[c1 - 1]
        if value is None:
            continue
        for number in range(r1 + 1, r2 + 1):
            i = by_number.get(number)
            if i is None:
                continue
            cells = list(sheet.rows[i].cells)
            if cells[c1 - 1] is None:
                cells[c1 - 1] = value
                sheet.rows[i] = Row(number, tuple(cells))


def fill_block_goals(sheet: Sheet, header: str | None) -> None:
    """A goal column filled only on the first row of each block ("1" above two blank cells,
    then "2"...) means the goal of every row down to the next one.

    Only when each goal is written once, in a column blank more often than not: a column
    whose goals repeat (1, 3, 1, 2) gives each row its own, and a blank there is no goal.
    """
    if header is None or header not in sheet.headers:
        return
    index = sheet.headers.index(header)
    filled = [row.cells[index] for row in sheet.rows if header_text(row.cells[index])]
    texts = [header_text(v) for v in filled]
    if len(texts) < 2 or len(set(texts)) != len(texts) or len(texts) * 2 > len(sheet.rows):
        return
    first = next(i for i, row in enumerate(sheet.rows) if header_text(row.cells[index]))
    current = None
    for i, row in enumerate(sheet.rows):
        if i < first:
            continue
        value = row.cells[index]
        if header_text(value):
            current = value
        elif current is not None:
            cells = list(row.cells)
            cells[index] = current
            sheet.rows[i] = Row(row.number, tuple(cells))


_CODE_HEADER = re.compile(
    r"(?i)^\W*(goal |priority |objective )?(code|key|abbr\.?|abbreviation)\W*$"
)


def code_header(sheet: Sheet, columns: dict[str, str]) -> str | None:
    """A goals sheet's column of short codes ("Code": SP1, SP2), which no field holds."""
    return next(
        (h for h in sheet.headers if columns.get(h) in (None, "code") and _CODE_HEADER.match(h)),
        None,
    )


_LOOKS = {
    "shaded": "Goals are the shaded rows; the rows under each are its actions.",
    "bold": "Goals are the bold rows; the rows under each are its actions.",
    "set left": "Goals are the rows set left; the indented rows under each are its actions.",
}

LAYOUTS = (FLAT, BLOCKS, TABS)
NAMES = {
    FLAT: "A flat list",
    BLOCKS: "Goal rows with their actions beneath",
    TABS: "One tab per goal",
}


def describe(layout: str, blocks: GoalBlocks | None = None) -> str:
    """The one sentence the preview says about a sheet's layout."""
    if layout == BLOCKS:
        if blocks is not None and blocks.how == "headed":
            return (
                "Each goal has its own table: its “Goal N:” line above a header row that "
                "repeats, and the rows under it are its actions."
            )
        if blocks is not None and blocks.how in _LOOKS:
            return _LOOKS[blocks.how]
        if blocks is not None and blocks.how == "numbered":
            return (
                "Goals are the rows numbered 1, 2…; the rows numbered under each "
                "(1.1, 1.2…) are its actions."
            )
        return "Goals are the rows that start “Goal N:”; the rows under each are its actions."
    if layout == TABS:
        return (
            "Each tab is one goal, named above its table; every row on a tab serves that "
            "goal, and a program on two tabs is one program serving both."
        )
    return "A flat list: one program a row, its goals (if any) in a column."
