"""Names what the window's thread was doing during each stall: a sampling witness.

ui_freeze.py's StallMeter says how long the window went without a tick, not why. This
watches from a Python thread of its own: whenever the window's thread has not ticked for
`after_ms`, it samples that thread's stack (sys._current_frames) every `every_ms` until the
next tick, and keeps the innermost frames of the project's own code for each sample. A
stall is then told as its length, the window thread's CPU time in it (a stall with little
CPU waited: for the GIL held by a worker, or for a core on a busy machine) and the lines it
was seen at most often. A sample needs the GIL, so a stall spent in Qt's C++ without
releasing it shows the Python line that called into Qt, which is the line to change.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from types import FrameType

# The code whose lines name a stall; frames of Qt's Python glue or the stdlib are skipped.
OWN_CODE = ("coherence_planner", "benchmarks")
DEPTH = 4  # frames of our code kept per sample, innermost first


@dataclass
class Stall:
    """One gap between ticks longer than the witness's threshold."""

    seconds: float
    cpu_seconds: float  # the window thread's CPU time in the gap
    seen_at: Counter[str] = field(default_factory=Counter)

    def describe(self, lines: int = 3) -> str:
        where = "; ".join(f"{count}x {place}" for place, count in self.seen_at.most_common(lines))
        return (
            f"{self.seconds * 1000:5.0f} ms (window thread CPU {self.cpu_seconds * 1000:4.0f} "
            f"ms): {where or 'not sampled'}"
        )


def _own_frames(frame: FrameType | None) -> str:
    names = []
    while frame is not None and len(names) < DEPTH:
        code = frame.f_code
        if any(part in code.co_filename for part in OWN_CODE):
            module = code.co_filename.rsplit("/", 1)[-1].removesuffix(".py")
            names.append(f"{module}.{code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(names)


class StallWitness:
    """Call `tick()` from the window's thread on every tick of its timer; `stalls` holds
    each gap over `after_ms`, with where the window's thread was seen meanwhile."""

    def __init__(self, after_ms: int = 100, every_ms: int = 10) -> None:
        self.after = after_ms / 1000
        self.every = every_ms / 1000
        self.stalls: list[Stall] = []
        self._window_thread = threading.get_ident()
        self._last_tick = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._seen: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._running = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.stalls.clear()
        self._last_tick, self._last_cpu = time.perf_counter(), time.thread_time()
        self._running = True
        self._thread = threading.Thread(target=self._watch, name="stall-witness", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.tick()  # the gap up to now counts as well
        self._running = False
        if self._thread is not None:
            self._thread.join()

    def tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        with self._lock:
            gap = now - self._last_tick
            if gap > self.after:
                self.stalls.append(Stall(gap, cpu - self._last_cpu, self._seen))
            self._seen = Counter()
            self._last_tick, self._last_cpu = now, cpu

    def _watch(self) -> None:
        while self._running:
            time.sleep(self.every)
            with self._lock:
                if time.perf_counter() - self._last_tick < self.after:
                    continue
                frame = sys._current_frames().get(self._window_thread)
                self._seen[_own_frames(frame) or "(outside the project's code)"] += 1
