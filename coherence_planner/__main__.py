"""`python -m coherence_planner` is the same as the `coherence-planner` command."""

from __future__ import annotations

import argparse
import sys

from coherence_planner.cli import _app_parser, main


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The app's own arguments (FILE or --demo); merged from branch ui for its tests."""
    parser = _app_parser()
    args = parser.parse_args(argv)
    if args.demo and args.file:
        parser.error("give a FILE or --demo, not both")
    return args


__all__ = ["main", "parse"]

if __name__ == "__main__":
    sys.exit(main())
