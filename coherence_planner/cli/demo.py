"""`coherence-planner demo --out FILE.coherence`: the built-in sample district as a plan."""

from __future__ import annotations

import argparse

from coherence_planner.cli.common import _create_plan, _summary


def cmd_demo(args: argparse.Namespace) -> int:
    from coherence_planner.storage.sample import sample_district

    district = sample_district()
    _create_plan(args.out, district, args.replace)
    print(f"Wrote the sample district to {args.out}: {_summary(district)}")
    return 0
