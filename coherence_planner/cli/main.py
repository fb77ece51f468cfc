"""The `coherence-planner` command line.

With no subcommand it starts the desktop app (`coherence-planner [FILE] [--demo]`); the
subcommands work headless on a `.coherence` plan or a district JSON file. Every failure a
person can act on exits 2 with one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeAlias

from coherence_planner import __version__
from coherence_planner.cli.common import EXIT_PROBLEM, CommandError, _fail
from coherence_planner.domain.model.codec import InvalidDistrict

SUBCOMMANDS = ("check", "import", "export", "demo", "diff", "merge", "round")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts read the first line of stderr.
        self.exit(EXIT_PROBLEM, f"{self.prog}: {message} (see --help)\n")


# What add_subparsers gives: each command's parser is added to it.
_Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _add_check(sub: _Commands) -> None:
    check = sub.add_parser("check", help="print the coherence findings of a plan")
    check.add_argument("file", metavar="FILE", help="a .coherence plan or a district .json")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")


def _add_import(sub: _Commands) -> None:
    imp = sub.add_parser(
        "import",
        help="create a plan from a district .json, or create/update one from a spreadsheet",
    )
    imp.add_argument("source", metavar="SRC", help="a district .json, .xlsx or .csv")
    imp.add_argument("--into", required=True, metavar="FILE.coherence", help="the plan to create")
    imp.add_argument("--replace", action="store_true", help="overwrite FILE.coherence if it exists")
    imp.add_argument("--mapping", metavar="MAP.json", help="column mapping for a spreadsheet")
    imp.add_argument(
        "--skip-problem-rows",
        action="store_true",
        help="spreadsheet: import the rows that read cleanly and list the others",
    )
    imp.add_argument(
        "--cost-column",
        metavar="COLUMN",
        help="spreadsheet: the column (its header or letter) whose money is each program's "
        "annual cost, instead of the one the import chooses",
    )


def _add_export(sub: _Commands) -> None:
    exp = sub.add_parser("export", help="write a plan as JSON, SVG, PNG, PDF, XLSX or CSV")
    exp.add_argument("file", metavar="FILE", help="a .coherence plan or a district .json")
    exp.add_argument("out", metavar="OUT", help="OUT.json, .svg, .png, .pdf, .xlsx or .csv")
    what = exp.add_mutually_exclusive_group()
    what.add_argument(
        "--map", dest="pdf_kind", action="store_const", const="map", help="PDF: the coherence map"
    )
    what.add_argument(
        "--report",
        dest="pdf_kind",
        action="store_const",
        const="report",
        help="PDF: the cabinet's report (default)",
    )
    exp.add_argument(
        "--paper",
        default="letter",
        choices=("letter", "legal", "tabloid", "a4", "a3"),
        help="PDF paper size",
    )
    exp.add_argument("--landscape", action="store_true", help="PDF: landscape pages")
    exp.add_argument("--tile", metavar="CxR", help="PDF map: tile across columns x rows pages")
    exp.add_argument("--goal", metavar="ID", help="map: focus on one goal's line of sight")
    exp.add_argument(
        "--appendix",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="report: list every item in an appendix (default: only when the report lists the "
        "plan in full; a plan of more than a few hundred programs is summarised)",
    )


def _add_diff(sub: _Commands) -> None:
    diff = sub.add_parser("diff", help="what changed between two plans or snapshots")
    diff.add_argument("a", metavar="A", help="before: a plan, a .json, or PLAN.coherence@Snapshot")
    diff.add_argument("b", metavar="B", help="after: the same forms as A")
    diff.add_argument("--json", action="store_true", help="print the comparison as JSON")


def _add_merge(sub: _Commands) -> None:
    merge = sub.add_parser("merge", help="merge a colleague's copy of a plan into yours")
    merge.add_argument(
        "files",
        nargs="+",
        metavar="[BASE] MINE THEIRS",
        help="the two copies (a .coherence plan or a .json each), after the version both "
        "started from when known (found from the plans' history otherwise)",
    )
    merge.add_argument("--into", required=True, metavar="OUT", help="the merged plan to write")
    merge.add_argument(
        "--prefer", choices=("mine", "theirs"), help="settle every conflict for one side"
    )


def _add_round(sub: _Commands) -> None:
    rnd = sub.add_parser(
        "round", help="serve a rating round to the members' phones, without the window"
    )
    rnd.add_argument("plan", metavar="FILE.coherence", help="the plan the answers go into")
    rnd.add_argument("--programs", metavar="ID,ID", help="open a new round on these programs")
    rnd.add_argument("--title", default="Rating round", help="the new round's title")
    rnd.add_argument("--resume", metavar="ROUND", help="carry on with a round left open")
    rnd.add_argument("--port", type=int, default=0, help="the port to listen on (any free one)")
    rnd.add_argument(
        "--lan", action="store_true", help="listen on the local network, not only this laptop"
    )


def _add_demo(sub: _Commands) -> None:
    demo = sub.add_parser("demo", help="write the built-in sample district as a plan")
    demo.add_argument("--out", required=True, metavar="FILE.coherence")
    demo.add_argument("--replace", action="store_true", help="overwrite the file if it exists")


# In the order --help lists them.
_COMMAND_PARSERS: dict[str, Callable[[_Commands], None]] = {
    "check": _add_check,
    "import": _add_import,
    "export": _add_export,
    "diff": _add_diff,
    "merge": _add_merge,
    "round": _add_round,
    "demo": _add_demo,
}


def _parser(only: str | None = None) -> _Parser:
    """The command line's parser; with `only`, just that command's, which parses its
    arguments as the whole one does (each command's arguments are its own): building all
    seven commands' parsers took a few milliseconds of every command's start."""
    parser = _Parser(
        prog="coherence-planner",
        description=(
            "See which programs and policies serve your district's student-learning goals. "
            "Run with no command to open the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add in _COMMAND_PARSERS.items():
        if only is None or name == only:
            add(sub)
    return parser


def _app_parser() -> _Parser:
    parser = _Parser(prog="coherence-planner", description="Open the Coherence Planner app.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a .coherence plan to open")
    parser.add_argument("--demo", action="store_true", help="open a copy of the sample district")
    return parser


# Each command's module, imported only when that command runs: importing all five made
# every command start with the others' libraries (an SVG export loaded the spreadsheet
# import, a tenth of its whole time beside dot's).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "cmd_check"),
    "import": ("importing", "cmd_import"),
    "export": ("export", "cmd_export"),
    "demo": ("demo", "cmd_demo"),
    "diff": ("diff", "cmd_diff"),
    "merge": ("merge", "cmd_merge"),
    "round": ("room_round", "cmd_round"),
}


def command(name: str) -> Callable[[argparse.Namespace], int]:
    module, function = COMMANDS[name]
    found: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"coherence_planner.cli.{module}"), function
    )
    return found


def _bug(exc: BaseException) -> str:
    """The sentence for an exception nobody foresaw (a bug): a person gets one line, and
    the traceback goes to a file they can send to whoever supports the app."""
    import tempfile
    import traceback

    what = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
    text = f"Coherence Planner {__version__}\n\n" + "".join(traceback.format_exception(exc))
    try:
        fd, name = tempfile.mkstemp(prefix="coherence-planner-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return f"stopped by a bug ({what}); run the command again to see whether it repeats."
    return (
        f"stopped by a bug ({what}); the details are in {name}: send that file to whoever "
        "supports the app."
    )


def main(argv: Sequence[str] | None = None) -> int:
    from coherence_planner.storage.errors import KnownError

    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in SUBCOMMANDS
        and args_list[0] not in ("-h", "--help")
        and args_list[0] != "--version"
    ):
        app_args = _app_parser().parse_args(args_list)
        from coherence_planner.ui.app import run

        return int(run(path=app_args.file, demo=app_args.demo))
    # A command's arguments are its own: only its parser is built (--help builds them all).
    only = args_list[0] if args_list[0] in SUBCOMMANDS else None
    args = _parser(only).parse_args(args_list)
    if args.command is None:
        _parser().print_help()
        return 0
    # Run from the command line, the command is the whole process and may end it at once
    # (cli/common.py end_process); called with arguments (tests, the app), it returns.
    args.whole_process = argv is None
    try:
        return command(args.command)(args)
    except KnownError as exc:
        return _fail(exc.message)
    except InvalidDistrict as exc:
        return _fail(f"{exc}. Nothing was written.")
    except CommandError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one sentence here, the traceback in a file
        return _fail(_bug(exc))


if __name__ == "__main__":
    raise SystemExit(main())
