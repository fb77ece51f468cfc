"""The findings as plain text for `coherence-planner check` (the JSON form is in coherence.py).

Written to be read aloud: each finding is a name, an id and its reason.
"""

from __future__ import annotations

import textwrap

from coherence_planner.domain.coherence import Analysis
from coherence_planner.domain.district import District
from coherence_planner.domain.wording import money, plural

_WIDTH = 88


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    """Wrap to the page width; `first` replaces the indent on the first line (a bullet)."""
    return textwrap.wrap(
        text, _WIDTH, initial_indent=first or indent, subsequent_indent=indent
    ) or [indent]


def _fte(value: float) -> str:
    return f"{value:,.1f} FTE"


def findings_text(district: District, analysis: Analysis) -> str:
    items = district.items

    def name(item_id: str) -> str:
        return items[item_id].name

    counts = {k: 0 for k in ("goal", "strategy", "program", "policy")}
    for item in items.values():
        counts[item.kind] += 1
    res = analysis.resources
    title = district.name or "Untitled district"
    if district.school_year:
        title += f" — {district.school_year}"
    lines = [
        title,
        " · ".join(
            [
                plural(counts["goal"], "goal"),
                plural(counts["strategy"], "strategy", "strategies"),
                plural(counts["program"], "program"),
                plural(counts["policy"], "policy", "policies"),
                plural(len(district.links), "link"),
            ]
        ),
        "",
    ]

    def section(heading: str, count: int) -> None:
        lines.append(f"{heading} ({count})" if count else f"{heading}: none")

    section("Not linked to any student-learning goal", len(analysis.orphans))
    for orphan in analysis.orphans:
        lines.append(f"  {orphan.id:<6} {orphan.name} [{orphan.kind}]")
        lines.extend(_wrap(orphan.reason, "         "))
    lines.append("")

    section("Goals nothing supports", len(analysis.unsupported_goals))
    for goal_id in analysis.unsupported_goals:
        lines.append(f"  {goal_id:<6} {name(goal_id)}")
    lines.append("")

    section("Conflicts", len(analysis.conflicts))
    for conflict in analysis.conflicts:
        lines.append(f"  {name(conflict.a)} ({conflict.a}) ✕ {name(conflict.b)} ({conflict.b})")
        if conflict.rationale:
            lines.extend(_wrap(conflict.rationale, "         "))
    lines.append("")

    section("Competing programs", len(analysis.competing))
    for number, group in enumerate(analysis.competing, start=1):
        goals = ", ".join(name(g) for g in group.goals) or "no shared goal (explicit conflict)"
        lines.append(f"  Group {number} — {goals}")
        for member in group.members:
            mark = "keep" if member in group.kept else "    "
            lines.append(f"    {mark}  {member:<6} {name(member)}")
    lines.append("")

    section("Removal candidates", len(analysis.removal_candidates))
    for candidate in analysis.removal_candidates:
        cost = ""
        if candidate.kind == "program":
            cost = f"  {money(candidate.annual_cost)}, {_fte(candidate.fte or 0)}"
        lines.append(f"  {candidate.id:<6} {candidate.name}{cost}")
        for reason in candidate.reasons:
            lines.extend(_wrap(reason, "           ", first="         • "))
    lines.append("")

    aligned_share = res.aligned_cost / res.total_cost * 100 if res.total_cost else 0.0
    lines.append("Money")
    lines.append(f"  Total spent on programs    {money(res.total_cost)}")
    lines.append(f"  Serving the goals          {money(res.aligned_cost)} ({aligned_share:.0f}%)")
    lines.append(f"  Not tied to any goal       {money(res.orphan_cost)}")
    lines.append(f"  Freed by removal candidates {money(res.freed_cost)} and {_fte(res.freed_fte)}")
    for goal_id, amount in res.by_goal.items():
        lines.append(f"    {goal_id:<6} {money(amount):>12}  {name(goal_id)}")
    return "\n".join(lines) + "\n"
