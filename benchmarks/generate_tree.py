"""Tree-shaped synthetic districts: what real district plans look like.

`generate_district.generate` spends about three links on every program, scattered over all
strategies, so everything crosses everything; real plans are nearly forests. Here most
programs hang from one strategy and a strategy from one goal, with the exceptions real
plans have, at rates chosen to resemble them:

- 5% of strategies serve a second goal;
- 5% of programs serve a second strategy of the same goal, 1% one of any goal; 4% link
  straight to their goal as well; 1% support another program of their strategy;
- policies each support one strategy (10% two);
- 5% of programs are orphans (some on an orphan strategy), one goal nothing serves, a few
  conflicts, and the same catalogue of program types, tiers and costs as `generate`, so
  competing groups arise as they do in real plans.

Usage: python benchmarks/generate_tree.py --programs 2000 --seed 1 --out tree.json
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
    """A tree-shaped synthetic district with `programs` programs, the same for the same seed."""
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
    for strategy in strategies[1:]:
        sid = strategy["id"]
        goal_of[sid] = rng.choice(served)
        by_goal[goal_of[sid]].append(sid)
        build.link(sid, goal_of[sid])
        if rng.random() < 0.05 and len(served) > 1:
            build.link(sid, rng.choice([g for g in served if g != goal_of[sid]]))
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
    for _ in range(max(1, programs // 200)):
        a, b = rng.sample(ids, 2)
        build.link(a, b, "conflicts", "scheduled in the same block")

    name = f"Tree-shaped district ({programs} programs, seed {seed})"
    return document(name, "generate_tree.py", goals, strategies, items, policies, build)


def main(argv: list[str] | None = None) -> int:
    return run(generate_tree, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
