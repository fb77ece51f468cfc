"""`coherence-planner diff A B [--json]`: the command; the comparison is in diff_plans.py."""

from __future__ import annotations

import argparse


def cmd_diff(args: argparse.Namespace) -> int:
    from coherence_planner.cli.diff_plans import run_diff

    return run_diff(args.a, args.b, as_json=args.json)
