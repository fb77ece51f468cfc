"""`coherence-planner diff A B [--json]`: what changed between two plans or snapshots.

A and B are each a `.coherence` plan, a district `.json` file, or `PLAN.coherence@Name` for
the snapshot called Name inside a plan. A is "before", B is "after".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coherence_planner.cli.common import CommandError, load
from coherence_planner.domain.model.district import District
from coherence_planner.domain.progress.diff import diff_districts
from coherence_planner.domain.progress.diff_words import render_text
from coherence_planner.domain.progress.snapshots import find_snapshot, snapshot_district, snapshots


def split_spec(spec: str) -> tuple[str, str | None]:
    """("plan.coherence", "Before the retreat") for "plan.coherence@Before the retreat".

    A path that exists as given wins, so a file whose name holds "@" still works; otherwise
    the text is split at the last "@" whose left part is an existing file.
    """
    if Path(spec).exists() or "@" not in spec:
        return spec, None
    at = len(spec)
    while (at := spec.rfind("@", 0, at)) > 0:
        if Path(spec[:at]).is_file():
            return spec[:at], spec[at + 1 :]
    return spec, None


def load_side(spec: str) -> District:
    """The district that one side of the comparison names."""
    path, snapshot = split_spec(spec)
    district = load(path)
    if snapshot is None:
        return district
    if not snapshot.strip():
        raise CommandError(f"{spec}: name a snapshot after the @")
    found = find_snapshot(district, snapshot)
    if found is None:
        names = [s.name for s in snapshots(district)]
        have = f"it has: {', '.join(names)}" if names else "it has no snapshots"
        raise CommandError(f"{path}: no snapshot named {snapshot!r} ({have})")
    return snapshot_district(district, found.key)


def run_diff(a: str, b: str, *, as_json: bool) -> int:
    """Print the comparison of A (before) with B (after); exit status 0 whatever differs."""
    before, after = load_side(a), load_side(b)
    diff = diff_districts(before, after, label_a=a, label_b=b)
    if as_json:
        json.dump(diff.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(diff))
    return 0
