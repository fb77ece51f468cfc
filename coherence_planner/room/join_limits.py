"""How many wrong join codes the round takes: per device, and per code.

A device gets TRIES_PER_ADDRESS wrong codes a minute; past them only that device waits
(429), so a laptop guessing codes slows itself and nobody else: the room typing the right
code is never refused because of someone else's guesses (a cap for everyone together did
exactly that: seven guessing addresses locked the right code out for all).

Many addresses guessing together are held by the budget of each code instead: after
CODE_BUDGET wrong tries from anyone, the code is spent and the server puts a new one on the
projector (the link in the QR code does not change). A six-digit code guessed CODE_BUDGET
times is found with a chance of 1 in 10,000.

Every refused try is counted by address for the facilitator's live view (`summary`).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

TRIES_PER_ADDRESS = 5  # wrong join codes per device per minute
CODE_BUDGET = 100  # wrong join codes from everyone before the code is replaced
SHOWN_FOR = 600.0  # seconds the live view keeps mentioning refused tries
MOST_ADDRESSES = 10_000  # addresses remembered; beyond it the quiet ones are forgotten


class JoinLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._by_address: dict[str, deque[float]] = {}
        self.spent = 0  # wrong tries against the code on screen
        self.replaced = 0  # codes replaced because their budget was spent
        self._refused: dict[str, tuple[int, float]] = {}  # address -> (count, last time)
        self._replaced_at: list[float] = []
        # The server's thread counts; the window's thread reads `summary`.
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        tries = self._by_address.setdefault(address, deque())
        while tries and now - tries[0] >= 60.0:
            tries.popleft()
        return tries

    def allowed(self, address: str) -> bool:
        """May this device try a code now? A refusal is counted for the facilitator."""
        now = self.clock()
        with self._lock:
            if len(self._recent(address, now)) < TRIES_PER_ADDRESS:
                return True
            self._count_refused(address, now)
            return False

    def failed(self, address: str) -> bool:
        """A wrong code from `address`; True when the code on screen must be replaced."""
        now = self.clock()
        with self._lock:
            self._recent(address, now).append(now)
            self._count_refused(address, now)
            self.spent += 1
            return self.spent >= CODE_BUDGET

    def code_replaced(self) -> None:
        with self._lock:
            self.spent = 0
            self.replaced += 1
            self._replaced_at.append(self.clock())

    def _count_refused(self, address: str, now: float) -> None:
        count, _ = self._refused.get(address, (0, now))
        self._refused[address] = (count + 1, now)
        if len(self._by_address) > MOST_ADDRESSES:
            self._by_address = {a: t for a, t in self._by_address.items() if t}
        if len(self._refused) > MOST_ADDRESSES:
            self._forget(now)

    def _forget(self, now: float) -> None:
        self._refused = {a: v for a, v in self._refused.items() if now - v[1] < SHOWN_FOR}
        self._replaced_at = [t for t in self._replaced_at if now - t < SHOWN_FOR]

    def summary(self) -> str:
        """One sentence for the facilitator about refused join tries in the last ten
        minutes, or "" when there were none."""
        now = self.clock()
        with self._lock:
            self._forget(now)
            worst = sorted(self._refused.items(), key=lambda item: -item[1][0])
            replaced = len(self._replaced_at)
        if not worst:
            return ""
        total = sum(count for _, (count, _) in worst)
        devices = len(worst)
        named = ", ".join(f"{count} from {address}" for address, (count, _) in worst[:3])
        sentence = (
            f"{total} join {'try' if total == 1 else 'tries'} refused in the last ten minutes "
            f"from {devices} {'device' if devices == 1 else 'devices'} ({named})"
        )
        if replaced:
            sentence += (
                f"; the join code was replaced {replaced} {'time' if replaced == 1 else 'times'}"
                " after too many wrong tries (the QR code still works)"
            )
        return sentence + "."
