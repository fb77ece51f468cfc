"""The findings with their reasons, the data gaps and the removal-candidate table.

Items are named by their names, never by their ids: the board reads words, not codes."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from coherence_planner.domain.analysis.coherence import KEPT_BY_LAW, Analysis
from coherence_planner.domain.analysis.gaps import (
    FACTS,
    GUESSED_TYPE,
    ProgramGaps,
    gap_sentence,
    percent,
    plan_gaps,
    type_guessed,
)
from coherence_planner.domain.analysis.group_story import explain_groups, kept_by_law_line
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.domain.model.naming import Names
from coherence_planner.domain.model.wording import join_words, money, plural, sentence
from coherence_planner.reports.book.doc import Heading
from coherence_planner.reports.book.scale import ReportScale
from coherence_planner.reports.book.styles import markup, para, right, table
from coherence_planner.reports.markup import esc

MAX_GOALS = 3  # a large plan's group row names this many goals, then how many more
MAX_REASONS = 3  # a program outranked by 150 rivals has 150 reasons; a cell shows the first


def _first_reasons(reasons: tuple[str, ...], limit: int, bullets: bool = False) -> Paragraph:
    """The first `limit` reasons and how many more there are, so one cell fits on a page."""
    shown = [esc(sentence(r)) for r in reasons[:limit]]
    if bullets:
        shown = [f"• {r}" for r in shown]
    if len(reasons) > limit:
        more = len(reasons) - limit
        shown.append(f"<i>… and {plural(more, 'more reason')} of the same kind</i>")
    return markup("<br/>".join(shown), "cell")


def _name(district: District, item_id: str) -> str:
    item = district.items[item_id]
    return f"{item.label} (required)" if item.required else item.label


def _outcome(analysis: Analysis, kept: tuple[str, ...], program: Program) -> str:
    """Rules 2.1: a required program is always kept, and the table says why."""
    if program.id in analysis.kept_by_law:
        return sentence(KEPT_BY_LAW).rstrip(".")
    return "Kept" if program.id in kept else "Not kept"


def data_gaps(
    district: District, analysis: Analysis, width: float, scale: ReportScale
) -> list[Flowable]:
    """What the plan does not know about its programs, so the findings can be trusted."""
    gaps = plan_gaps(district, analysis.goals_of, analysis.might_compete)
    names = Names(district)
    parts: list[Flowable] = [
        Heading(f"Data gaps ({len(gaps.programs)})", 1),
        para(
            f"The programs' facts are {percent(gaps.completeness)} complete. A missing fact "
            "changes the findings: a program with no type competes with nothing, an unknown "
            "cost counts as $0, and an unknown reach ranks a program last.",
            "muted",
        ),
    ]
    if not gaps.programs:
        return parts
    if scale.summarised:
        return [*parts, _gaps_by_fact(district, gaps.programs, width)]
    rows = [[district.items[g.id].label, gap_sentence(district, g, names)] for g in gaps.programs]
    parts.append(table(("Program", "Missing"), rows, (width * 0.34, width * 0.66), wrap=(0, 1)))
    return parts


def _gaps_by_fact(district: District, programs: list[ProgramGaps], width: float) -> Flowable:
    """A large plan's data gaps: how many programs lack each fact (a guessed type, which
    counts as unknown until confirmed, on a line of its own)."""
    counts = {fact.field: 0 for fact in FACTS}
    guessed = 0
    for gaps in programs:
        for field in gaps.missing:
            counts[field] += 1
        program = district.items[gaps.id]
        if "type" in gaps.missing and isinstance(program, Program) and type_guessed(program):
            counts["type"] -= 1
            guessed += 1
    might = sum(1 for g in programs if g.might_compete)
    rows: list[list[object]] = [
        [sentence(fact.missing), right(plural(counts[fact.field], "program"))]
        for fact in FACTS
        if counts[fact.field]
    ]
    if guessed:
        rows.insert(
            1 if counts["type"] else 0,
            [sentence(GUESSED_TYPE), right(plural(guessed, "program"))],
        )
    if might:
        rows.append(
            [
                "Might compete with another program once its type is filled in",
                right(plural(might, "program")),
            ]
        )
    return table(("Missing fact", "Programs"), rows, (width * 0.7, width * 0.3), align_right=(1,))


def _orphans_compact(district: District, analysis: Analysis, width: float) -> Flowable:
    """A large plan's orphans: one line each, the reason only where it is not the usual one."""
    rows = []
    for orphan in analysis.orphans:
        item = district.items[orphan.id]
        cost = item.annual_cost if isinstance(item, Program) else None
        rows.append(
            [
                _name(district, orphan.id),
                vocab.KIND_LABELS[orphan.kind],
                money(cost) if cost is not None else "",
                "Required: link it to the goal it serves" if item.required else "",
            ]
        )
    w = width
    return table(
        ("Name", "Kind", "Annual cost", "Note"),
        rows,
        (w * 0.5, w * 0.12, w * 0.14, w * 0.24),
        wrap=(3,),  # a name is one line; the note is a sentence, never cut
        align_right=(2,),
    )


