"""What the import understood, in plain words, at the top of the preview.

A planner trusts an import when it says what it did with the parts of the sheet that are
not plain program rows: the totals and headings it left out (named), the rows it added
together, the program types it guessed, the goals it had to create, the consultant's
Keep / Modify / Stop, the sheets it could not read, and the money to the cent, so the
total can be checked against the one printed on the spreadsheet.
"""

from __future__ import annotations

import re
from decimal import Decimal

from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.wording import join_words, plural, quoted, sentence
from coherence_planner.storage.spreadsheets import ImportPlan
from coherence_planner.storage.spreadsheets.plan import RowKey
from coherence_planner.storage.spreadsheets.proposals import STOPPING, scenario_name
from coherence_planner.ui.plain_text import html

GUESSED = "guessed — confirm"
CONFIRMED = "confirmed"
# The preview's one-click confirmations, by section: the link's text and the field it
# confirms (storage/spreadsheets/confirming.py).
CONFIRM_LINKS = {
    "Program types guessed": ("Confirm these types", "type"),
    "Lines required by law": ("Confirm these as required", "required"),
}
# The notes (written for the command line) that the sections above already say.
SAID_ABOVE = re.compile(
    r"(: skipped \d+ rows? that (is|are) not |: rows [\d, and]+ are one |"
    r"^no list of goals was found|: the sheet proposes to stop )"
)


def cents(amount: Decimal) -> str:
    """Money to the cent, always with the cents: $879,987.50, $565,500.00, -$25,000.00."""
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def type_label(program_type: str) -> str:
    return program_type.replace("-", " ")


def total_money(plan: ImportPlan) -> Decimal:
    """The programs' annual costs as the sheet gives them, added up exactly."""
    return sum((Decimal(str(cost)) for _row, _id, cost in plan.amounts), Decimal(0))


def where(row: RowKey) -> str:
    """ "Spending Plan 26-27, row 7" (a CSV's rows are named by the file); an item no row
    makes (a goal a tab's title names) is named by its place alone."""
    if not row[2]:
        return row[1] or row[0]
    return f"{row[1] or row[0]}, row {row[2]}"


def rows_of(rows: list[RowKey]) -> str:
    """ "Spending Plan 26-27, rows 7 and 12"."""
    numbers = join_words([str(r[2]) for r in rows])
    return f"{rows[0][1] or rows[0][0]}, rows {numbers}"


