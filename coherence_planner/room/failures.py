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


Sent = Literal["answer", "join"]


def _counted(count: int, what: str) -> str:
    return f"{count} {what}" + ("" if count == 1 else "s")


class StoreTrouble:
    """Failures to store what phones sent since answers last saved: logged, counted, and put
    in words for the facilitator."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, logger: logging.Logger = LOG
    ) -> None:
        self.clock = clock
        self.log = logger
        self.failures: dict[str, int] = {}  # "answer" / "join" -> how many, since the last save
        self.last: BaseException | None = None
        self._listeners: list[Callable[[], None]] = []
        self._logged_at: dict[str, float] = {}  # a failure's kind and type -> last log line
        self._unlogged: dict[str, int] = {}  # failures of that kind not yet in the log

    def add_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener()` when the trouble starts, changes or ends."""
        self._listeners.append(listener)

    def failed(self, exc: BaseException, count: int = 1, what: Sent = "answer") -> None:
        """`count` answers (or joins) could not be stored because of `exc`."""
        self.failures[what] = self.failures.get(what, 0) + count
        self.last = exc
        self._log(exc, count, what, "could not be saved")
        for listener in list(self._listeners):
            listener()

    def read_failed(self, exc: BaseException) -> None:
        """A request that writes nothing (the page's state) failed: logged, not counted."""
        self._log(exc, 1, "request", "could not be answered")

    def _log(self, exc: BaseException, count: int, noun: str, outcome: str) -> None:
        """The first failure of a kind at once; then at most one line per LOG_EVERY seconds,
        with how many there were since the last line."""
        kind = kind_of(exc)
        signature = f"{noun}:{kind}:{type(exc).__qualname__}"
        waiting = self._unlogged.get(signature, 0) + count
        now = self.clock()
        before = self._logged_at.get(signature)
        if before is not None and now - before < LOG_EVERY:
            self._unlogged[signature] = waiting
            return
        self._logged_at[signature] = now
        self._unlogged[signature] = 0
        line = f"{_counted(waiting, noun)} from phones {outcome}"
        if kind == "bug":
            # A bug keeps its traceback, for whoever fixes it; never shown to a person.
            self.log.error("%s (a bug in Coherence Planner)", line, exc_info=exc)
        else:
            reason = exc.message if isinstance(exc, KnownError) else str(exc)
            self.log.warning("%s: %s", line, reason)

    def saved(self) -> None:
        """Answers reached the plan again: the trouble is over."""
        if not self.failures:
            return
        self.log.warning(
            "Answers from phones are saved again, after %s that could not be", self._how_many()
        )
        self.failures.clear()
        self.last = None
        self._logged_at.clear()
        self._unlogged.clear()
        for listener in list(self._listeners):
            listener()

    def _how_many(self) -> str:
        return " and ".join(_counted(n, what) for what, n in self.failures.items())

    @property
    def sentence(self) -> str:
        """The facilitator's one sentence, or "" while answers save."""
        if not self.failures or self.last is None:
            return ""
        head = f"{self._how_many()} from phones could not be saved"
        if isinstance(self.last, KnownError):
            return f"{head}: {self.last.message}"
        return (
            f"{head} because of an error in Coherence Planner; the phones keep them until "
            "they can be sent."
        )
