"""`python -m coherence_planner [FILE | --demo]`: start the desktop app."""

from __future__ import annotations

import argparse


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="coherence-planner",
        description="Open the Coherence Planner desktop app.",
    )
    parser.add_argument("file", nargs="?", help="a .coherence plan to open")
    parser.add_argument("--demo", action="store_true", help="open a copy of the sample district")
    args = parser.parse_args(argv)
    if args.demo and args.file:
        parser.error("give a FILE or --demo, not both")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from coherence_planner.ui.app import run  # Qt loads only when the window is wanted

    return run(path=args.file, demo=args.demo)


if __name__ == "__main__":
    raise SystemExit(main())
