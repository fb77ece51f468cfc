"""Connection hygiene: what keeps one laptop on a hotel Wi-Fi from using up the round's sockets.

Every process has a limit of open files (1,024 on Linux, 256 on a Mac by default) and every
socket is one. A neighbour who opens sockets and sends nothing would hold them for an hour
(aiohttp's default keep-alive) and lock every phone out. So each connection is watched:
- one that has not sent a complete request HEADER_TIMEOUT seconds after it opened (or after
  its last answer) is closed: a slow or silent header ("slowloris") holds nothing for long;
- one idle IDLE_TIMEOUT seconds after its last answer is closed (a phone opens a new one);
- a request that takes longer than REQUEST_TIMEOUT in all is cut off (a body sent a byte at
  a time);
- an address holds at most `per_address` connections and everyone at most `total`; a new
  connection past either cap closes the oldest idle one first (of that address, else of
  anyone), and is itself refused only when none is idle.
The soft file limit is raised toward the hard one where the system allows it
(`raise_file_limit`), and `total` stays well under whatever limit there is.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

try:  # Windows has no resource module (and no per-process file limit of this kind)
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

WANTED_FILES = 4096  # enough for the round and an attack on it; macOS refuses over 10,240
SPARE_FILES = 64  # for the plan, its journal, the log and the listening sockets


@dataclass(frozen=True)
class Limits:
    header_timeout: float = 10.0  # seconds from connecting (or the last answer) to a request
    idle_timeout: float = 15.0  # seconds a kept-alive connection may wait for the next one
    request_timeout: float = 20.0  # seconds for reading a request and answering it in all
    per_address: int = 64  # a browser opens at most 6 per server; a school's NAT more
    total: int = 1000  # lowered to fit the file limit, see `fitted`

    def fitted(self, file_limit: int | None) -> Limits:
        """The same limits with `total` under the process's file limit."""
        if file_limit is None:
            return self
        total = max(self.per_address * 2, min(self.total, file_limit - SPARE_FILES))
        return Limits(
            self.header_timeout,
            self.idle_timeout,
            self.request_timeout,
            self.per_address,
            total,
        )


def raise_file_limit(wanted: int = WANTED_FILES) -> int | None:
    """Raise the soft limit of open files toward `wanted`, as far as the hard limit allows;
    returns the soft limit in force (None where there is none to read)."""
    if resource is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):  # a system that refuses; keep what there is
            return soft
        return target
    return None if soft == resource.RLIM_INFINITY else soft


class _Connection:
    __slots__ = ("address", "busy", "last", "served", "transport")

    def __init__(self, transport: asyncio.BaseTransport, address: str, now: float) -> None:
        self.transport = transport
        self.address = address
        self.last = now  # when it opened or last finished an answer
        self.busy = 0  # requests in a handler right now
        self.served = 0

    def close(self) -> None:
        if not self.transport.is_closing():
            abort = getattr(self.transport, "abort", None)
            (abort or self.transport.close)()  # no lingering: the socket is freed at once


class _Watched(asyncio.Protocol):
    """aiohttp's protocol for one connection, made only once the guard lets it in: a
    connection refused at the door costs an accept and a close, nothing of aiohttp's."""

    def __init__(self, make: Callable[[], Any], guard: ConnectionGuard) -> None:
        self.make = make
        self.guard = guard
        self.inner: Any = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self.guard.opened(transport):
            self.inner = self.make()
            self.inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.inner is not None:
            self.guard.lost(self.inner.transport)
            self.inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.inner is not None:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        result: bool | None = self.inner.eof_received() if self.inner is not None else None
        return result

    def pause_writing(self) -> None:
        if self.inner is not None:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.inner is not None:
            self.inner.resume_writing()


class ConnectionGuard:
    """Counts and trims the server's connections (all on the server's event loop)."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._open: dict[int, _Connection] = {}  # id(transport) -> connection, oldest first
        # address -> its connections, oldest first: an attack from one address is trimmed
        # by looking at that address's few connections, not at everyone's.
        self._by_address: dict[str, dict[int, _Connection]] = {}
        self.closed_idle = 0  # connections closed by the caps or the timeouts
        self.refused = 0  # connections closed at once: caps reached and none idle

    def protocol_factory(self, make: Callable[[], Any]) -> Callable[[], asyncio.Protocol]:
        return lambda: _Watched(make, self)

    def __len__(self) -> int:
        return len(self._open)

    def count(self, address: str) -> int:
        return len(self._by_address.get(address, ()))

    def opened(self, transport: asyncio.BaseTransport) -> bool:
        """A new connection: True if it may stay (older idle ones may go for it)."""
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if peer else ""
        connection = _Connection(transport, address, self.clock())
        mine = self._by_address.get(address, {})
        if (len(mine) >= self.limits.per_address and not self._close_oldest_idle(mine)) or (
            len(self._open) >= self.limits.total and not self._close_oldest_idle(self._open)
        ):
            self.refused += 1
            connection.close()
            return False
        self._open[id(transport)] = connection
        self._by_address.setdefault(address, {})[id(transport)] = connection
        return True

    def _close_oldest_idle(self, among: dict[int, _Connection]) -> bool:
        """Close the idle connection that has waited longest (opened or last answered)."""
        oldest = None
        for connection in among.values():
            if connection.busy == 0 and (oldest is None or connection.last < oldest.last):
                oldest = connection
        if oldest is None:
            return False
        self._drop(oldest)
        return True

    def _drop(self, connection: _Connection) -> None:
        self._forget(connection.transport)
        self.closed_idle += 1
        connection.close()

    def _forget(self, transport: asyncio.BaseTransport) -> None:
        connection = self._open.pop(id(transport), None)
        if connection is not None:
            mine = self._by_address.get(connection.address, {})
            mine.pop(id(transport), None)
            if not mine:
                self._by_address.pop(connection.address, None)

    def lost(self, transport: asyncio.BaseTransport | None) -> None:
        if transport is not None:
            self._forget(transport)

    def started(self, transport: asyncio.BaseTransport | None) -> None:
        """A complete request reached a handler."""
        connection = self._open.get(id(transport)) if transport is not None else None
        if connection is not None:
            connection.busy += 1

    def finished(self, transport: asyncio.BaseTransport | None) -> None:
        connection = self._open.get(id(transport)) if transport is not None else None
        if connection is not None:
            connection.busy = max(0, connection.busy - 1)
            connection.served += 1
            connection.last = self.clock()

    def sweep(self) -> None:
        """Close the connections that waited too long for a request (run every second)."""
        now = self.clock()
        for connection in list(self._open.values()):
            if connection.busy:
                continue
            limit = self.limits.idle_timeout if connection.served else self.limits.header_timeout
            if now - connection.last >= limit:
                self._drop(connection)
