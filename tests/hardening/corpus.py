"""Write a hostile corpus to a folder and probe every file (quick test and full run)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.hardening.hostile import Mutant, json_mutants, plan_mutants, sheet_mutants
from tests.hardening.hostile_names import name_mutants
from tests.hardening.probe import probe, probe_named

GENERATORS = {
    "plans": plan_mutants,
    "json": json_mutants,
    "sheets": sheet_mutants,
    "names": name_mutants,
}


@dataclass
class CorpusOutcome:
    files: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)  # per file, every command together
    commands: int = 0


def run_corpus(family: str, folder: Path, count: int, seed: int) -> CorpusOutcome:
    outcome = CorpusOutcome()
    mutant: Mutant
    for mutant in GENERATORS[family](count, seed):
        name, data = mutant
        case = folder / name.rsplit(".", 1)[0]
        case.mkdir(parents=True)
        path = case / f"district.{name.rsplit('.', 1)[1]}"
        path.write_bytes(data)
        times: list[float] = []
        if family == "names":
            problems = probe_named(path, times)
        else:
            started = time.perf_counter()
            problems = probe(path)
            times.append(time.perf_counter() - started)
        outcome.seconds.append(sum(times))
        outcome.commands += len(times)
        outcome.files += 1
        outcome.kinds[name.split("-", 1)[1].rsplit(".", 1)[0]] += 1
        if problems:
            outcome.failures[name] = problems
        for leftover in case.iterdir():
            leftover.unlink()
        case.rmdir()
    return outcome