def _groups_compact(district: District, analysis: Analysis, width: float) -> Flowable:
    """A large plan's competing groups: one row each, with what the members share when one
    line can say it."""
    stories = explain_groups(district, analysis)
    rows = []
    for number, group in enumerate(analysis.competing, start=1):
        named = [_name(district, g) for g in group.goals[:MAX_GOALS]]
        if len(group.goals) > MAX_GOALS:
            named.append(plural(len(group.goals) - MAX_GOALS, "more goal"))
        goals = join_words(named) or "an explicit conflict"
        story = stories[number - 1]
        shared = (
            story[0] if len(story) == 1 else "No one type, tier and goal: see each pair in the app."
        )
        kept = set(group.kept)  # a tuple: searched per member, 0.13 s over 10,000's groups
        not_kept = [district.items[m] for m in group.members if m not in kept]
        freed = sum(getattr(p, "annual_cost", None) or 0.0 for p in not_kept)
        rows.append(
            [
                right(str(number)),
                goals,
                shared,
                right(f"{len(group.members):,}"),
                right(f"{len(group.kept):,}"),
                right(money(freed)),
            ]
        )
    w = width
    return table(
        ("#", "Competing for", "What they share", "Size", "Kept", "Not kept, a year"),
        rows,
        (w * 0.05, w * 0.33, w * 0.3, w * 0.1, w * 0.08, w * 0.14),
        wrap=(1, 2),
        align_right=(0, 3, 4, 5),
    )


def findings(
    district: District, analysis: Analysis, width: float, scale: ReportScale
) -> list[Flowable]:
    w = width
    parts: list[Flowable] = [Heading("Findings", 0)]

    parts.append(Heading(f"Not linked to any goal ({len(analysis.orphans)})", 1))
    if analysis.orphans and scale.summarised:
        parts.append(_orphans_compact(district, analysis, w))
    elif analysis.orphans:
        rows = [
            [_name(district, o.id), vocab.KIND_LABELS[o.kind], sentence(o.reason)]
            for o in analysis.orphans
        ]
        parts.append(
            table(
                ("Name", "Kind", "Why"),
                rows,
                (w * 0.4, w * 0.1, w * 0.5),
                wrap=(0, 2),
            )
        )
    else:
        parts.append(para("Every live item serves at least one goal.", "muted"))

    parts.append(Heading(f"Goals nothing supports ({len(analysis.unsupported_goals)})", 1))
    if analysis.unsupported_goals:
        rows = [[_name(district, g)] for g in analysis.unsupported_goals]
        parts.append(table(("Goal",), rows, (w,), wrap=(0,)))
    else:
        parts.append(para("Every goal has support.", "muted"))

    parts.append(Heading(f"Conflicts ({len(analysis.conflicts)})", 1))
    if analysis.conflicts:
        rows = [
            [_name(district, c.a), _name(district, c.b), c.rationale or "—"]
            for c in analysis.conflicts
        ]
        parts.append(
            table(
                ("Item", "Conflicts with", "Why"), rows, (w * 0.3, w * 0.3, w * 0.4), wrap=(0, 1, 2)
            )
        )
    else:
        parts.append(para("No item is marked as conflicting with another.", "muted"))

    parts.append(Heading(f"Competing programs ({len(analysis.competing)} groups)", 1))
    if not analysis.competing:
        parts.append(para("No programs compete for the same goal and students.", "muted"))
    if scale.summarised and analysis.competing:
        parts.append(_groups_compact(district, analysis, w))
    stories = [] if scale.summarised else explain_groups(district, analysis)
    names = Names(district)
    for number, group in enumerate(analysis.competing if stories else (), start=1):
        goals = join_words([_name(district, g) for g in group.goals]) or "an explicit conflict"
        by_law = kept_by_law_line(group, analysis, names)
        lines = (*stories[number - 1], by_law) if by_law else stories[number - 1]
        story = [markup(esc(line), "cell") for line in lines]
        rows = []
        for rank, member in enumerate(group.members, start=1):
            program = district.items[member]
            assert isinstance(program, Program)
            per_student = program.cost_per_student
            rows.append(
                [
                    str(rank),
                    _name(district, member),
                    money(per_student) if per_student is not None else "—",
                    vocab.EVIDENCE_LABELS.get(program.evidence_tier, "—"),
                    _outcome(analysis, group.kept, program),
                    _first_reasons(analysis.not_kept_reasons.get(member, ()), 1),
                ]
            )
        header = markup(f"<b>Group {number}</b> — competing for {esc(goals)}", "body")
        grid = table(
            ("#", "Program", "Per student", "Evidence", "Outcome", "Why not kept"),
            rows,
            (w * 0.06, w * 0.24, w * 0.11, w * 0.14, w * 0.11, w * 0.34),
            wrap=(1, 3, 4, 5),  # "Kept: required by law" in full, never cut
            align_right=(0, 2),
        )
        parts += [KeepTogether([Spacer(1, 6), header, *story, Spacer(1, 3), grid])]
    parts += data_gaps(district, analysis, w, scale)
    parts.append(PageBreak())
    return parts


