"""A round served without the window: the plan's thread drains the inbox in a loop.

The load benchmark and the kill test run rounds this way (the same store, inbox and server as
the window, without Qt), as does anyone who wants to take answers from a laptop with no
display: `python -m coherence_planner.room.headless PLAN ROUND [--port N] [--lan]` prints one
JSON line with the link and the join code, then serves until killed or interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from coherence_planner.room.connections import Limits
from coherence_planner.room.inbox import Inbox
from coherence_planner.room.network import guess_addresses
from coherence_planner.room.server import RoomServer
from coherence_planner.storage.document import Document
from coherence_planner.storage.room_store import RoundStore


class HeadlessRound:
    def __init__(
        self,
        plan: Path,
        round_id: str,
        *,
        addresses: list[str] | None = None,
        port: int = 0,
        batch: int = 0,
        limits: Limits | None = None,
    ) -> None:
        self.plan = Path(plan)
        self.limits = limits
        self.round_id = round_id
        self.addresses = addresses or []
        self.port = port
        self._woken = threading.Event()
        self._stopping = False
        self.inbox = Inbox(self._woken.set, batch=batch)
        self.server: RoomServer | None = None
        self._thread: threading.Thread | None = None

    def run(self, ready: Callable[[RoomServer], None] | None = None) -> None:
        """Open the plan, serve the round and drain answers until `stop()` (blocks)."""
        document = Document.open(self.plan)
        try:
            store = RoundStore.resume(document, self.round_id)
            credentials = store.credentials()
            assert credentials is not None  # resume() renews an expired link
            self.server = RoomServer(
                self.inbox, credentials, self.addresses, port=self.port, limits=self.limits
            )
            self.server.start()
            try:
                if ready is not None:
                    ready(self.server)
                while not self._stopping:
                    self._woken.wait()
                    self._woken.clear()
                    self.inbox.drain(store)
            finally:
                self.server.stop()
        finally:
            document.close()

    def start_thread(self) -> RoomServer:
        """Run the round on a thread of its own; returns once it listens."""
        listening: Future[RoomServer] = Future()

        def target() -> None:
            try:
                self.run(listening.set_result)
            except BaseException as exc:
                if not listening.done():
                    listening.set_exception(exc)
                raise

        self._thread = threading.Thread(target=target, name="room-plan", daemon=True)
        self._thread.start()
        return listening.result(timeout=30)

    def call(self, function: Callable[[RoundStore], Any]) -> Any:
        """Run `function(store)` on the plan's thread and return its result."""
        return self.inbox.submit(function).result(timeout=30)

    def stop(self) -> None:
        self._stopping = True
        self._woken.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coherence_planner.room.headless")
    parser.add_argument("plan", type=Path)
    parser.add_argument("round")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lan", action="store_true", help="also listen on the local network")
    parser.add_argument(
        "--batch", type=int, default=0, help="most answers per transaction (0: no limit)"
    )
    args = parser.parse_args(argv)
    # Failures to store answers are logged (room/failures.py): with the time, on stderr.
    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.INFO)
    headless = HeadlessRound(
        args.plan,
        args.round,
        addresses=guess_addresses() if args.lan else [],
        port=args.port,
        batch=args.batch,
    )

    def announce(server: RoomServer) -> None:
        line = {"link": server.link(), "code": server.credentials.join_code, "port": server.port}
        print(json.dumps(line), flush=True)

    try:
        headless.run(announce)
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
