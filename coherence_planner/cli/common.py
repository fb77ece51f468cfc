"""What every command shares: the exit status for a problem, the one-sentence
CommandError, loading a plan or district file, creating a plan, and saying a failure
on one line. The command modules import this; it imports none of them.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from coherence_planner.domain.model.district import District

EXIT_PROBLEM = 2


class CommandError(Exception):
    """A problem with what the person asked for, said in one sentence."""


def load(path: str) -> District:
    from coherence_planner.storage.interchange import load_any

    if not os.path.lexists(path):  # a link that loops is there, and said by load_any
        raise CommandError(f"{path}: no such file")
    return load_any(path)


def quiet_library_notes() -> None:
    """Before a command loads matplotlib (only the PDF report does): its notes on itself
    ("created a temporary cache directory" when the home folder is read-only) are not for
    the person running a command. Not done for every command: `logging` alone was a tenth
    of the SVG export's own imports."""
    import logging

    logging.getLogger("matplotlib").setLevel(logging.ERROR)


def end_process(code: int) -> NoReturn:
    """End a command's process without freeing what it built (the caller still holds it).

    Only for a command run as the whole process (`main()` from the command line, never from
    a test calling main with arguments): the standard streams are flushed, so every line is
    out (a closed pipe still raises BrokenPipeError, as before); no file is left open for
    writing, so nothing else is pending.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _create_plan(target: str, district: District, replace: bool) -> None:
    from coherence_planner.storage.document import Document

    if not target.endswith(".coherence"):
        raise CommandError(f"{target}: a plan's name must end in .coherence")
    Document.create(target, district, replace=replace).close()


def _summary(district: District) -> str:
    from coherence_planner.domain.model.wording import plural

    counts = {k: 0 for k in ("goal", "strategy", "program", "policy")}
    for item in district.items.values():
        counts[item.kind] += 1
    return (
        f"{plural(counts['goal'], 'goal')}, {plural(counts['strategy'], 'strategy', 'strategies')}, "
        f"{plural(counts['program'], 'program')}, {plural(counts['policy'], 'policy', 'policies')}, "
        f"{plural(len(district.links), 'link')}"
    )


def _fail(message: str) -> int:
    sys.stderr.write(f"coherence-planner: {' '.join(message.split())}\n")
    return EXIT_PROBLEM
