"""Recording a plan's revisions as it travels (domain/merge/lineage.py): who and when, from
this computer, and the best-effort recording before a copy is made.

A revision is bookkeeping, not an edit: it is stored through the document like any command
but never goes on the undo stack, and a plan that cannot be written (a read-only folder, a
plan kept in memory) is copied without one rather than not copied.
"""

from __future__ import annotations

import datetime as dt
import getpass

from coherence_planner.domain.merge.lineage import record_revision
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import KnownError


def who() -> str:
    """The person at this computer, as the system knows them ("" when it does not)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name: a container, a service account
        return ""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(document: Document, note: str) -> bool:
    """Record the plan as it is now as its newest revision, so a copy made next carries it;
    False when the plan cannot store it (a copy is still made, merged later against an
    older shared revision)."""
    if document.closed or document.unsaved is not None:
        return False
    command = record_revision(document.district, at=now(), by=who(), note=note)
    if command is None:
        return True
    try:
        document.apply(command)
    except KnownError:
        return False
    return True
