"""Hand requests from the web server's thread to the thread that owns the plan, and back.

The server parses and checks nothing against the plan itself: it submits a call and awaits
its Future. The owner thread drains the inbox when woken (`wake` is the window's queued
signal, or the headless server's event) and runs everything waiting; the answers among them
are committed together in one transaction (`RoundStore.answer_all`), so a burst of phones
costs one fsync, not one each.

Every failure to store (an answer batch, or a join) goes to `trouble` (room/failures.py),
which logs it and tells the facilitator; a failed read is logged there too; refusals of what
a phone sent (RoomError) are neither.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.retreat.room import RoomError
from coherence_planner.room.failures import StoreTrouble
from coherence_planner.storage.room_store import AnswerRequest, RoundClosed, RoundStore


@dataclass
class _Call:
    future: Future[Any]
    answer: AnswerRequest | None = None
    function: Callable[[RoundStore], Any] | None = None
    joins: bool = False  # the function writes a member into the plan


class Inbox:
    def __init__(
        self,
        wake: Callable[[], None],
        *,
        batch: int = 0,
        trouble: StoreTrouble | None = None,
    ) -> None:
        """`batch` caps the answers per transaction (0: all that are waiting; 1 makes every
        answer its own transaction, the room benchmark's comparison)."""
        self._wake = wake
        self._batch = batch
        self.trouble = trouble or StoreTrouble()
        self._lock = threading.Lock()
        self._waiting: list[_Call] = []

    def submit_answer(self, token: Any, payload: Any) -> Future[Any]:
        return self._put(_Call(Future(), answer=AnswerRequest(token, payload)))

    def submit(self, function: Callable[[RoundStore], Any], *, joins: bool = False) -> Future[Any]:
        """Run `function(store)` on the owner thread (a join, the page's state)."""
        return self._put(_Call(Future(), function=function, joins=joins))

    def _put(self, call: _Call) -> Future[Any]:
        with self._lock:
            self._waiting.append(call)
            first = len(self._waiting) == 1
        if first:
            self._wake()
        return call.future

    def drain(self, store: RoundStore | None) -> int:
        """Run everything waiting (on the owner thread); returns how many calls ran.

        With no store (the round closed meanwhile) every waiting call fails as closed.
        """
        with self._lock:
            calls, self._waiting = self._waiting, []
        if not calls:
            return 0
        answers = [c for c in calls if c.answer is not None]
        others = [c for c in calls if c.answer is None]
        if store is None or not store.is_open:
            for call in calls:
                call.future.set_exception(RoundClosed("the round is closed"))
            return len(calls)
        for call in others:
            assert call.function is not None
            try:
                call.future.set_result(call.function(store))
            except RoomError as exc:
                call.future.set_exception(exc)
            except Exception as exc:
                if call.joins:
                    self.trouble.failed(exc, what="join")
                else:
                    self.trouble.read_failed(exc)
                call.future.set_exception(exc)
        size = self._batch or len(answers) or 1
        for start in range(0, len(answers), size):
            self._commit(store, answers[start : start + size])
        return len(calls)

    def _commit(self, store: RoundStore, answers: list[_Call]) -> None:
        try:
            results = store.answer_all([c.answer for c in answers if c.answer is not None])
        except Exception as exc:
            if not isinstance(exc, RoomError):  # the round closed meanwhile: not a failure
                self.trouble.failed(exc, len(answers))
            for call in answers:
                call.future.set_exception(exc)
        else:
            if any(not isinstance(r, Exception) for r in results):
                self.trouble.saved()
            for call, result in zip(answers, results, strict=True):
                if isinstance(result, Exception):
                    call.future.set_exception(result)
                else:
                    call.future.set_result(result)
