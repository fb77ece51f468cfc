"""`coherence-planner export FILE OUT`: the exporter is chosen by OUT's suffix;
JSON here, the map images, PDF and spreadsheets in exporters.py.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from coherence_planner.cli.common import CommandError, end_process, load
from coherence_planner.domain.model.district import District


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    exporters: dict[str, Callable[[District, Path, argparse.Namespace], None]] = {
        ".json": _export_json,
    }
    _register_optional_exporters(exporters)
    if suffix not in exporters:
        known = ", ".join(sorted(exporters))
        raise CommandError(
            f"{out.name}: cannot export to {suffix or 'a file with no suffix'} (choose {known})"
        )
    if suffix != ".pdf" and (
        args.pdf_kind
        or args.tile
        or args.landscape
        or args.paper != "letter"
        or args.appendix is not None
    ):
        raise CommandError(
            "--map, --report, --paper, --landscape, --tile and --appendix apply to .pdf only"
        )
    district = load(args.file)
    if args.goal is not None:
        goal = district.items.get(args.goal)
        if goal is None or goal.kind != "goal":
            raise CommandError(f"--goal {args.goal}: no goal with that id in {args.file}")
    exporters[suffix](district, out, args)
    print(f"Wrote {out}")
    if args.whole_process:
        # The file is written and closed: freeing the plan, its analysis and layout object
        # by object, then the interpreter's own teardown, is work nobody waits for.
        end_process(0)
    return 0


def _export_json(district: District, out: Path, args: argparse.Namespace) -> None:
    from coherence_planner.storage.interchange import write_json

    if args.goal is not None:
        raise CommandError("--goal applies to the map (.svg, .png, .pdf)")
    write_json(district, out)


def _register_optional_exporters(
    exporters: dict[str, Callable[[District, Path, argparse.Namespace], None]],
) -> None:
    """Exporters that live in their own modules (map images, PDF, spreadsheets)."""
    from coherence_planner.cli import exporters as export_cli

    exporters.update(export_cli.EXPORTERS)
