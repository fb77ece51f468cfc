"""`coherence-planner check FILE [--json]`: the coherence findings of a plan."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coherence_planner.cli.common import end_process, load


def cmd_check(args: argparse.Namespace) -> int:
    from coherence_planner.domain.model.collector import collector_paused

    # Reading, analysing and printing make no reference cycles (collector.py): the collector
    # stays off for the whole command, and the district is freed before it is back on, so
    # it never walks the plan's million objects (each walk is tens of ms at 10,000 programs).
    with collector_paused():
        findings = _check(args)
        if args.whole_process:
            # Freeing the plan's million objects one by one, then the interpreter's own
            # teardown, took 0.04 s of the 1 s at 10,000 programs: the process ends now.
            end_process(0)
        del findings  # freed while the collector is still off
    return 0


def _check(args: argparse.Namespace) -> tuple[Any, ...]:
    """The district and its analysis, held by the caller until the process ends."""
    from coherence_planner.domain.analysis.coherence import analyse, check_report

    district = load(args.file)
    # The JSON report (coherence-rules.md section 7) has no might-compete hints: skip them.
    analysis = analyse(district, might_compete=not args.json)
    if args.json:
        json.dump(check_report(district, analysis), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from coherence_planner.cli.check_text import findings_text

        sys.stdout.write(findings_text(district, analysis))
    return (district, analysis)
