"""Progress reporting and cancellation for long exports, without Qt.

Builders call `progress(fraction, message)` between steps; the app's callback updates a bar
and raises `Cancelled` when the person pressed Cancel, which unwinds the build. Because the
PDF is written to a temporary file and moved into place only at the end, a cancelled or
failed export leaves no half file.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


class Cancelled(Exception):
    """The person cancelled the export."""


def no_progress(fraction: float, message: str) -> None:
    """The default callback: nobody is watching."""


def scaled(progress: Progress, start: float, end: float) -> Progress:
    """A callback for one stage that maps its 0..1 onto start..end of the whole export."""

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), message)

    return report
