"""Logging that an attack cannot flood: the first line of a kind, then a count once a minute.

aiohttp logs every malformed request with its traceback ("Error handling request") and
asyncio every failed accept; a neighbour sending garbage at the round wrote 149 MB to stderr
in 80 seconds. `QuietLog` is a filter on those loggers and the room's own: the first line of
each kind (logger and message) in a minute passes, the others are only counted, and `flush()`
(the server calls it every second) writes one summary line per kind once its minute is over.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

WINDOW = 60.0  # seconds: at most one line, plus one summary, per kind per minute
# The room's failures to store (room/failures.py) limit themselves; its server's bugs do not.
LOGGERS = (
    "aiohttp.server",
    "aiohttp.web",
    "aiohttp.access",
    "asyncio",
    "coherence_planner.room.server",
)


class QuietLog(logging.Filter):
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self._since: dict[tuple[str, str], float] = {}  # kind -> when its minute began
        self._held: dict[tuple[str, str], int] = {}  # kind -> lines held back this minute
        self._lock = threading.Lock()  # the server's thread and the plan's both log

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, str(record.msg))
        now = self.clock()
        with self._lock:
            began = self._since.get(kind)
            if began is None or now - began >= WINDOW:
                held = self._held.pop(kind, 0)
                self._since[kind] = now
            else:
                self._held[kind] = self._held.get(kind, 0) + 1
                return False
        self._summarise(kind, held)
        return True

    def _summarise(self, kind: tuple[str, str], held: int) -> None:
        logger = logging.getLogger(kind[0])
        if held and logger.isEnabledFor(logging.WARNING):
            name, message = kind
            # Straight to the handlers: the summary itself must not be held back as a kind.
            logger.callHandlers(
                logging.LogRecord(
                    name,
                    logging.WARNING,
                    __file__,
                    0,
                    "%d more lines like %r in the last minute, not logged one by one",
                    (held, message),
                    None,
                )
            )

    def flush(self) -> None:
        """Write the summary of every kind whose minute is over."""
        now = self.clock()
        with self._lock:
            over = [kind for kind, began in self._since.items() if now - began >= WINDOW]
            counts = [(kind, self._held.pop(kind, 0)) for kind in over]
            for kind in over:
                del self._since[kind]
        for kind, held in counts:
            self._summarise(kind, held)

    def install(self) -> None:
        """Filter the loggers an attack can reach (twice is the same as once)."""
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)


QUIET = QuietLog()  # one for the process: every round's server shares the loggers
