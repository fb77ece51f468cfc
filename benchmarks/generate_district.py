"""Deterministic synthetic districts of any size, in the interchange format.

The sample district is small and hand-written; the analysis, the map and the storage layer
also need districts a hundred times larger to show how they scale. `generate(programs, seed)`
builds one from a seeded random generator, so every benchmark run sees the same data:

- goals ≈ max(5, programs/200), strategies ≈ programs/10, policies ≈ programs/20;
- about 3 links per program in total (10,000 programs -> about 30,000 links);
- programs drawn from a small catalogue of types, tiers, grade bands, subjects, populations
  and schools, so that competing programs arise the way they do in real districts;
- about 5% orphans (some pointing at orphan strategies or at each other), one goal nothing
  serves, explicit conflicts,
  retired, proposed and sunsetting items, and a few harmless cycles of supports links.

Usage: python benchmarks/generate_district.py --programs 10000 --seed 1 --out big.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make the repository's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coherence_planner.domain.model import vocab

LINKS_PER_PROGRAM = 3
ORPHAN_SHARE = 0.05

GOAL_AREAS = (
    "early literacy",
    "middle-school math",
    "ninth-grade on track",
    "graduation",
    "chronic absenteeism",
    "English learner progress",
    "belonging",
    "science proficiency",
    "college readiness",
    "kindergarten readiness",
    "writing",
    "algebra readiness",
)
STRATEGY_WORDS = (
    "Tiered support",
    "Core instruction",
    "Coaching",
    "Data cycles",
    "Family partnership",
    "Extended learning",
    "Early warning",
    "Pathways",
    "Climate and culture",
    "Wellness services",
)
PROGRAM_WORDS = (
    "Lab",
    "Groups",
    "Academy",
    "Tutoring",
    "Coaching",
    "Curriculum",
    "Screener",
    "Mentors",
    "Workshops",
    "Software",
    "Block",
    "Clinic",
    "Liaisons",
    "Course",
    "Bridge",
)
# (type, tier) pairs with realistic weights: most programs are Tier 1 core work or Tier 2
# interventions; professional learning, family engagement and operations are rarely tiered.
TYPE_TIERS = (
    (("curriculum", 1), 14),
    (("intervention", 2), 16),
    (("intervention", 3), 6),
    (("assessment", 1), 6),
    (("professional-learning", None), 12),
    (("enrichment", None), 8),
    (("student-support", 1), 6),
    (("student-support", 2), 8),
    (("student-support", 3), 3),
    (("family-engagement", None), 7),
    (("operations", None), 8),
    (("other", None), 6),
)
GRADE_BANDS: tuple[list[str], ...] = (
    ["K-3"],
    ["K-5"],
    ["4-5"],
    ["3-8"],
    ["6-8"],
    ["9-12"],
    ["9"],
    ["K-12"],
    ["PK"],
    ["PK-12"],
    ["K-8"],
    ["11-12"],
    [],
)
SUBJECTS = (
    "ela",
    "math",
    "science",
    "sel",
    "attendance",
    "eld",
    "behavior",
    "cte",
    "health",
    "technology",
    "arts",
    "family",
    "data",
    "study-skills",
)
POPULATIONS = (
    "all",
    "all",
    "below-benchmark",
    "ell",
    "swd",
    "gifted",
    "low-income",
    "chronically-absent",
    "newcomer",
    "credit-deficient",
    "foster-youth",
)
FUNDING = (
    "General fund",
    "General fund",
    "General fund",
    "Title I",
    "Title II",
    "Title III",
    "IDEA",
    "ESSER (ended)",
    "State grant",
    "Local foundation",
)
STATUS_WEIGHTS = (("active", 88), ("proposed", 4), ("sunsetting", 4), ("retired", 4))


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class _Builder:
    """Collects items and links, refusing duplicate links the way the codec would."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.links: list[dict[str, Any]] = []
        self._keys: set[tuple[str, str, str]] = set()

    def link(self, src: str, dst: str, kind: str = "supports", rationale: str = "") -> bool:
        if src == dst:
            return False
        low, high = sorted((src, dst))
        key = (kind, low, high) if kind == "conflicts" else (kind, src, dst)
        if key in self._keys:
            return False
        self._keys.add(key)
        strength = self.rng.choice(vocab.STRENGTHS)
        self.links.append(
            {"from": src, "to": dst, "kind": kind, "strength": strength, "rationale": rationale}
        )
        return True


