"""`coherence-planner merge [BASE] MINE THEIRS --into OUT [--prefer mine|theirs]`: a
colleague's copy merged into mine, three-way (domain/merge/).

Without BASE the plans' lineage finds the version both started from. Changes only one side
made are taken; a conflict needs --prefer, else the conflicts are printed, nothing is
written and the exit status is 1. OUT (.coherence or .json) is written atomically.
"""

from __future__ import annotations

import argparse
import sys

from coherence_planner.cli.common import CommandError, _summary, load
from coherence_planner.domain.model.district import District

EXIT_CONFLICTS = 1
OUT_SUFFIXES = (".coherence", ".json")


def cmd_merge(args: argparse.Namespace) -> int:
    from coherence_planner.domain.merge import MergeError, merge_command, merge_plans, unresolved
    from coherence_planner.domain.model.wording import plural
    from coherence_planner.storage.revisions import now, who

    files = list(args.files)
    if len(files) not in (2, 3):
        raise CommandError("merge takes MINE and THEIRS, or BASE MINE THEIRS")
    if not args.into.lower().endswith(OUT_SUFFIXES):
        raise CommandError(f"{args.into}: the merged plan's name must end in .coherence or .json")
    base_path = files[0] if len(files) == 3 else None
    mine_path, theirs_path = files[-2], files[-1]
    base = load(base_path) if base_path else None
    mine, theirs = load(mine_path), load(theirs_path)
    merged = merge_plans(mine, theirs, base)
    left = unresolved(merged, {}, args.prefer)
    if left:
        print(f"{plural(len(left), 'conflict')} between {mine_path} and {theirs_path}:")
        for conflict in left:
            print(f"  {conflict.line()}")
        print("Nothing was written: choose with --prefer mine or --prefer theirs.")
        return EXIT_CONFLICTS
    result = mine.copy()
    try:
        merge_command(
            result,
            merged,
            {},
            prefer=args.prefer,
            at=now(),
            by=who(),
            text=f"Merge {theirs_path}",
        ).do(result)
    except MergeError as exc:
        raise CommandError(f"{mine_path} and {theirs_path} cannot be merged: {exc}") from None
    _write(args.into, result)
    taken = sum(1 for t in merged.taken if t.side == "theirs")
    settled = len(merged.conflicts)
    why = f" ({merged.prepared.base.why})" if merged.prepared.base.why else ""
    sys.stdout.write(
        f"Wrote {args.into}: {_summary(result)}; {plural(taken, 'change')} taken from "
        f"{theirs_path}, {plural(settled, 'conflict')} settled for {args.prefer or 'mine'}"
        f"{why}.\n"
    )
    return 0


def _write(target: str, district: District) -> None:
    if target.lower().endswith(".json"):
        from coherence_planner.storage.interchange import write_json

        write_json(district, target)
        return
    from coherence_planner.storage.document import Document

    Document.create(target, district, replace=True).close()
