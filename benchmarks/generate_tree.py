"""Tree-shaped synthetic districts: what real district plans look like.

`generate_district.generate` spends about three links on every program, scattered over all
strategies, so everything crosses everything; real plans are nearly forests. Here most
programs hang from one strategy and a strategy from one goal, with the exceptions real
plans have, at rates chosen to resemble them. Both generators here share:

- 5% of strategies serve a second goal;
- 5% of programs serve a second strategy of the same goal, 1% one of any goal; 4% link
  straight to their goal as well; 1% support another program of their strategy;
- 5% of programs are orphans (some on an orphan strategy), one goal nothing serves, a few
  conflicts, and the same catalogue of program types, tiers and costs as `generate`, so
  competing groups arise as they do in real plans.

`generate_tree` adds the links real plans also have (issue 26), which a plain forest has no
place for:

- 10% of strategies are secondary drivers: they serve another strategy of their goal
  instead of the goal (a driver diagram's shape), and a quarter of them also serve a
  strategy of another goal;
- 2% of programs support a program of another strategy, of any goal (coaching that serves
  a curriculum adoption);
- policies each support one strategy (10% two); 20% also govern a program, 10% a goal.

`generate_forest` is the shape before those links: no strategy serves a strategy, programs
support programs only within their strategy, policies support only strategies.

Usage: python benchmarks/generate_tree.py --programs 2000 --seed 1 --out tree.json
       [--forest]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make the repository's package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_district import (
    STRATEGY_WORDS,
    _Builder,
    _goal,
    _program,
    document,
    proportions,
    run,
)
from coherence_planner.domain.model import vocab


def generate_tree(programs: int, seed: int = 1) -> dict[str, Any]:
    """A tree-shaped district with the links real plans have: secondary drivers, programs
    serving programs across strategies and goals, policies governing programs and goals.
    The same for the same seed."""
    return _generate(programs, seed, real_links=True)


def generate_forest(programs: int, seed: int = 1) -> dict[str, Any]:
    """A tree-shaped district without those links: the same for the same seed."""
    return _generate(programs, seed, real_links=False)


SECONDARY_SHARE = 0.10  # strategies serving a strategy
SECONDARY_ACROSS = 0.25  # of those, also serving a strategy of another goal
PROGRAM_ACROSS = 0.02  # programs supporting a program of another strategy
POLICY_PROGRAM = 0.20  # policies also governing a program
POLICY_GOAL = 0.10  # policies also governing a goal


def _generate(programs: int, seed: int, *, real_links: bool) -> dict[str, Any]:
    rng, (n_goals, n_strategies, n_policies), schools = proportions(programs, seed)
    build = _Builder(rng)

    goals = [_goal(i, rng) for i in range(1, n_goals + 1)]
    served = [g["id"] for g in goals[:-1]]  # the last goal is new: nothing serves it yet
    strategies = [
        {
            "id": f"S{i}",
            "name": f"{rng.choice(STRATEGY_WORDS)} {i}",
            "themes": rng.sample(vocab.THEMES, rng.randint(1, 2)),
        }
        for i in range(1, n_strategies + 1)
    ]
    loose = strategies[0]["id"]  # an orphan strategy: reaches no goal
    goal_of: dict[str, str] = {}
    by_goal: dict[str, list[str]] = {g: [] for g in served}
    secondary: list[str] = []
    for strategy in strategies[1:]:
        sid = strategy["id"]
        goal_of[sid] = rng.choice(served)
        if real_links and by_goal[goal_of[sid]] and rng.random() < SECONDARY_SHARE:
            secondary.append(sid)  # linked below, once every goal has its strategies
        else:
            build.link(sid, goal_of[sid])
            if rng.random() < 0.05 and len(served) > 1:
                build.link(sid, rng.choice([g for g in served if g != goal_of[sid]]))
        by_goal[goal_of[sid]].append(sid)
    for sid in secondary:
        primaries = [s for s in by_goal[goal_of[sid]] if s not in secondary]
        build.link(sid, rng.choice(primaries))
        if rng.random() < SECONDARY_ACROSS and len(served) > 1:
            other = rng.choice([g for g in served if g != goal_of[sid]])
            build.link(sid, rng.choice([s for s in by_goal[other] if s not in secondary]))
    aligned = list(goal_of)

    items = [_program(i, rng, schools) for i in range(1, programs + 1)]
    for prog in items:
        prog["status"] = "active"
    ids = [p["id"] for p in items]
    on_strategy: dict[str, list[str]] = {}
    for k, prog in enumerate(items):
        pid = prog["id"]
        if rng.random() < 0.05:  # an orphan: alone, or on the orphan strategy
            if k % 2:
                build.link(pid, loose)
            continue
        home = rng.choice(aligned)
        build.link(pid, home)
        roll = rng.random()
        if roll < 0.05:
            build.link(pid, rng.choice(by_goal[goal_of[home]]))
        elif roll < 0.06:
            build.link(pid, rng.choice(aligned))
        elif roll < 0.10:
            build.link(pid, goal_of[home])
        elif roll < 0.11 and on_strategy.get(home):
            build.link(pid, rng.choice(on_strategy[home]))
        on_strategy.setdefault(home, []).append(pid)
    linked = [pid for pids in on_strategy.values() for pid in pids]
    if real_links:
        for pid in linked:
            if rng.random() < PROGRAM_ACROSS:
                build.link(pid, rng.choice(linked))
    policies = []
    for i in range(1, n_policies + 1):
        policies.append(
            {
                "id": f"B{i}",
                "code": f"BP {6000 + rng.randint(0, 999)}",
                "name": f"Board policy {i}",
                "adopted_year": rng.randint(2005, 2025),
            }
        )
        build.link(f"B{i}", rng.choice(aligned))
        if rng.random() < 0.1:
            build.link(f"B{i}", rng.choice(aligned))
        if real_links and rng.random() < POLICY_PROGRAM:
            build.link(f"B{i}", rng.choice(linked))
        if real_links and rng.random() < POLICY_GOAL:
            build.link(f"B{i}", rng.choice(served))
    for _ in range(max(1, programs // 200)):
        a, b = rng.sample(ids, 2)
        build.link(a, b, "conflicts", "scheduled in the same block")

    name = f"Tree-shaped district ({programs} programs, seed {seed})"
    return document(name, "generate_tree.py", goals, strategies, items, policies, build)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    forest = "--forest" in args
    args = [a for a in args if a != "--forest"]
    return run(generate_forest if forest else generate_tree, __doc__.splitlines()[0], args)


if __name__ == "__main__":
    sys.exit(main())
