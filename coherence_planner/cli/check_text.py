"""The findings as plain text for `coherence-planner check` (the JSON form is in coherence.py).

Written to be read aloud: each finding is a name and its reason, never an item id (an id
follows a name only where two items share that name).
"""

from __future__ import annotations

import textwrap

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW, Analysis
from coherence_planner.domain.analysis.gaps import gap_sentence, percent, plan_gaps
from coherence_planner.domain.analysis.group_story import explain_groups, kept_by_law_line
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import money, plural, sentence

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
    names = Names(district)

    def name(item_id: str) -> str:
        return names.plain(item_id)

    counts = {k: 0 for k in ("goal", "strategy", "program", "policy")}
    for item in items.values():
        counts[item.kind] += 1
    res = analysis.resources
    gaps = plan_gaps(district, analysis.goals_of, analysis.might_compete)
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
        f"The programs' facts are {percent(gaps.completeness)} complete.",
        "",
    ]

    def section(heading: str, count: int) -> None:
        lines.append(f"{heading} ({count})" if count else f"{heading}: none")

    section("Not linked to any student-learning goal", len(analysis.orphans))
    for orphan in analysis.orphans:
        lines.append(f"  {name(orphan.id)} [{orphan.kind}]")
        lines.extend(_wrap(sentence(orphan.reason), "      "))
    lines.append("")

    section("Goals nothing supports", len(analysis.unsupported_goals))
    for goal_id in analysis.unsupported_goals:
        lines.append(f"  {name(goal_id)}")
    lines.append("")

    section("Conflicts", len(analysis.conflicts))
    for conflict in analysis.conflicts:
        lines.extend(_wrap(f"{name(conflict.a)} ✕ {name(conflict.b)}", "    ", first="  "))
        if conflict.rationale:
            lines.extend(_wrap(sentence(conflict.rationale), "      "))
    lines.append("")

    section("Competing programs", len(analysis.competing))
    stories = explain_groups(district, analysis)
    for number, (group, story) in enumerate(zip(analysis.competing, stories, strict=True), 1):
        lines.append(f"  Group {number}")
        by_law = kept_by_law_line(group, analysis, names)
        for line in (*story, by_law) if by_law else story:
            lines.extend(_wrap(line, "      ", first="    "))
        for member in group.members:
            mark = "keep" if member in group.kept else "    "
            note = f" ({KEPT_BY_LAW})" if member in analysis.kept_by_law else ""
            lines.extend(_wrap(f"{name(member)}{note}", "            ", first=f"    {mark}  "))
    lines.append("")

    section("Removal candidates", len(analysis.removal_candidates))
    for candidate in analysis.removal_candidates:
        cost = ""
        if candidate.kind == "program":
            cost = f"  {money(candidate.annual_cost)}, {_fte(candidate.fte or 0)}"
        kind = "" if candidate.kind == "program" else f" [{candidate.kind}]"
        lines.append(f"  {name(candidate.id)}{kind}{cost}")
        for reason in candidate.reasons:
            lines.extend(_wrap(sentence(reason), "      ", first="    • "))
    lines.append("")

    if gaps.programs:
        lines.append(
            f"Data gaps to fill in before the retreat ({plural(len(gaps.programs), 'program')};"
            f" the programs' facts are {percent(gaps.completeness)} complete)"
        )
    else:
        lines.append("Data gaps: none")
    for gap in gaps.programs:
        lines.append(f"  {name(gap.id)}")
        lines.extend(_wrap(gap_sentence(district, gap, names), "      "))
    lines.append("")

    aligned_share = res.aligned_cost / res.total_cost * 100 if res.total_cost else 0.0
    lines.append("Money")
    lines.append(f"  Total spent on programs    {money(res.total_cost)}")
    lines.append(f"  Serving the goals          {money(res.aligned_cost)} ({aligned_share:.0f}%)")
    lines.append(f"  Not tied to any goal       {money(res.orphan_cost)}")
    lines.append(f"  Freed by removal candidates {money(res.freed_cost)} and {_fte(res.freed_fte)}")
    for goal_id, amount in res.by_goal.items():
        lines.extend(_wrap(name(goal_id), " " * 18, first=f"  {money(amount):>14}  "))
    return "\n".join(lines) + "\n"