def _goal(i: int, rng: random.Random) -> dict[str, Any]:
    area = GOAL_AREAS[(i - 1) % len(GOAL_AREAS)]
    baseline = rng.randint(20, 75)
    return {
        "id": f"G{i}",
        "name": f"Improve {area} (goal {i})",
        "owner": "Cabinet",
        "indicators": [
            {
                "name": f"Students meeting the {area} measure",
                "unit": "%",
                "baseline": baseline,
                "current": baseline + rng.randint(0, 5),
                "target": min(100, baseline + rng.randint(8, 20)),
                "target_year": rng.randint(2027, 2030),
            }
        ],
    }


def _program(i: int, rng: random.Random, schools: list[str]) -> dict[str, Any]:
    ptype, tier = _weighted(rng, TYPE_TIERS)
    subjects = rng.sample(SUBJECTS, rng.choice((1, 1, 1, 2)))
    district_wide = rng.random() < 0.15
    served = rng.randint(20, 3000)
    return {
        "id": f"P{i}",
        "name": f"{subjects[0].upper() if len(subjects[0]) <= 3 else subjects[0].title()} "
        f"{rng.choice(PROGRAM_WORDS)} {i}",
        "type": ptype,
        "tier": tier,
        "grades": list(rng.choice(GRADE_BANDS)),
        "subjects": subjects,
        "populations": [rng.choice(POPULATIONS)],
        "schools": [] if district_wide else rng.sample(schools, rng.randint(1, 3)),
        "annual_cost": round(min(1_200_000, 8_000 + rng.lognormvariate(11.3, 1.0)), -3),
        "fte": round(rng.choice((0, 0, 0.5, 1, 1.5, 2, 3, 4)), 1),
        "students_served": served,
        "funding_source": rng.choice(FUNDING),
        "funding_ends": rng.choice((None, None, None, 2024, 2027, 2028, 2029)),
        "evidence_tier": rng.choice((1, 2, 2, 3, 3, 4, 4, None, None)),
        "start_year": rng.randint(2008, 2026),
        "owner": f"Director {rng.randint(1, 40)}",
        "status": _weighted(rng, STATUS_WEIGHTS),
        "decision": rng.choices(vocab.DECISIONS, (80, 8, 3, 4, 3, 2))[0],
        # About 2.5% are required by law (rules version 2), without drawing from rng, so
        # every other value is what earlier versions of the generator made.
        "required": i % 40 == 3,
    }