def removal_candidates(
    district: District, analysis: Analysis, width: float, scale: ReportScale
) -> list[Flowable]:
    w = width
    res = analysis.resources
    parts: list[Flowable] = [
        Heading(f"Removal candidates ({len(analysis.removal_candidates)})", 0),
        para(
            f"Stopping every program below would free {money(res.freed_cost)} a year and "
            f"{res.freed_fte:,.1f} FTE. These are candidates for the cabinet's judgement, "
            + (
                "each with why in a few words, the costliest first; the Findings section "
                "and the app give the full reasons."
                if scale.summarised
                else "each with every reason that applies."
            ),
            "muted",
        ),
        Spacer(1, 6),
    ]
    if not analysis.removal_candidates:
        parts.append(para("No item is a removal candidate.", "muted"))
    elif scale.summarised:
        parts.append(_candidates_compact(district, analysis, w))
    else:
        rows = [
            [
                c.name,
                vocab.KIND_LABELS[c.kind],
                money(c.annual_cost) if c.annual_cost is not None else "—",
                f"{c.fte:,.1f}" if c.fte is not None else "—",
                _first_reasons(c.reasons, MAX_REASONS, bullets=True),
            ]
            for c in analysis.removal_candidates
        ]
        parts.append(
            table(
                ("Name", "Kind", "Annual cost", "FTE", "Reasons"),
                rows,
                (w * 0.26, w * 0.1, w * 0.12, w * 0.06, w * 0.46),
                wrap=(0, 4),
                align_right=(2, 3),
            )
        )
    parts.append(PageBreak())
    return parts


def _candidates_compact(district: District, analysis: Analysis, width: float) -> Flowable:
    """A large plan's candidates, one line each, the costliest first: why in a few words (not
    linked to a goal, or which program its competing group keeps)."""
    orphans = {o.id for o in analysis.orphans}
    names = Names(district)
    rows = []
    ordered = sorted(analysis.removal_candidates, key=lambda c: -(c.annual_cost or 0.0))
    for c in ordered:
        why = []
        if c.id in orphans:
            why.append("Not linked to any goal")
        index = analysis.group_of.get(c.id)  # from 0; the groups table numbers from 1
        if index is not None:
            kept = analysis.competing[index].kept
            shown = join_words([names(k) for k in kept[:2]])
            more = f" and {len(kept) - 2:,} more" if len(kept) > 2 else ""
            why.append(f"Competing group {index + 1} keeps {shown}{more}")
        rows.append(
            [
                c.name,
                money(c.annual_cost) if c.annual_cost is not None else "—",
                f"{c.fte:,.1f}" if c.fte is not None else "—",
                "; ".join(why) or sentence(c.reasons[0]),
            ]
        )
    w = width
    return table(
        ("Name", "Annual cost", "FTE", "Why"),
        rows,
        (w * 0.34, w * 0.13, w * 0.07, w * 0.46),
        wrap=(0, 3),
        align_right=(1, 2),
    )
