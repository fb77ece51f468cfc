"""What happens when the plan cannot store what a phone sent.

Three kinds, because each needs a different answer:
- "busy": the plan is locked for a moment (FileLocked: another program holds it). A retry
  will fix it, so the phone is told to send again (503).
- "environment": any other KnownError from storage (a read-only folder, a full disk, the
  file replaced or removed under the app). Retrying will not fix it until a person acts, so
  the phone stops retrying and says so, and the facilitator is told what to do (507).
- "bug": any other exception. Logged with its traceback and answered 500; the phone keeps the
  answer and stops retrying too, since sending it again would only repeat the bug.

`StoreTrouble` lives on the plan's thread: it logs every failure (the first at once, then at
most one line per LOG_EVERY seconds with a count, so a room of phones cannot flood the log),
and holds the one sentence the facilitator's live view shows until answers save again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Literal

from coherence_planner.storage.errors import FileLocked, KnownError

Kind = Literal["busy", "environment", "bug"]

LOG = logging.getLogger("coherence_planner.room")
LOG_EVERY = 10.0  # seconds between two log lines about the same kind of failure

PHONE_CANNOT_SAVE = (
    "Your answers cannot be saved on the facilitator's laptop right now; tell the facilitator."
)
PHONE_CANNOT_JOIN = (
    "You cannot join yet: the facilitator's laptop cannot save right now; tell the facilitator."
)


def kind_of(exc: BaseException) -> Kind:
    """How a failure to store should be answered (see the module's docstring)."""
    if isinstance(exc, FileLocked):
        return "busy"
    if isinstance(exc, KnownError):
        return "environment"
    return "bug"


def _plural(count: int) -> str:
    return f"{count} answer" + ("" if count == 1 else "s")


class StoreTrouble:
    """Failures to store answers since they last saved: logged, counted, put in words."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, logger: logging.Logger = LOG
    ) -> None:
        self.clock = clock
        self.log = logger
        self.failures = 0  # since answers last saved
        self.last: BaseException | None = None
        self._listeners: list[Callable[[], None]] = []
        self._logged_at: dict[str, float] = {}  # a failure's kind and type -> last log line
        self._unlogged: dict[str, int] = {}  # failures of that kind not yet in the log

    def add_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener()` when the trouble starts, changes or ends."""
        self._listeners.append(listener)

    def _tell(self) -> None:
        for listener in list(self._listeners):
            listener()

    def failed(self, exc: BaseException, count: int = 1) -> None:
        """`count` answers (or a join) could not be stored because of `exc`."""
        self.failures += count
        self.last = exc
        kind = kind_of(exc)
        signature = f"{kind}:{type(exc).__qualname__}"
        waiting = self._unlogged.get(signature, 0) + count
        now = self.clock()
        before = self._logged_at.get(signature)
        if before is not None and now - before < LOG_EVERY:
            self._unlogged[signature] = waiting
        else:
            self._logged_at[signature] = now
            self._unlogged[signature] = 0
            what = f"{_plural(waiting)} from phones could not be saved"
            if kind == "bug":
                # A bug keeps its traceback, for whoever fixes it; never shown to a person.
                self.log.error("%s (a bug in Coherence Planner)", what, exc_info=exc)
            else:
                reason = exc.message if isinstance(exc, KnownError) else str(exc)
                self.log.warning("%s: %s", what, reason)
        self._tell()

    def saved(self) -> None:
        """Answers reached the plan again: the trouble is over."""
        if not self.failures:
            return
        self.log.warning(
            "Answers from phones are saved again, after %s that could not be",
            _plural(self.failures),
        )
        self.failures = 0
        self.last = None
        self._logged_at.clear()
        self._unlogged.clear()
        self._tell()

    @property
    def sentence(self) -> str:
        """The facilitator's one sentence, or "" while answers save."""
        if not self.failures or self.last is None:
            return ""
        head = f"{_plural(self.failures)} from phones could not be saved"
        if isinstance(self.last, KnownError):
            return f"{head}: {self.last.message}"
        return (
            f"{head} because of an error in Coherence Planner; the phones keep them until "
            "they can be sent."
        )
