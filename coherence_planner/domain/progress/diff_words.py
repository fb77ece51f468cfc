"""Year over year, in words: a `DistrictDiff` as the lines the app and the command line
show, and as the rows of the report's comparison table.

Lines carry a mark ("+" added, "−" removed, "~" changed, "#" a heading, " " plain) so the
app can colour them; items and links are named, never shown by id.
"""

from __future__ import annotations

from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.wording import money
from coherence_planner.domain.progress.diff import DistrictDiff, FieldChange
from coherence_planner.domain.progress.diff_analysis import SpendLine


def show_value(value: Any, limit: int = 100, type: str = "") -> str:
    """A field value as a short phrase for a diff line."""
    if type == F.MONEY and isinstance(value, int | float):
        return money(value)
    if type in (F.ENUM, F.INT_CHOICE, F.YEAR, F.DATE) and value not in (None, ""):
        return str(value)
    if value is None:
        text = "(none)"
    elif value == "" or value == []:
        text = "(empty)"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    elif isinstance(value, list):
        text = f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    elif isinstance(value, str):
        text = f"“{value}”"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entry_name(entry: Any, n: int, key: str) -> str:
    if isinstance(entry, dict) and entry.get(key):
        return str(entry[key])
    return f"#{n + 1}"


def describe_field(change: FieldChange) -> list[str]:
    """Readable lines for one field change; lists of objects go entry by entry."""
    old, new = change.old, change.new
    if change.field in ("indicators", "cycles") and isinstance(old, list) and isinstance(new, list):
        key = "name" if change.field == "indicators" else "focus"
        lines = []
        for n in range(max(len(old), len(new))):
            o = old[n] if n < len(old) else None
            w = new[n] if n < len(new) else None
            if o == w:
                continue
            if o is None:
                lines.append(f"{change.label}: added {_entry_name(w, n, key)}")
            elif w is None:
                lines.append(f"{change.label}: removed {_entry_name(o, n, key)}")
            else:
                parts = [
                    f"{k} {show_value(o.get(k), 40)} → {show_value(w.get(k), 40)}"
                    for k in dict.fromkeys([*o, *w])
                    if o.get(k) != w.get(k)
                ]
                lines.append(f"{change.label}: {_entry_name(w, n, key)}: {'; '.join(parts)}")
        return lines
    shown = [show_value(v, type=change.type) for v in (old, new)]
    return [f"{change.label}: {shown[0]} → {shown[1]}"]


def _spend_value(line: SpendLine, value: float) -> str:
    return f"{value:g}" if line.key == "freed_fte" else money(value)


def _signed(line: SpendLine) -> str:
    delta = line.change
    if abs(delta) < 1e-9:
        return "no change"
    sign = "+" if delta > 0 else "−"
    return f"{sign}{_spend_value(line, abs(delta))}"


def diff_summary_rows(diff: DistrictDiff) -> list[tuple[str, str, str, str]]:
    """(section, what, before, after) rows for the report's comparison table."""
    rows = [
        ("Plan", "Items added", "", str(len(diff.added))),
        ("Plan", "Items removed", str(len(diff.removed)), ""),
        ("Plan", "Items changed", "", str(len(diff.changed))),
        ("Plan", "Links added", "", str(len(diff.links_added))),
        ("Plan", "Links removed", str(len(diff.links_removed)), ""),
        ("Plan", "Decisions taken", "", str(len(diff.decisions))),
    ]
    rows += [("Findings", f.label, str(f.before), str(f.after)) for f in diff.findings]
    rows += [
        ("Spend", s.label, _spend_value(s, s.before), _spend_value(s, s.after)) for s in diff.spend
    ]
    rows += [
        ("Spend by goal", s.label, money(s.before), money(s.after)) for s in diff.spend_by_goal
    ]
    return rows


def diff_lines(diff: DistrictDiff) -> list[tuple[str, str]]:
    """The diff as (mark, text) lines: mark is "+" added, "−" removed, "~" changed,
    "#" a heading, " " plain. The CLI prints them; the app colours them by mark."""
    out: list[tuple[str, str]] = []

    def head(text: str) -> None:
        out.append(("#", text))

    head(f"Comparing {diff.label_a} (before) with {diff.label_b} (after)")
    if diff.identical:
        out.append((" ", "The two plans are the same."))
    if diff.district:
        head("District")
        for c in diff.district:
            out += [("~", line) for line in describe_field(c)]
    if diff.added or diff.removed or diff.changed:
        head(
            f"Items: {len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
        )
        out += [("+", f"{r.kind} {r.name}") for r in diff.added]
        out += [("−", f"{r.kind} {r.name}") for r in diff.removed]
        for ic in diff.changed:
            out.append(("~", f"{ic.kind} {ic.name}"))
            out += [("~", f"    {line}") for f in ic.fields for line in describe_field(f)]
    if diff.links_added or diff.links_removed or diff.links_changed:
        head(
            f"Links: {len(diff.links_added)} added, {len(diff.links_removed)} removed, "
            f"{len(diff.links_changed)} changed"
        )
        out += [("+", r.text) for r in diff.links_added]
        out += [("−", r.text) for r in diff.links_removed]
        for lc in diff.links_changed:
            out.append(("~", lc.link.text))
            out += [("~", f"    {line}") for f in lc.fields for line in describe_field(f)]
    if diff.decisions:
        head(f"Decisions taken: {len(diff.decisions)}")
        for d in diff.decisions:
            was = "new" if d.old is None else d.old
            text = f"{d.name}: {was} → {d.new}"
            who = ", ".join(x for x in (d.decided_by, d.decided_on) if x)
            if who:
                text += f" ({who})"
            if d.rationale:
                text += f" — {d.rationale}"
            out.append(("~", text))
    head("Findings (before → after)")
    for f in diff.findings:
        out.append((" ", f"{f.label}: {f.before} → {f.after}"))
        out += [("+", f"    new: {x.text}") for x in f.appeared]
        out += [("−", f"    gone: {x.text}") for x in f.disappeared]
    head("Spend (before → after)")
    for s in (*diff.spend, *diff.spend_by_goal):
        out.append(
            (
                " ",
                f"{s.label}: {_spend_value(s, s.before)} → {_spend_value(s, s.after)} ({_signed(s)})",
            )
        )
    return out


def render_text(diff: DistrictDiff) -> str:
    """The diff as plain text, one line per change; "+" added, "−" removed, "~" changed."""
    lines: list[str] = []
    for mark, text in diff_lines(diff):
        if mark == "#":
            if lines:
                lines.append("")
            lines.append(text)
        else:
            lines.append(f"{mark} {text}" if mark != " " else f"  {text}")
    return "\n".join(lines) + "\n"