class Summary:
    """The preview's sections, each (heading, opening sentence, list of lines)."""

    def __init__(
        self, plan: ImportPlan, district: District, new_plan: bool, plan_name: str
    ) -> None:
        self.plan = plan
        self.sections: list[tuple[str, str, list[str]]] = []
        if new_plan:
            by = (
                "after the district on the title block"
                if plan.district_name
                else "after the file (no title block names a district)"
            )
            self.add("New plan", f"It is named {quoted(plan_name)}, {by}.")
        left = [
            sentence(f"{self._local(p.place)} cannot be read: {p.message}")
            for p in plan.problems
            if p.row is None
        ]
        self.add("Sheets left out", "The other sheets are imported without them.", left)
        self._money(district)
        alone = plan.programs_serving_no_goal()
        if alone:
            programs = sum(1 for c in plan.creates if c.item.kind == "program")
            self.add(
                "Programs serving no goal",
                f"{plural(len(alone), 'program')} of {programs} will serve no goal: link "
                f"{'it' if len(alone) == 1 else 'them'} after the import, or choose another "
                "layout above if the sheet says their goals by where they stand.",
                [join_words(alone)],
            )
        # A section of a list is shown only when the list has something in it.
        self.add(
            "Rows left out",
            "These rows are totals, headings or notes, not items, and are not imported:",
            [f"{where(row)}: {quoted(label)}, {why}" for row, label, why in plan.left_out],
        )
        self.add(
            "Rows combined",
            "Rows that name the same program are one program: their money, FTE and "
            "students are added and their funding sources joined.",
            [f"{rows_of(rows)}: {name}" for rows, name in plan.combined],
        )
        typed = "type" in plan.confirmed
        self.add(
            "Program types guessed",
            "No column gives the program type, so each was guessed from the program's name"
            + (
                "; you confirmed them as listed."
                if typed
                else " and noted in its notes (a guessed type competes with nothing). "
                "Confirm them all here, or change them after the import."
            ),
            [
                f"{name}: {type_label(kind)} ({CONFIRMED if typed else GUESSED})"
                for name, kind in plan.guessed_types
            ],
        )
        if plan.created_goals:
            made = join_words([quoted(g) for g in plan.created_goals])
            self.add(
                "Goals created",
                f"No list of goals was found, so {made} "
                f"{'were' if len(plan.created_goals) > 1 else 'was'} created for the "
                + (
                    "goal numbers the sheet uses"
                    if all(re.fullmatch(r"Goal \d+", g) for g in plan.created_goals)
                    else "goals the sheet names"
                )
                + ". Rename them after the import.",
            )
        required = "required" in plan.confirmed
        self.add(
            "Lines required by law",
            "No column says which lines the law requires, so these are marked required "
            "because of their names (a required line is never proposed for removal). "
            + (
                "You confirmed them as listed."
                if required
                else "Confirm them all here, or clear Required after the import."
            ),
            [
                f"{name}: {why} ({CONFIRMED if required else GUESSED})"
                for name, why in plan.guessed_required
            ],
        )
        self._proposals()
        others = [sentence(self._local(n)) for n in plan.notes if not SAID_ABOVE.search(n)]
        self.add("Also", "", others)

    def add(self, heading: str, opening: str, lines: list[str] | None = None) -> None:
        """A section; one given a list (`lines`) is left out when the list is empty."""
        if lines is not None and not lines:
            return
        self.sections.append((heading, opening, lines or []))

    def _local(self, text: str) -> str:
        """A note without the file's name in front (the dialog's title names the file)."""
        source = self.plan.source
        for prefix in (f"{source}, ", f"{source}: ") if source else ():
            if text.startswith(prefix):
                return text[len(prefix) :]
        return text

    def _money(self, district: District) -> None:
        plan = self.plan
        if not plan.amounts:
            self.add("Money", "", [sentence(self._local(line)) for line in plan.money_said])
            return
        planned = {c.item.id: c.item.kind for c in plan.creates}
        kinds = {
            district.items[i].kind if i in district.items else planned.get(i, "program")
            for _r, i, _c in plan.amounts
        }
        what = "program" if kinds == {"program"} else "item"
        opening = (
            f"The {plural(len(plan.amounts), what)} add up to {cents(total_money(plan))} a year."
            if len(plan.amounts) > 1
            else f"The one {what} costs {cents(total_money(plan))} a year."
        )
        if any(why == "a total" for _row, _label, why in plan.left_out):
            opening += " The sheet's own total rows are left out, so nothing is counted twice."
        missing = [
            c.item.name
            for c in plan.creates
            if c.item.kind == "program" and getattr(c.item, "annual_cost", None) is None
        ]
        lines = [sentence(self._local(line)) for line in plan.money_said]
        if missing:
            lines.append(f"No amount for {join_words(missing)}.")
        self.add("Money", opening, lines or None)

    def _proposals(self) -> None:
        plan = self.plan
        if not plan.proposals:
            return
        lines = []
        for p in plan.proposals:
            word = "stop" if p.decision in STOPPING else p.decision
            line = f"{word}: {p.name}" + (f" ({p.why})" if p.why else "")
            if p.decision in STOPPING and p.required:
                line += "; set aside, because it is required by law, so it is not a removal"
            lines.append(sentence(line))
        self.add(
            "Keep / Modify / Stop",
            f"The sheet's proposals are saved as the what-if scenario "
            f"{quoted(scenario_name(plan.source))} for the cabinet to weigh; they are not "
            "the cabinet's decisions.",
            lines,
        )

    def html(self) -> str:
        parts = []
        for heading, opening, lines in self.sections:
            parts.append(f"<p><b>{html(heading)}.</b> {html(opening)}</p>")
            confirm = CONFIRM_LINKS.get(heading)
            if confirm is not None and lines and confirm[1] not in self.plan.confirmed:
                # Above its list, so a long list does not hide it below the fold.
                parts.append(f'<p><a href="confirm:{confirm[1]}">{html(confirm[0])}</a></p>')
            if lines:
                items = "".join(f"<li>{html(line)}</li>" for line in lines)
                parts.append(f"<ul>{items}</ul>")
            if heading == "Money" and self.plan.cost_alternatives:
                links = "  ·  ".join(
                    f'<a href="cost:{i}">{html(shown)}</a>'
                    for i, (_sheet, _header, shown) in enumerate(self.plan.cost_alternatives)
                )
                parts.append(f"<p>Import another column as the cost: {links}</p>")
        return "".join(parts)

    @staticmethod
    def confirm_link(href: str) -> str | None:
        """The guessed field a "confirm:FIELD" link of `html` confirms, or None."""
        field = href.removeprefix("confirm:")
        known = {f for _text, f in CONFIRM_LINKS.values()}
        return field if href.startswith("confirm:") and field in known else None

    def cost_link(self, href: str) -> tuple[str, str] | None:
        """The (sheet, header) a "cost:N" link of `html` chooses, or None."""
        if not href.startswith("cost:") or not href[5:].isdigit():
            return None
        index = int(href[5:])
        if index >= len(self.plan.cost_alternatives):
            return None
        sheet, header, _shown = self.plan.cost_alternatives[index]
        return sheet, header

    def text(self) -> str:
        """The same, as plain text (for tests, and for a screen reader's accessible text)."""
        out = []
        for heading, opening, lines in self.sections:
            out.append(f"{heading}. {opening}".rstrip())
            out.extend(f"  - {line}" for line in lines)
            if heading == "Money" and self.plan.cost_alternatives:
                shown = ", ".join(s for _sheet, _header, s in self.plan.cost_alternatives)
                out.append(f"  Import another column as the cost: {shown}")
        return "\n".join(out)