def proportions(programs: int, seed: int) -> tuple[random.Random, tuple[int, int, int], list[str]]:
    """The seeded generator, how many goals, strategies and policies go with `programs`
    programs, and the schools' names."""
    if programs < 1:
        raise ValueError(f"programs must be at least 1; got {programs}")
    counts = (
        max(5, round(programs / 200)),
        max(3, round(programs / 10)),
        max(2, round(programs / 20)),
    )
    schools = [f"School {k}" for k in range(1, max(10, programs // 25) + 1)]
    return random.Random(seed), counts, schools


def generate(programs: int, seed: int = 1) -> dict[str, Any]:
    """A synthetic district with `programs` programs, the same for the same seed."""
    rng, (n_goals, n_strategies, n_policies), schools = proportions(programs, seed)
    build = _Builder(rng)

    goals = [_goal(i, rng) for i in range(1, n_goals + 1)]
    goal_ids = [g["id"] for g in goals[:-1]]  # the last goal is new: nothing serves it yet
    # About 3% of strategies reach no goal: the orphans other items point at.
    orphan_strats = max(1, round(n_strategies * 0.03))
    strategies = []
    for i in range(1, n_strategies + 1):
        strategies.append(
            {
                "id": f"S{i}",
                "name": f"{rng.choice(STRATEGY_WORDS)} {i}",
                "themes": rng.sample(vocab.THEMES, rng.randint(1, 3)),
                "status": _weighted(rng, STATUS_WEIGHTS),
            }
        )
    aligned_strats = [s["id"] for s in strategies[orphan_strats:]]
    loose_strats = [s["id"] for s in strategies[:orphan_strats]]
    for sid in aligned_strats:
        for gid in rng.sample(goal_ids, rng.choice((1, 1, 2))):
            build.link(sid, gid)
    # A few harmless cycles among aligned strategies, and one among the orphan strategies.
    for _ in range(max(1, n_strategies // 50) if len(aligned_strats) >= 3 else 0):
        a, b, c = rng.sample(aligned_strats, 3)
        build.link(a, b), build.link(b, c), build.link(c, a)
    if len(loose_strats) >= 2:
        build.link(loose_strats[0], loose_strats[1])
        build.link(loose_strats[1], loose_strats[0])

    policies = [
        {
            "id": f"B{i}",
            "code": f"BP {6000 + rng.randint(0, 999)}",
            "name": f"Board policy {i}",
            "status": _weighted(rng, STATUS_WEIGHTS),
            "adopted_year": rng.randint(2005, 2025),
        }
        for i in range(1, n_policies + 1)
    ]
    for pol in policies[max(1, n_policies // 20) :]:  # the first few are orphan policies
        for sid in rng.sample(aligned_strats, min(2, len(aligned_strats))):
            build.link(pol["id"], sid)

    items = [_program(i, rng, schools) for i in range(1, programs + 1)]
    n_orphans = max(1, round(programs * ORPHAN_SHARE))
    orphan_at = set(rng.sample(range(programs), n_orphans))
    orphans = [p for k, p in enumerate(items) if k in orphan_at]
    aligned = [p for k, p in enumerate(items) if k not in orphan_at]
    for k, prog in enumerate(orphans):
        if k % 3 == 0:
            build.link(prog["id"], rng.choice(loose_strats))
        elif k % 3 == 1 and k > 0:
            build.link(prog["id"], orphans[k - 1]["id"])  # an orphan supporting an orphan
    aligned_ids = [p["id"] for p in aligned]
    for k in range(len(aligned) // 100):  # some explicit conflicts between programs
        a, b = rng.sample(aligned_ids, 2)
        build.link(a, b, "conflicts", "scheduled in the same block")
        if k % 5 == 0 and policies:
            build.link(
                rng.choice(policies)["id"],
                rng.choice(aligned_ids),
                "conflicts",
                "the policy works against what the program does",
            )
    # Spend the rest of the link budget on aligned programs: each gets at least one link,
    # mostly to strategies, sometimes straight to a goal or to another program.
    budget = LINKS_PER_PROGRAM * programs - len(build.links)
    extra = max(0, budget - len(aligned))
    shares = [1] * len(aligned)
    for _ in range(extra if aligned else 0):
        shares[rng.randrange(len(aligned))] += 1
    for prog, share in zip(aligned, shares, strict=True):
        made = tries = 0
        while made < share and tries < share * 4:
            tries += 1
            roll = rng.random()
            if roll < 0.8 or not made:
                target = rng.choice(aligned_strats)
            elif roll < 0.9:
                target = rng.choice(goal_ids)
            else:
                target = rng.choice(aligned_ids)
            made += build.link(prog["id"], target)

    name = f"Synthetic district ({programs} programs, seed {seed})"
    return document(name, "generate_district.py", goals, strategies, items, policies, build)


def document(
    name: str,
    script: str,
    goals: list[dict[str, Any]],
    strategies: list[dict[str, Any]],
    programs: list[dict[str, Any]],
    policies: list[dict[str, Any]],
    build: _Builder,
) -> dict[str, Any]:
    """A generated district in the interchange format."""
    return {
        "format": "coherence-planner/district",
        "version": 1,
        "district": {
            "name": name,
            "school_year": "2026-27",
            "notes": f"Generated by benchmarks/{script}",
        },
        "goals": goals,
        "strategies": strategies,
        "programs": programs,
        "policies": policies,
        "links": build.links,
    }


def main(argv: list[str] | None = None) -> int:
    return run(generate, __doc__.splitlines()[0], argv)


def run(
    make: Callable[[int, int], dict[str, Any]], description: str, argv: list[str] | None
) -> int:
    """The command line of a generator: --programs, --seed, --out."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--programs", type=int, required=True, help="how many programs")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON")
    args = parser.parse_args(argv)
    try:
        data = make(args.programs, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(
        f"{args.out}: {len(data['goals'])} goals, {len(data['strategies'])} strategies, "
        f"{len(data['programs'])} programs, {len(data['policies'])} policies, "
        f"{len(data['links'])} links",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
